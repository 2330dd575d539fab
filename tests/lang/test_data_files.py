"""The data files: each says when it was written and where it comes from, and they agree with each other."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from storyline import lang

TABLES = ("agencies", "people", "exonyms", "seats", "demonyms")


@pytest.mark.parametrize("name", TABLES)
def test_every_table_is_dated_and_sourced(name: str) -> None:
    with resources.files("storyline.lang").joinpath("data", f"{name}.json").open(encoding="utf-8") as f:
        doc = json.load(f)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["as_of"])
    assert doc["source"] and doc["about"]
    assert lang.load_table(name) == doc["entries"] and doc["entries"]


def test_names_are_listed_once_and_seats_and_demonyms_name_listed_countries() -> None:
    names = [p["name"] for p in lang.load_table("people")] + [e["name"] for e in lang.load_table("exonyms")]
    assert len(names) == len(set(names))
    assert {e["label"] for e in lang.load_table("exonyms")} <= {"LOC", "ORG"}
    places = {e["name"] for e in lang.load_table("exonyms")}
    assert set(lang.load_table("seats").values()) <= places
    assert set(lang.load_table("demonyms").values()) <= places
    for canon, spellings in lang.load_table("agencies").items():
        assert spellings and all(isinstance(s, str) and s for s in spellings), canon

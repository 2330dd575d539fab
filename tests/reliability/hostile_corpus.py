"""A corpus of hostile records: what a careless or malicious producer sends.

Each case is one JSONL line and what must happen to it: ``"reject"`` (an
``InputProblem`` whose reason contains ``expect``) or ``"store"`` (an
article, its text cleaned).  The good records of the same run must all be
stored whatever the hostile ones do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

__all__ = ["Case", "CASES", "GOOD_TEXT", "hostile_lines", "good_lines"]

GOOD_TEXT = (
    "The harbour authority of Valmont said on Tuesday that the northern pier would close for repairs "
    "after a storm damaged its foundations. Engineers found cracks in three of the pillars, a spokesman said. "
    "Ferries will use the southern pier until the work is finished, probably in March."
)


@dataclass(frozen=True)
class Case:
    name: str
    line: str
    outcome: str  # "reject" | "store"
    expect: str = ""  # a word of the rejection's reason, or of the stored text


def _rec(**kw: object) -> str:
    return json.dumps(kw, ensure_ascii=False)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


CASES: list[Case] = [
    Case("nested-1000-metadata", '{"id": "deep1", "text": "Some text.", "x": ' + _nested(1000) + "}", "reject", "deep"),
    Case("nested-100000-line", _nested(100_000), "reject", "deep"),
    Case("nested-40-object", '{"id": "deep3", "text": "Some text.", "x": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}",
         "reject", "deep"),
    Case("id-object", _rec(id={"a": 1}, text=GOOD_TEXT), "reject", "'id'"),
    Case("id-bool", _rec(id=True, text=GOOD_TEXT), "reject", "'id'"),
    Case("title-list", _rec(id="tl", title=["a", "b"], text=GOOD_TEXT), "reject", "'title'"),
    Case("text-number", _rec(id="tn", text=5), "reject", "'text'"),
    Case("published-object", _rec(id="po", text=GOOD_TEXT, published={"y": 2025}), "reject", "'published'"),
    Case("not-an-object-number", "42", "reject", "not a JSON object"),
    Case("not-an-object-string", '"just a string"', "reject", "not a JSON object"),
    Case("null", "null", "reject", "not a JSON object"),
    Case("invalid-json", '{"id": "broken", "text": "unterminated', "reject", "invalid JSON"),
    Case("empty-object", "{}", "reject", "needs a non-empty"),
    Case("url-only", _rec(id="u", url="https://example.org/a"), "reject", "does not fetch"),
    Case("too-long", _rec(id="huge", text=("Word " * 70_000).strip()), "reject", "too long"),
    Case("nul-in-text", _rec(id="nul", title="Pier\u0000 closes", text=GOOD_TEXT.replace("Engineers", "Engi\u0000neers"),
                             outlet="Valmont\u0000 Post"), "store", "Engineers found"),
    Case("lone-surrogate", '{"id": "sur", "text": "' + GOOD_TEXT.replace("pillars", "pil\\ud800lars") + '"}',
         "store", "three of the pillars"),
    Case("line-separators", _rec(id="sep", text=GOOD_TEXT.replace("Engineers", "\u2028Engineers").replace(
        "Ferries", "\u0085Ferries"), title="Pier\u2029closes"), "store", "cracks in three"),
    Case("huge-title", _rec(id="bigtitle", title="Harbour " * 250_000, text=GOOD_TEXT), "store", "northern pier"),
    Case("nan-metadata", '{"id": "nan", "text": "' + GOOD_TEXT + '", "score": NaN, "w": Infinity}', "store",
         "southern pier"),
    Case("huge-int-id", '{"id": ' + "9" * 40 + ', "text": "' + GOOD_TEXT + '"}', "store", "foundations"),
]


def hostile_lines() -> list[str]:
    return [c.line for c in CASES]


def good_lines(n: int) -> list[str]:
    """``n`` distinct, valid records (one short story each)."""
    places = ["Valmont", "Orvieto", "Kestrel Bay", "Lindholm", "Saint-Aubin", "Marrow", "Tessaly", "Brakel"]
    out = []
    for i in range(n):
        place = places[i % len(places)]
        text = GOOD_TEXT.replace("Valmont", place).replace("three", str(3 + i))
        out.append(_rec(id=f"good-{i}", title=f"{place} pier closes", text=text, outlet=f"{place} Courier"))
    return out

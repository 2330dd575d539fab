"""``storyline eval analysis``: the scoring rules on hand-built views, and the example corpus end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.cli import evaluate as _evaluate  # noqa: F401  (registers the eval commands)
from storyline.evaluation.analysis import (
    evaluate_corpus,
    fold_name,
    format_report,
    gold_kind,
    load_gold,
    named_sides,
    score_clustering,
    score_discrepancies,
    score_quotes,
    score_timeline,
    score_views,
    sides_consistent,
    sides_match,
)
from storyline.types import Discrepancy, Side

runner = CliRunner()


def _article(name: str) -> dict[str, Any]:
    """A view's article entry whose id differs from its name, as in the store (ids are text hashes)."""
    return {"id": f"id-{name}", "source_id": name}


def _ids(*names: str) -> list[str]:
    return [f"id-{n}" for n in names]


def _view(event: int, storyline: int, names: list[str], **analysis: Any) -> dict[str, Any]:
    view: dict[str, Any] = {"id": event, "storyline_id": storyline, "articles": [_article(n) for n in names]}
    for key in ("quotes", "timeline", "discrepancies"):
        view[key] = analysis.get(key, [])
    return view


def _disc(kind: str, *sides: list[str], about: str = "") -> dict[str, Any]:
    return {
        "kind": kind,
        "about": about,
        "sides": [{"value": str(i), "articles": _ids(*s)} for i, s in enumerate(sides)],
    }


# -- the matching rule ---------------------------------------------------------------------------


def test_sides_match_needs_half_of_each_gold_side_on_its_own_side() -> None:
    gold = [{"a", "b", "c", "d"}, {"e"}]
    assert sides_match([{"a", "b"}, {"e", "x"}], gold)  # 2 of 4 is half
    assert sides_match([{"e"}, {"a", "b", "c"}], gold)  # side order does not matter
    assert not sides_match([{"a"}, {"e"}], gold)  # 1 of 4
    assert not sides_match([{"a", "b", "e"}], gold)  # one reported side cannot stand for two gold sides
    assert not sides_match([{"a", "b"}, {"c", "d"}], gold)


def test_sides_consistent_is_a_partial_report() -> None:
    gold = [{"a", "b", "c"}, {"d", "e"}]
    assert sides_consistent([{"a"}, {"d"}], gold)
    assert not sides_consistent([{"a"}, {"b"}], gold)  # both sides in one gold side
    assert not sides_consistent([{"a", "d"}, {"e"}], gold)  # a side straddling the gold sides


def test_named_sides_reads_records_and_json() -> None:
    names = {"id-1": "001.txt", "id-2": "feed-x"}
    record = Discrepancy(kind="number", about="", sides=[Side("14", ["id-1"]), Side("19", ["id-2", "id-9"])])
    from storyline.types import to_json

    assert named_sides(record, names) == [{"001.txt"}, {"feed-x", "id-9"}]
    assert named_sides(to_json(record), names) == named_sides(record, names)


def test_gold_kind_and_name_folding() -> None:
    assert gold_kind("claim disputed") == "claim_disputed"
    assert gold_kind("reversal over time") == "reversal"
    assert gold_kind("Number") == "number"
    assert gold_kind("made up") == "made_up"  # names no reported kind: matches nothing
    assert fold_name("Kim Jong-un") == fold_name("KIM  jong un") == "kim jong un"
    assert fold_name("Nathalie Krébs") == fold_name("nathalie krebs")
    assert fold_name("Kim Jong-un") != fold_name("Kim Yo-jong")
    assert fold_name(None) == ""


# -- scores on hand-built views ------------------------------------------------------------------

GOLD: dict[str, Any] = {
    "events": {"E1": {"articles": ["a", "b", "c"]}, "E2": {"articles": ["d", "e"]}},
    "storylines": {"S1": {"events": ["E1", "E2"]}},
    "discrepancies": [
        {"id": "D1", "kind": "number", "sides": {"14": ["a", "b"], "19": ["c"]}},
        {"id": "D2", "kind": "reversal over time", "sides": {"denied": ["a"], "confirmed": ["d", "e"]}},
        {"id": "D3", "kind": "place", "sides": {"here": ["a", "b"], "there": ["c"]}},
    ],
    "non_discrepancies": [
        {"kind": "unit", "articles": ["d", "e"], "what": "depth in km and m"},
        {"kind": "place_name", "articles": ["a", "b"], "what": "one town, two names"},
    ],
    "timeline": [
        {"when": "2025-03-11", "articles": ["a", "b", "c"], "what": "the quake"},
        {"when": "2024-06", "articles": ["a", "d"], "what": "the treaty"},
        {"when": "2024 summer", "articles": ["b"], "what": "the incursion"},
        {"when": "2019", "articles": ["d"], "what": "the founding"},
    ],
    "shared_quotes": [
        {"speaker": "Kim Jong-un", "quote": "heroes", "articles": ["a", "d"], "paraphrased_in": ["b"]},
        {"speaker": "Rosa Villanueva", "quote": "rubble", "articles": ["c"], "translated_in": ["e"]},
    ],
}


def _views() -> list[dict[str, Any]]:
    reversal = _disc("reversal", ["a"], ["d", "e"])  # spans both events: in both views
    timeline = [
        {"date": "2025-03-11", "articles": _ids("a", "c"), "text": "quake"},
        {"date": "2024", "articles": _ids("a", "d"), "text": "treaty, dated to the year only"},
        {"date": "2019", "articles": _ids("d"), "text": "founding"},
    ]
    kim = {"speaker": "Kim Jong-un", "text": "heroes"}
    return [
        _view(
            1,
            7,
            ["a", "b", "c"],
            discrepancies=[
                _disc("number", ["a", "b"], ["c"]),
                reversal,
                _disc("place", ["a"], ["b"], about="Vipiteno vs Sterzing"),  # a look-alike
                _disc("number", ["a"], ["c"], about="toll again"),  # within D1's sides: partial, not extra
            ],
            timeline=timeline,
            quotes=[
                {**kim, "articles": _ids("a"), "paraphrased_in": _ids("b")},
                {"speaker": "Villanueva", "text": "rubble", "articles": _ids("c"), "paraphrased_in": []},
            ],
        ),  # fmt: skip
        _view(
            2,
            7,
            ["d", "e"],
            discrepancies=[reversal, _disc("date", ["d"], ["e"], about="unplanted")],
            timeline=timeline,
            quotes=[{**kim, "articles": _ids("d"), "paraphrased_in": []}],
        ),  # fmt: skip
    ]


def test_discrepancies_found_once_extra_and_lookalikes() -> None:
    views = _views()
    names = {f"id-{n}": n for n in "abcde"}
    res = score_discrepancies(views, GOLD, names)
    assert [(g["id"], g["found"]) for g in res["gold"]] == [("D1", True), ("D2", True), ("D3", False)]
    assert res["reported"] == 5  # the reversal shown in both events counts once
    assert [x["about"] for x in res["extra"]] == ["Vipiteno vs Sterzing", "unplanted"]
    assert res["lookalikes_flagged"] == 1
    assert [bool(x["flagged_by"]) for x in res["lookalikes"]] == [False, True]


def test_timeline_exact_dates_and_sources() -> None:
    views = _views()
    res = score_timeline(views, GOLD, {f"id-{n}": n for n in "abcde"})
    by_when = {g["when"]: g for g in res["gold"]}
    assert by_when["2025-03-11"]["found"] and by_when["2025-03-11"]["cited"] == ["a", "c"]
    assert by_when["2025-03-11"]["missing"] == ["b"]
    assert not by_when["2024-06"]["found"]  # "2024" is not "2024-06"
    assert by_when["2019"]["found"]
    assert res["not_scorable"] == ["2024 summer"]
    assert (res["found"], res["total"], res["sources_cited"], res["gold_sources"]) == (2, 3, 3, 6)
    assert res["reported_entries"] == 3 and res["storylines"] == 1  # one storyline-wide timeline


def test_timeline_ignores_stories_without_the_facts_articles() -> None:
    views = _views()
    views.append(_view(3, 8, ["x"], timeline=[{"date": "2024-06", "articles": _ids("a", "d"), "text": ""}]))
    res = score_timeline(views, GOLD, {f"id-{n}": n for n in "abcdex"})
    assert not next(g for g in res["gold"] if g["when"] == "2024-06")["found"]


def test_quotes_put_back_together_across_events_and_speaker_folded() -> None:
    views = _views()
    res = score_quotes(views, GOLD, {f"id-{n}": n for n in "abcde"})
    kim, rosa = res["gold"]
    assert kim["found"] and kim["cited"] == ["a", "b", "d"]  # cut over two event views, cited in both
    assert not rosa["found"] and not rosa["attributed"]  # "Villanueva" alone is another name
    views[0]["quotes"][1]["speaker"] = "rosa  VILLANUEVA"
    res = score_quotes(views, GOLD, {f"id-{n}": n for n in "abcde"})
    assert res["gold"][1]["found"] and res["gold"][1]["missing"] == ["e"]
    assert (res["found"], res["articles_cited"], res["gold_articles"]) == (2, 4, 5)


def test_clustering_bcubed_and_missing_articles() -> None:
    views = _views()
    res = score_clustering(views, GOLD, {f"id-{n}": n for n in "abcde"})
    assert res["events"]["f1"] == 1.0 and res["storylines"]["f1"] == 1.0 and res["missing"] == []
    merged = [_view(1, 1, ["a", "b", "c", "d"])]  # e never stored, d put with E1
    res = score_clustering(merged, GOLD, {f"id-{n}": n for n in "abcd"})
    assert res["missing"] == ["e"]
    assert res["events"]["p"] < 1.0 and res["events"]["r"] < 1.0
    assert res["storylines"]["p"] == 1.0 and res["storylines"]["r"] < 1.0


def test_report_names_figures_and_misses() -> None:
    result = score_views(_views(), GOLD)
    result.update(corpus="toy", inputs=5, added=5, skipped=0, rejected=[], seconds_pipeline=1.0,
                  seconds_views=0.1, stage_seconds={"embed": 0.5})  # fmt: skip
    text = format_report(result)
    assert "planted found 2/3" in text and "missed D3 place" in text
    assert "facts found 2/3" in text and "not scorable: '2024 summer'" in text
    assert "look-alikes flagged 1/2" in text and "shared quotes found 1/2" in text
    assert format_report({"toy": result, "again": result}).count("analysis evaluation: toy") == 2


# -- bad input -----------------------------------------------------------------------------------


def test_bad_gold_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no gold.json"):
        load_gold(tmp_path)
    (tmp_path / "gold.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(ValueError, match="not JSON"):
        load_gold(tmp_path)
    (tmp_path / "gold.json").write_text(json.dumps({"timeline": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="no 'events'"):
        load_gold(tmp_path)
    (tmp_path / "gold.json").write_text(
        json.dumps({"events": {}, "timeline": [{"when": "2024"}]}), encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"timeline\[0\] needs 'when', 'articles'"):
        load_gold(tmp_path)
    with pytest.raises(ValueError, match="no such directory"):
        evaluate_corpus(tmp_path / "nowhere")


def test_cli_without_corpus_or_with_broken_gold_fails_cleanly(tmp_path: Path) -> None:
    out = runner.invoke(
        app, ["eval", "analysis", "--seeds", str(tmp_path / "a"), "--examples", str(tmp_path / "b")]
    )
    assert out.exit_code == 1 and "no corpus with a gold.json" in out.output
    (tmp_path / "gold.json").write_text("[]", encoding="utf-8")
    out = runner.invoke(
        app, ["eval", "analysis", "--seeds", str(tmp_path), "--examples", str(tmp_path / "b")]
    )
    assert out.exit_code == 1 and "expected a JSON object" in out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)


# -- the example corpus end to end ---------------------------------------------------------------


@pytest.mark.slow
def test_examples_end_to_end(examples_dir: Path, tmp_path: Path) -> None:
    """The figures tests/analysis asserts on the example corpus, as a user sees them after analyze."""
    if not (examples_dir / "gold.json").is_file():
        pytest.skip("the example corpus has no gold.json")
    res = evaluate_corpus(examples_dir, db=tmp_path / "examples.db")
    assert not res["rejected"] and res["added"] == res["inputs"]
    disc = res["discrepancies"]
    # Measured: 12/12 planted found, 0 extra of 13 reported, 0/17 look-alikes flagged.
    assert disc["total"] >= 12 and disc["found"] == disc["total"], [g for g in disc["gold"] if not g["found"]]
    assert disc["lookalikes_flagged"] == 0, [x for x in disc["lookalikes"] if x["flagged_by"]]
    assert len(disc["extra"]) <= 1, disc["extra"]
    tl = res["timeline"]
    # Measured: 27/27 facts, 86/97 sources.
    assert tl["found"] >= 0.9 * tl["total"] and tl["sources_cited"] >= 0.75 * tl["gold_sources"]
    assert res["stories"] >= len(load_gold(examples_dir)["storylines"])
    text = format_report(res)
    assert f"planted found {disc['found']}/{disc['total']}" in text

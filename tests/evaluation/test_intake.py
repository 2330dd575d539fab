"""The intake gate: real piles get in (SemEval dev texts, ECB+ dev as records and headlines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.intake import evaluate_pile, format_pile_report, headline_of

# Measured on the shared data (storyline eval extraction --pile ...): SemEval
# dev 17 of 2,419 texts rejected (0.70%, all bot checks, ad-blocker walls or consent notices),
# median share of words kept 1.000; ECB+ dev 0 rejected in every view.
MAX_SEMEVAL_REJECTED_SHARE = 0.01
MIN_SEMEVAL_MEDIAN_KEPT = 0.95
# The kinds a SemEval rejection may have: pages that are truly not articles.
WALL_REASONS = ("not an article (",)


def test_headline_of_skips_a_leading_date() -> None:
    assert headline_of("Thursday, December 11, 2008\nRed Sox make offer\nBody.") == ("Red Sox make offer", "Body.")
    assert headline_of("Only line") == ("Only line", "")
    assert headline_of("\n\n") == ("", "")


def test_a_small_pile_reports_each_rejection(tmp_path: Path) -> None:
    pile = tmp_path / "pile.jsonl"
    recs = [
        {"id": "a", "text": "Dockers strike in Lisbon\nThe dockers walked out on Tuesday over pay, the union said."},
        {"id": "b", "text": "https://example.com/only-a-link"},
    ]
    pile.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    views = evaluate_pile(pile)["views"]
    assert views["records"]["rejected"] == 1
    assert views["records"]["rejections"][0]["id"] == "b"
    assert "does not fetch pages" in views["records"]["rejections"][0]["reason"]
    assert views["headlines as title-only records"]["rejected"] == 0
    assert "rejected b: a list of 1 URL" in format_pile_report(evaluate_pile(pile))


@pytest.mark.slow
def test_semeval_dev_texts_get_in(shared_data: Path) -> None:
    v = evaluate_pile(shared_data / "semeval2022-task8-dev.csv")["views"]["scraped texts"]
    assert v["inputs"] > 2000
    assert v["rejected_share"] <= MAX_SEMEVAL_REJECTED_SHARE, v["rejection_kinds"]
    assert all(r["reason"].startswith(WALL_REASONS) for r in v["rejections"]), v["rejections"]
    assert v["kept_word_share_median"] >= MIN_SEMEVAL_MEDIAN_KEPT


@pytest.mark.slow
def test_ecbplus_records_headlines_and_feed_items_get_in(shared_data: Path) -> None:
    views = evaluate_pile(shared_data / "ecbplus-dev.jsonl")["views"]
    assert set(views) == {
        "records",
        "headlines as scraped text",
        "headlines as title-only records",
        "RSS-style title + description",
    }
    for name, v in views.items():
        assert v["inputs"] == 772 and v["rejected"] == 0, (name, v["rejections"][:5])
    assert views["headlines as title-only records"]["short"] == 772

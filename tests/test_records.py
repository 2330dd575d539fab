"""Structured records: the field names feeds and scrapers use, dates, refusals."""

from __future__ import annotations

from storyline.records import normalise_date, record_to_document
from storyline.types import InputProblem, RawDocument


def _doc(rec: dict) -> RawDocument:
    doc = record_to_document(rec, origin="feed:1", default_id="feed:1")
    assert isinstance(doc, RawDocument), doc
    return doc


def test_feed_field_names_are_read() -> None:
    doc = _doc(
        {
            "guid": "item-7",
            "headline": "Port strike enters third day",
            "summary": "Dockers kept the terminals closed.",
            "link": "https://example.com/strike",
            "pubDate": "Tue, 03 Jun 2025 09:39:21 GMT",
            "source": {"id": "ex", "name": "Example News"},
            "lang": "en",
            "category": "business",
        }
    )
    assert doc.source_id == "item-7" and doc.title == "Port strike enters third day"
    assert doc.description == "Dockers kept the terminals closed." and doc.text is None
    assert doc.url == "https://example.com/strike" and doc.outlet == "Example News" and doc.language == "en"
    assert doc.published == "2025-06-03T09:39:21+00:00"
    assert doc.metadata == {"category": "business"} and doc.structured


def test_text_aliases_and_html_in_a_text_field() -> None:
    assert _doc({"body": "Plain body text."}).text == "Plain body text."
    doc = _doc({"content": [{"type": "text/html", "value": "<p>Para one.</p><p>Para &amp; two.</p>"}]})
    assert doc.text == "Para one.\nPara & two." and doc.html is None  # a fragment: its text, paragraph by line
    assert _doc({"id": 5, "text": "x"}).source_id == "5"


def test_dates_of_every_common_form() -> None:
    assert normalise_date("2025-04-28") == "2025-04-28"
    assert normalise_date("2025-04") == "2025-04"
    assert normalise_date("2025-04-28T10:00:00Z") == "2025-04-28T10:00:00+00:00"
    assert normalise_date(1745834400) == "2025-04-28T10:00:00+00:00"
    assert normalise_date(1745834400000) == "2025-04-28T10:00:00+00:00"  # milliseconds
    assert normalise_date("yesterday-ish") is None and normalise_date(12) is None
    doc = _doc({"text": "x", "date": "not a date"})
    assert doc.published is None and doc.metadata["published_unparsed"] == "not a date"


def test_records_without_a_body_are_refused_with_a_reason() -> None:
    url_only = record_to_document({"id": "u", "link": "https://example.com/a"}, origin="f:2", default_id="f:2")
    assert isinstance(url_only, InputProblem)
    assert url_only.reason.startswith("only a URL (https://example.com/a): storyline does not fetch pages")
    empty = record_to_document({"id": "e", "title": "  "}, origin="f:3", default_id="f:3")
    assert isinstance(empty, InputProblem) and "needs a non-empty" in empty.reason
    wrong = record_to_document({"title": ["a", "b"]}, origin="f:4", default_id="f:4")
    assert isinstance(wrong, InputProblem) and wrong.reason == "'title' must be a string, not an array"

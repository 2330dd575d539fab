"""RSS and Atom files: one structured record per item."""

from __future__ import annotations

from pathlib import Path

from storyline.extraction import extract_document
from storyline.ingest import read_inputs
from storyline.types import InputProblem, RawDocument

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Times</title><link>https://harbour.example</link>
<item><title>Dockers strike in Lisbon</title><link>https://harbour.example/a?utm_source=rss</link>
<guid>harbour-a</guid><pubDate>Tue, 03 Jun 2025 09:39:21 GMT</pubDate>
<description>&lt;p&gt;Dockers walked out on Tuesday over pay, the union said.&lt;/p&gt;</description></item>
<item><title>Cranes idle at the northern quay</title><link>https://harbour.example/b</link></item>
<item><link>https://harbour.example/only-a-link</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Le Quotidien maritime</title>
<entry><title>Grève des dockers à Lisbonne</title><id>urn:qm:1</id><updated>2025-06-03T10:00:00Z</updated>
<link href="https://qm.example/1"/>
<content type="html">&lt;p&gt;Les dockers du port de Lisbonne ont cessé le travail mardi pour réclamer des
hausses de salaire, selon le syndicat, qui promet de poursuivre le mouvement jusqu'à vendredi.&lt;/p&gt;</content>
</entry></feed>"""


def _read(tmp_path: Path, name: str, body: str) -> list[RawDocument | InputProblem]:
    f = tmp_path / name
    f.write_text(body, encoding="utf-8")
    return list(read_inputs([f]))


def test_rss_items_are_records_with_the_channel_as_outlet(tmp_path: Path) -> None:
    items = _read(tmp_path, "harbour.rss", RSS)
    docs = [d for d in items if isinstance(d, RawDocument)]
    problems = [p for p in items if isinstance(p, InputProblem)]
    assert [d.source_id for d in docs] == ["harbour-a", "https://harbour.example/b"]
    first = docs[0]
    assert first.structured and first.outlet == "Harbour Times" and first.title == "Dockers strike in Lisbon"
    assert first.published == "2025-06-03T09:39:21+00:00"
    ext = extract_document(first)
    assert ext.text == "Dockers strike in Lisbon\n\nDockers walked out on Tuesday over pay, the union said."
    assert ext.short
    assert extract_document(docs[1]).text == "Cranes idle at the northern quay"  # a headline alone
    [prob] = problems
    assert prob.origin.endswith("harbour.rss:item 3") and "does not fetch pages" in prob.reason


def test_atom_content_is_the_article_text(tmp_path: Path) -> None:
    [doc] = _read(tmp_path, "qm.atom", ATOM)
    assert isinstance(doc, RawDocument)
    assert doc.source_id == "urn:qm:1" and doc.outlet == "Le Quotidien maritime"
    assert doc.text is not None and "<p>" not in doc.text  # the fragment's tags are gone
    ext = extract_document(doc)
    assert "Les dockers du port de Lisbonne ont cessé le travail mardi" in ext.text
    assert ext.title == "Grève des dockers à Lisbonne"


def test_an_xml_file_that_is_no_feed_is_a_problem(tmp_path: Path) -> None:
    [prob] = _read(tmp_path, "data.xml", "<?xml version='1.0'?><catalog><book id='1'/></catalog>")
    assert isinstance(prob, InputProblem) and prob.reason.startswith(("not an RSS or Atom feed", "the feed has no items"))

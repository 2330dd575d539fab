"""A hand-built store (three stories, hostile strings in titles, texts and
analyses) that the store's read tests and the web tests share.  Built once
per session; each test gets a private copy."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from storyline.store import SQLStore, open_store
from storyline.types import Article, EventRecord, Line, StorylineRecord

HOSTILE = '<script>window.__pwned = 1; alert("x")</script><img src=x onerror="window.__pwned=2">'
JS_URL = "javascript:window.__pwned=3"


def _article(
    aid: str,
    source: str,
    *,
    outlet: str,
    lang: str,
    published: str,
    title: str,
    sentences: list[str],
    event_id: int,
    url: str | None = None,
    agencies: tuple[str, ...] = (),
    furniture: tuple[str, ...] = (),
) -> Article:
    lines = [Line(n=1, kind="title", text=title)]
    lines += [Line(n=i + 2, kind="body", text=s) for i, s in enumerate(sentences)]
    lines += [Line(n=len(lines) + 1 + i, kind="boilerplate", text=f) for i, f in enumerate(furniture)]
    return Article(
        id=aid,
        source_id=source,
        text="\n".join(sentences),
        title=title,
        language=lang,
        outlet=outlet,
        url=url,
        published=published,
        agencies=list(agencies),
        lines=lines,
        sentences=sentences,
        event_id=event_id,
        storyline_id=event_id,
    )


def _event_row(eid: int, title: str, arts: list[Article]) -> EventRecord:
    days = sorted(a.published[:10] for a in arts if a.published)
    return EventRecord(
        id=eid,
        storyline_id=eid,
        title=title,
        n=len(arts),
        centroid=None,
        languages=sorted({a.language for a in arts if a.language}),
        outlets=sorted({a.outlet for a in arts if a.outlet}),
        first_published=days[0] if days else None,
        last_published=days[-1] if days else None,
    )


WIRE = [
    "The harbour authority closed the northern quay on Monday after a crane collapsed.",
    "Three workers were injured, the authority said in a statement.",
    "Unions called for an inquiry into maintenance of the cranes.",
]
COPY = [
    "The harbour authority closed the northern quay on Monday after a crane collapsed.",
    "Five workers were injured, according to the fire brigade.",
    "Unions called for an inquiry into maintenance of the cranes.",
]
OTHER = [
    "Dockers stopped work at noon to protest against safety conditions.",
    HOSTILE + " The strike may spread to other ports.",
]
RAIN = ["Heavy rain flooded the valley roads overnight.", "Schools stayed closed on Tuesday."]


def fill(store: SQLStore) -> dict[str, Any]:
    """Stories 1 (harbour, 3 articles, analysed) and 2 (rain, 1 article)."""
    a1 = _article(
        "a1" * 8,
        "wire.txt",
        outlet="Harbour Wire",
        lang="en",
        published="2025-03-03",
        agencies=("AFP",),
        title="Crane collapse shuts quay",
        sentences=WIRE,
        event_id=1,
        url="https://example.org/wire",
        furniture=("Subscribe to our newsletter", "Photo: harbour authority"),
    )
    a2 = _article(
        "b2" * 8,
        "copy.txt",
        outlet="Daily Copy",
        lang="en",
        published="2025-03-04",
        title="Quay shut after crane accident",
        sentences=COPY,
        event_id=1,
        url=JS_URL,
    )
    a3 = _article(
        "c3" * 8,
        "hostile.html",
        outlet='Evil <b onmouseover="x">Times</b>',
        lang="fr",
        published="2025-03-05",
        title="Grève " + HOSTILE,
        sentences=OTHER,
        event_id=1,
    )
    b1 = _article(
        "d4" * 8,
        "rain.txt",
        outlet="Valley News",
        lang="en",
        published="2025-02-01",
        title="Floods in the valley",
        sentences=RAIN,
        event_id=2,
    )
    story1, story2 = [a1, a2, a3], [b1]
    for art in story1:
        store.save_article(
            art,
            vector=None,
            sentence_vectors=None,
            events=[_event_row(1, "Crane collapse shuts quay", story1)],
            storylines=[StorylineRecord(1, "Crane collapse shuts quay")],
        )
    store.save_article(
        b1,
        vector=None,
        sentence_vectors=None,
        events=[_event_row(2, "Floods in the valley", story2)],
        storylines=[StorylineRecord(2, "Floods in the valley")],
    )
    analysis = {
        "relations": [
            {
                "from": a1.id,
                "to": a2.id,
                "kind": "rewrite",
                "confidence": 0.91,
                "direction_certain": True,
                "passages": [
                    {
                        "from_span": [0, 1],
                        "to_span": [0, 1],
                        "kind": "identical",
                        "from_text": WIRE[0],
                        "to_text": COPY[0],
                    },
                    {
                        "from_span": [2, 3],
                        "to_span": [2, 3],
                        "kind": "identical",
                        "from_text": WIRE[2],
                        "to_text": COPY[2],
                    },
                ],
            },
            {
                "from": a1.id,
                "to": a3.id,
                "kind": "independent",
                "confidence": 0.8,
                "direction_certain": False,
                "passages": [],
            },
        ],
        "original_share": {a1.id: 1.0, a2.id: 0.34, a3.id: 1.0},
        "entities": [
            {
                "id": "org:harbour-authority",
                "name": "Harbour Authority",
                "kind": "ORG",
                "mentions": {a1.id: ["harbour authority"], a2.id: ["harbour authority"]},
            },
            {"id": "per:evil", "name": HOSTILE, "kind": "PER", "mentions": {a3.id: ["x"]}},
        ],
        "quotes": [],
        "quantities": [],
        "timeline": [
            {
                "date": "2025-03-03",
                "text": "A crane collapses; the northern quay is closed.",
                "articles": [a1.id, a2.id],
            },
            {"date": "2025-03-05", "text": "Dockers strike over safety. " + HOSTILE, "articles": [a3.id]},
        ],
        "summary": [
            {"sentence": "A crane collapse closed the harbour's northern quay.", "articles": [a1.id, a2.id]},
            {"sentence": "Dockers stopped work in protest. " + HOSTILE, "articles": [a3.id]},
        ],
        "discrepancies": [
            {
                "kind": "number",
                "about": "workers injured",
                "confidence": 0.8,
                "sides": [
                    {
                        "value": "3",
                        "articles": [a1.id],
                        "evidence": [{"article": a1.id, "sentence": WIRE[1]}],
                    },
                    {
                        "value": "5",
                        "articles": [a2.id],
                        "evidence": [{"article": a2.id, "sentence": COPY[1]}],
                    },
                ],
            },
        ],
    }
    store.save_analysis(1, analysis)
    return {"story": 1, "other": 2, "articles": [a.id for a in story1], "rain": b1.id}


@pytest.fixture(scope="session")
def _filled_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("web-template") / "web.db"
    store = open_store(path)
    try:
        ids = fill(store)
    finally:
        store.close()  # the last connection checkpoints the WAL into the file
    return path, ids


@pytest.fixture
def filled_db(tmp_path: Path, _filled_template: tuple[Path, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """A private copy of the filled store (built once per session: migrations are the slow part)."""
    template, ids = _filled_template
    path = tmp_path / "web.db"
    shutil.copyfile(template, path)
    return str(path), ids

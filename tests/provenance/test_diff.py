from __future__ import annotations

import pytest
from provenance_helpers import Meanings, make_article
from rich.console import Console

from storyline.provenance.align import align_articles
from storyline.provenance.diff import render_diff
from storyline.types import Passage


def _render(renderable: object) -> str:
    console = Console(record=True, width=160, color_system="truecolor")
    console.print(renderable)
    return console.export_text()


def _pair():  # type: ignore[no-untyped-def]
    m = Meanings(8)
    a, va = make_article(
        "aaaa",
        [
            ("Titre propre au premier site sur la grève du port.", "title-a"),
            ("Les dockers ont cessé le travail jeudi à six heures du matin.", "strike"),
            ("Aucun navire n'a été chargé de la journée au terminal.", "ships"),
        ],
        m,
        published="2025-03-06",
        agencies=["dpa"],
    )
    b, vb = make_article(
        "bbbb",
        [
            ("Un paragraphe d'introduction que seul le second site publie.", "intro-b"),
            ("Les dockers ont cessé le travail jeudi à six heures du matin.", "strike"),
            ("Pas un bateau n'a été chargé ou déchargé jeudi sur le quai principal.", "ships"),
        ],
        m,
    )
    return a, b, align_articles(a, b, va, vb)


def test_side_by_side_with_passages_marked() -> None:
    a, b, passages = _pair()
    assert {p.kind for p in passages} == {"identical", "paraphrase"}
    out = _render(render_diff(a, b, passages))
    assert "aaaa" in out and "bbbb" in out and "credit: dpa" in out
    assert "[identical]" in out and "[paraphrase]" in out
    # Unshared sentences are shown too, each on its own side.
    assert "Titre propre au premier site" in out and "seul le second site" in out
    # The identical sentence is printed once per column, on the same row.
    row = next(line for line in out.splitlines() if "[identical]" in line)
    assert row.count("[identical]") == 2
    assert "aligned sentences of A: identical 1, paraphrase 1" in out


def test_no_passages_and_bad_passages() -> None:
    a, b, _ = _pair()
    assert "no shared passage" in _render(render_diff(a, b, []))
    with pytest.raises(ValueError, match="outside article"):
        render_diff(a, b, [Passage(from_span=(0, 9), to_span=(0, 1), kind="identical")])
    with pytest.raises(ValueError, match="unknown passage kind"):
        render_diff(a, b, [Passage(from_span=(0, 1), to_span=(0, 1), kind="copy")])

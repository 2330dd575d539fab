"""Agencies, authors, outlet and dates read from labelled lines."""

from __future__ import annotations

from storyline.extraction.metadata import (
    find_agencies,
    find_authors,
    find_outlet,
    find_published,
    parse_date,
)
from storyline.types import Line


def L(*pairs: tuple[str, str]) -> list[Line]:
    return [Line(n=i + 1, kind=k, text=t) for i, (k, t) in enumerate(pairs)]


def test_agencies_from_wire_datelines_and_credits() -> None:
    assert find_agencies(
        L(("body", "SEOUL (Reuters) - North Korea fired a missile on Monday, officials said."))
    ) == ["Reuters"]
    assert find_agencies(L(("body", "BERLIN (dpa) - Die Bahn hat den Streik beendet."))) == ["dpa"]
    assert find_agencies(L(("body", "MADRID, 3 mar (EFE).- El Gobierno aprobó el decreto."))) == ["EFE"]
    assert find_agencies(L(("body", "Le gouvernement (AFP) a parlé."))) == []
    assert find_agencies(L(("credit", "Par Paul Martin avec AP"))) == ["AP"]
    assert find_agencies(L(("credit", "Article rédigé par la rédaction avec AFP"))) == ["AFP"]
    assert find_agencies(L(("credit", "(ANSA)"), ("credit", "Fonte: Xinhua"))) == ["ANSA", "Xinhua"]


def test_agencies_not_taken_from_body_mentions_or_captions() -> None:
    lines = L(
        ("caption", "Des soldats à Kiev, le 3 mars. (Sergei Ivanov / AFP)"),
        ("body", "Le président a démenti ces informations, a rapporté l'AFP lundi soir."),
        ("body", "Selon l'agence Yonhap, Séoul a convoqué l'ambassadeur."),
    )
    assert find_agencies(lines) == []


def test_authors_from_bylines() -> None:
    lines = L(
        ("credit", "By Jane Smith and Tom Brown, Europe correspondents"),
        ("credit", "Reporting by Ana Costa; Editing by Mark Lee"),
        ("credit", "Par Reuters"),
    )
    assert find_authors(lines) == ["Jane Smith", "Tom Brown", "Ana Costa"]
    assert find_authors(L(("credit", "Von Katrin Müller und Jens Holm"))) == ["Katrin Müller", "Jens Holm"]
    assert find_authors(L(("credit", "(Kim Lee; version française Paul Roy)"))) == ["Kim Lee"]


def test_outlet_when_the_page_names_itself() -> None:
    assert (
        find_outlet(L(("credit", "© Le Petit Observateur 2025 - Tous droits réservés")))
        == "Le Petit Observateur"
    )
    assert (
        find_outlet(L(("credit", "Copyright © 2024 The Daily Star. All rights reserved.")))
        == "The Daily Star"
    )
    assert find_outlet(L(("body", "Un texte."), ("credit", "example-news.cz"))) == "example-news.cz"
    assert find_outlet(L(("credit", "Article rédigé par lavoixdunord avec AFP"))) == "lavoixdunord"
    assert find_outlet(L(("boilerplate", "L'équipe de La Gazette Verte"))) == "La Gazette Verte"
    assert find_outlet(L(("credit", "Par La Gazette du Port avec AFP"))) == "La Gazette du Port"
    assert find_outlet(L(("credit", "By The Valley Star with Reuters"))) == "The Valley Star"
    assert find_outlet(L(("credit", "Par Jean Dupont avec AFP"))) is None
    assert find_authors(L(("credit", "Par La Gazette du Port avec AFP"))) == []
    assert find_outlet(L(("body", "Le maire a parlé."))) is None


def test_parse_date_formats() -> None:
    assert parse_date("Publié le 11/03/2025 à 14h05") == ("2025-03-11T14:05", "time")
    assert parse_date("Published 2 May 2025") == ("2025-05-02", "day")
    assert parse_date("March 4, 2024") == ("2024-03-04", "day")
    assert parse_date("Stand: 19. März 2025, 12:30 Uhr") == ("2025-03-19T12:30", "time")
    assert parse_date("martes 11 de marzo de 2025") == ("2025-03-11", "day")
    assert parse_date("16 marzo 2025") == ("2025-03-16", "day")
    assert parse_date("2024-09-17T19:05:00+02:00") == ("2024-09-17T19:05", "time")
    assert parse_date("31/02/2025") is None
    assert parse_date("no date here") is None


def test_published_prefers_dateline_then_weekday_check() -> None:
    lines = L(("dateline", "Mis à jour le 12 avril 2025"), ("body", "Le 3 janvier 2020, rien."))
    assert find_published(lines) == ("2025-04-12", 0.9, "day")
    # Monday 28 April is a Monday in 2025 only (among the years mentioned).
    weekday = L(
        ("body", "Le sommet s'est ouvert lundi 28 avril, un an après celui d'avril 2024 et avant 2025.")
    )
    date, conf, gran = find_published(weekday)
    assert date == "2025-04-28" and gran == "day" and 0 < conf < 0.9
    assert find_published(L(("body", "Il pleuvait mardi."))) == (None, 0.0, None)

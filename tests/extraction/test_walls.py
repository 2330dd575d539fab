"""Walls: recognised in many languages, never in news prose about them."""

from __future__ import annotations

import pytest

from storyline.extraction.shape import line_features, tokens
from storyline.extraction.walls import WALL_MAX_KEPT_WORDS, page_wall, wall_kind


def _kind(text: str) -> str | None:
    return wall_kind(text, line_features(text).n_words, tokens(text[:160].casefold()))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We use cookies to improve your experience on our website.", "cookie wall"),
        ("Wir verwenden auf unserer Webseite Cookies und pseudonyme Analysetechniken.", "cookie wall"),
        ("Ce site utilise des cookies pour vous offrir le meilleur service.", "cookie wall"),
        ("We noticed you're blocking ads!", "ad-blocker notice"),
        ("Wyłącz AdBlocka/uBlocka, aby czytać nasze artykuły.", "ad-blocker notice"),
        ("我们注意到您正在屏蔽广告！", "ad-blocker notice"),
        ("Please verify you are a human before continuing.", "bot check"),
        ("Przykro nam, ale z adresu IP z którego się łączysz odnotowaliśmy ogromną ilość połączeń.", "bot check"),
        ("Please log in to continue reading this article.", "log-in wall"),
        ("This article is reserved for subscribers: already a subscriber? Log in.", "subscription wall"),
        ("Réservé aux abonnés", "subscription wall"),
        ("Please enable JavaScript to view this page.", "JavaScript required"),
        ("404 - Page not found", "error page"),
        ("Access denied", "error page"),
    ],
)
def test_walls_are_recognised(text: str, kind: str) -> None:
    assert _kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Police said 404 people were arrested after the protests on Sunday.",
        "Journalists were denied access to the court, and the judge said access denied to the press was lawful.",
        "The EU's cookie policy rules were challenged by publishers in court last year, the paper said.",
        "The robot vacuum maker said sales rose by a third in the last quarter.",
        "Subscribers to the service will pay more from January, the company announced.",
    ],
)
def test_news_prose_about_the_same_words_is_not_a_wall(text: str) -> None:
    assert _kind(text) is None


def test_page_wall_weighs_the_wall_against_what_else_is_kept() -> None:
    lines = [("bot check", "We are sorry, but we recorded a huge amount of connections.", 11)]
    wall = page_wall(lines, kept_words_besides_title=4)
    assert wall is not None and wall.kind == "bot check"
    assert wall.reason().startswith("not an article (bot check): 'We are sorry")
    assert page_wall(lines, kept_words_besides_title=WALL_MAX_KEPT_WORDS) is None  # an article beside a banner
    assert page_wall([], kept_words_besides_title=0) is None


@pytest.mark.parametrize(
    "text",
    [
        "Um die Funktion unserer Website zu verbessern und die relevantesten Nachrichten anzuzeigen, sammeln wir "
        "technische anonymisierte Informationen über Sie.",
        "By continuing to browse this site you agree to our use of cookies and to our privacy policy.",
        "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de traceurs.",
        "Sie stimmen der Verarbeitung Ihrer persönlichen Informationen ausdrücklich zu.",
    ],
)
def test_consent_notices_are_walls(text: str) -> None:
    assert _kind(text) == "consent notice"


def test_news_about_consent_is_not_a_consent_notice() -> None:
    text = "The regulator said the website had failed to ask users for consent before tracking them, a ruling the company will appeal."
    assert _kind(text) is None

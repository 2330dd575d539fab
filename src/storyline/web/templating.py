"""The Jinja2 environment shared by the web pages and the HTML report.

Autoescaping is on for every template and no filter here returns markup:
article text, titles, outlet names and entity names are always escaped.
Links are only made from http(s) URLs (:func:`~storyline.web.present.safe_url`).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..store.search import split_marks
from .present import safe_url

__all__ = ["environment", "stylesheet", "TEMPLATES_DIR", "STATIC_DIR"]

TEMPLATES_DIR = resources.files("storyline.web") / "templates"
STATIC_DIR = resources.files("storyline.web") / "static"


def _pct(value: object) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "–"
    return f"{100 * float(value):.0f}%"


def _num(value: object, digits: int = 2) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return "–"
    return f"{float(value):.{digits}f}"


def _short_time(value: object) -> str:
    """ISO timestamp -> 'YYYY-MM-DD HH:MM' (the store keeps microseconds)."""
    if not isinstance(value, str):
        return "–"
    return value[:16].replace("T", " ")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["marks"] = split_marks
    env.filters["pct"] = _pct
    env.filters["num"] = _num
    env.filters["short_time"] = _short_time
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """Our own stylesheet's text, inlined into self-contained reports."""
    return (STATIC_DIR / "style.css").read_text(encoding="utf-8")

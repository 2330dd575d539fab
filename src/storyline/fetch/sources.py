"""``storyline follow SOURCES...``: URLs, files of URLs (one a line, ``#``
comments) and OPML subscription lists, into one list of source URLs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

__all__ = ["read_sources", "SourceError", "is_url"]


class SourceError(ValueError):
    """A SOURCES argument that is neither a URL nor a readable list of them."""


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _opml(path: Path) -> list[str]:
    try:
        root = etree.parse(str(path), parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise SourceError(f"{path}: not a readable OPML file ({exc})") from exc
    urls = [o.get("xmlUrl") or o.get("xmlurl") or "" for o in root.iter("outline")]
    return [u.strip() for u in urls if is_url(u.strip())]


def read_sources(args: Iterable[str]) -> list[str]:
    """Every source URL the arguments name, first mention first."""
    out: list[str] = []
    for arg in args:
        if is_url(arg):
            out.append(arg.strip())
            continue
        path = Path(arg)
        if not path.is_file():
            raise SourceError(f"{arg}: neither an http(s) URL nor a file of URLs")
        head = path.read_bytes()[:2048].lower()
        if path.suffix.lower() == ".opml" or b"<opml" in head:
            urls = _opml(path)
        else:
            lines = [ln.split("#", 1)[0].strip() if ln.lstrip().startswith("#") else ln.strip()
                     for ln in path.read_text(encoding="utf-8", errors="replace").splitlines()]  # fmt: skip
            bad = [ln for ln in lines if ln and not is_url(ln)]
            if bad:
                raise SourceError(f"{arg}: line {lines.index(bad[0]) + 1} is not an http(s) URL: {bad[0][:80]}")
            urls = [ln for ln in lines if ln]
        if not urls:
            raise SourceError(f"{arg}: names no source URL")
        out.extend(urls)
    return list(dict.fromkeys(out))

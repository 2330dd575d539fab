"""Stage 1, ingest: turn paths (files, directories, ``-`` for stdin) into
:class:`RawDocument` records, and bad inputs into :class:`InputProblem`.

Supported inputs: ``.txt`` (scraped page text), ``.html``/``.htm``, RSS and
Atom feeds (``.rss``, ``.atom``, ``.xml``: one record per item,
:mod:`storyline.feeds`), ``.jsonl``
(one record per line: ``text`` or ``html``, or only a ``title`` and a
``description``, with optional ``id``, ``url``, ``outlet``, ``published``,
``language``, under the names feeds and scrapers use, see
:mod:`storyline.records`; unknown keys are kept as metadata) and directories
(recursive, sorted so runs are reproducible).  Bytes of unknown encoding are
decoded as UTF-8 when they are UTF-8, else in the character set
charset-normalizer detects.

Nothing here raises on bad content: each rejected input yields one
``InputProblem`` with a one-line reason and the run goes on.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .feeds import FEED_SUFFIXES, read_feed
from .limits import MAX_JSON_DEPTH, json_depth
from .records import record_to_document
from .types import InputProblem, RawDocument

__all__ = ["read_inputs", "read_path", "decode_bytes", "decode", "json_lines", "parse_record", "SUPPORTED_SUFFIXES", "MAX_INPUT_BYTES"]

SUPPORTED_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl"}) | FEED_SUFFIXES
#: A news article is rarely over 200 kB of text; a page with inline assets can
#: reach a few MB.  Beyond 20 MB the input is almost surely not one article
#: (a dump, a binary, a log) and would cost minutes of model time: reject it.
MAX_INPUT_BYTES = int(os.environ.get("STORYLINE_MAX_INPUT_BYTES", 20 * 1024 * 1024))
#: Fraction of NUL/control bytes above which a file is treated as binary.
BINARY_CONTROL_RATIO = 0.01
#: Bytes read for charset detection: enough for charset-normalizer to be
#: sure (its own default reads chunks of this order), and it bounds the cost
#: of a multi-megabyte page.
DETECT_BYTES = 64 * 1024
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes) -> str:
    """Text of bytes of unknown encoding (see :func:`decode`)."""
    return decode(data)[0]


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding: ``(text, charset)``.

    UTF-8 (with or without BOM) and BOM-marked UTF-32 and UTF-16 first; otherwise the
    character set charset-normalizer finds most likely (Windows-1251 Russian,
    GBK Chinese, Shift-JIS...), and cp1252 / Latin-1 when it finds none.

    Raises ``ValueError`` for binary data (NUL or many control bytes).
    """
    # A byte-order mark names the encoding: UTF-16 and UTF-32 text is full of
    # NUL bytes, so it must be decoded before the binary check looks at it.
    # (UTF-32-LE's mark starts with UTF-16-LE's: test the longer one first.)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError:
                raise ValueError(f"not valid {enc} after its byte-order mark") from None
    head = data[:65536]
    if b"\x00" in head:
        raise ValueError("binary file (contains NUL bytes)")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and controls / len(head) > BINARY_CONTROL_RATIO:
        raise ValueError("binary file (control characters)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or ("<body" in head and "</" in head)


def read_inputs(
    paths: Iterable[str | Path], *, stdin: IO[bytes] | None = None
) -> Iterator[RawDocument | InputProblem]:
    """Yield documents and problems for every path, in a stable order."""
    for p in paths:
        if str(p) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_blob(stream.read(MAX_INPUT_BYTES + 1), name="stdin", origin="<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(
                f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
            )
            files = [f for f in files if not f.name.startswith(".") and f.name != "gold.json"]
            if not files:
                yield InputProblem(str(path), "directory holds no .txt, .html, .htm, .jsonl, .rss, .atom or .xml file")
            for f in files:
                yield from _guarded(f)
        elif path.exists():
            yield from _guarded(path)
        else:
            yield InputProblem(str(path), "no such file or directory")


def _guarded(path: Path) -> Iterator[RawDocument | InputProblem]:
    """:func:`read_path`, with any failure on one file made a problem of that file."""
    try:
        yield from read_path(path)
    except Exception as exc:  # noqa: BLE001 -- one file's failure must not end the run
        yield InputProblem(str(path), f"cannot read ({type(exc).__name__}: {str(exc)[:120]})")


def read_path(path: Path) -> Iterator[RawDocument | InputProblem]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            yield InputProblem(
                origin, f"file too large ({size / 1e6:.0f} MB > {MAX_INPUT_BYTES / 1e6:.0f} MB limit)"
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(origin, f"cannot read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(data, origin=origin)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(data, origin=origin, name=path.name)
    else:
        yield from _read_blob(data, name=path.name, origin=origin, html=suffix in {".html", ".htm"})


def _read_blob(
    data: bytes, *, name: str, origin: str, html: bool | None = None
) -> Iterator[RawDocument | InputProblem]:
    if len(data) > MAX_INPUT_BYTES:
        yield InputProblem(origin, f"input too large (> {MAX_INPUT_BYTES / 1e6:.0f} MB limit)")
        return
    if not data.strip():
        yield InputProblem(origin, "empty input")
        return
    try:
        text, charset = decode(data)
    except ValueError as exc:
        yield InputProblem(origin, str(exc))
        return
    if name == "stdin" and text.lstrip().startswith("{"):
        yield from _read_jsonl(data, origin=origin)
        return
    is_html = _looks_like_html(text) if html is None else html
    if is_html:
        yield RawDocument(source_id=name, origin=origin, html=text, charset=charset)
    else:
        yield RawDocument(source_id=name, origin=origin, text=text, charset=charset)


def json_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of JSONL text, split on ``\\n`` alone.

    JSON allows U+2028, U+2029, U+0085 and other separators inside strings
    (``str.splitlines`` would cut records there and miscount the lines)."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            yield lineno, line


def parse_record(line: str) -> dict[str, Any] | str:
    """One JSONL line as a record, or the one-line reason it is not one."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        return f"record nested too deep (over {MAX_JSON_DEPTH} levels)"
    if not isinstance(rec, dict):
        return f"not a JSON object (a JSON {_json_kind(rec)})"
    if json_depth(rec) > MAX_JSON_DEPTH:
        return f"record nested too deep (over {MAX_JSON_DEPTH} levels)"
    return rec


def _json_kind(v: object) -> str:
    if isinstance(v, list):
        return "array"
    if isinstance(v, str):
        return "string"
    if v is None:
        return "null"
    return "boolean" if isinstance(v, bool) else "number"


def _read_jsonl(data: bytes, *, origin: str) -> Iterator[RawDocument | InputProblem]:
    try:
        text, charset = decode(data)
    except ValueError as exc:
        yield InputProblem(origin, str(exc))
        return
    for lineno, line in json_lines(text):
        where = f"{origin}:{lineno}"
        try:
            rec = parse_record(line)
            if isinstance(rec, str):
                yield InputProblem(where, f"line {lineno}: {rec}")
                continue
            doc = record_to_document(rec, origin=where, default_id=f"{Path(origin).name}:{lineno}")
        except Exception as exc:  # noqa: BLE001 -- one record's failure must not end the run
            yield InputProblem(where, f"line {lineno}: cannot read the record ({type(exc).__name__}: {str(exc)[:120]})")
            continue
        if isinstance(doc, InputProblem):
            yield InputProblem(where, f"line {lineno}: {doc.reason}")
            continue
        doc.charset = charset
        yield doc

"""Stage 3, identify: one :class:`Article` per new publication.

Reads ``Batch.raws`` and ``Batch.extractions``; writes ``Batch.articles``,
``Batch.problems`` (inputs with no article text, with the reason extraction
gave) and ``Batch.skipped`` (publications already known).  Each article gets
its language (stated, else identified), its publication id and text hash
(:mod:`storyline.identity`), its sentences, and a publication date (stated,
else found in the page, else the latest date its text implies).

A publication is already known when its text comes again under the same
source id or the same URL, earlier in the batch or in the store; the store's
answer comes through ``IdentifyState.known``, so this stage never touches the
database itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import identity
from .limits import MAX_TITLE_CHARS, cut_title
from .models import Models
from .nlp import language
from .nlp.sentences import split_sentences
from .nlp.temporal import infer_published
from .types import Article, Batch, Extraction, InputProblem, RawDocument

__all__ = ["IdentifyState", "KnownPublications", "build_article", "run"]

#: text hash -> the stored publications of that text: [(id, source id, url)].
KnownPublications = Callable[[Iterable[str]], dict[str, list[tuple[str, str, str | None]]]]


@dataclass(slots=True)
class IdentifyState:
    known: KnownPublications  # the store's Store.known_publications, or a stand-in


def build_article(raw: RawDocument, ext: Extraction) -> Article:
    """The article of one extracted input: language, ids, sentences, date."""
    lang = raw.language or ext.language
    if not lang:
        lang, _conf = language.identify(ext.text)
    sentences = split_sentences(ext.text)
    title = raw.title or ext.title
    warnings = list(ext.warnings)
    if title is not None and len(title) > MAX_TITLE_CHARS:
        warnings.append(f"title cut to {MAX_TITLE_CHARS} characters (was {len(title):,})")
        title = cut_title(title)
    elif "title_cut_from" in raw.metadata:
        warnings.append(f"title cut to {MAX_TITLE_CHARS} characters (was {raw.metadata['title_cut_from']})")
    published, confidence = raw.published or ext.published, 1.0 if raw.published else ext.published_confidence
    if not published:
        # No stated date: the latest date the text itself implies (a
        # weak signal, kept with its lower confidence).
        published, confidence, _granularity = infer_published(ext.text, language=lang)
    digest = identity.text_hash(ext.text)
    return Article(
        id=identity.publication_id(digest, identity.publication_key(source_id=raw.source_id, url=raw.url)),
        text_hash=digest,
        short=ext.short,
        warnings=warnings,
        source_id=raw.source_id,
        text=ext.text,
        title=title,
        standfirst=ext.standfirst,
        language=lang,
        outlet=raw.outlet or ext.outlet,
        url=raw.url,
        published=published,
        published_confidence=confidence,
        authors=list(ext.authors),
        agencies=list(ext.agencies),
        lines=list(ext.lines),
        metadata=dict(raw.metadata),
        sentences=sentences,
    )


def _keys(digest: str, source_id: str, url: str | None) -> set[tuple[str, str]]:
    out = {(digest, "id:" + source_id)}
    if url:
        out.add((digest, identity.publication_key(source_id=source_id, url=url)))
    return out


def publication_keys(a: Article) -> set[tuple[str, str]]:
    """What makes a publication already known: its text under its source id or its URL."""
    return _keys(a.text_hash, a.source_id, a.url)


def run(batch: Batch, state: IdentifyState, *, models: Models) -> tuple[Batch, None]:
    del models
    articles: list[Article] = []
    seen: set[tuple[str, str]] = set()
    for raw, ext in zip(batch.raws, batch.extractions, strict=True):
        if not ext.text.strip():
            batch.problems.append(InputProblem(raw.origin, ext.reason or "no article text (empty)"))
            continue
        try:
            art = build_article(raw, ext)
        except Exception as exc:  # noqa: BLE001 -- per-record isolation: this input is rejected, not the batch
            batch.problems.append(InputProblem(raw.origin, f"cannot read the article ({type(exc).__name__}: {str(exc)[:120]})"))
            continue
        keys = publication_keys(art)
        if keys & seen:
            batch.skipped.append((raw.source_id, "same text under the same id or URL as another input of this run"))
            continue
        seen.update(keys)
        articles.append(art)
    known = state.known(a.text_hash for a in articles)
    for a in articles:
        stored = {k for _aid, sid, url in known.get(a.text_hash, ()) for k in _keys(a.text_hash, sid, url)}
        if stored & publication_keys(a):
            batch.skipped.append((a.source_id, "already stored"))
        else:
            batch.articles.append(a)
    return batch, None

"""Typed records shared by every stage.

All records are plain dataclasses so a stage can run unchanged inside a
Spark partition (they pickle) and so that ``dataclasses.asdict`` gives the
JSON contract of ``storyline show --json``.  Field names here *are* the
public JSON keys: rename with care.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # (annotations only: importing storyline.types loads no numpy)
    import numpy as np

__all__ = [
    "LineKind",
    "RelationKind",
    "DiscrepancyKind",
    "RawDocument",
    "InputProblem",
    "Line",
    "Extraction",
    "Article",
    "Passage",
    "Relation",
    "Entity",
    "Quote",
    "Quantity",
    "TimelineEntry",
    "SummarySentence",
    "Evidence",
    "Side",
    "Discrepancy",
    "StoryAnalysis",
    "Event",
    "StoryView",
    "EventRecord",
    "StorylineRecord",
    "StoryQuery",
    "Batch",
    "ClusterOutcome",
    "StoryBatch",
    "ArticleFacts",
    "SourceRecord",
    "UrlRecord",
    "to_json",
]

LineKind = Literal[
    "title", "standfirst", "subheading", "body", "caption", "credit", "dateline", "boilerplate", "blank"
]
#: Line kinds whose text is the article's own (kept in ``Extraction.text``).
KEPT_KINDS: frozenset[str] = frozenset({"title", "standfirst", "subheading", "body"})

RelationKind = Literal["duplicate", "wire_copy", "rewrite", "translation", "shares_quotes", "independent"]
DiscrepancyKind = Literal["place", "number", "date", "agent", "claim_disputed", "reversal"]


@dataclass(slots=True)
class RawDocument:
    """One input as read from disk/stdin, before any cleaning.

    At most one of ``text`` (scraped plain text) and ``html`` is set; a
    structured record may give neither and only a ``title`` and/or a
    ``description`` (a headline, a feed item).  ``source_id`` is what the
    user knows the input by: a file name or the JSONL ``id``.  ``origin``
    says where it came from for error messages.
    """

    source_id: str
    origin: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: A feed item's or record's summary (``description``, ``summary``,
    #: ``snippet``): the text of a short article when no body is given.
    description: str | None = None
    #: True for a structured record (a JSONL line, a REST API record), whose
    #: fields are trusted more than a scraped page's layout.
    structured: bool = False
    #: The character set the input's bytes were decoded from, when read from bytes.
    charset: str | None = None


@dataclass(slots=True)
class InputProblem:
    """An input that was rejected, with a one-line reason."""

    origin: str
    reason: str


@dataclass(slots=True)
class Line:
    n: int  # 1-based line number in the input text
    kind: str  # a LineKind
    text: str


@dataclass(slots=True)
class Extraction:
    """The cleaned article and its metadata (``storyline extract --json``)."""

    title: str | None = None
    standfirst: str | None = None
    text: str = ""
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or ISO datetime
    published_confidence: float = 0.0
    published_granularity: str | None = None  # "year" | "month" | "day" | "time"
    language: str | None = None
    lines: list[Line] = field(default_factory=list)
    mode: str = "text"  # "text" | "html" | "record"
    reason: str | None = None  # why ``text`` is empty, when it is
    #: A headline, or a headline with a snippet of a sentence or two (see
    #: ``extraction.SHORT_MAX_WORDS``): stored and clustered like any article.
    short: bool = False
    #: Doubts about a kept text ("no running prose: ...").
    warnings: list[str] = field(default_factory=list)
    #: Character set of the input's bytes, and the repairs made to its text.
    charset: str | None = None
    repairs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A cleaned, identified publication: the unit every later stage reads.

    The same text at two outlets (a wire story) is two articles with the same
    ``text_hash`` and their own ids (see :mod:`storyline.identity`)."""

    id: str  # the publication's id (see ``storyline.identity.publication_id``)
    source_id: str
    text: str
    title: str | None = None
    standfirst: str | None = None
    language: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    published_confidence: float = 0.0
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    sentences: list[str] = field(default_factory=list)
    event_id: int | None = None
    storyline_id: int | None = None
    text_hash: str = ""  # hash of the normalised text: equal for copies of one text
    short: bool = False  # a headline or a feed snippet (Extraction.short)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Passage:
    """Aligned spans: sentence index ranges [start, end) in each article."""

    from_span: tuple[int, int]
    to_span: tuple[int, int]
    kind: str  # "identical" | "near_identical" | "paraphrase" | "translation" | "quote"
    from_text: str = ""
    to_text: str = ""
    score: float = 0.0


@dataclass(slots=True)
class Relation:
    """How article ``to`` derives from article ``from_`` (``from`` in JSON)."""

    from_: str
    to: str
    kind: str  # a RelationKind
    confidence: float
    direction_certain: bool
    passages: list[Passage] = field(default_factory=list)
    via: str | None = None  # e.g. the agency name for a wire copy


@dataclass(slots=True)
class Entity:
    id: str  # stable key of the normalised entity, e.g. "per:kim-jong-un"
    name: str  # display name
    kind: str  # "PER" | "LOC" | "ORG" | "MISC"
    mentions: dict[str, list[str]] = field(default_factory=dict)  # article id -> surface forms


@dataclass(slots=True)
class Quote:
    speaker: str | None
    text: str
    articles: list[str]
    variants: dict[str, str] = field(default_factory=dict)  # article id -> its wording
    paraphrased_in: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quantity:
    value: float | None  # None for vague amounts ("plusieurs milliers")
    unit: str | None
    counts: str | None  # what is counted ("soldats", "containers")
    text: str  # the surface form in the article
    article: str
    low: float | None = None  # bounds for vague amounts
    high: float | None = None
    approx: bool = False
    source: str | None = None  # who states it ("autorités ukrainiennes")
    sentence: str = ""


@dataclass(slots=True)
class TimelineEntry:
    date: str  # "YYYY" | "YYYY-MM" | "YYYY-MM-DD"
    text: str
    articles: list[str]
    event_id: int | None = None


@dataclass(slots=True)
class SummarySentence:
    sentence: str
    articles: list[str]


@dataclass(slots=True)
class Evidence:
    article: str
    sentence: str


@dataclass(slots=True)
class Side:
    value: str
    articles: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Discrepancy:
    kind: str  # a DiscrepancyKind
    about: str
    sides: list[Side]
    confidence: float = 0.0


@dataclass(slots=True)
class StoryAnalysis:
    """Everything computed inside one event (or one storyline) of articles."""

    relations: list[Relation] = field(default_factory=list)
    original_share: dict[str, float] = field(default_factory=dict)
    unique_sentences: dict[str, list[str]] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    unique_claims: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class Event:
    id: int
    storyline_id: int
    title: str
    size: int = 0
    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_seen: str | None = None
    first_published: str | None = None
    last_published: str | None = None


@dataclass(slots=True)
class StoryView:
    """The contract of ``storyline show STORY_ID --json``."""

    id: int
    title: str
    storyline_id: int
    articles: list[dict[str, Any]]
    relations: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)
    discrepancies: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)  # the storyline's events
    unique_claims: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class EventRecord:
    """One event as the store keeps it: the clusterer's state of it (centroid
    bytes, features) and what its articles say (languages, outlets, dates)."""

    id: int
    storyline_id: int
    title: str
    n: int
    centroid: bytes | None  # float32, little-endian, the mean of the members' unit vectors
    features: dict[str, Any] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Which live stories to list, in what order: the story list, ``GET
    /api/stories``, ``storyline stories``.  The article filters keep a story
    when any of its articles matches (``until`` covers the whole of a day or
    month given as "2025-03")."""

    limit: int = 50
    offset: int = 0
    language: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    event_ids: tuple[int, ...] | None = None  # only these (the stories a search found)
    order: str = "recent"  # "recent" (newest activity first) or "size" (biggest first)


@dataclass(slots=True)
class StorylineRecord:
    id: int
    title: str = ""


@dataclass(slots=True)
class ArticleFacts:
    """What analysis needs of one article and can compute from it alone, computed once at
    ingest and stored (``article_facts``): the NER model's mentions per sentence (aligned with
    ``Article.sentences``; each ``(text, label, start, end)``, offsets in the sentence) and the
    quantities.  ``version`` names the models and rules that produced them
    (``storyline.analysis.facts.FACTS_VERSION``): facts of another version are stale and are
    recomputed when read."""

    article_id: str
    version: str
    mentions: list[list[tuple[str, str, int, int]]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)


@dataclass(slots=True)
class Batch:
    """One batch of inputs on its way through the batch stages (extract to
    cluster); each stage fills its own fields (see ``storyline.registry``)."""

    raws: list[RawDocument]
    extractions: list[Extraction] = field(default_factory=list)  # extract: one per raw
    articles: list[Article] = field(default_factory=list)  # identify: the new publications
    sentence_vectors: dict[str, np.ndarray] = field(default_factory=dict)  # embed: article id -> (n, dim)
    article_vectors: dict[str, np.ndarray] = field(default_factory=dict)  # embed: article id -> (dim,)
    minhashes: dict[str, np.ndarray] = field(default_factory=dict)  # dedup: article id -> signature
    duplicate_of: dict[str, str | None] = field(default_factory=dict)  # dedup: id of the copy's original
    problems: list[InputProblem] = field(default_factory=list)  # inputs rejected, each with its reason
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source id, why) of inputs already known
    facts: dict[str, ArticleFacts] = field(default_factory=dict)  # facts: article id -> its facts


@dataclass(slots=True)
class ClusterOutcome:
    """What the cluster stage changed, for the store to persist in one go."""

    events: list[EventRecord] = field(default_factory=list)  # every event whose row changed
    storylines: list[StorylineRecord] = field(default_factory=list)  # the storylines of those events
    merges: list[tuple[int, int]] = field(default_factory=list)  # (kept id, absorbed id), in order
    merged_storylines: list[StorylineRecord] = field(default_factory=list)  # every storyline, after merges
    moves: dict[str, int] = field(default_factory=dict)  # stored article id -> the event it moved to
    splits: list[tuple[int, int]] = field(default_factory=list)  # (kept id, new id) of reversal splits


@dataclass(slots=True)
class StoryBatch:
    """One storyline on its way through the storyline stages (provenance, analyse)."""

    storyline_id: int
    events: list[Event]
    articles: list[Article]
    sentence_vectors: dict[str, np.ndarray]
    relations: list[Relation] = field(default_factory=list)  # provenance
    original_share: dict[str, float] = field(default_factory=dict)  # provenance
    unique_sentences: dict[str, list[str]] = field(default_factory=dict)  # provenance
    views: dict[int, StoryAnalysis] = field(default_factory=dict)  # analyse: event id -> its view
    #: The stored facts of the articles (any version; stale or missing ones are recomputed).
    facts: dict[str, ArticleFacts] = field(default_factory=dict)
    #: analyse: facts it had to (re)compute, for the store to keep.
    new_facts: dict[str, ArticleFacts] = field(default_factory=dict)


@dataclass(slots=True)
class SourceRecord:
    """A followed source as the store keeps it (``storyline sources``, the web
    app's Sources page): what a conditional poll sends, its schedule, its health."""

    url: str
    kind: str = "unknown"  # feed, site, sitemap, page, or unknown before its first poll
    id: int | None = None
    feeds: list[str] = field(default_factory=list)  # a site's discovered feeds
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    interval: float = 900.0  # seconds between polls, adapted to how often it publishes
    next_poll: str = ""
    last_poll: str | None = None
    last_status: str | None = None  # "200", "304", "unchanged", "429", "error", ...
    last_new: str | None = None
    failures: int = 0  # consecutive
    last_error: str | None = None
    paused: bool = False
    polls: int = 0
    articles_added: int = 0


@dataclass(slots=True)
class UrlRecord:
    """An article URL the follower met (canonical form), and what became of it."""

    url: str
    status: str = "pending"  # pending, fetched, summary, rejected, failed, alias
    guid: str | None = None
    final_url: str | None = None
    item: dict[str, Any] | None = None  # the feed item's record (title, summary, date, outlet)
    article_id: str | None = None
    first_article_id: str | None = None
    revisions: int = 0
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    updated: str | None = None
    attempts: int = 0
    error: str | None = None
    first_seen: str | None = None
    last_fetched: str | None = None


def to_json(obj: Any) -> Any:
    """Dataclass -> JSON-ready structure; ``Relation.from_`` becomes ``from``."""
    if hasattr(obj, "__dataclass_fields__"):
        return _plain(obj)
    if isinstance(obj, list):
        return [to_json(o) for o in obj]
    return obj


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


#: Field names per dataclass (a type's fields never change while the process runs).
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """What ``dataclasses.asdict`` gives (``from_`` renamed ``from``), in one walk and without ``asdict``'s deep copies
    (which were a tenth of the pipeline's time on the 2,000-article benchmark)."""
    if hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type):
        return {("from" if k == "from_" else k): _plain(getattr(value, k)) for k in _field_names(type(value))}
    if isinstance(value, dict):
        return {("from" if k == "from_" else k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

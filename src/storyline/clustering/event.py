"""The mutable aggregate behind one event: sums and counts its articles add or remove.

An event is kept as the sum of its articles' vectors and, per signal
(entities, numbers, years, words, days, languages, outlets), how many of its
articles carry each key; adding an article with ``sign=-1`` takes it out
again, which is what moving an article between events and splitting an
event need.  :meth:`EventAggregate.profile` turns it into the
:class:`~storyline.clustering.model.Profile` the pair scorer reads, and
:meth:`EventAggregate.to_state` into the stored :class:`EventState`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np

from storyline.clustering.features import MAX_TOKENS, ArticleFeatures
from storyline.clustering.model import TOP_ENTITIES, Profile
from storyline.clustering.state import EventState, counter_of
from storyline.nlp.encoder import DIM

__all__ = ["EventAggregate", "MAX_EVENT_KEYS", "prune"]

#: Entity keys/numbers/years kept per event: keys are pruned to the most
#: frequent ones when a table exceeds twice this size, bounding memory per
#: event while keeping the keys that carry the overlap scores.
MAX_EVENT_KEYS = 200


def prune(counter: Counter[Any]) -> None:
    if len(counter) > 2 * MAX_EVENT_KEYS:
        keep = counter.most_common(MAX_EVENT_KEYS)
        counter.clear()
        counter.update(dict(keep))


class EventAggregate:
    """Mutable in-memory aggregate behind an :class:`EventState`."""

    __slots__ = (
        "id", "storyline_id", "sum", "n", "title", "entities", "numbers", "years", "latest", "months", "words", "days", "languages",
        "outlets", "tokens", "first_published", "last_published", "apart", "_profile",
    )  # fmt: skip

    def __init__(self, event_id: int, storyline_id: int) -> None:
        self.id = event_id
        self.storyline_id = storyline_id
        self.sum = np.zeros(DIM, dtype=np.float64)
        self.n = 0
        self.title = ""
        self.entities: Counter[str] = Counter()
        self.numbers: Counter[str] = Counter()
        self.years: Counter[int] = Counter()
        self.latest: Counter[int] = Counter()  # latest year mentioned by each article
        self.months: Counter[str] = Counter()
        self.words: Counter[str] = Counter()
        self.days: Counter[int] = Counter()
        self.languages: Counter[str] = Counter()
        self.outlets: Counter[str] = Counter()
        # Word tokens of its articles summed (an article of unknown length
        # counts MAX_TOKENS: a full text), for the scorer's brevity signal.
        self.tokens = 0
        self.first_published: str | None = None
        self.last_published: str | None = None
        # Events this one must never merge with: a split (other evidence than
        # the scorer) set them apart, and the scorer alone would merge them back.
        self.apart: set[int] = set()
        self._profile: Profile | None = None

    @classmethod
    def from_state(cls, state: EventState) -> EventAggregate:
        ev = cls(state.id, state.storyline_id)
        f = state.features
        ev.sum = state.centroid.astype(np.float64) * state.n
        ev.n = state.n
        ev.title = state.title
        ev.entities = counter_of(f.get("entities"))
        ev.numbers = counter_of(f.get("numbers"))
        ev.years = Counter(
            {int(k): v for k, v in counter_of(f.get("years")).items() if k.lstrip("-").isdigit()}
        )
        ev.latest = Counter({int(k): v for k, v in counter_of(f.get("latest")).items() if k.isdigit()})
        ev.months = counter_of(f.get("months"))
        ev.words = counter_of(f.get("words"))
        ev.days = Counter(
            {int(k): v for k, v in counter_of(f.get("days")).items() if k.lstrip("-").isdigit()}
        )
        ev.languages = counter_of(f.get("languages"))
        ev.outlets = counter_of(f.get("outlets"))
        tokens = f.get("tokens")
        ev.tokens = int(tokens) if isinstance(tokens, int | float) else state.n * MAX_TOKENS
        ev.first_published = f.get("first_published")
        ev.last_published = f.get("last_published")
        ev.apart = {int(e) for e in f.get("apart") or () if str(e).lstrip("-").isdigit()}
        return ev

    def to_state(self) -> EventState:
        return EventState(
            id=self.id,
            storyline_id=self.storyline_id,
            centroid=(self.sum / max(self.n, 1)).astype(np.float32),
            n=self.n,
            title=self.title,
            features={
                "entities": dict(self.entities.most_common(MAX_EVENT_KEYS)),
                "numbers": dict(self.numbers.most_common(MAX_EVENT_KEYS)),
                "years": {str(k): v for k, v in self.years.items()},
                "latest": {str(k): v for k, v in self.latest.items()},
                "months": dict(self.months),
                "words": dict(self.words.most_common(MAX_EVENT_KEYS)),
                "days": {str(k): v for k, v in self.days.items()},
                "languages": dict(self.languages),
                "outlets": dict(self.outlets),
                "tokens": self.tokens,
                "first_published": self.first_published,
                "last_published": self.last_published,
                **({"apart": sorted(self.apart)} if self.apart else {}),
            },
        )

    def unit(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.sum))
        return (self.sum / norm if norm else self.sum).astype(np.float32)

    def profile(self) -> Profile:
        if self._profile is None:
            days = [d for d, c in self.days.items() if c > 0]
            self._profile = Profile(
                n=self.n,
                centroid=self.unit(),
                entities=self.entities,
                numbers=self.numbers,
                years=self.years,
                latest=self.latest,
                months=self.months,
                words=self.words,
                top=tuple(k for k, _ in self.entities.most_common(TOP_ENTITIES)),
                first_day=min(days) if days else None,
                last_day=max(days) if days else None,
                languages=frozenset(k for k, c in self.languages.items() if c > 0),
                tokens=self.tokens / self.n if self.n > 0 else float(MAX_TOKENS),
            )
        return self._profile

    def add(self, item: ArticleFeatures, sign: int = 1) -> None:
        self.sum += sign * item.vector.astype(np.float64)
        self.n += sign
        self.tokens += sign * (MAX_TOKENS if item.tokens is None else item.tokens)
        tables: tuple[tuple[Counter[Any], Iterable[Any]], ...] = (
            (self.entities, item.entities),
            (self.numbers, item.numbers),
            (self.years, item.years),
            (self.months, item.months),
            (self.words, item.words),
            (self.latest, (max(item.years),) if item.years else ()),
            (self.days, () if item.day is None else (item.day,)),
            (self.languages, () if item.language is None else (item.language,)),
            (self.outlets, () if item.outlet is None else (item.outlet,)),
        )
        for counter, keys in tables:
            for key in keys:
                counter[key] += sign
                if counter[key] <= 0:
                    del counter[key]
        if sign > 0:
            if not self.title and item.title:
                self.title = item.title
            if item.published:
                if self.first_published is None or item.published < self.first_published:
                    self.first_published = item.published
                if self.last_published is None or item.published > self.last_published:
                    self.last_published = item.published
            prune(self.entities)
            prune(self.numbers)
            prune(self.words)
        self._profile = None

    def absorb(self, other: EventAggregate) -> None:
        self.sum += other.sum
        self.n += other.n
        self.tokens += other.tokens
        for mine, theirs in (
            (self.entities, other.entities),
            (self.numbers, other.numbers),
            (self.years, other.years),
            (self.latest, other.latest),
            (self.months, other.months),
            (self.words, other.words),
            (self.days, other.days),
            (self.languages, other.languages),
            (self.outlets, other.outlets),
        ):
            mine.update(theirs)  # type: ignore[arg-type]
        self.apart |= other.apart
        for p in (other.first_published, other.last_published):
            if p and (self.first_published is None or p < self.first_published):
                self.first_published = p
            if p and (self.last_published is None or p > self.last_published):
                self.last_published = p
        prune(self.entities)
        prune(self.numbers)
        prune(self.words)
        self._profile = None

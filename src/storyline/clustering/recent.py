"""The online clusterer's memory of its most recent articles.

The refine pass of :mod:`storyline.clustering.online` re-scores articles of
earlier batches, which needs their features and current event; an event
aggregate only keeps sums and counts.  This memory keeps the last ``cap``
articles (oldest evicted first), follows them through merges and moves, and
marks the ones a split placed (pinned: other evidence than the scorer put
them there, so the refine pass leaves them alone).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from storyline.clustering.features import ArticleFeatures

__all__ = ["RecentArticles"]


class RecentArticles:
    """The last ``cap`` articles seen, each with its current event."""

    def __init__(self, cap: int) -> None:
        if cap < 0:
            raise ValueError(f"recent must be >= 0, got {cap}")
        self.cap = cap
        self._items: OrderedDict[str, ArticleFeatures] = OrderedDict()
        self._event_of: dict[str, int] = {}
        self._members: dict[int, set[str]] = {}
        self._pinned: set[str] = set()

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[str]:
        """Article ids, oldest first."""
        return iter(list(self._items))

    def features(self, article_id: str) -> ArticleFeatures:
        return self._items[article_id]

    def event_of(self, article_id: str) -> int | None:
        """The event of a remembered article; None once it is evicted (or never seen)."""
        return self._event_of.get(article_id)

    def event(self, article_id: str) -> int:
        """The event of a remembered article (KeyError otherwise)."""
        return self._event_of[article_id]

    def members(self, event_id: int) -> set[str]:
        """The remembered articles of ``event_id``."""
        return set(self._members.get(event_id, ()))

    def is_pinned(self, article_id: str) -> bool:
        return article_id in self._pinned

    def remember(self, item: ArticleFeatures, event_id: int, *, pin: bool = False) -> None:
        """Record ``item`` as the newest article, in ``event_id`` (again if already known)."""
        self._leave(item.id)
        self._items[item.id] = item
        self._items.move_to_end(item.id)
        self._event_of[item.id] = event_id
        self._members.setdefault(event_id, set()).add(item.id)
        if pin:
            self._pinned.add(item.id)

    def merged(self, kept: int, absorbed: int) -> None:
        """The articles of ``absorbed`` now belong to ``kept``."""
        for article_id in self._members.pop(absorbed, set()):
            self._event_of[article_id] = kept
            self._members.setdefault(kept, set()).add(article_id)

    def forget_oldest(self) -> None:
        """Evict the oldest articles beyond ``cap``."""
        while len(self._items) > self.cap:
            gone, _ = self._items.popitem(last=False)
            self._leave(gone)
            del self._event_of[gone]
            self._pinned.discard(gone)

    def _leave(self, article_id: str) -> None:
        event_id = self._event_of.get(article_id)
        members = self._members.get(event_id) if event_id is not None else None
        if members is not None:
            members.discard(article_id)
            if not members:
                del self._members[event_id]  # type: ignore[arg-type]

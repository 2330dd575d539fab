"""``storyline check``: the store's invariants, verified and repaired.

* every live event's size (``events.n``) is the number of its articles;
* every article belongs to a live event (an article left on an absorbed
  event is moved to the event that absorbed it);
* no stored view belongs to an event that is gone;
* every live event has a view or is recorded as pending analysis.

The pending analyses themselves are finished by the pipeline
(``storyline reanalyse``); this module only reports and records them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update

from .schema import AnalysisRow, ArticleRow, EventRow, PendingRow

if TYPE_CHECKING:
    from .sql import SQLStore

__all__ = ["CheckReport", "check_store"]


@dataclass(slots=True)
class CheckReport:
    """What :func:`check_store` found (and, with ``fix``, repaired)."""

    wrong_sizes: list[tuple[int, int, int]] = field(default_factory=list)  # (event, stored n, articles)
    stray_articles: list[tuple[str, int | None]] = field(default_factory=list)  # (article, event id it names)
    stale_views: list[int] = field(default_factory=list)
    missing_views: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)
    fixed: bool = False

    @property
    def ok(self) -> bool:
        """No broken invariant (pending work alone is not a fault)."""
        return not (self.wrong_sizes or self.stray_articles or self.stale_views or self.missing_views)

    def lines(self) -> list[str]:
        out = [f"event {e}: size {n} stored, {c} articles" for e, n, c in self.wrong_sizes]
        out += [f"article {a}: on {'no event' if e is None else f'dead event {e}'}" for a, e in self.stray_articles]
        out += [f"event {e}: a view is stored but the event is gone" for e in self.stale_views]
        out += [f"event {e}: no view and no pending analysis" for e in self.missing_views]
        return out


def check_store(store: SQLStore, *, fix: bool = False) -> CheckReport:
    """Verify the invariants; with ``fix``, repair them in one transaction."""
    rep = CheckReport()
    with store._write() as s:
        live = {eid: n for eid, n in s.execute(select(EventRow.id, EventRow.n).where(EventRow.merged_into.is_(None)))}
        merged = dict(s.execute(select(EventRow.id, EventRow.merged_into).where(EventRow.merged_into.is_not(None))).all())
        counts = dict(s.execute(select(ArticleRow.event_id, func.count()).group_by(ArticleRow.event_id)).all())
        for aid, eid in s.execute(select(ArticleRow.id, ArticleRow.event_id)):
            if eid is None or eid not in live:
                rep.stray_articles.append((aid, eid))
        if fix:
            for aid, eid in rep.stray_articles:
                target = _follow(eid, merged, live)
                if target is not None:
                    s.execute(update(ArticleRow).where(ArticleRow.id == aid).values(event_id=target))
                    counts[target] = counts.get(target, 0) + 1
                    store._mark_pending(s, [target])
        for eid, n in sorted(live.items()):
            c = int(counts.get(eid, 0))
            if n != c:
                rep.wrong_sizes.append((eid, n, c))
                if fix:
                    s.execute(update(EventRow).where(EventRow.id == eid).values(n=c))
                    store._mark_pending(s, [eid])
        alive = {eid for eid in live if counts.get(eid, 0) > 0}
        viewed = set(s.scalars(select(AnalysisRow.event_id)))
        pending = set(s.scalars(select(PendingRow.event_id)))
        rep.stale_views = sorted(viewed - alive)
        rep.missing_views = sorted(alive - viewed - pending)
        if fix:
            if rep.stale_views:
                s.execute(delete(AnalysisRow).where(AnalysisRow.event_id.in_(rep.stale_views)))
            dead_pending = sorted(pending - alive)
            if dead_pending:
                s.execute(delete(PendingRow).where(PendingRow.event_id.in_(dead_pending)))
            store._mark_pending(s, rep.missing_views)
            rep.fixed = True
        rep.pending = sorted(set(s.scalars(select(PendingRow.event_id))))
    return rep


def _follow(eid: int | None, merged: dict[int, int | None], live: dict[int, int]) -> int | None:
    seen: set[int] = set()
    while eid is not None and eid not in live and eid not in seen:
        seen.add(eid)
        eid = merged.get(eid)
    return eid if eid in live else None

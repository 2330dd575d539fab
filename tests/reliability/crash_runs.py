"""Runs of ``storyline analyze`` in a subprocess, killed (SIGKILL) at a chosen
point through the ``STORYLINE_CRASH_AT`` seam, and a canonical dump of a
store to compare a recovered run with a clean one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from storyline.store import open_store

__all__ = ["run_cli", "snapshot"]

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, crash_at: str | None = None, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("STORYLINE_CRASH_AT", None)
    if crash_at:
        env["STORYLINE_CRASH_AT"] = crash_at
    proc = subprocess.run([sys.executable, "-m", "storyline", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)  # fmt: skip
    if crash_at:
        assert proc.returncode == -signal.SIGKILL, f"the run was not killed at {crash_at}: {proc.stderr[-1500:]}"
    return proc


def _canonical_view(data: dict[str, Any], names: dict[str, str]) -> str:
    """A view's JSON with article ids replaced by source ids and event ids dropped
    (both are allocated in order and may differ between equivalent runs)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    for aid, sid in names.items():
        text = text.replace(aid, sid)
    return text


def snapshot(db: str) -> dict[str, Any]:
    """Articles, memberships, sizes and views of a store, independent of ids."""
    st = open_store(db)
    try:
        arts = list(st.iter_articles())
        names = {a["id"]: a["source_id"] for a in arts}
        members: dict[int, list[str]] = {}
        for a in arts:
            members.setdefault(a["event_id"], []).append(a["source_id"])
        events = {}
        for eid, sids in members.items():
            ev = st.get_event(eid)
            view = st.get_analysis(eid)
            events[tuple(sorted(sids))] = {
                "size": ev.size if ev is not None else None,
                "storyline": sorted(members.get(e.id, [""])[0] for e in st.events_of_storyline(ev.storyline_id))
                if ev is not None
                else None,
                "view": _canonical_view(view, names) if view is not None else None,
            }
        return {
            "articles": sorted(names.values()),
            "events": events,
            "pending": st.pending_events(),
            "count_events": st.count_events(),
        }
    finally:
        st.close()

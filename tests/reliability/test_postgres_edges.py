"""PostgreSQL edge cases: concurrent first runs on a fresh database, and the
characters PostgreSQL refuses stored the same way as on SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from crash_runs import REPO
from hostile_corpus import CASES

from storyline.store import open_store

pytestmark = pytest.mark.postgres

#: Processes racing to set up one fresh database (the audit's case).
RACERS = 4


def _fresh_db(pg_url: str, name: str) -> str:
    import psycopg

    head, _, query = pg_url.partition("?")
    prefix = head.rsplit("/", 1)[0]  # "...@" + "/" + database name
    admin = f"{prefix}/postgres?{query}".replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{prefix}/{name}?{query}"


def test_concurrent_first_runs_all_succeed(pg_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for round_ in range(3):
        url = _fresh_db(pg_url, f"race{os.getpid()}_{round_}")
        procs = [subprocess.Popen([sys.executable, "-m", "storyline", "check", "--db", url], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(RACERS)]  # fmt: skip
        results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
        for p in procs:
            for stream in (p.stdout, p.stderr):
                if stream:
                    stream.close()
        assert all(rc == 0 for rc, _ in results), [err[-500:] for _, err in results]
        st = open_store(url)
        try:
            assert st.count_articles() == 0 and st.pending_events() == []
        finally:
            st.close()


@pytest.mark.slow
def test_refused_characters_are_stored_alike_on_sqlite_and_postgres(pg_url: str, tmp_path: Path) -> None:
    from storyline.pipeline import analyze

    f = tmp_path / "odd.jsonl"
    f.write_text("\n".join(c.line for c in CASES if c.outcome == "store") + "\n", encoding="utf-8")
    stored = {}
    for name, db in (("sqlite", str(tmp_path / "s.db")), ("postgres", pg_url)):
        res = analyze([f], db=db)
        assert not res.problems, res.problems
        st = open_store(db)
        try:
            arts = [st.get_article(a["id"]) for a in st.iter_articles()]
            stored[name] = sorted(
                json.dumps([a.source_id, a.title, a.text, a.outlet, a.metadata], ensure_ascii=False, sort_keys=True)
                for a in arts
                if a is not None
            )
        finally:
            st.close()
    assert len(stored["sqlite"]) == sum(c.outcome == "store" for c in CASES)
    assert stored["sqlite"] == stored["postgres"]
    assert not any("\\u0000" in s or "\x00" in s for s in stored["postgres"])

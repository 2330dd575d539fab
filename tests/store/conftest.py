"""A throw-away PostgreSQL server for the store tests.

Started from the machine's PostgreSQL binaries on a unix socket in a temp
directory, as an unprivileged user when we are root (initdb refuses root),
and stopped at the end of the session.  Skips with a reason when PostgreSQL
is not installed.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    hits = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return hits[-1] if hits else None


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["su", "nobody", "-s", "/bin/sh", "-c", " ".join(cmd)]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL prefix of a running server (without a database name)."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg not installed (pip install 'storyline[postgres]')")
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "nobody")
        shutil.chown(sock, "nobody")
        os.chmod(root, 0o755)
    init = subprocess.run(_as_user([initdb, "-D", str(data), "-U", "storyline", "-A", "trust", "--no-sync"]),
                          capture_output=True, text=True)
    if init.returncode != 0:
        pytest.skip(f"initdb failed: {init.stderr.strip()[:200]}")
    opts = f"-c listen_addresses='' -c unix_socket_directories={sock} -c fsync=off"
    start = subprocess.run(_as_user([pg_ctl, "-D", str(data), "-o", f'"{opts}"', "-l", str(root / "log"), "-w",
                                     "start"]), capture_output=True, text=True)
    if start.returncode != 0:
        pytest.skip(f"PostgreSQL did not start: {start.stderr.strip()[:200]}")
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            if list(sock.glob(".s.PGSQL.*")):
                break
            time.sleep(0.2)
        yield f"postgresql+psycopg://storyline@/{{db}}?host={sock}"
    finally:
        subprocess.run(_as_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


_counter = itertools.count(1)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for one test (dropped afterwards)."""
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    admin = pg_server.format(db="postgres").replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield pg_server.format(db=name)
    finally:
        from sqlalchemy import create_engine

        create_engine(pg_server.format(db=name)).dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

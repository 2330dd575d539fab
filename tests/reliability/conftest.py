"""The throw-away PostgreSQL server of the store tests, for the reliability suite too."""

from store.conftest import pg_server, pg_url  # noqa: F401

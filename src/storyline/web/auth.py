"""Who may write: the bearer token that ``POST /api/articles`` needs.

Reads never need a token.  Writes are off unless the server was started
with one (``STORYLINE_TOKEN``); the comparison takes constant time.
"""

from __future__ import annotations

import hmac

__all__ = ["TOKEN_ENV", "check_token"]

TOKEN_ENV = "STORYLINE_TOKEN"


def check_token(app_token: str | None, authorization: str | None) -> tuple[int, str] | None:
    """None when a write may proceed, else (status, message)."""
    if not app_token:
        return 403, f"writes are disabled on this server: start it with {TOKEN_ENV}=<secret> to enable them"
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return 401, "this endpoint needs 'Authorization: Bearer <token>'"
    if not hmac.compare_digest(given.strip().encode(), app_token.encode()):
        return 401, "invalid token"
    return None

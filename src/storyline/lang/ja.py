"""Japanese (written without spaces: particles and auxiliaries are single kana)."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="ja",
    name="Japanese",
    function_chars=frozenset("のはがをにでとへやもたすれるまし"),
)

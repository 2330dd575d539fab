"""Text repair before anything else reads it: mojibake, control characters, line ends.

Scraped text often went through one wrong decode on its way to us: UTF-8
bytes read as cp1252 or Latin-1 give "gÃ¼nlÃ¼k" for "günlük", "ÐŸÑ€Ð¸Ð²ÐµÑ‚"
for "Привет", "ä¸­æ–‡" for "中文".  Undoing that is ftfy's job (a well-kept
library that only changes text it is confident about); we run it with its
*encoding* fixes only, so curly quotes, full-width CJK punctuation, ligatures
and Unicode normal forms stay as the outlet wrote them (identity and the
quote matcher normalise those themselves).

ftfy costs about a millisecond on a 3,000-character page, which would halve
text-mode extraction speed, so it only runs when a cheap screen finds a
sequence that UTF-8 mojibake produces: a cp1252/Latin-1 reading of a UTF-8
lead byte (``Â``-``ô``) followed by the reading of a continuation byte.
Clean text in any script passes the screen in a few microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Repaired", "repair_text", "looks_like_mojibake"]

# UTF-8 lead bytes 0xC2-0xF4 read as cp1252 / Latin-1 are "Â".."ô"; the
# continuation bytes 0x80-0xBF read as cp1252 are "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# and NBSP..¿, read as Latin-1 the C1 controls U+0080-U+009F.
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile("[\u00c2-\u00f4][" + _CONTINUATION + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
# One mojibake-like sequence sends a page to ftfy: ftfy itself leaves a
# legitimate pair alone ("à»" closing a French quote), so a false alarm costs
# only its millisecond.


@dataclass(slots=True)
class Repaired:
    """Repaired text and what was done to it (for ``extract --json``)."""

    text: str
    repairs: list[str] = field(default_factory=list)


def looks_like_mojibake(text: str) -> bool:
    """Cheap screen: does ``text`` hold a sequence UTF-8 mojibake produces?"""
    # (one regex scan in C: a set test of every character first cost more)
    return _MOJIBAKE.search(text) is not None


def _ftfy_fix(text: str) -> tuple[str, list[str]]:
    import ftfy  # (a light import, but only pages that need it pay for it)

    config = ftfy.TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=True,
    )
    fixed = ftfy.fix_and_explain(text, config=config)
    steps = [f"{step} {arg}" for step, arg in (fixed.explanation or [])]
    return fixed.text, steps


def repair_text(text: str) -> Repaired:
    """Line ends normalised, control characters dropped, mojibake undone."""
    repairs: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) is not None:
        text = _CONTROL.sub("", text)
        repairs.append("control characters removed")
    if looks_like_mojibake(text):
        fixed, steps = _ftfy_fix(text)
        if fixed != text:
            text = fixed
            repairs.append("mojibake repaired (ftfy: " + ", ".join(steps) + ")")
    return Repaired(text, repairs)

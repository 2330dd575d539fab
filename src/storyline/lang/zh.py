"""Chinese (written without spaces: function words are single characters)."""

from __future__ import annotations

from . import LanguageData

DATA = LanguageData(
    code="zh",
    name="Chinese",
    # Particles, pronouns, prepositions and conjunctions; not 年/月/日, which
    # are dates, nor 中/上, which are as often content as grammar.
    function_chars=frozenset("的了是在和有也就都而及与这那他她它我你们个不为对从被把将但以于之其或并已又还很所该此"),
)

"""Adding a language is one LanguageData and nothing in the stages.

Swedish is not built in.  Registered here for one test, a few of its words
reach every stage that reads language data -- the line labeller, the
sentence splitter, date parsing (publication dates and temporal
expressions), quotations, stance claims, quantities and the fallback NER --
and the registry, restored afterwards, takes them all back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from storyline import lang
from storyline.extraction import cues, metadata
from storyline.extraction.lines import own_kind
from storyline.extraction.shape import is_prose_line
from storyline.nlp import claims, names, ner, quantities, quotes, sentences, temporal
from storyline.nlp.ner import Mention
from storyline.types import Article

SWEDISH = lang.LanguageData(
    code="sv",
    name="Swedish",
    stop_words=frozenset(
        ("och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "inte", "om")
    ),
    sentence_openers=frozenset({"den", "det", "han", "hon", "men", "och", "enligt"}),
    months={
        "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
        "september": 9, "oktober": 10, "november": 11, "december": 12,
    },  # fmt: skip
    weekdays={"måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lördag": 5, "söndag": 6},
    abbreviations=frozenset({"bl.a", "t.ex"}),
    titles=("statsminister",),
    number_words={"två": 2, "tre": 3, "fyra": 4, "fem": 5},
    speech_verbs=("sade", "sa", "säger"),
    according_to=("enligt",),
    deny_cues=(r"förnek\w*",),
)
REFERENCE = date(2024, 11, 15)


def _article(text: str) -> Article:
    return Article(id="sv-1", source_id="sv-1", text=text, language="sv", sentences=[text])


def _probes() -> dict[str, Callable[[], Any]]:
    quote = '"Vi kommer att fortsätta arbetet med full kraft", sade Anna Svensson.'
    speaker = quote.index("Anna")
    named = [Mention("Anna Svensson", "PER", speaker, speaker + len("Anna Svensson"))]
    return {
        "prose": lambda: is_prose_line("Regeringen och riksdagen har inte kommit överens om budgeten."),
        "dateline": lambda: own_kind("måndag 12 augusti 2024")[1],  # a cached labelling result
        "date only": lambda: cues.is_date_only("måndag 12 augusti 2024"),
        "published": lambda: metadata.parse_date("Publicerad 12 augusti 2024 kl 10.15"),
        "sentences": lambda: sentences.split_sentences("Mötet leddes av bl.a. Anna Svensson. Hon talade länge."),
        "date": lambda: [r.value for r in temporal.resolve("Mötet hölls den 12 augusti 2024.", reference=REFERENCE,
                                                           language="sv")],  # fmt: skip
        "weekday": lambda: [r.value for r in temporal.resolve("Han kom i måndag.", reference=REFERENCE, language="sv")],
        "speaker": lambda: [q.speaker for q in quotes.extract_quotes(_article(quote), mentions=[named])],
        "count": lambda: [(q.value, q.counts) for q in quantities.extract_quantities(_article("Polisen grep fyra personer."))],
        "denial": lambda: [c.stance for c in claims.extract_claims(_article("Regeringen förnekar uppgifterna."),
                                                                   mentions=[[]])],  # fmt: skip
        "titled": lambda: [(m.text, m.label) for m in ner._fallback("Mötet leds av statsminister Ulf Kristersson.", "sv")],
        "opener": lambda: [m.text for m in ner._fallback("Det var lugnt. Enligt Anna Svensson var det lugnt.", "sv")],
        "key": lambda: names.entity_key("statsminister Ulf Kristersson", "PER"),
    }


def test_a_registered_language_reaches_every_stage_and_leaves_with_its_registration() -> None:
    probes = _probes()
    before = {name: probe() for name, probe in probes.items()}
    assert "sv" not in lang.languages()
    with lang.registered(SWEDISH):
        during = {name: probe() for name, probe in probes.items()}
    after = {name: probe() for name, probe in probes.items()}

    assert during == {
        "prose": True,  # its function words make the line prose
        "dateline": "dateline",
        "date only": True,
        "published": ("2024-08-12T10:15", "time"),
        "sentences": ["Mötet leddes av bl.a. Anna Svensson.", "Hon talade länge."],  # "bl.a." ends no sentence
        "date": ["2024-08-12"],
        "weekday": ["2024-11-11"],  # the Monday before the reference date
        "speaker": ["Anna Svensson"],  # "sade" ties the quotation to the name after it
        "count": [(4.0, "personer")],
        "denial": ["deny"],
        "titled": [("Ulf Kristersson", "PER")],  # a title before the name makes it a person
        "opener": ["Anna Svensson"],  # "Enligt" opens the sentence but is no part of the name
        "key": "ulf-kristerson",  # the title is no part of the key
    }
    for name, value in during.items():
        assert before[name] != value, name  # none of it was known before
    assert after == before
    assert "sv" not in lang.languages()


def test_registering_rebuilds_derived_tables_once_per_change() -> None:
    calls: list[int] = []
    version = lang.version()
    lang.on_change(lambda: calls.append(lang.version()))
    try:
        assert calls == [version]  # built at once
        with lang.registered(SWEDISH):
            assert lang.months()["augusti"] == 8
        assert calls == [version, version + 1, version + 2]  # registered, then restored
        assert "augusti" not in lang.months()
    finally:
        lang._listeners.pop()

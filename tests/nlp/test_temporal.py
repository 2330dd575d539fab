"""Temporal expressions and publication-date inference."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.nlp.temporal import infer_published, parse_reference, resolve

MONDAY = date(2031, 3, 17)  # a Monday, far from any test corpus


def _values(sentence: str, language: str = "fr", **kw: object) -> list[tuple[str | None, str]]:
    return [(r.value, r.granularity) for r in resolve(sentence, reference=MONDAY, language=language, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Le ministre a parlé samedi devant la presse.", "fr", [("2031-03-15", "day")]),
        ("The minister spoke on Saturday.", "en", [("2031-03-15", "day")]),
        ("Der Minister sprach am Samstag.", "de", [("2031-03-15", "day")]),
        ("El ministro habló el sábado.", "es", [("2031-03-15", "day")]),
        ("Il ministro ha parlato sabato.", "it", [("2031-03-15", "day")]),
        ("Il a annoncé lundi sa démission.", "fr", [("2031-03-17", "day")]),
        ("Hier, la police a arrêté deux hommes.", "fr", [("2031-03-16", "day")]),
        ("Gestern wurde gestreikt.", "de", [("2031-03-16", "day")]),
        ("Aujourd'hui, le port est fermé.", "fr", [("2031-03-17", "day")]),
        ("La semaine dernière, le port était fermé.", "fr", [("2031-03-10", "week")]),
        ("Last week the port closed.", "en", [("2031-03-10", "week")]),
        ("L'été dernier, la région a brûlé.", "fr", [("2030", "season")]),
        ("Il l'a signé l'an dernier.", "fr", [("2030", "year")]),
        ("Ils ont signé en juin 2029 un accord.", "fr", [("2029-06", "month")]),
        ("En juin, ils ont signé un accord.", "fr", [("2030-06", "month")]),
        ("En février, ils ont signé un accord.", "fr", [("2031-02", "month")]),
        ("Le 26 avril 2029, le tribunal a tranché.", "fr", [("2029-04-26", "day")]),
        ("On April 26, 2029, the court ruled.", "en", [("2029-04-26", "day")]),
        ("Am 26. April 2029 entschied das Gericht.", "de", [("2029-04-26", "day")]),
        ("El 26 de abril de 2029 el tribunal decidió.", "es", [("2029-04-26", "day")]),
        ("Il 26 aprile 2029 il tribunale ha deciso.", "it", [("2029-04-26", "day")]),
        ("Le vote du 2 mars a été annulé.", "fr", [("2031-03-02", "day")]),
        ("Le vote aura lieu le 2 avril.", "fr", [("2031-04-02", "day")]),
        ("Le vote du 20 décembre a été annulé.", "fr", [("2030-12-20", "day")]),
        ("Le rapport daté du 26.04.2029 est public.", "de", [("2029-04-26", "day")]),
        ("Au début de l'année 2029, rien.", "fr", [("2029", "year")]),
        # future clauses put a bare weekday ahead of the reference
        ("Schools will stay closed on Saturday.", "en", [("2031-03-22", "day")]),
        ("Les écoles resteront fermées samedi.", "fr", [("2031-03-22", "day")]),
        ("La camera voterà sabato la legge.", "it", [("2031-03-22", "day")]),
        ("La camera ha votato sabato la legge.", "it", [("2031-03-15", "day")]),
        ("The strike lasts until 2 a.m. on Saturday.", "en", [("2031-03-22", "day")]),
        ("The minister said on Saturday that schools will reopen.", "en", [("2031-03-15", "day")]),
        ("Members would vote on a strike in June.", "en", [("2031-06", "month")]),
        ("Les dockers voteront en février sur une grève.", "fr", [("2032-02", "month")]),
        # year ranges and deadlines
        ("Losses were hidden between 2019 and 2022.", "en", [("2019", "year")]),
        ("The plan cuts 420 jobs by 2033.", "en", [("2033", "year")]),
    ],
)
def test_resolve(sentence: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert _values(sentence, language) == expected


def test_numbers_are_not_dates() -> None:
    assert _values("Plus de 16 000 conteneurs et 2 500 soldats, canal 246.") == []
    assert _values("They may go there in 2 days.", "en") == []


def test_since_relation_and_offsets() -> None:
    sentence = "Le conflit dure depuis février 2022."
    (ref,) = resolve(sentence, reference=MONDAY, language="fr")
    assert ref.relation == "since" and ref.value == "2022-02"
    assert sentence[ref.start : ref.end] == ref.text == "février 2022"


def test_until_relation() -> None:
    (ref,) = resolve("Its concession runs until 2042.", reference=MONDAY, language="en")
    assert (ref.value, ref.relation) == ("2042", "until")


def test_no_reference_keeps_what_the_text_says() -> None:
    (sat,) = resolve("Moscou a confirmé samedi.", reference=None, language="fr")
    assert sat.value is None and sat.weekday == 5 and sat.relative
    (dm,) = resolve("Il a parlé le 28 avril.", reference=None, language="fr")
    assert dm.value is None and (dm.month, dm.day) == (4, 28)
    (absolute,) = resolve("Signé en juin 2024.", reference=None, language="fr")
    assert absolute.value == "2024-06"


def test_coarse_reference_truncates_relative_days() -> None:
    (today,) = resolve("confirmé aujourd'hui", reference=MONDAY, language="fr", reference_granularity="month")
    assert (today.value, today.granularity, today.approximate) == ("2031-03", "month", True)


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="sentence"):
        resolve(None, reference=MONDAY, language="fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reference"):
        resolve("lundi", reference="2025-04-28", language="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="granularity"):
        resolve("lundi", reference=MONDAY, language="fr", reference_granularity="hour")
    with pytest.raises(TypeError, match="text"):
        infer_published(b"x", language="fr")  # type: ignore[arg-type]


def test_parse_reference() -> None:
    assert parse_reference("2031-03-17T10:00:00Z") == (MONDAY, "day")
    assert parse_reference("2031-03") == (date(2031, 3, 15), "month")
    assert parse_reference("2031")[1] == "year"
    assert parse_reference("yesterday") == (None, "day")
    assert parse_reference(None) == (None, "day")


def test_infer_published_from_cue() -> None:
    assert infer_published("Titre\nPublié le 17/03/2031 à 10h12\nTexte.", language="fr") == (
        "2031-03-17",
        0.95,
        "day",
    )


def test_infer_published_from_weekday_dateline() -> None:
    text = "L'accord signé en juin 2030 est entré en vigueur, a annoncé le ministre lundi 17 mars."
    value, confidence, granularity = infer_published(text, language="fr")
    assert (value, granularity) == ("2031-03-17", "day") and 0.5 < confidence < 0.9


def test_infer_published_lower_bound_and_failure() -> None:
    value, confidence, granularity = infer_published(
        "Le 12 mars 2031, le port a fermé. Il rouvre.", language="fr"
    )
    assert (value, granularity) == ("2031-03", "month") and confidence < 0.5
    assert infer_published("Depuis 2022, la guerre dure. En juin, un pacte.", language="fr") == (
        None,
        0.0,
        None,
    )


def test_infer_published_on_seeds(seeds_dir) -> None:  # type: ignore[no-untyped-def]
    """Seeds carry no metadata date; the text gives one for some of them only."""
    from storyline.extraction import extract_document
    from storyline.types import RawDocument

    found = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        ext = extract_document(RawDocument(source_id=path.name, origin=str(path), text=path.read_text()))
        found[path.name[:3]] = infer_published(ext.text, language="fr")
    assert found["000"][:1] == ("2025-04-28",)  # "lundi 28 avril" + latest year mentioned
    assert found["002"][0] == "2025-04"  # on or after "le 26 avril 2025"
    assert found["004"] == (None, 0.0, None)  # only years and bare months in the text

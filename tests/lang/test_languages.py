"""The language registry: unions over languages, registration and its undoing, read-only data."""

from __future__ import annotations

import pytest

from storyline import lang

_TOY = lang.LanguageData(
    code="xx",
    name="Toy",
    stop_words=frozenset({"zork"}),
    months={"primo": 1},
    month_abbreviations={"pri": 1},
    weekdays={"unday": 0},
    weekday_abbreviations={"und": 0},
    speech_verbs=("said", "zorked"),
)


def test_unions_and_collections_span_every_registered_language() -> None:
    assert {"the", "le", "der"} <= lang.all_stop_words()
    assert "的" in lang.all_function_chars()
    verbs = lang.collect("speech_verbs")
    assert len(verbs) == len(set(verbs))  # no repeats ("dit" is listed once)
    assert verbs.index("déclaré") < verbs.index("said")  # registration order: French before English
    with lang.registered(_TOY):
        assert "zork" in lang.all_stop_words()
        assert lang.collect("speech_verbs")[-1] == "zorked"  # "said" was there already
        assert lang.months()["pri"] == lang.months()["primo"] == 1
        assert "pri" not in lang.months(abbreviations=False)
        assert "und" not in lang.weekdays() and lang.weekdays(abbreviations=True)["und"] == 0
    assert "zork" not in lang.all_stop_words()


def test_months_and_weekdays_of_the_builtin_languages() -> None:
    months = lang.months()
    assert months["janvier"] == months["jan"] == months["января"] == 1
    assert months["décembre"] == months["dic"] == 12
    # Known, but not read as dates: the date readers were not checked on these languages.
    assert months["janeiro"] == months["januari"] == 1 and months["maart"] == 3
    dates = lang.months(dates=True)
    assert "janeiro" not in dates and "января" not in dates and dates["gen"] == 1
    assert set(lang.months(languages=["it"], abbreviations=False)) == set(lang.get("it").months)  # type: ignore[union-attr]
    assert "mon" not in lang.weekdays()  # abbreviations are only read in lines that are all date
    assert lang.weekdays(abbreviations=True)["thurs"] == 3
    for data in lang.registry():
        for table in (data.months, data.month_abbreviations):
            assert all(1 <= n <= 12 for n in table.values()), data.code
        if data.months:
            assert set(data.months.values()) == set(range(1, 13)), data.code
        if data.weekdays:
            assert set(data.weekdays.values()) == set(range(7)), data.code


def test_compound_number_words_are_generated() -> None:
    # The language modules write only units and tens; the compounds 21..99 are built from them.
    assert lang.get("en").number_words["twenty-one"] == 21  # type: ignore[union-attr]
    assert lang.get("de").number_words["siebenundneunzig"] == 97  # type: ignore[union-attr]
    assert lang.get("it").number_words["ventotto"] == 28  # type: ignore[union-attr]  # "venti" + "otto"
    es = lang.get("es").number_words  # type: ignore[union-attr]
    assert es["veintitres"] == es["veintitrés"] == 23


def test_registered_restores_a_replaced_language_in_its_place() -> None:
    order = lang.languages()
    english = lang.get("en")
    with lang.registered(lang.LanguageData(code="en", name="Bare English")):
        assert lang.get("en").name == "Bare English"  # type: ignore[union-attr]
        assert "the" not in lang.all_stop_words()
    assert lang.get("en") is english
    assert lang.languages() == order


def test_unregister_and_bad_input() -> None:
    lang.register(_TOY)
    assert lang.unregister("xx") is _TOY
    assert lang.unregister("xx") is None
    assert "xx" not in lang.languages()
    with pytest.raises(TypeError, match="LanguageData"):
        lang.register({"code": "xx"})  # type: ignore[arg-type]


def test_language_data_is_read_only() -> None:
    data = lang.LanguageData(code="xx", name="Toy", months={"primo": 1}, titles=["Dr."])  # type: ignore[arg-type]
    assert data.titles == ("Dr.",)
    with pytest.raises(TypeError):
        data.months["secundo"] = 2  # type: ignore[index]
    with pytest.raises(AttributeError):
        data.name = "Other"  # type: ignore[misc]

from storyline.sentences import split_sentences


def test_abbreviations_and_quotes_do_not_split() -> None:
    text = "M. Poutine a remercié Kim. « Ce sont des héros », a-t-il dit. U.S. officials agreed."
    assert split_sentences(text) == ["M. Poutine a remercié Kim.", "« Ce sont des héros », a-t-il dit.",
                                     "U.S. officials agreed."]


def test_paragraphs_always_split() -> None:
    assert split_sentences("Title without stop\nBody starts here. Next one!") == [
        "Title without stop", "Body starts here.", "Next one!"]


def test_german_and_numbers() -> None:
    out = split_sentences("Am 12. März bebte die Erde. Es gab 1.987 Tote.")
    assert out == ["Am 12. März bebte die Erde.", "Es gab 1.987 Tote."]

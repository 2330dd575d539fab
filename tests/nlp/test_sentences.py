from storyline.nlp.sentences import split_sentences


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


def test_chinese_full_width_punctuation_splits_without_space() -> None:
    text = "议会指责“工作人员生病。”圣诞节后垃圾堆积如山！你是否受到影响？是的"
    assert split_sentences(text) == ["议会指责“工作人员生病。”", "圣诞节后垃圾堆积如山！", "你是否受到影响？", "是的"]


def test_caseless_scripts_split_after_terminal_punctuation() -> None:
    # Arabic has no capitals to mark a sentence start; its question mark is terminal.
    text = "قتلت تلميذة في القرية. عرضه على سطح الأرض؟ بيان النيابة"
    assert split_sentences(text) == ["قتلت تلميذة في القرية.", "عرضه على سطح الأرض؟", "بيان النيابة"]

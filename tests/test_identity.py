from storyline.identity import article_id, normalise_text


def test_same_article_other_spacing_and_quotes_same_id() -> None:
    a = "Le Kremlin a « démenti »  l’information.\n\nDeuxième paragraphe."
    b = 'le kremlin a "démenti" l\'information. deuxième   paragraphe.'
    assert normalise_text(a) == normalise_text(b)
    assert article_id(a) == article_id(b)


def test_different_text_different_id() -> None:
    assert article_id("14 dead in the quake") != article_id("19 dead in the quake")
    assert len(article_id("x")) == 16

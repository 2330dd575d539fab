from storyline.identity import article_id, normalise_text


def test_same_article_other_spacing_and_quotes_same_id() -> None:
    a = "Le Kremlin a « démenti »  l’information.\n\nDeuxième paragraphe."
    b = 'le kremlin a "démenti" l\'information. deuxième   paragraphe.'
    assert normalise_text(a) == normalise_text(b)
    assert article_id(a) == article_id(b)


def test_different_text_different_id() -> None:
    assert article_id("14 dead in the quake") != article_id("19 dead in the quake")
    assert len(article_id("x")) == 16


def test_publications_of_one_text_have_their_own_ids() -> None:
    from storyline.identity import publication_id, publication_key, text_hash

    digest = text_hash("The same wire story.")
    at_a = publication_id(digest, publication_key(source_id="a.txt", url=None))
    at_b = publication_id(digest, publication_key(source_id="b.txt", url=None))
    assert at_a != at_b and len(at_a) == 16
    # Stable: the same publication always gets the same id.
    assert at_a == publication_id(digest, publication_key(source_id="a.txt", url=None))
    # A URL names the publication whatever the source id; tracking parameters and host case do not count.
    u1 = publication_key(source_id="x", url="https://Example.com/news/1?utm_source=feed")
    u2 = publication_key(source_id="y", url="https://example.com/news/1")
    assert u1 == u2 == "url:https://example.com/news/1"

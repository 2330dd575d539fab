from __future__ import annotations

from storyline.training.corpora import MAX_HEADLINE_CHARS, as_stored, headline_of


def test_headline_is_the_first_line_that_is_not_a_date() -> None:
    text = "May 2, 2013, 1:12 PM\nLawyer: Lindsay Lohan checks into rehab facility\nThe actress..."
    assert headline_of(text) == "Lawyer: Lindsay Lohan checks into rehab facility"
    # A headline line with an inner full stop stays whole ...
    assert headline_of("Lohan Checks Out Of Rehab... To Check Into Another\nBody.") == (
        "Lohan Checks Out Of Rehab... To Check Into Another"
    )


def test_a_flattened_page_gives_its_first_sentence() -> None:
    # ... but a scraped page flattened to one line is cut to its first sentence.
    body = "Five surfers died off the Dutch coast on Monday. " + "Rescuers searched the sea all night. " * 8
    assert len(body) > MAX_HEADLINE_CHARS
    assert headline_of(body) == "Five surfers died off the Dutch coast on Monday."
    assert headline_of("\n \n") == ""


def test_as_stored_keeps_articles_and_leaves_out_what_extraction_rejects() -> None:
    article = (
        "Storm closes the port of Marseille\n"
        "The port of Marseille was closed on Tuesday as a storm with winds of 120 km/h hit the coast. "
        "Ferries to Corsica were cancelled and dockers were sent home, the port authority said."
    )
    wall = "We are sorry, but we recorded a huge amount of connections from the IP address you are using."
    texts, dates = as_stored({"a": article, "b": wall})
    assert set(texts) == set(dates) == {"a"}
    assert texts["a"].startswith("Storm closes the port of Marseille")

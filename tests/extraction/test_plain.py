"""Whole-page judgement: what is kept when lines are few, flattened or walls."""

from __future__ import annotations

from storyline.extraction import extract, extract_document
from storyline.types import RawDocument

PROSE = (
    "The harbour authority closed the northern quay on Tuesday after a crane collapsed onto two containers, "
    "and the port's unions called for an independent inquiry into the maintenance of the cranes."
)
MORE = (
    "Nobody was hurt, the authority said, but ships bound for the quay were sent to the southern terminal. "
    "Engineers from the crane's maker were expected on Wednesday to examine the broken boom. "
    "The unions said they had warned about corrosion on the cranes as early as last spring."
)


def test_a_one_line_article_is_kept() -> None:
    text = "Crane collapses at the northern quay. " + PROSE + " " + MORE
    ext = extract(text)
    assert ext.reason is None
    assert PROSE in ext.text and MORE in ext.text
    assert "\n" not in ext.text  # the sentences of one line are one paragraph again
    assert not ext.short


def test_a_flattened_page_loses_its_newsletter_prompt_but_keeps_the_article() -> None:
    text = (
        "Coventry residents urged to stay at home this Easter. Sign up to FREE email alerts from CoventryLive. "
        "Subscribe now. " + PROSE + " " + MORE
    )
    ext = extract(text)
    assert PROSE in ext.text and MORE in ext.text
    assert "Sign up to FREE" not in ext.text and "Subscribe now" not in ext.text


def test_headlines_are_short_articles() -> None:
    for headline in (
        "Matanuska Maid Dairy Building Burns Down",  # title case: a menu by shape alone
        "GARY ROSS REMAINS IN NEGOTIATIONS TO DIRECT SEQUEL",  # all caps
        "Le gouvernement annonce un plan pour les agriculteurs",
        "Deputy Sheriff",
    ):
        ext = extract(headline)
        assert ext.text == headline, (headline, ext.reason)
        assert ext.short and ext.warnings == []


def test_a_date_alone_is_rejected_saying_so() -> None:
    ext = extract("Thursday, December 11, 2008")
    assert ext.text == "" and ext.reason is not None
    assert ext.reason.startswith("only a date or a time")


def test_a_wall_page_is_rejected_naming_the_wall() -> None:
    page = (
        "We are sorry, but we recorded a huge amount of connections from the IP address you are connecting from.\n\n"
        "If you want to connect with us, tick the box saying I am not a robot."
    )
    ext = extract(page)
    assert ext.text == ""
    assert ext.reason is not None and ext.reason.startswith("not an article (bot check)")


def test_a_headline_above_a_wall_is_kept_alone_with_a_warning() -> None:
    page = (
        "Winning numbers drawn in 'Pick 4 Midday' game\nWe noticed you're blocking ads!\n\n"
        "Keep supporting great journalism by turning off your ad blocker. Or purchase a subscription."
    )
    ext = extract(page)
    assert ext.text == "Winning numbers drawn in 'Pick 4 Midday' game"
    assert ext.warnings and "ad-blocker notice" in ext.warnings[0]


def test_a_page_of_furniture_is_rejected_with_what_it_held() -> None:
    ext = extract("Partager sur Facebook\nPartager sur Twitter\nNewsletter\nMenu")
    assert ext.text == ""
    assert ext.reason is not None and ext.reason.startswith("only page furniture")
    assert "'Partager sur Facebook'" in ext.reason


def test_a_list_of_urls_is_told_that_pages_are_not_fetched() -> None:
    ext = extract("https://example.com/a\nhttps://example.com/b\n\nhttps://example.com/c\n")
    assert ext.text == ""
    assert ext.reason is not None and "a list of 3 URLs" in ext.reason and "does not fetch" in ext.reason


def test_a_page_where_every_line_would_be_dropped_keeps_them_with_a_warning() -> None:
    # No line reads as prose or as a headline (no sentence, no capital), none
    # is furniture by its content.
    page = "yeni otobüs hattı açıldı\nkeçiören sincan etimesgut hatları\nbelediye meclisi karar verdi"
    ext = extract(page)
    assert ext.text.split("\n\n")[1:] == ["keçiören sincan etimesgut hatları", "belediye meclisi karar verdi"]
    assert ext.warnings and ext.warnings[0].startswith("no running prose")


def test_a_record_text_loses_only_what_its_content_marks_as_furniture() -> None:
    text = (
        "Crane collapses at the northern quay\n"  # a scraped page would call this the title
        "Short update line\n"  # ...and this chrome before the first paragraph
        + PROSE
        + "\nShare on Facebook\nPlease consider a donation: support our journalism today, your gift matters."
    )
    page = extract_document(RawDocument(source_id="p", origin="p", text=text))
    record = extract_document(RawDocument(source_id="r", origin="r", text=text, structured=True))
    assert "Crane collapses" not in page.text  # chrome before the title, for a scraped page
    assert "Crane collapses" in record.text and PROSE in record.text
    assert "Share on Facebook" not in record.text and "donation" not in record.text


def test_a_title_and_description_record_is_a_short_article() -> None:
    raw = RawDocument(
        source_id="rss-1",
        origin="feed:1",
        title="Port strike enters its third day",
        description="<p>Dockers in Lisbon kept the container terminals closed on Wednesday.</p>",
        structured=True,
    )
    ext = extract_document(raw)
    assert ext.text == "Port strike enters its third day\n\nDockers in Lisbon kept the container terminals closed on Wednesday."
    assert ext.title == "Port strike enters its third day" and ext.short and ext.mode == "record"

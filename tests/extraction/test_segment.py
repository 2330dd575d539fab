"""Flattened lines are split into sentences; ordinary paragraphs are not."""

from __future__ import annotations

from storyline.extraction.segment import FLAT_LONG_WORDS, FLAT_MIN_WORDS, segment_lines

SENTENCE = "The minister said on Tuesday that the talks would resume in Geneva next week."


def test_a_one_line_page_is_split_into_sentences() -> None:
    line = " ".join([SENTENCE] * 4)  # 56 words, one line
    seg = segment_lines([line])
    assert seg is not None
    assert seg.texts == [SENTENCE] * 4 and seg.source == [0, 0, 0, 0] and all(seg.is_segment)


def test_short_lines_and_ordinary_paragraphs_are_left_whole() -> None:
    para = " ".join([SENTENCE] * 4)
    page = ["Headline of the day", ""] + [para] * 5  # a page with its line breaks
    assert segment_lines(page) is None
    assert segment_lines(["One short line.", "Another."]) is None
    few_words = " ".join(SENTENCE.split()[: FLAT_MIN_WORDS - 5]) + "."
    assert segment_lines([few_words]) is None


def test_a_very_long_line_is_split_on_any_page() -> None:
    long_line = " ".join([SENTENCE] * (FLAT_LONG_WORDS // 14 + 1))
    page = ["Title", "", "A normal paragraph of a few words.", "", long_line, "", "Footer line"]
    seg = segment_lines(page)
    assert seg is not None
    split = [t for t, s in zip(seg.texts, seg.is_segment, strict=True) if s]
    assert split and set(split) == {SENTENCE}
    assert seg.texts[:4] == page[:4] and seg.source[:4] == [0, 1, 2, 3]
    assert seg.source[-1] == len(page) - 1 and seg.texts[-1] == "Footer line"


def test_cjk_text_is_measured_in_characters() -> None:
    zh = "警方表示，劫匪一直瞄准底特律地铁的快餐店。至少有五家目标餐厅位于奥克兰、马科姆和韦恩县。" * 2
    seg = segment_lines([zh])
    assert seg is not None and len(seg.texts) == 4

"""Very long input: extraction reads the first MAX_TEXT_CHARS characters, says so, and
keeps every offset inside what it read. (How long it takes is measured by
benchmarks/long_text_bench.py, not here.) Texts are written for these tests."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from nlp.extract import MAX_TEXT_CHARS, MAX_TITLE_CHARS, analyse, chars_read, extract_events
from nlp.linguistic import RuleAnnotator
from nlp.records import Article

RULES = RuleAnnotator()
FIRST_VISIT = ("Komisi II DPRD Kota Padang melakukan kunjungan kerja ke DPRD Kota Medan, "
               "Senin (3/6/2024), untuk membahas pengelolaan sampah.\n")
LATE_VISIT = ("Komisi I DPRD Kabupaten Sleman melakukan kunjungan kerja ke DPRD Kota "
              "Surabaya, Selasa (4/6/2024), untuk membahas layanan kesehatan.\n")
FILLER = "Warga kota itu membersihkan saluran air bersama pada akhir pekan lalu.\n"


def _long_article() -> Article:
    body = FIRST_VISIT + FILLER * (MAX_TEXT_CHARS // len(FILLER) + 10) + LATE_VISIT
    return Article(text=body, id="long-1", published=date(2024, 6, 5))


def test_a_text_within_the_limit_is_read_whole() -> None:
    article = Article(text=FIRST_VISIT, published=date(2024, 6, 5))
    analysis = analyse(article, RULES)
    assert not analysis.truncated
    assert analysis.article.text == FIRST_VISIT
    assert chars_read(FIRST_VISIT) == len(FIRST_VISIT)


def test_a_longer_text_is_read_up_to_the_limit_and_says_so(
        caplog: pytest.LogCaptureFixture) -> None:
    article = _long_article()
    with caplog.at_level(logging.WARNING, logger="nlp.extract"):
        analysis = analyse(article, RULES)
    assert analysis.truncated
    read = len(analysis.article.text)
    assert read == chars_read(article.text) <= MAX_TEXT_CHARS
    assert article.text.startswith(analysis.article.text)
    assert [r.getMessage() for r in caplog.records] == [
        f"article long-1: read the first {read} of {len(article.text)} characters "
        "(MAX_TEXT_CHARS)"]


def test_visits_after_the_limit_are_not_read() -> None:
    article = _long_article()
    events = extract_events(article, RULES)
    assert [(e.visitor.institution, e.host.institution) for e in events] == [
        ("DPRD Kota Padang", "DPRD Kota Medan")]
    for event in events:
        for evidence in event.evidence:
            assert evidence.end <= chars_read(article.text)
            assert article.text[evidence.start:evidence.end] == evidence.text


def test_the_limit_does_not_cut_a_word_in_two() -> None:
    text = "xx" + "kata " * (MAX_TEXT_CHARS // 5 + 100)  # the limit falls inside a word
    assert not text[MAX_TEXT_CHARS - 1].isspace() and not text[MAX_TEXT_CHARS].isspace()
    read = chars_read(text)
    assert MAX_TEXT_CHARS - 5 < read < MAX_TEXT_CHARS
    assert text[:read].endswith(" kata") and text[read] == " "


def test_a_text_without_spaces_is_cut_at_the_limit() -> None:
    assert chars_read("x" * (MAX_TEXT_CHARS * 2)) == MAX_TEXT_CHARS


def test_an_overlong_title_is_read_up_to_its_limit() -> None:
    title = "Kunjungan kerja DPRD Kota Padang ke DPRD Kota Medan " * 100
    analysis = analyse(Article(text=FIRST_VISIT, title=title), RULES)
    assert len(analysis.article.title or "") == MAX_TITLE_CHARS
    assert [(d.visitor.institution, d.host.institution) for d in analysis.drafts] == [
        ("DPRD Kota Padang", "DPRD Kota Medan")]

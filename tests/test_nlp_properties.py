"""Any input, valid records: extraction never raises, and what it returns matches
../shared/eval/SCHEMA.md with every offset inside the text it was given.

Texts are sentences shaped like visit reports (bodies, visit words, dates, datelines,
people, written for this test) whose parts may be replaced by noise, lists of such fragments,
and random strings; noise includes control characters, lone surrogates, NBSP, zero-width and
right-to-left characters."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp.extract import date_from_url, extract_events
from nlp.linguistic import RuleAnnotator
from nlp.records import EVENT_KINDS, TOPIC_CATEGORIES, Article, Event

pytestmark = pytest.mark.reliability  # issue 12's fuzzing of the NLP stage

RULES = RuleAnnotator()
SIDES = {"visitor", "host", "other"}
EARLIEST_VISIT_YEAR = 1945
YEARS_AHEAD = 2
LATEST_PUBLICATION_YEAR = 2100
EXAMPLES = 1000

BODIES = ["Komisi IV DPRD Provinsi Bengkulu", "DPRD Kota Padang", "DPRD Sumbar", "DPR RI",
          "Pansus II DPRD Kabupaten Sleman", "Fraksi Gerindra DPRD Kota Medan", "DPD RI",
          "Wakil Ketua DPRD Kaltim Budi Hartono", "Badan Anggaran (Banggar) DPRD Jatim",
          "DPRK Aceh Besar", "DPRA", "Komisi A", "Sekwan", "Komisi 2 DPRD", "DPRD",
          "DPRD Kota Probolinggo (Jawa Timur), Kabupaten Gianyar (Bali) dan Kabupaten Belitung",
          "Kemendagri", "Kementerian Dalam Negeri", "Pemkot Medan", "Gubernur Jawa Barat",
          "Wali Kota Seoul", "RSUD Harapan Sehat", "PT Maju Jaya", "Jepang", "Tokyo",
          "Kecamatan Adiwerna", "Provinsi Bali", "Dinkes Kota Palu", "mahasiswa"]
VERBS = ["melakukan kunjungan kerja ke", "berkunjung ke", "melakukan studi banding ke",
         "menerima kunjungan", "diterima", "disambut oleh", "konsultasi ke",
         "audiensi dengan", "meninjau", "kunker ke", "menerima rombongan", "sidak ke",
         "mengunjungi", "secara virtual berkunjung ke", "reses ke"]
TAILS = ["Senin (3/6/2024)", "pada Jumat, 18 Oktober 2024", "(31/2)", "(1/1/0001)",
         "(9/9/99)", "22-24 September 2016", "kemarin", "besok", "Rabu", "dipimpin Budi",
         "didampingi Siti Rahma (Golkar)", "dalam rangka membahas pengelolaan sampah",
         "terkait Ranperda", "di Tanjung Pandan", "yang dipimpin Dr. H. Siti Rahma, S.H.",
         "kata Budi", "selaku Ketua Komisi", "", "untuk belajar", "akan"]
# single words that start or end a name, for word salads that stop anywhere
WORDS = ["Komisi", "Komite", "Sekwan", "Fraksi", "Partai", "Golkar", "DPRD", "DPR", "DPD",
         "Pansus", "Panitia", "Khusus", "Kota", "Kab", ".", "Provinsi", "ke", "di", "Wakil",
         "Ketua", "Kementerian", "Menteri", "PT", "RSUD", "Kecamatan", "Gubernur", "RI",
         "setempat", "se", "-", "(", ")", ",", "dan", "Padang", "Bandung", "Seoul", "IV"]
DATELINES = ["", "TOKYO – ", "PADANG, (Kabar) — ", "REPUBLIKA.CO.ID, JAKARTA -- ", "Lebak – "]
ODD_CHARACTERS = ["\x00", "\x1b", "\r", "\t", "\x0b", "\x0c", "\u00a0", "\u200b", "\u200c",
                  "\u200d", "\ufeff", "\u2028", "\u202e", "\u0627", "\u05e9",
                  "\ud800", "\udfff", "\U0001f600", "\u0301", "²", "٣", "“", "”", "(", ")"]
RIGHT_TO_LEFT = ["\u0627\u0644\u0628\u0631\u0644\u0645\u0627\u0646", "\u05e9\u05dc\u05d5\u05dd"]

any_character = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()),
    st.sampled_from(ODD_CHARACTERS),
)
noise = st.one_of(st.sampled_from(ODD_CHARACTERS), st.sampled_from(RIGHT_TO_LEFT),
                  st.text(any_character, max_size=6))
gap = st.one_of(st.just(" "), st.just(" "), st.sampled_from([", ", " \u00a0", "\u200b ", " \n"]),
                noise.map(lambda s: f" {s} "))
# a sentence shaped like a visit report, a part now and then replaced by noise


def _mostly(fragments: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(fragments), st.sampled_from(fragments), noise)


sentence = st.tuples(_mostly(BODIES), gap, _mostly(VERBS), gap, _mostly(BODIES), gap,
                     _mostly(TAILS)).map("".join)
ending = st.sampled_from([". ", ".\n", "\n\n", "; ", " ", "."])
visit_like = st.tuples(st.sampled_from(DATELINES), st.lists(
    st.tuples(sentence, ending).map("".join), min_size=1, max_size=8).map("".join)
).map("".join)
random_text = st.text(any_character, max_size=300)
piece = st.one_of(st.sampled_from(BODIES + VERBS + TAILS), st.sampled_from(WORDS), noise)
word_salad = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), noise),
                      max_size=30).map(" ".join)
texts = st.one_of(visit_like, visit_like, st.lists(piece, max_size=40).map(" ".join),
                  word_salad, random_text)
titles = st.none() | sentence | word_salad | st.lists(piece, max_size=10).map(" ".join)
urls = st.none() | st.text(any_character, max_size=40) | st.builds(
    "https://berita.example/{}/{}/{}/kunjungan".format,
    st.integers(1800, 2200), st.integers(0, 13), st.integers(0, 32))
published_dates = st.none() | st.dates()


def _publication(article: Article) -> date | None:
    """The publication date extraction can use: the one given, else the URL's, if it is
    not absurd."""
    for candidate in (article.published, date_from_url(article.url)):
        if candidate is not None and \
                EARLIEST_VISIT_YEAR <= candidate.year <= LATEST_PUBLICATION_YEAR:
            return candidate
    return None


def _check(event: Event, article: Article) -> None:
    assert event.kind in EVENT_KINDS
    assert event.topic_category in TOPIC_CATEGORIES
    for party in (event.visitor, event.host):
        assert party.institution is None or (isinstance(party.institution, str)
                                             and party.institution.strip())
        assert party.unit is None or isinstance(party.unit, str)
    assert event.host.region is None or isinstance(event.host.region, str)
    assert event.visitor.region is None
    for person in event.people:
        assert person.side in SIDES
        assert isinstance(person.name, str) and person.name.strip()
    assert 0.0 <= event.confidence <= 1.0
    for evidence in event.evidence:
        assert 0 <= evidence.start <= evidence.end <= len(article.text)
        assert article.text[evidence.start:evidence.end] == evidence.text
    if event.date is not None:
        published = _publication(article)
        latest = published.year + YEARS_AHEAD if published else LATEST_PUBLICATION_YEAR
        assert EARLIEST_VISIT_YEAR <= event.date.year <= latest, (event.date, published)
    json.dumps(event.to_dict())


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=texts, title=titles, url=urls, published=published_dates)
def test_any_article_gives_valid_events_with_offsets_inside_its_text(
        text: str, title: str | None, url: str | None, published: date | None) -> None:
    article = Article(text=text, title=title, published=published, url=url)
    for event in extract_events(article, RULES):
        _check(event, article)


@settings(max_examples=EXAMPLES // 5, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(published=published_dates, url=urls)
def test_a_real_looking_visit_gives_valid_events_whatever_its_dates(
        published: date | None, url: str | None) -> None:
    text = ("PALEMBANG, (Kabar) — Komisi II DPRD Provinsi Lampung melakukan kunjungan kerja ke "
            "DPRD Sumsel, Senin (3/6/2024), dalam rangka membahas pengelolaan sampah. "
            "Rombongan dipimpin Budi Hartono dan diterima Wakil Ketua DPRD Sumsel Siti Rahma. "
            "Besok rombongan berkunjung ke Kemendagri.")
    article = Article(text=text, published=published, url=url)
    events = extract_events(article, RULES)
    assert events
    for event in events:
        _check(event, article)

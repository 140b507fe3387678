"""Canonical URLs, Indonesian dates with WIB/WITA/WIT, and the relevance filter."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from crawler.dates import parse_date, since_datetime
from crawler.relevance import is_relevant, legislative_mention
from crawler.urls import canonical_url, looks_like_article, non_article_reason, with_query

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
WIT = timezone(timedelta(hours=9))
ARTICLE = "https://www.beritajakarta.id/id/read/150321/komisi-d-tinjau"


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE,
        ARTICLE + "/",
        ARTICLE + "?utm_source=twitter&utm_medium=social&utm_campaign=x",
        ARTICLE + "?fbclid=IwAR0abc",
        ARTICLE + "#komentar",
        ARTICLE + "?page=all",
        ARTICLE + "?amp=1",
        "https://m.beritajakarta.id/id/read/150321/komisi-d-tinjau",
        "https://WWW.BeritaJakarta.id/id/read/150321/komisi-d-tinjau",
        "https://www.beritajakarta.id/amp/id/read/150321/komisi-d-tinjau",
        "https://www.beritajakarta.id/id/read/150321/komisi-d-tinjau/amp",
        "https://www.beritajakarta.id:443/id/read/150321/komisi-d-tinjau",
    ],
)
def test_variants_of_one_article_have_one_canonical_url(variant: str) -> None:
    assert canonical_url(variant) == ARTICLE


def test_meaningful_query_parameters_are_kept_and_sorted() -> None:
    url = "https://dprd.example.go.id/berita.php?id=12&cat=3&utm_source=x"
    assert canonical_url(url) == "https://dprd.example.go.id/berita.php?cat=3&id=12"


def test_mobile_subdomain_of_regional_host_maps_to_that_host() -> None:
    url = "https://m.sumbar.antaranews.com/berita/1/x"
    assert canonical_url(url) == "https://sumbar.antaranews.com/berita/1/x"


def test_with_query_adds_one_page_view_once() -> None:
    assert with_query("https://a.id/read/1/x", "page=all") == "https://a.id/read/1/x?page=all"
    assert (
        with_query("https://a.id/read/1/x?page=all", "page=all") == "https://a.id/read/1/x?page=all"
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://a.id/tag/dprd", "tag page"),
        ("https://a.id/kategori/politik", "category page"),
        ("https://a.id/indeks", "index page"),
        ("https://a.id/video/2025/06/12/x", "video"),
        ("https://a.id/author/budi", "author page"),
        ("https://a.id/wp-content/uploads/a.pdf", "not a web page"),
        ("https://a.id/index.php/2022/07/29/dprd-sumbar-kunjungi-kaltim", None),
        ("https://a.id/berita/712345/dprd-sumbar", None),
    ],
)
def test_non_article_urls_are_recognised(url: str, reason: str | None) -> None:
    assert non_article_reason(url) == reason


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.id/dprd-kukar-terima-kunjungan-pansus-paser/", True),
        ("https://a.id/2025/06/12/rapat", True),
        ("https://a.id/politik/", False),
        ("https://a.id/tag/dprd-kota-padang-baru", False),
        ("https://a.id/", False),
    ],
)
def test_listing_links_that_look_like_articles(url: str, expected: bool) -> None:
    assert looks_like_article(url) is expected


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("Kamis, 25 September 2025 14:30 WIB", "WIB", datetime(2025, 9, 25, 14, 30, tzinfo=WIB)),
        ("Kamis, 14 Agustus 2025 10:20 WITA", "WIB", datetime(2025, 8, 14, 10, 20, tzinfo=WITA)),
        ("Senin, 3 Maret 2025 | 08.15 WIT", "WIB", datetime(2025, 3, 3, 8, 15, tzinfo=WIT)),
        ("Kompas.com, 3 Juli 2025, 16:45 WIB", "WIB", datetime(2025, 7, 3, 16, 45, tzinfo=WIB)),
        ("Rabu, 1 Okt 2025 09:05", "WITA", datetime(2025, 10, 1, 9, 5, tzinfo=WITA)),
        ("12 Des 2024", "WIB", datetime(2024, 12, 12, tzinfo=WIB)),
        ("2025/09/25 14:30:00", "WIB", datetime(2025, 9, 25, 14, 30, tzinfo=WIB)),
        ("2025-06-12T15:04:00+07:00", "WITA", datetime(2025, 6, 12, 15, 4, tzinfo=WIB)),
        ("2025-05-20T02:15:00Z", "WIB", datetime(2025, 5, 20, 2, 15, tzinfo=UTC)),
        ("Thu, 12 Jun 2025 08:00:00 +0000", "WIB", datetime(2025, 6, 12, 8, tzinfo=UTC)),
        ("Kamis (12/6/2025)", "WIB", datetime(2025, 6, 12, tzinfo=WIB)),
        ("Agustus 17, 2025", "WIB", datetime(2025, 8, 17, tzinfo=WIB)),
    ],
)
def test_indonesian_dates_become_timezone_aware(text: str, zone: str, expected: datetime) -> None:
    parsed = parse_date(text, zone)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["", "tanpa tanggal", "31 Juni 2025", None])
def test_text_without_a_valid_date_gives_none(text: str | None) -> None:
    assert parse_date(text) is None


def test_since_accepts_dates_strings_and_datetimes() -> None:
    assert since_datetime(date(2025, 6, 1)) == datetime(2025, 6, 1, tzinfo=WIB)
    assert since_datetime("2025-06-01") == datetime(2025, 6, 1, tzinfo=WIB)
    assert since_datetime(None) is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        since_datetime("kemarin")


@pytest.mark.parametrize(
    "text",
    [
        "Komisi II DPRD Provinsi Jambi berkunjung ke Lampung.",
        "Anggota DPR RI dari dapil Sumbar meninjau jalan.",
        "Ketua DPRK Aceh Besar menerima tamu.",
        "Dewan Perwakilan Rakyat Papua menggelar rapat.",
        "Pansus ranperda sampah melakukan studi banding.",
        "Badan Anggaran membahas KUA-PPAS.",
        "Senator DPD RI asal Bali menyerap aspirasi.",
        "Pimpinan MPR menerima delegasi.",
    ],
)
def test_mentions_of_legislative_bodies_are_relevant(text: str) -> None:
    assert is_relevant(None, text)


@pytest.mark.parametrize(
    "text",
    [
        "Banjir merendam tiga kecamatan di Pesisir Selatan.",
        "Ketua DPD Partai Golkar Sumbar melantik pengurus baru.",
        "DPD PDI Perjuangan Jatim menggelar rapat kerja daerah.",
        "Harga cabai merah naik menjelang Lebaran.",
    ],
)
def test_other_news_is_not_relevant(text: str) -> None:
    assert legislative_mention(None, text) is None

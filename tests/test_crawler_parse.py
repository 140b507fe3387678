"""Article parsing on saved-shape pages of each configured outlet (offline)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Response, TextResponse

from crawler.extract import Rejected, parse_article
from crawler.items import ArticleItem
from crawler.sources import BUNDLED_SOURCES_FILE, Source, load_sources

PAGES = Path(__file__).parent / "fixtures" / "crawler" / "pages"
WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
GENERIC = Source(name="generic", feeds=("http://example.invalid/rss",))


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    return {s.name: s for s in load_sources(BUNDLED_SOURCES_FILE)}


def parse(fixture: str, url: str, source: Source) -> ArticleItem | Rejected:
    body = (PAGES / fixture).read_bytes()
    return parse_article(HtmlResponse(url, body=body, encoding="utf-8"), source)


# (fixture, source, url, title, published, author, first words, last words, paragraphs,
#  noise that must not survive)
OUTLETS = [
    (
        "antara.html",
        "antara-sumbar",
        "https://sumbar.antaranews.com/berita/712345/komisi-i-dprd-sumbar-pelajari-tata-kelola-aset-di-dprd-jatim",
        "Komisi I DPRD Sumbar pelajari tata kelola aset di DPRD Jatim",
        datetime(2025, 6, 12, 15, 4, tzinfo=WIB),
        "Yusrizal Hadi",
        "Padang (ANTARA) - Komisi I DPRD Sumatera Barat",
        "telah terdaftar.",
        5,
        ["Baca juga", "DPRD Kaltim kunjungi DPRD Sumbar", "Pewarta", "Editor", "COPYRIGHT",
         "ANTARA/HO", "Berita Terkait", "DPRD Bengkulu studi banding", "dprd sumbar\n"],
    ),
    (
        "detik.html",
        "detik-news",
        "https://news.detik.com/berita/d-8123456/komisi-iii-dpr-kunker-ke-sulawesi-selatan-soroti-penanganan-kasus-narkoba",
        "Komisi III DPR Kunker ke Sulawesi Selatan, Soroti Penanganan Kasus Narkoba",
        datetime(2025, 9, 25, 14, 30, tzinfo=WIB),
        "Andi Saputra Rahman",
        "Jakarta - Komisi III DPR RI melakukan kunjungan kerja spesifik ke Makassar",
        "sebelum kembali ke Jakarta.",
        5,
        ["Baca juga", "Komisi II DPR Kunjungi Kalbar", "ADVERTISEMENT", "SCROLL TO CONTINUE",
         "Simak Video", "Gambas", "(rdp/imk)", "Foto:", "DPD RI Kunjungi NTT", "narkoba\n"],
    ),
    (
        "kompas.html",
        "kompas-regional",
        "https://regional.kompas.com/read/2025/07/03/164512378/pansus-dprd-kota-pontianak-studi-banding-ke-surabaya-soal-pengelolaan-sampah?page=all",
        "Pansus DPRD Kota Pontianak Studi Banding ke Surabaya soal Pengelolaan Sampah",
        datetime(2025, 7, 3, 16, 45, 12, tzinfo=WIB),
        "Hadi Prasetyo Nugroho",
        "PONTIANAK, KOMPAS.com - Panitia Khusus (Pansus)",
        "insentif bagi kelurahan.",
        5,
        ["Baca juga", "Komisi C DPRD Balikpapan", "Dapatkan update", "Telegram",
         "KOMPAS.COM/HADI", "meninjau TPST"],
    ),
    (
        "tribun.html",
        "tribun-kaltim",
        "https://kaltim.tribunnews.com/2025/08/14/komisi-iv-dprd-kaltim-konsultasi-ke-kemendagri-soal-tunjangan-guru-honorer?page=all",
        "Komisi IV DPRD Kaltim Konsultasi ke Kemendagri Soal Tunjangan Guru Honorer",
        datetime(2025, 8, 14, 10, 20, tzinfo=WITA),
        "Miftahul Jannah Aulia",
        "TRIBUNKALTIM.CO, SAMARINDA - Komisi IV DPRD Provinsi Kalimantan Timur",
        "kemampuan keuangan daerah.",
        5,
        ["Baca juga", "DPRD Bontang Terima Kunjungan", "(Tribunkaltim.co/", "Halaman 1/1",
         "KONSULTASI - Anggota", "Editor:", "DPRD PPU Kunker"],
    ),
    (
        "wordpress.html",
        "utamapost",
        "https://utamapost.com/dprd-kutai-kartanegara-terima-kunjungan-pansus-dprd-paser/",
        "DPRD Kutai Kartanegara Terima Kunjungan Pansus DPRD Paser",
        datetime(2025, 5, 20, 10, 15, tzinfo=WITA),
        "Rahmat Hidayatullah",
        "Tenggarong, Utamapost – Dewan Perwakilan Rakyat Daerah (DPRD)",
        "halaman gedung DPRD Kukar.",
        5,
        ["Baca Juga", "Komisi III DPRD Kukar Kunjungi", "Foto:", "Bagikan", "Facebook",
         "DPRD Bontang studi banding", "Tags:", "(adv/rh)", "Tinggalkan Balasan"],
    ),
    (
        "beritajakarta.html",
        "beritajakarta",
        "https://m.beritajakarta.id/id/read/150321/komisi-d-dprd-dki-tinjau-normalisasi-kali-ciliwung",
        "Komisi D DPRD DKI Tinjau Normalisasi Kali Ciliwung",
        datetime(2025, 7, 15, 13, 5, tzinfo=WIB),
        "Dwi Lestari Handayani",
        "Komisi D DPRD DKI Jakarta meninjau progres normalisasi",
        "baru direvitalisasi.",
        5,
        ["Baca juga", "Komisi A DPRD DKI Kunjungi Kepulauan Seribu", "Foto: Rudi",
         "DPRD DKI bahas APBD Perubahan"],
    ),
    (
        "dprd_sumbar.html",
        "dprd-sumbar",
        "https://dprd.sumbarprov.go.id/home/berita/detail/2345/dprd-sumbar-terima-kunjungan-komisi-ii-dprd-provinsi-bengkulu",
        "DPRD Sumbar Terima Kunjungan Komisi II DPRD Provinsi Bengkulu",
        datetime(2025, 7, 23, tzinfo=WIB),
        "Humas DPRD Sumbar",
        "PADANG - Wakil Ketua DPRD Provinsi Sumatera Barat",
        "Persidangan dan Perundang-undangan.",
        5,
        ["Sumber:", "Bagikan", "Reses Anggota DPRD Sumbar di Dapil IV", "menerima rombongan"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("fixture", "source_name", "url", "title", "published", "author", "first", "last",
     "paragraphs", "noise"),
    OUTLETS,
    ids=[o[0].removesuffix(".html") for o in OUTLETS],
)  # fmt: skip
def test_outlet_page_gives_title_date_author_and_clean_body(
    sources: dict[str, Source],
    fixture: str,
    source_name: str,
    url: str,
    title: str,
    published: datetime,
    author: str,
    first: str,
    last: str,
    paragraphs: int,
    noise: list[str],
) -> None:
    item = parse(fixture, url, sources[source_name])
    assert isinstance(item, ArticleItem), item
    assert item.title == title
    assert item.published_at == published
    assert item.published_at.utcoffset() is not None
    assert item.author == author
    assert item.language == "id"
    assert item.text is not None
    body = item.text.split("\n\n")
    assert len(body) == paragraphs
    assert body[0].startswith(first)
    assert body[-1].endswith(last)
    for fragment in noise:
        assert fragment not in item.text + "\n", fragment
    assert item.source == source_name
    assert len(item.content_hash) == 64
    assert item.fetched_at.tzinfo is not None


@pytest.mark.parametrize("outlet", OUTLETS, ids=[o[0].removesuffix(".html") for o in OUTLETS])
def test_generic_extraction_also_removes_noise(outlet: tuple[object, ...]) -> None:
    """A source without selectors (trafilatura path) still drops every teaser and caption."""
    fixture, _, url, title, published, _, first, _, _, noise = outlet
    item = parse(str(fixture), str(url), GENERIC)
    assert isinstance(item, ArticleItem), item
    assert item.title == title
    assert item.text is not None and item.text.startswith(str(first))
    assert item.published_at is not None
    assert item.published_at.date() == published.date()  # type: ignore[attr-defined]
    for fragment in noise:  # type: ignore[attr-defined]
        assert fragment not in item.text + "\n", fragment


def test_canonical_url_unifies_mobile_mirror_and_strips_page_all(
    sources: dict[str, Source],
) -> None:
    jakarta = parse("beritajakarta.html", OUTLETS[5][2], sources["beritajakarta"])
    kompas = parse("kompas.html", OUTLETS[2][2], sources["kompas-regional"])
    assert isinstance(jakarta, ArticleItem) and isinstance(kompas, ArticleItem)
    assert jakarta.canonical_url.startswith("https://www.beritajakarta.id/id/read/150321/")
    assert "page=all" not in kompas.canonical_url
    assert kompas.url.endswith("?page=all")


def test_same_story_refetched_has_same_content_hash(sources: dict[str, Source]) -> None:
    first = parse("antara.html", OUTLETS[0][2], sources["antara-sumbar"])
    again = parse("antara.html", OUTLETS[0][2] + "?utm_source=fb", sources["antara-sumbar"])
    assert isinstance(first, ArticleItem) and isinstance(again, ArticleItem)
    assert first.content_hash == again.content_hash
    assert first.canonical_url == again.canonical_url


# -- pages that are not articles ------------------------------------------------------------
ARTICLE_BODY = "".join(
    f"<p>Anggota DPRD Kota Padang meninjau pasar raya ke-{i} bersama dinas terkait.</p>"
    for i in range(6)
)


def page(title: str, body: str, head: str = "") -> bytes:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    ("url", "body", "reason"),
    [
        (
            "https://example.id/berita/1/x",
            page(
                "Just a moment...",
                "<div id='challenge-running'>Checking your browser</div>"
                "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script>",
            ),
            "blocked: challenge page",
        ),
        ("https://example.id/tag/dprd", page("Tag DPRD", ARTICLE_BODY), "not an article: tag page"),
        (
            "https://example.id/video/123/rapat-paripurna",
            page("Video", ARTICLE_BODY),
            "not an article: video",
        ),
        (
            "https://example.id/berita/2/rapat",
            page("Rapat", "<div></div>", '<meta property="og:type" content="video.other">'),
            "not an article: video",
        ),
        ("https://example.id/berita/3/x", page("Kosong", "<p></p>"), "not an article: empty body"),
        (
            "https://example.id/berita/4/pendek",
            page("Pendek", "<article><p>DPRD rapat hari ini.</p></article>"),
            "not an article: body too short",
        ),
        (
            "https://example.id/terkini",
            page(
                "Terkini",
                "<ul>"
                + "".join(
                    f"<li><a href='/berita/{i}/dprd-bahas-anggaran-{i}'>DPRD kota bahas anggaran "
                    f"daerah tahun depan bagian {i}</a></li>"
                    for i in range(30)
                )
                + "</ul>",
            ),
            "not an article: index page",
        ),
    ],
    ids=["cloudflare", "tag-page", "video-url", "video-og-type", "empty", "too-short", "index"],
)  # fmt: skip
def test_non_article_pages_are_rejected_with_a_reason(url: str, body: bytes, reason: str) -> None:
    result = parse_article(HtmlResponse(url, body=body, encoding="utf-8"), GENERIC)
    assert isinstance(result, Rejected)
    assert result.reason.startswith(reason), result.reason
    assert result.blocked == reason.startswith("blocked")


def test_binary_response_is_not_a_web_page() -> None:
    result = parse_article(Response("https://example.id/a.bin", body=b"\x00\x01"), GENERIC)
    assert result == Rejected("not a web page")


def test_garbage_bytes_are_rejected_not_crashing() -> None:
    garbage = bytes(range(256)) * 40
    result = parse_article(HtmlResponse("https://example.id/berita/9/x", body=garbage), GENERIC)
    assert isinstance(result, Rejected)


def test_page_declared_utf8_but_written_in_windows_1252_is_repaired() -> None:
    text = (
        "<html><head><title>DPRD Kota Medan “terima” kunjungan</title></head><body><article>"
        + "".join(
            f"<p>Ketua DPRD Kota Medan menyebut kunjungan ke-{i} itu “sangat bermanfaat”.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    )
    body = text.encode("cp1252")
    response = TextResponse(
        "https://example.id/berita/5/medan",
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    item = parse_article(response, GENERIC)
    assert isinstance(item, ArticleItem), item
    assert item.text is not None and "“sangat bermanfaat”" in item.text
    assert "\ufffd" not in item.text


def test_page_declared_latin1_but_written_in_utf8_is_repaired() -> None:
    text = (
        "<html><head><meta charset='iso-8859-1'><title>Kunjungan DPRD</title></head><body>"
        "<article>"
        + "".join(
            f"<p>Wakil Ketua DPRD Bali, I Ketut Suarjana — kata dia — menerima tamu ke-{i}.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    )
    response = HtmlResponse("https://example.id/berita/6/bali", body=text.encode("utf-8"))
    item = parse_article(response, GENERIC)
    assert isinstance(item, ArticleItem), item
    assert item.text is not None and "— kata dia —" in item.text


def test_date_falls_back_to_htmldate_when_no_meta_or_selector() -> None:
    body = page(
        "Reses anggota DPRD",
        "<article><h1>Reses anggota DPRD</h1><p class='tanggal'>Diterbitkan 2025-03-14</p>"
        + ARTICLE_BODY
        + "</article>",
    )
    item = parse_article(HtmlResponse("https://example.id/berita/7/reses", body=body), GENERIC)
    assert isinstance(item, ArticleItem), item
    assert item.published_at is not None
    assert item.published_at.astimezone(UTC).date().isoformat() in {"2025-03-13", "2025-03-14"}
    assert item.published_at.astimezone(WIB).date().isoformat() == "2025-03-14"

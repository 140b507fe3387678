"""Noise removal: teasers, captions, related lists, share widgets, tags, footers never reach
the stored text (each kind on its own, structurally and textually)."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.extract.noise import clean_paragraphs, remove_noise_elements
from crawler.extract.text import element_paragraphs

STORY = "Komisi II DPRD Provinsi Jambi melakukan kunjungan kerja ke DPRD Provinsi Lampung."
TEASER = "DPRD Kota Bogor kunjungi DPRD Kota Malang bahas pasar tradisional"


def body_text(html: str, extra: tuple[str, ...] = ()) -> list[str]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    remove_noise_elements(root, extra)
    return clean_paragraphs(element_paragraphs(root))


@pytest.mark.parametrize(
    "noise",
    [
        f'<p><strong>Baca juga:</strong> <a href="/x">{TEASER}</a></p>',
        f'<p><strong>Baca Juga : <a href="/x">{TEASER}</a></strong></p>',
        f'<span class="baca-juga"><b>Baca juga: </b><a href="/x">{TEASER}</a></span>',
        f'<table class="linksisip"><tr><td><b>Baca juga:</b><a>{TEASER}</a></td></tr></table>',
        f'<p class="baca">Baca juga: <a href="/x">{TEASER}</a></p>',
        f"<div>Simak juga: <a href='/x'>{TEASER}</a></div>",
        f"<p>Lihat juga: {TEASER}</p>",
        f"<b>Baca juga:</b> <a href='/x'>{TEASER}</a><br>",
        f"<p>Baca juga:</p><p><a href='/x'>{TEASER}</a></p>",
        f'<div class="related-posts"><h3>Terkait</h3><ul><li><a>{TEASER}</a></li></ul></div>',
        f'<div id="jp-relatedposts" class="jp-relatedposts"><p><a>{TEASER}</a></p></div>',
        f'<figure><img src="a.jpg"><figcaption>{TEASER}</figcaption></figure>',
        f'<div class="photo__caption">{TEASER}</div>',
        f"<p>Foto: {TEASER}</p>",
    ],
    ids=[
        "p-strong-baca-juga", "wordpress-baca-juga", "antara-span", "detik-linksisip",
        "tribun-p-baca", "simak-juga", "lihat-juga-text", "marker-then-link-br", "marker-line",
        "related-list", "jetpack-related", "figcaption", "caption-class", "foto-line",
    ],
)  # fmt: skip
def test_teasers_captions_and_related_lists_are_removed(noise: str) -> None:
    paragraphs = body_text(f"<p>{STORY}</p>{noise}<p>Rombongan tiba pukul 10.00 WIB.</p>")
    assert paragraphs == [STORY, "Rombongan tiba pukul 10.00 WIB."]


@pytest.mark.parametrize(
    "noise",
    [
        '<div class="sharedaddy"><h3>Bagikan ini:</h3><a>Facebook</a><a>X</a></div>',
        '<div class="social-share"><a>Facebook</a> <a>Twitter</a> <a>WhatsApp</a></div>',
        '<div class="tags"><a href="/tag/dprd">DPRD</a></div>',
        '<div id="comments"><h3>Tinggalkan Balasan</h3><p>Komentar pembaca</p></div>',
        '<div class="parallaxindetail"><p>ADVERTISEMENT</p><p>SCROLL TO CONTINUE</p></div>',
        "<p>ADVERTISEMENT</p><p>SCROLL TO CONTINUE WITH CONTENT</p>",
        "<script>var a = 'DPRD';</script><style>p{}</style>",
        "<!-- iklan tengah -->",
    ],
    ids=["sharedaddy", "share-buttons", "tags", "comments", "detik-ad-block", "ad-text",
         "script-style", "comment-node"],
)  # fmt: skip
def test_share_widgets_tags_comments_and_ads_are_removed(noise: str) -> None:
    paragraphs = body_text(f"<p>{STORY}</p>{noise}<p>Rombongan tiba pukul 10.00 WIB.</p>")
    assert paragraphs == [STORY, "Rombongan tiba pukul 10.00 WIB."]


@pytest.mark.parametrize(
    "line",
    [
        "Editor: Maria Ulfa Rosadi",
        "Pewarta: Yusrizal Hadi",
        "Penulis : Hadi Prasetyo",
        "Reporter: Dwi Lestari",
        "COPYRIGHT © ANTARA 2025",
        "Artikel ini telah tayang di Tribunkaltim.co dengan judul Lain",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
        "Simak berita lainnya di Google News",
        "Ikuti kami di WhatsApp Channel",
        "(rdp/imk)",
        "(Tribunkaltim.co/Miftahul Jannah)",
        "Tags: DPRD, kunjungan kerja",
        "[Gambas:Video 20detik]",
        'Simak Video "Komisi III Cecar Polisi"',
        "Halaman selanjutnya",
    ],
)
def test_footer_and_credit_lines_are_dropped(line: str) -> None:
    assert clean_paragraphs([STORY, line, "Rombongan tiba."]) == [STORY, "Rombongan tiba."]


def test_inline_teaser_after_a_sentence_is_cut() -> None:
    paragraphs = clean_paragraphs([f"{STORY} Baca juga: {TEASER}"])
    assert paragraphs == [STORY]


def test_related_heading_ends_the_article() -> None:
    paragraphs = clean_paragraphs([STORY, "Berita Terkait", TEASER, "Banjir di Padang"])
    assert paragraphs == [STORY]


def test_long_paragraph_starting_with_a_label_is_kept() -> None:
    long_line = "Sumber: " + "anggota dewan menyebut anggaran itu cukup untuk tiga tahun. " * 8
    assert clean_paragraphs([long_line]) == [" ".join(long_line.split())]


def test_text_after_a_removed_inline_teaser_is_kept() -> None:
    """ANTARA bodies are <br>-separated text: the next paragraph is the teaser's tail."""
    html = (
        f"{STORY}<br><br><span class='baca-juga'><b>Baca juga:</b> <a>{TEASER}</a></span>"
        "<br><br>Rombongan tiba pukul 10.00 WIB.<br>"
    )
    assert body_text(html) == [STORY, "Rombongan tiba pukul 10.00 WIB."]


def test_outlet_noise_selectors_come_from_the_config() -> None:
    html = f"<p>{STORY}</p><div class='kotak-promo'>Langganan koran digital</div>"
    assert body_text(html) == [STORY, "Langganan koran digital"]
    assert body_text(html, (".kotak-promo",)) == [STORY]


def test_headline_repeated_as_first_line_is_dropped() -> None:
    assert clean_paragraphs(["Judul Berita DPRD", STORY], title="Judul berita DPRD") == [STORY]

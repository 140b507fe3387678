"""A generated news corpus for the job-queue tests and benchmark: visits of regional
legislatures reported by one to three outlets, plus articles about other things, written
from templates (no real text), served as local sites with RSS feeds or stored directly."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path

from storage.records import ArticleRecord

VISITORS = (
    "DPRD Provinsi Bengkulu", "DPRD Provinsi Jambi", "DPRD Provinsi Lampung",
    "DPRD Kabupaten Karawang", "DPRD Kota Padang", "DPRD Kabupaten Gianyar",
    "DPRD Provinsi Sulawesi Tengah", "DPRD Kota Balikpapan", "DPRD Kabupaten Banyumas",
)
HOSTS = (
    "DPRD Kabupaten Sleman", "DPRD Provinsi Bali", "DPRD Kota Surabaya",
    "DPRD Provinsi Jawa Barat", "DPRD Kota Yogyakarta", "DPRD Kabupaten Badung",
    "DPRD Provinsi Sumatera Barat", "DPRD Kota Makassar",
)
UNITS = ("Komisi I", "Komisi II", "Komisi III", "Komisi IV", "Bapemperda")
TOPICS = (
    "pengelolaan pasar tradisional", "penanganan sampah rumah tangga",
    "pelayanan air bersih", "penataan pedagang kaki lima", "perlindungan tenaga kerja",
    "pengembangan desa wisata", "retribusi parkir", "penyusunan peraturan daerah",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
LEADS = (
    "{unit} {visitor} melakukan kunjungan kerja ke {host}, {weekday} ({d}/{m}/{y}).",
    "{unit} {visitor} berkunjung ke {host} pada {weekday} ({d}/{m}/{y}).",
    "Rombongan {unit} {visitor} mengunjungi {host}, {weekday} ({d}/{m}/{y}).",
)
OTHER_TITLES = (
    "Harga cabai di pasar induk turun", "Hujan deras genangi jalan protokol",
    "Festival kuliner digelar akhir pekan", "Tim sepak bola lokal juara turnamen",
)
FIRST_NAMES = ("Andi", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hendra")
LAST_NAMES = ("Saputra", "Wijaya", "Lestari", "Pratama", "Siregar", "Nugroho")
PAIR_GAP = timedelta(days=10)


@dataclass(frozen=True, slots=True)
class Page:
    """One article as an outlet publishes it."""

    slug: str
    title: str
    body: str  # paragraphs separated by a blank line
    published: datetime


def _visit_report(rng: random.Random, n: int, visitor: str, host: str, day: date,
                  variant: int) -> Page:
    unit, topic = rng.choice(UNITS), rng.choice(TOPICS)
    speaker = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    lead = LEADS[variant % len(LEADS)].format(
        unit=unit, visitor=visitor, host=host, weekday=WEEKDAYS[day.weekday()], d=day.day,
        m=day.month, y=day.year,
    )
    body = "\n\n".join((
        lead,
        f"Kunjungan itu membahas {topic} yang sedang disusun aturannya.",
        f"Ketua {unit} {visitor}, {speaker}, mengatakan rombongan ingin mempelajari "
        "pengalaman daerah tujuan agar dapat diterapkan di daerahnya.",
        "Pertemuan berlangsung di ruang rapat dan dihadiri sejumlah anggota dewan serta "
        "pejabat dari organisasi perangkat daerah terkait.",
    ))
    title = f"{unit} {visitor} kunjungi {host}"
    published = datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(hours=n % 30)
    return Page(f"kunjungan-{n}", title, body, published)


def _other_article(rng: random.Random, n: int, day: date) -> Page:
    title = rng.choice(OTHER_TITLES)
    body = "\n\n".join((
        f"{title} pada {WEEKDAYS[day.weekday()]} ({day.day}/{day.month}/{day.year}).",
        "Warga berharap keadaan ini segera membaik dan pemerintah kota memperhatikannya.",
        "Petugas di lapangan mencatat perkembangan setiap hari dan melaporkannya kepada "
        "dinas terkait untuk ditindaklanjuti dalam waktu dekat.",
    ))
    published = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    return Page(f"berita-{n}", title, body, published)


def corpus(outlets: int, per_outlet: int, seed: int = 14) -> list[list[Page]]:
    """``outlets`` lists of ``per_outlet`` pages: visits reported by 1-3 outlets (same
    visit, different words) and about one article in eight on something else.

    Two visits of one delegation to one host are ``PAIR_GAP`` apart, well outside the
    window in which storage merges reports of a pair: which reports make one event then
    does not depend on the order in which workers happen to store them.
    """
    rng = random.Random(seed)
    pages: list[list[Page]] = [[] for _ in range(outlets)]
    n = 0
    start = date(2025, 3, 3)
    last_visit: dict[tuple[str, str], date] = {}
    while min(len(p) for p in pages) < per_outlet:
        n += 1
        day = start + timedelta(days=n // 3)
        free = [i for i in range(outlets) if len(pages[i]) < per_outlet]
        if rng.random() < 0.125:
            pages[rng.choice(free)].append(_other_article(rng, n, day))
            continue
        visitor, host = rng.choice(VISITORS), rng.choice(HOSTS)
        while day - last_visit.get((visitor, host), date.min) < PAIR_GAP:
            visitor, host = rng.choice(VISITORS), rng.choice(HOSTS)
        last_visit[visitor, host] = day
        reporters = rng.sample(free, k=min(len(free), rng.choice((1, 1, 2, 3))))
        for variant, outlet in enumerate(reporters):
            pages[outlet].append(_visit_report(rng, n * 10 + variant, visitor, host, day,
                                               variant))
    return pages


def page_html(page: Page, path: str) -> str:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in page.body.split("\n\n"))
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{escape(page.title)}</title>"
        f'<meta property="og:title" content="{escape(page.title)}">'
        f'<meta property="article:published_time" content="{page.published.isoformat()}">'
        f'<link rel="canonical" href="{{{{BASE_URL}}}}/{path}"></head>'
        f"<body><h1>{escape(page.title)}</h1><article>{paragraphs}</article></body></html>"
    )


def write_outlet(root: Path, section: str, pages: list[Page]) -> list[str]:
    """The pages under ``root/section/berita/`` and their RSS feed at ``section/rss.xml``;
    returns the article paths."""
    paths: list[str] = []
    items: list[str] = []
    for page in pages:
        path = f"{section}/berita/{page.slug}.html"
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(page, path), encoding="utf-8")
        paths.append("/" + path)
        items.append(
            f"<item><title>{escape(page.title)}</title><link>{{{{BASE_URL}}}}/{path}</link>"
            f"<pubDate>{page.published.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
            "</item>"
        )
    (root / section).mkdir(parents=True, exist_ok=True)
    (root / section / "rss.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{section}</title><link>{{{{BASE_URL}}}}/</link>{''.join(items)}"
        "</channel></rss>", encoding="utf-8",
    )
    return paths


def records(pages: list[list[Page]], host: str = "warta.example.id") -> list[ArticleRecord]:
    """The pages as the article records storage keeps (the crawl step skipped)."""
    found: list[ArticleRecord] = []
    for outlet, outlet_pages in enumerate(pages):
        for page in outlet_pages:
            url = f"https://outlet{outlet}.{host}/berita/{page.slug}.html"
            relevant = page.slug.startswith("kunjungan")
            found.append(ArticleRecord(
                url=url, canonical_url=url, source=f"outlet{outlet}", title=page.title,
                published_at=page.published, author=None,
                text=page.body if relevant else None, language="id",
                content_hash=hashlib.sha256(page.body.encode()).hexdigest(),
                fetched_at=page.published + timedelta(hours=1), relevant=relevant,
            ))
    return found

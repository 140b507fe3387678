"""A generated news site on a local server in another process: what the crawl benchmarks
fetch.

The articles are ``tests.jobs_site``'s (visits and other news, written from templates),
each wrapped in the chrome a real news page carries (navigation, a "popular" list, a footer,
an inline script, JSON-LD), so that parsing goes through the markup of a small outlet's
page (~7 KB). The site lists every article in one RSS feed. The server is
``benchmarks.serve`` in a child process, so it does not compete with the measured crawl for
the interpreter lock; it counts the article pages it served (``/_count``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path

from tests.jobs_site import Page, corpus

SECTIONS = ("Nasional", "Daerah", "Politik", "Ekonomi", "Olahraga", "Hiburan", "Teknologi",
            "Pendidikan", "Kesehatan", "Wisata", "Opini", "Foto", "Video", "Indeks")
FILLER = ("Pemerintah daerah menggelar rapat koordinasi", "Harga bahan pokok stabil",
          "Jalan provinsi diperbaiki menjelang libur", "Sekolah menambah ruang kelas",
          "Petani menyambut musim tanam", "Pasar malam ramai dikunjungi warga")
START_TIMEOUT_SECONDS = 10.0


def article_html(page: Page, path: str, others: list[Page]) -> str:
    """One article page: the article between the outlet's navigation and footer."""
    nav = "".join(f'<li><a href="/kanal/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    popular = "".join(
        f'<li><a href="/berita/{o.slug}.html">{escape(o.title)}</a>'
        f"<span class=\"time\">{o.published:%d/%m/%Y}</span></li>" for o in others)
    filler = "".join(f"<li><a href=\"/kanal/daerah/{n}\">{escape(t)}</a></li>"
                     for n, t in enumerate(FILLER * 4))
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in page.body.split("\n\n"))
    script = "var adSlots = [" + ",".join(f'"slot-{n}"' for n in range(120)) + "];"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": page.title, "datePublished": page.published.isoformat(),
                     "author": {"@type": "Person", "name": "Redaksi"}})
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{escape(page.title)} - Warta Bench</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta property="og:title" content="{escape(page.title)}">'
        f'<meta property="article:published_time" content="{page.published.isoformat()}">'
        f'<link rel="canonical" href="/{path}">'
        '<link rel="stylesheet" href="/static/site.css">'
        f'<script type="application/ld+json">{ld}</script>'
        f"<script>{script}</script></head><body>"
        f'<header class="site-header"><div class="logo"><a href="/">Warta Bench</a></div>'
        f'<nav class="main-nav"><ul>{nav}</ul></nav></header>'
        '<div class="container"><main class="content">'
        f'<article class="detail"><h1 class="title">{escape(page.title)}</h1>'
        f'<div class="date">{page.published:%A, %d %B %Y %H:%M} WIB</div>'
        f'<div class="detail-text">{paragraphs}</div>'
        '<div class="tags"><a href="/tag/dprd">DPRD</a> <a href="/tag/daerah">Daerah</a></div>'
        '<div class="share">Bagikan: <a href="#">Facebook</a> <a href="#">X</a></div>'
        "</article></main>"
        f'<aside class="sidebar"><h3>Terpopuler</h3><ol>{popular}</ol>'
        f"<h3>Terkini</h3><ul>{filler}</ul></aside></div>"
        f'<footer class="site-footer"><ul>{nav}</ul><p>Hak cipta Warta Bench. Semua hak '
        "dilindungi.</p></footer></body></html>"
    )


def write_site(root: Path, pages: int, seed: int = 14) -> list[str]:
    """``pages`` article pages under ``root/berita/`` and ``root/rss.xml`` listing them all;
    returns the article paths."""
    found = [p for outlet in corpus(1, pages, seed) for p in outlet][:pages]
    (root / "berita").mkdir(parents=True, exist_ok=True)
    paths: list[str] = []
    items: list[str] = []
    for n, page in enumerate(found):
        path = f"berita/{page.slug}.html"
        others = [found[(n + k) % len(found)] for k in range(1, 11)]
        (root / path).write_text(article_html(page, path, others), encoding="utf-8")
        paths.append("/" + path)
        items.append(
            f"<item><title>{escape(page.title)}</title><link>{{BASE}}/{path}</link>"
            f"<pubDate>{page.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate></item>")
    (root / "rss.xml.in").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Warta Bench</title><link>{{BASE}}/</link>{''.join(items)}</channel></rss>",
        encoding="utf-8")
    return paths


class Site:
    """A served site: ``url(path)``, ``served()`` (article pages served so far)."""

    def __init__(self, root: Path, base: str, process: subprocess.Popen[bytes]) -> None:
        self.root, self.base, self.process = root, base, process

    def url(self, path: str) -> str:
        return self.base + "/" + path.lstrip("/")

    def served(self) -> int:
        with urllib.request.urlopen(self.url("_count"), timeout=5) as response:
            return int(response.read())


@contextmanager
def serving(root: Path) -> Iterator[Site]:
    """Serve ``root`` from a child process on a free loopback port until the block ends."""
    process = subprocess.Popen([sys.executable, "-m", "benchmarks.serve", str(root)],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert process.stdout is not None
        line = process.stdout.readline().decode().strip()  # "http://127.0.0.1:PORT"
        if not line.startswith("http://"):
            raise RuntimeError(f"the benchmark site did not start (said {line!r})")
        feed = (root / "rss.xml.in").read_text(encoding="utf-8").replace("{BASE}", line)
        (root / "rss.xml").write_text(feed, encoding="utf-8")
        yield Site(root, line, process)
    finally:
        process.terminate()
        process.wait(START_TIMEOUT_SECONDS)

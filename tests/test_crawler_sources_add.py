"""``kunker sources add URL`` on local sites of every page shape: feeds, sitemaps or a listing
are found, the CMS is recognised, one article is extracted, and the entry written loads."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.site_shapes import article_pattern, detect_shape
from crawler.sources import load_sources
from kunker.cli import main
from kunker.localsite import LocalSite

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
# shape -> (cms detected, how articles are discovered, the URL it is found at)
EXPECTED = {
    "jnews": ("wordpress-jnews", "feeds", "/feed/"),
    "newspaper": ("wordpress-newspaper", "sitemaps", "/sitemap_index.xml"),
    "blogger": ("blogger", "feeds", "/feeds/posts/default"),
    "govid": ("govid", "listings", "/berita"),
    "antara": (None, "feeds", "/rss/terkini.xml"),
    "tribun": (None, "sitemaps", "/sitemap-news.xml"),
    "detik": (None, "sitemaps", "/berita/sitemap_news.xml"),
    "kompas": (None, "listings", "/indeks/"),
    "disway": (None, "listings", "/"),
    "portal": (None, "sitemaps", "/sitemap.xml"),
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.delenv("KUNKER_SOURCES", raising=False)
    monkeypatch.delenv("KUNKER_DATABASE_URL", raising=False)
    return home


@pytest.fixture
def shape_site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalSite]:
    root = tmp_path / "site"
    shutil.copytree(SHAPES / request.param, root)
    with LocalSite(root) as site:
        yield site


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.mark.parametrize("shape_site", list(EXPECTED), indirect=True)
def test_add_finds_how_to_crawl_every_shape_and_writes_an_entry_that_loads(
    shape_site: LocalSite, home: Path, capsys: pytest.CaptureFixture[str], request
) -> None:
    shape = request.node.callspec.params["shape_site"]
    cms, kind, path = EXPECTED[shape]
    code, _, err = run(["sources", "add", shape_site.url("/"), "--name", f"baru-{shape}",
                          "--province", "Malut"], capsys)
    assert code == 0, err
    assert "check: '" in err  # one article was extracted
    written = home / "sources.toml"
    sources = {s.name: s for s in load_sources(written)}
    entry = sources[f"baru-{shape}"]
    assert "antara-sumbar" in sources  # include_bundled: the catalogue stays in use
    assert entry.province == "Maluku Utara" and entry.timezone == "WIT"
    assert entry.checked and entry.cms == cms
    assert shape_site.url(path) in getattr(entry, kind)
    assert entry.selectors.body == () and entry.selectors.title == ()


@pytest.mark.parametrize("shape_site", ["govid"], indirect=True)
def test_dry_run_prints_the_entry_and_writes_nothing(
    shape_site: LocalSite, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["sources", "add", shape_site.url("/"), "--name", "dprd-contoh",
                        "--dry-run"], capsys)
    assert code == 0
    assert out.startswith("[[source]]") and 'name = "dprd-contoh"' in out
    assert 'article_pattern = "/berita/detail/\\\\d+/"' in out
    assert not (home / "sources.toml").exists()


def test_an_unreachable_site_is_one_line_naming_the_cause(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["sources", "add", "http://127.0.0.1:9/"], capsys)
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("error: cannot fetch http://127.0.0.1:9/") and "refused" in err


def test_a_site_whose_robots_txt_forbids_crawlers_is_not_added(
    local_site: LocalSite, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert local_site.root is not None
    (local_site.root / "index.html").write_text("<html><title>x</title></html>")
    (local_site.root / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    code, _, err = run(["sources", "add", local_site.url("/")], capsys)
    assert code == 1 and "robots.txt" in err and "forbids" in err


def test_a_host_already_in_the_catalogue_is_named(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["sources", "add", "https://sumbar.antaranews.com/"], capsys)
    assert code == 1 and "already in the catalogue as 'antara-sumbar'" in err


def test_wordpress_on_a_government_host_is_still_wordpress() -> None:
    html = (SHAPES / "jnews" / "index.html").read_text()
    assert detect_shape(html, "https://dprd.contohprov.go.id/").name == "wordpress-jnews"
    assert detect_shape("<html><body>Portal</body></html>", "https://dprd.x.go.id/").name \
        == "govid"
    assert detect_shape("<html><body>Portal</body></html>", "https://kabar.example.id/") is None


def test_article_pattern_is_the_shape_most_links_share() -> None:
    links = ["https://k.id/read/101/dprd-a-b-c", "https://k.id/read/102/dprd-d-e-f",
             "https://k.id/2025/06/01/lain-lain-x"]
    assert article_pattern(links) == "/read/\\d+/"
    assert article_pattern(["https://k.id/tentang-kami-dan-redaksi"]) is None

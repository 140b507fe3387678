"""The sources config: the bundled outlets load, and mistakes are one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import SourcesConfigError
from crawler.sources import (
    BUNDLED_SOURCES_FILE,
    adhoc_source,
    find_source,
    load_sources,
)


def test_bundled_config_has_at_least_ten_outlets_with_discovery() -> None:
    sources = [s for s in load_sources(BUNDLED_SOURCES_FILE) if not s.is_gdelt]
    assert len(sources) >= 10
    for source in sources:
        assert source.start_urls, source.name
        assert source.allowed_domains, source.name
        for url in source.start_urls:
            assert source.allows(url), (source.name, url)


def test_extends_takes_selectors_but_not_discovery() -> None:
    sources = {s.name: s for s in load_sources(BUNDLED_SOURCES_FILE)}
    kaltim, sumbar = sources["antara-kaltim"], sources["antara-sumbar"]
    assert kaltim.selectors == sumbar.selectors
    assert kaltim.timezone == "WITA"
    assert kaltim.feeds == ("https://kaltim.antaranews.com/rss/terkini.xml",)
    assert kaltim.listings == ()
    assert kaltim.allowed_domains == ("kaltim.antaranews.com",)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
[[source]]
name = "contoh"
feeds = ["https://contoh.id/feed/"]
allowed_domains = ["contoh.id"]
[source.selectors]
body = "div.isi"
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]]\nname = 'a'\nfeeds = [", "not valid TOML"),
        ("title = 'x'", "no [[source]] entries"),
        ("[[source]]\nname = 'Bad Name'\nfeeds = ['https://a.id/f']", "'name' must be"),
        ("[[source]]\nname = 'a'", "source 'a': needs at least one of feeds"),
        ("[[source]]\nname = 'a'\nfeeds = ['ftp://a.id/f']", "not an http(s) URL"),
        ("[[source]]\nname = 'a'\nfeeds = ['https://a.id/f']\nfeedz = []", "unknown key(s) feedz"),
        (
            "[[source]]\nname = 'a'\nfeeds = ['https://a.id/f']\narticle_pattern = '(['",
            "article_pattern is not a valid regex",
        ),
        ("[[source]]\nname = 'a'\nfeeds = ['https://a.id/f']\ntimezone = 'UTC'", "timezone"),
        (
            "[[source]]\nname = 'a'\nfeeds = ['https://a.id/f']\n[source.selectors]\nbody = 'p[['",
            "selectors.body has invalid CSS",
        ),
        (
            "[[source]]\nname = 'a'\nfeeds = ['https://a.id/f']\n[source.selectors]\nisi = 'p'",
            "unknown selector key(s) isi",
        ),
        ("[[source]]\nname = 'a'\nextends = 'nope'\nfeeds = ['https://a.id/f']", "extends unknown"),
        (GOOD + GOOD, "defined twice"),
    ],
)
def test_invalid_entries_give_one_line_errors_naming_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SourcesConfigError) as caught:
        load_sources(path)
    error = str(caught.value)
    assert message in error
    assert str(path) in error
    assert "\n" not in error


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesConfigError, match="cannot read sources config"):
        load_sources(tmp_path / "missing.toml")


def test_valid_entry_and_lookup_by_name(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    sources = load_sources(path)
    assert find_source(sources, "contoh", path).selectors.body == ("div.isi",)
    with pytest.raises(SourcesConfigError, match=r"no source named 'lain'; .*sources list"):
        find_source(sources, "lain", path)
    with pytest.raises(SourcesConfigError, match=r"no source named 'contoh2'; did you mean contoh"):
        find_source(sources, "contoh2", path)


def test_local_entry_may_extend_a_bundled_outlet(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[[source]]\nname = 'cermin'\nextends = 'detik-news'\n"
        "sitemaps = ['http://127.0.0.1:8000/sitemap.xml']\nallowed_domains = ['127.0.0.1']\n",
    )
    (source,) = load_sources(path)
    assert source.selectors.title == ("h1.detail__title",)
    assert source.sitemaps == ("http://127.0.0.1:8000/sitemap.xml",)


def test_adhoc_sources_use_generic_extraction() -> None:
    feed = adhoc_source("feed", "http://127.0.0.1:9000/rss.xml")
    assert feed.name == "adhoc-127.0.0.1" and feed.feeds and not feed.selectors.body
    listing = adhoc_source("start-url", "https://warta.id/terkini")
    assert listing.listings == ("https://warta.id/terkini",)
    assert listing.allowed_domains == ("warta.id",)
    with pytest.raises(SourcesConfigError, match="--feed"):
        adhoc_source("feed", "warta.id/rss")

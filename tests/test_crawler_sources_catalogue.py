"""The bundled catalogue: every entry parses and names a province kunker knows, all 38
provinces are covered (ANTARA/Tribun/DPRD where they exist, regional outlets, a GDELT
search), entries that nobody fetched say so, and user files may build on the catalogue."""

from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from crawler.errors import SourcesConfigError
from crawler.sources import BUNDLED_SOURCES_FILE, load_sources, timezone_of_province
from kunker.catalogue import NATIONAL_CODE, all_provinces, by_province, resolve_province
from kunker.errors import KunkerError

SOURCES = load_sources(BUNDLED_SOURCES_FILE)
GROUPS = by_province(SOURCES, str(BUNDLED_SOURCES_FILE))
PROVINCES = all_provinces()


def test_every_entry_names_a_province_or_is_national() -> None:
    raw = tomllib.loads(BUNDLED_SOURCES_FILE.read_text(encoding="utf-8"))["source"]
    names = {p.name for p in PROVINCES} | {"nasional"}
    for entry in raw:
        assert entry.get("province") in names, entry["name"]  # canonical names in the file
    assert "" not in GROUPS


def test_all_38_provinces_have_news_sources_and_a_gdelt_search() -> None:
    assert len(PROVINCES) == 38
    for province in PROVINCES:
        members = GROUPS.get(province.code, [])
        news = [s for s in members if not s.is_gdelt]
        assert news, province.name
        assert sum(s.is_gdelt for s in members) == 1, province.name


def test_every_province_has_at_least_two_regional_outlets() -> None:
    for province in PROVINCES:
        regional = [s for s in GROUPS[province.code] if s.category == "regional"]
        assert len(regional) >= 2, province.name


def test_antara_tribun_and_dprd_entries_cover_most_provinces() -> None:
    have: dict[str, set[str]] = defaultdict(set)
    for code, members in GROUPS.items():
        for source in members:
            have[source.category or ""].add(code)
    # the four Papua provinces created in 2022 have no bureau, edition or DPR site yet
    assert len(have["antara"] - {NATIONAL_CODE}) >= 32
    assert len(have["tribun"]) >= 33
    assert len(have["dprd"]) >= 32


def test_entries_nobody_fetched_say_so_and_names_are_unique() -> None:
    assert all(not s.checked for s in SOURCES)  # written without network
    assert len({s.name for s in SOURCES}) == len(SOURCES)


def test_timezones_follow_the_province() -> None:
    for province in PROVINCES:
        zone = timezone_of_province(province.name)
        for source in GROUPS[province.code]:
            assert source.timezone == zone, source.name


def test_news_entries_discover_on_their_own_domains() -> None:
    for source in SOURCES:
        if source.is_gdelt:
            assert source.optional and not source.start_urls
            continue
        assert source.start_urls and source.allowed_domains, source.name
        for url in source.start_urls:
            assert source.allows(url), (source.name, url)


def test_the_catalogue_has_entries_for_hosts_real_reports_came_from() -> None:
    seen = Path(__file__).resolve().parents[2] / "shared" / "sources" / "outlets-seen.tsv"
    if not seen.is_file():
        pytest.skip(f"{seen} not found")
    rows = [line.split("\t") for line in seen.read_text(encoding="utf-8").splitlines()[1:]]
    hosts = Counter({row[0]: int(row[1]) for row in rows if len(row) > 1})
    covered = [h for h in hosts if any(s.allows(f"https://{h}/") for s in SOURCES)]
    # the hosts reported most often are in the catalogue
    top = [h for h, _ in hosts.most_common(15)]
    assert sum(h in covered for h in top) >= 10


@pytest.mark.parametrize(("typed", "name"), [
    ("Maluku Utara", "Maluku Utara"), ("Malut", "Maluku Utara"), ("82", "Maluku Utara"),
    ("sumbar", "Sumatera Barat"), ("DIY", "DI Yogyakarta"), ("Kota Ternate", "Maluku Utara"),
])
def test_provinces_are_named_as_elsewhere_in_kunker(typed: str, name: str) -> None:
    assert resolve_province(typed)[0].name == name


def test_an_unknown_province_is_a_clear_error() -> None:
    with pytest.raises(KunkerError, match="no province"):
        resolve_province("Atlantis")


def test_a_user_file_may_add_to_the_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text("include_bundled = true\n[[source]]\nname = 'kabar-baru'\n"
                    "feeds = ['https://kabar.example.id/feed/']\n"
                    "[[source]]\nname = 'antara-sumbar'\nextends = 'antara-jatim'\n"
                    "feeds = ['https://sumbar.example.id/rss.xml']\n", encoding="utf-8")
    sources = {s.name: s for s in load_sources(path)}
    assert len(sources) == len(SOURCES) + 1
    assert sources["antara-sumbar"].feeds == ("https://sumbar.example.id/rss.xml",)


@pytest.mark.parametrize(("text", "message"), [
    ("[[source]]\nname = 'g'\nkind = 'search'\nfeeds = ['https://a.id/f']", "kind must be"),
    ("[[source]]\nname = 'g'\nkind = 'gdelt'\nfeeds = ['https://a.id/f']", "no feeds"),
    ("[[source]]\nname = 'g'\ncategory = 'blog'\nfeeds = ['https://a.id/f']", "category must"),
    ("[[source]]\nname = 'g'\nchecked = 'no'\nfeeds = ['https://a.id/f']", "checked must be"),
    ("include_bundled = 'yes'\n[[source]]\nname = 'g'\nfeeds = ['https://a.id/f']",
     "include_bundled"),
])
def test_new_keys_are_checked(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesConfigError, match=message):
        load_sources(path)

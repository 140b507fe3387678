"""The data tables of ``nlp/data``, loaded once per process.

Every recogniser reads its words from here, so what the extractor knows is data a
maintainer can extend without touching code. Names of regions, legislatures and ministries
are the resolver's (``nlp.canonical``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from nlp.datafiles import read_lines, read_toml
from nlp.gazetteer import key_of
from nlp.tokens import tokenize


def phrase_key(text: str) -> tuple[str, ...]:
    """Lowercased words of a phrase, the form multi-word lexicon entries are matched in."""
    return tuple(t.lower for t in tokenize(text) if t.is_word)


@dataclass(frozen=True, slots=True)
class Lexicon:
    organ_names: dict[tuple[str, ...], str]  # ("badan", "anggaran") -> "Badan Anggaran"
    role_units: dict[tuple[str, ...], str]  # ("wakil", "ketua") -> "Pimpinan"
    members: dict[tuple[str, ...], str]  # ("wakil", "rakyat"): words for a body's members
    organisation_heads: frozenset[tuple[str, ...]]
    regional_offices: frozenset[tuple[str, ...]]  # units of a regional government
    provincial_offices: frozenset[tuple[str, ...]]
    field_offices: frozenset[tuple[str, ...]]  # "dinas": named by a field, a ministry's too
    office_names: dict[str, str]  # "setda" -> "Sekretariat Daerah"
    standalone: frozenset[tuple[str, ...]]  # heads that are whole names ("Bulog")
    branch_words: frozenset[tuple[str, ...]]  # "Cabang", "Area": a company's branch
    facility_prefixes: frozenset[tuple[str, ...]]  # "Kantor", "Gudang" before a name
    agency_heads: frozenset[str]  # "badan": with a national word, a national agency
    unbracketed_heads: frozenset[tuple[str, ...]]  # "rumah sakit umum daerah (RSUD)"
    national_words: frozenset[str]  # "nasional", "negara", "ri"
    headquarters_prefix: dict[str, str]
    executive_roles: dict[tuple[str, ...], str]
    governments: dict[tuple[str, ...], str]
    parties: frozenset[str]  # keys (key_of) of party names
    lowercase_heads: frozenset[tuple[str, ...]]  # "aliansi": a head written in lowercase
    civic_groups: frozenset[tuple[str, ...]]  # "aliansi", "sma negeri": citizens' groups
    foreign_bodies: dict[tuple[str, ...], str]  # ("konsul", "jenderal") -> "Konsulat Jenderal"
    seated_bodies: frozenset[str]  # missions, named with their seat ("... di Manado")
    english_heads: frozenset[str]  # "office", "authority": a body abroad named in English
    english_links: frozenset[str]  # "of", "for" inside such a name
    english_heads_before_of: frozenset[str]  # "bank": an English head only before "of"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    organs = read_toml("organs.toml")
    organ_names = {
        phrase_key(name): organ["unit"] for organ in organs["organ"] for name in organ["names"]
    }
    role_units = {
        phrase_key(role): unit for unit, roles in organs["roles"].items() for role in roles
    }
    orgs = read_toml("organisations.toml")
    return Lexicon(
        organ_names=organ_names,
        role_units=role_units,
        members={phrase_key(m): m for m in organs["members"]},
        organisation_heads=frozenset(phrase_key(h) for h in [
            *orgs["heads"], *orgs["regional_offices"], *orgs["standalone"]]),
        regional_offices=frozenset(phrase_key(h) for h in orgs["regional_offices"]),
        provincial_offices=frozenset(phrase_key(h) for h in orgs["provincial_offices"]),
        field_offices=frozenset(phrase_key(h) for h in orgs["field_offices"]),
        office_names={k.lower(): v for k, v in orgs["office_names"].items()},
        standalone=frozenset(phrase_key(h) for h in orgs["standalone"]),
        branch_words=frozenset(phrase_key(h) for h in orgs["branch_words"]),
        facility_prefixes=frozenset(phrase_key(h) for h in orgs["facility_prefixes"]),
        agency_heads=frozenset(w.lower() for w in orgs["agency_heads"]),
        unbracketed_heads=frozenset(phrase_key(h) for h in orgs["unbracketed_heads"]),
        national_words=frozenset(w.lower() for w in orgs["national_words"]),
        headquarters_prefix={k.lower(): v for k, v in orgs["headquarters_prefix"].items()},
        executive_roles={phrase_key(k): v for k, v in orgs["executive_roles"].items()},
        governments={phrase_key(k): v for k, v in orgs["governments"].items()},
        parties=frozenset(key_of(p) for p in read_lines("parties.txt")),
        lowercase_heads=frozenset(phrase_key(h) for h in orgs["lowercase_heads"]),
        civic_groups=frozenset(phrase_key(h) for h in orgs["civic_groups"]),
        foreign_bodies={phrase_key(k): v for k, v in orgs["foreign_bodies"].items()},
        seated_bodies=frozenset(orgs["seated_bodies"]),
        english_heads=frozenset(w.lower() for w in orgs["english_heads"]),
        english_links=frozenset(orgs["english_links"]),
        english_heads_before_of=frozenset(w.lower() for w in orgs["english_heads_before_of"]),
    )

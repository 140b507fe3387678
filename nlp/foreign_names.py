"""Bodies of a foreign country as Indonesian news names them: its missions, parliament and
parties ("Konsul Jenderal Filipina di Manado" stands for the consulate, "KBRI di Turki",
"parlemen Turki", "Partai Buruh Australia") or as they name themselves in English ("Bank of
Korea"). A delegation abroad meets them, and a mission or a party delegation calls on a
legislature (an audiensi, the visitor named as written)."""

from __future__ import annotations

from nlp.gazetteer import Region
from nlp.mention import Mention
from nlp.organisations import starts_other_name
from nlp.person_names import people_lexicon
from nlp.scanner import DAY_NAMES, Scanner

MAX_PARTY_WORDS = 4  # words of a party's name before its country: "Partai Aksi Rakyat"
MAX_ENGLISH_WORDS = 8
MAX_LINKS = 2  # linking words in a row inside a name: "Office of the Auditor General"
MAX_SHORT_FORM = 10  # characters of a "(ABBR)" kept with an English name


def english_organisation_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    """"Bank of Korea (BOK)", "Japan Fair Trade Commission", "Federal Energy Agency": a body
    named in English, that is a run of capitalised words, with "of", "for" and the like
    between them, holding an English head (``english_heads``, not in capitals) that is not
    its first word unless "of" follows it. "Bank" heads one only before "of": "RUPS Bank
    Sulteng" is Indonesian, and an Indonesian "Bank X" is ``organisation_at``'s. The name
    ends with its last head or the "of ..." after it (``_name_end``); a short form in
    brackets right after it is kept, as the annotation keeps it."""
    lex = s.lex
    if not any(w in lex.english_heads for w in s.low[i:i + 2 * MAX_ENGLISH_WORDS]):
        return None  # most capitalised words start no such name: decided cheaply
    words: list[int] = []
    j = i
    while j < len(s) and len(words) < MAX_ENGLISH_WORDS:
        token = s.tokens[j]
        if words and starts_other_name(s, j):
            break  # "Command Center Pemkot Bogor": the government is its own name
        if token.is_word and token.is_capitalised:
            words.append(j)
        elif not (words and _links_before_a_name(s, j)):
            break
        j += 1
    heads = [k for k in words if s.low[k] in lex.english_heads and not s.tokens[k].text.isupper()
             and (s.low[k] not in lex.english_heads_before_of or s.low[k + 1:k + 2] == ["of"])]
    if len(words) < 2 or not heads or (i == 0 and i not in heads) \
            or s.low[i] in people_lexicon().role_words:
        return None  # a sentence's first word ("Kemudian ..."), a role ("Gubernur ...")
    if heads == [i] and s.low[i + 1:i + 2] != ["of"]:
        return None  # "Bank Sulteng", "Museum Nasional": an Indonesian name
    end = _name_end(s, heads[-1] + 1)
    close = s.skip_parenthetical(end, max_words=1)
    if close > end and len(s.span_text(end + 1, close - 1)) <= MAX_SHORT_FORM:
        end = close
    text = s.span_text(i, end)
    # "National Assembly Republik Korea": the country written right after it
    after = tuple(r for r in s.region_at(end)[0] if r.type == "negara") if end < len(s) else ()
    return Mention("organisation", s.tokens[i].start, s.tokens[end - 1].end, text,
                   name=text, candidates=_country_named(s, i, end) or after[:1]), end


def _country_named(s: Scanner, i: int, end: int) -> tuple[Region, ...]:
    """The one country named inside an English name ("Bank of Canada", "National Assembly
    of South Africa"): where the body is; none when no country or several are named."""
    countries = set()
    for k in range(i, end):
        regions, _ = s.region_at(k)
        countries |= {r for r in regions if r.type == "negara"}
    return tuple(countries) if len(countries) == 1 else ()


def _name_end(s: Scanner, j: int) -> int:
    """Where an English name whose last head ends at ``j`` ends: after the "of ..." that
    may follow ("University of New Castle", "Institute for Coastal Studies"), else there; a
    person named after it is not part of it ("Lestari Institute Budi Santoso")."""
    while _links_before_a_name(s, j):
        k = _after_links(s, j)
        if starts_other_name(s, k):
            break
        j = k
        while j < len(s) and s.tokens[j].is_word and s.tokens[j].is_capitalised \
                and s.low[j] not in DAY_NAMES:
            j += 1
    return j


def _after_links(s: Scanner, j: int) -> int:
    """The first token from ``j`` on that is no linking word ("of", "the")."""
    while j < len(s) and s.low[j] in s.lex.english_links:
        j += 1
    return j


def _links_before_a_name(s: Scanner, j: int) -> bool:
    """Whether one or two linking words at ``j`` lead to a capitalised word: "of Korea",
    "of the Auditor General"."""
    k = _after_links(s, j)
    return 0 < k - j <= MAX_LINKS and k < len(s) and s.tokens[k].is_capitalised


def foreign_party_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    """"Partai Komunis Vietnam": a party whose name ends with a foreign country. Indonesian
    parties are not bodies that visit (a legislator travelling for his party is no visit
    event), and their names end otherwise or with "Indonesia"."""
    if s.low[i] != "partai":
        return None
    for j in range(i + 1, min(i + 1 + MAX_PARTY_WORDS, len(s))):
        if not (s.tokens[j].is_word and s.tokens[j].is_capitalised):
            return None
        regions, end = s.region_at(j)
        if regions and all(r.type == "negara" for r in regions) and j > i + 1:
            return Mention("organisation", s.tokens[i].start, s.tokens[end - 1].end,
                           s.span_text(i, end), name=s.span_text(i, end),
                           candidates=regions), end
    return None


def foreign_body_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    """A country's mission or parliament written with the country or the place it sits in:
    "Konsul Jenderal Filipina di Manado" -> Konsulat Jenderal Filipina di Manado (the
    envoy stands for the mission, as a governor for the province's government), "KBRI di
    Turki", "KBRI Canberra", "parlemen dan pemerintah Hungaria" -> Parlemen Hungaria."""
    found = s.longest_phrase(i, s.lex.foreign_bodies, max_len=3)
    if found is None:
        return None
    body, j = found
    regions, end = s.region_at(j)
    if regions and all(r.type == "negara" for r in regions):
        name = f"{body} {s.span_text(j, end)}"
    elif s.low[j:j + 1] == ["di"] and all(r.type == "negara" for r in s.region_at(j + 1)[0]):
        regions, end = s.region_at(j + 1)  # "KBRI di Turki"
        if not regions:
            return None
        name = f"{body} di {s.span_text(j + 1, end)}"
    elif s.low[j:j + 1] in (["dan"], ["serta"]) and j + 1 < len(s):
        # "parlemen dan pemerintah Hungaria": the country named after the pair is both's
        other = s.longest_phrase(j + 1, s.lex.governments, max_len=2) \
            or s.longest_phrase(j + 1, s.lex.foreign_bodies, max_len=3)
        regions = s.region_at(other[1])[0] if other else ()
        if not regions or not all(r.type == "negara" for r in regions):
            return None
        name = f"{body} {regions[0].name}"
        return Mention("organisation", s.tokens[i].start, s.tokens[j - 1].end,
                       s.span_text(i, j), name=name, candidates=regions), j
    else:
        return None
    if body in s.lex.seated_bodies and s.low[end:end + 1] == ["di"]:
        # "Konsulat Jenderal Jepang di Surabaya": a mission's seat is part of its name
        seat, after = s.region_at(end + 1)
        if seat:
            name, end = f"{name} di {s.span_text(end + 1, after)}", after
    return Mention("organisation", s.tokens[i].start, s.tokens[end - 1].end,
                   s.span_text(i, end), name=name, candidates=regions), end

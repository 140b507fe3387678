"""People named in one sentence ("sightings"): the name, the role words before it, the
institution inside that role, and how the sentence ties them to a visit.

Reporters introduce people by role ("Wakil Ketua DPRD Kaltim Rendra Wijaya", "Ketua DPRD
Sultra, Dr. Nurhayati Lamba"), by apposition ("Marlinda, selaku Ketua Pansus"), by party
("Suharlan (Golkar)") and in quote attributions ("kata Basran"). Stanza's NER (when a model
is installed) adds PERSON spans the patterns miss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nlp.gazetteer import key_of
from nlp.lexicon import lexicon
from nlp.mention import Mention
from nlp.name_lists import after_name, listed_members
from nlp.name_spans import VERBAL_PREFIX, Sighting, honorific_at, name_end
from nlp.person_names import clean_name, people_lexicon
from nlp.sentence_view import SentenceView

__all__ = ["Sighting", "name_end", "sightings_in"]

MAX_ROLE_TOKENS = 14
RECEIVING = {"diterima", "disambut", "dijamu", "menerima", "menyambut"}
LEADING = {"dipimpin", "memimpin", "diketuai"}
APPOSITION = {"selaku", "sebagai", "yang"}
PLACE_PREPOSITIONS = {"di", "ke", "pada"}
PLACE_WORDS = {"jalan", "jl", "jln", "gedung", "hotel", "kantor", "desa", "kelurahan",
               "kecamatan", "pasar", "kampung", "dusun", "kota", "kabupaten", "provinsi"}


# -- finding names in a sentence -------------------------------------------------------------

def sightings_in(view: SentenceView) -> list[Sighting]:
    lex = people_lexicon()
    tokens = view.tokens
    low = view.low
    found: list[Sighting] = []
    taken: set[int] = set()

    def add(first: int, end: int, role_start: int | None, mention: Mention | None,
            cue: str | None) -> Sighting | None:
        name = clean_name(tokens[first:end], after_role=role_start is not None)
        if name is None or any(k in taken for k in range(first, end)):
            return None
        if first > 0 and low[first - 1] in PLACE_WORDS:
            return None  # "Jalan Pemuda", "Hotel Sari Pantai": a place, not a person
        if view.upos is not None and view.upos[first] == "VERB" and \
                VERBAL_PREFIX.match(view.low[first]):
            return None  # Stanza: a capitalised verb ("Dikatakan", "Menurut"), not a name
        taken.update(range(first, end))
        # words cleaning left out before the name ("Tarakan" of "Ketua Komisi II
        # Tarakan Wulan") end the role
        start = next((k for k in range(first, end) if tokens[k].text == name.split()[0]), first)
        role = _role_text(view, role_start, start) if role_start is not None else None
        office = _office(view, role_start, first) if role_start is not None else None
        found.append(Sighting(name, view.index, role, mention, cue, office, first))
        return found[-1]

    i = 0
    while i < len(tokens):
        word = low[i]
        if (word in lex.role_words and tokens[i].is_capitalised) or word in ("anggota", "ketua"):
            phrase = _role_phrase(view, i)
            if phrase is not None:
                first, end, mention = phrase
                head = add(first, end, i, mention, _cue_before(low, i))
                for extra_first, extra_end in _listed_after(view, end):
                    listed = add(extra_first, extra_end, i, mention, _cue_before(low, i))
                    if listed is not None and head is not None:
                        listed.role = head.role  # the role the list's first name has
                i = max(end, i + 1)
                continue
        if (word in lex.speech_verbs or word in RECEIVING or word in LEADING
                or word == "didampingi") and i + 1 < len(tokens):
            first = i + 1
            while first < len(tokens) and (low[first] in ("langsung", "oleh", "pula", "juga")
                                           or honorific_at(view, first)
                                           or (tokens[first].text == "." and first > i + 1)):
                first += 1  # "dipimpin oleh Dr. H. Budi": the name after its titles
            if first < len(tokens) and tokens[first].is_capitalised and \
                    low[first] not in lex.role_words and low[first] not in lex.not_names \
                    and view.mention_covering(first) is None:
                end = name_end(view, first)
                web_address = end + 1 < len(tokens) and tokens[end].text == "." and \
                    not tokens[end + 1].is_capitalised  # "diterima Tribunjateng.com"
                if not _role_continues_after(view, end) and not web_address:
                    cue = _cue_before(low, i + 1)  # the verb's cue, titles between or not
                    add(first, end, None, None, cue)
        i += 1
    found.extend(listed_members(view, taken, lambda k: _cue_before(low, k)))
    found.extend(_party_tagged(view, taken))
    found.extend(_appositions(view, taken))
    found.extend(_named_entities(view, taken))
    for sighting in found:
        if sighting.role is None:
            _role_after(view, sighting)
    return sorted(found, key=lambda s: s.position)


def _role_after(view: SentenceView, sighting: Sighting) -> None:
    """The role written after a name ("kata Pahrul, Ketua Komisi A DPRD Melawi"): its
    words up to the next comma, and the institution named in them."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    comma = name_end(view, sighting.position)
    start = comma + 1
    if start >= len(tokens) or tokens[comma].text != "," or low[start] not in lex.role_words:
        return
    end = start
    mention = None
    while end < min(len(tokens), start + MAX_ROLE_TOKENS) and tokens[end].text not in ",.;:(\"”":
        k = view.mention_starting(end)
        if k is not None:
            if mention is None or (mention.kind == "place" and view.mentions[k].kind != "place"):
                mention = view.mentions[k]  # the first body named, else the first place
            end = view.spans[k][1]
            continue
        end += 1
    text = view.sentence.text
    offset = view.sentence.start
    sighting.role = text[tokens[start].start - offset:tokens[end - 1].end - offset]
    sighting.mention = mention


def _named_entities(view: SentenceView, taken: set[int]) -> list[Sighting]:
    """PERSON spans of Stanza's NER that no pattern found ("... bersama Yuli Wenda
    menemukan ..."); their side comes from the verbs around them like any other name."""
    if view.ner is None:
        return []
    found = []
    k = 0
    while k < len(view.ner):
        tag = view.ner[k]
        if not tag.endswith("PERSON") or tag[0] not in "BS":
            k += 1
            continue
        end = k + 1
        while end < len(view.ner) and view.ner[end][0] in "IE" and \
                view.ner[end].endswith("PERSON"):
            end += 1
        after_place_word = k > 0 and view.low[k - 1] in PLACE_WORDS
        if not any(j in taken for j in range(k, end)) and view.tokens[k].is_capitalised \
                and not after_place_word:
            name = clean_name(view.tokens[k:end])
            if name:
                taken.update(range(k, end))
                found.append(Sighting(name, view.index, None, None,
                                      _cue_before(view.low, k), None, k))
        k = end
    return found


def _cue_before(low: Sequence[str], i: int) -> str | None:
    window = low[max(0, i - 4):i]
    if "didampingi" in window:
        return "accompanying"
    if any(w in RECEIVING for w in window):
        return "received"
    if any(w in LEADING for w in window):
        return "leading"
    return None


def _role_phrase(view: SentenceView, i: int) -> tuple[int, int, Mention | None] | None:
    """The name a role introduces: "Wakil Ketua DPRD Kaltim Rendra Wijaya", "Kasubbag Humas,
    Protokol dan Publikasi Sekretariat DPRD Provinsi Jateng, Fajar Nugroho". Capitalised words
    followed by an institution, a title or a region belong to the role ("Humas, Protokol dan
    Publikasi Sekretariat DPRD ..."); the first run that is not so followed is the name."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    mention = None
    j = i if view.mention_starting(i) is not None else i + 1  # the role word itself
    limit = min(len(tokens), i + MAX_ROLE_TOKENS + 6)
    while j < limit:
        token = tokens[j]
        k = view.mention_starting(j)
        if k is not None:
            if view.mentions[k].kind != "place" or mention is None:
                mention = view.mentions[k]
            j = view.spans[k][1]
            continue
        word = low[j]
        if token.is_word and token.is_capitalised:
            if word in lex.role_words or word in lex.not_names or honorific_at(view, j):
                j += 1
                continue
            if low[j - 1] in PLACE_PREPOSITIONS:
                return None  # "Gubernur Bali di Renon": a place after the role
            end = name_end(view, j)
            if j > 0 and tokens[j - 1].text == "(" and end < len(tokens) and \
                    tokens[end].text == ")":
                j = end + 1  # "Staf Humas dan Protokol (Humpro) DPRD X": an office's short form
                continue
            if _role_continues_after(view, end) and not _full_name_before_and(view, j, end):
                j = end
                continue
            return j, end, mention
        if token.text in (",", "(", ")", "-", "/", "&", ".") or word in lex.role_modifiers \
                or (token.is_word and honorific_at(view, j)):
            j += 1  # "Wakil Ketua dr. Rasyidin": a title written in lower case
            continue
        return None
    return None


def _role_continues_after(view: SentenceView, end: int) -> bool:
    """True when the capitalised run ending at ``end`` is part of a role: an institution,
    a title or a region follows it directly, or after "dan <Word>"."""
    tokens, low = view.tokens, view.low
    if end >= len(tokens):
        return False
    if view.mention_starting(end) is not None or honorific_at(view, end) or \
            (low[end] in ("provinsi", "kabupaten", "kota", "prov", "kab")):
        return True
    if tokens[end].text == "(":  # "Kabag Protokol (Humpro) DPRD X"
        close = next((k for k in range(end + 1, min(len(tokens), end + 5))
                      if tokens[k].text == ")"), None)
        return close is not None and _role_continues_after(view, close + 1)
    if low[end] in ("dan", "&") and end + 1 < len(tokens) and tokens[end + 1].is_capitalised:
        after = name_end(view, end + 1)
        return after < len(tokens) and (view.mention_starting(after) is not None
                                         or honorific_at(view, after))
    return False


def _full_name_before_and(view: SentenceView, first: int, end: int) -> bool:
    """A name of two words or more, all kept by cleaning, before "dan": "Wakil Ketua DPRD
    X Budi Santoso dan ASN Sekretariat DPRD X" names Budi, unlike "Kabag Humas, Protokol
    dan Publikasi Sekretariat DPRD X" whose words are an office's."""
    return end < len(view.tokens) and view.low[end] in ("dan", "&") and \
        _full_name(view, first, end)


def _full_name(view: SentenceView, first: int, end: int) -> bool:
    """A name of two words or more that cleaning leaves whole."""
    name = clean_name(view.tokens[first:end])
    return name is not None and len(name.split()) >= 2 and \
        name.split() == [t.text for t in view.tokens[first:end] if t.is_word]


def _listed_after(view: SentenceView, end: int) -> list[tuple[int, int]]:
    """Names listed after the first one under the same role: "Jefri Simbolon, Markus
    Siregar dan Rina Oktaviani", "Hamka Pakaya dari Partai Demokrat, Rusli Mamonto"."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    found: list[tuple[int, int]] = []
    j = end
    while j < len(tokens):
        j = after_name(view, j)  # "Budi, S.Sos., M.Si, Ani dan Cici": degrees between names
        if j >= len(tokens):
            break
        if low[j] == "dari" and j + 1 < len(tokens) and tokens[j + 1].is_capitalised:
            j = name_end(view, j + 1)  # "dari Partai PAN"
            continue
        if low[j] == "(":
            close = next((k for k in range(j, min(len(tokens), j + 6)) if low[k] == ")"), None)
            if close is None:
                break
            j = close + 1
            continue
        if low[j] not in (",", "dan", "serta"):
            break
        nxt = j + 1
        if nxt < len(tokens) and low[nxt] == "dan":
            nxt += 1
        if nxt >= len(tokens) or not tokens[nxt].is_capitalised or low[nxt] in lex.role_words \
                or low[nxt] in lex.not_names or view.mention_starting(nxt) is not None:
            break
        stop = name_end(view, nxt)
        if stop < len(tokens) and low[stop] not in (",", "dan", "serta", ".", "(", "dari", ";"):
            if low[j] in ("dan", "serta") and _full_name(view, nxt, stop):
                found.append((nxt, stop))  # the list's last name: "A dan B Santoso di ..."
            break
        found.append((nxt, stop))
        j = stop
    return found


def _office(view: SentenceView, role_start: int, name_start: int) -> str | None:
    """"Kapolda Metro Jaya" -> "Polda Metro Jaya" (see people.toml role_institutions)."""
    prefix = people_lexicon().role_institutions.get(view.low[role_start])
    if prefix is None:
        return None
    words = []
    for token in view.tokens[role_start + 1:name_start]:
        if not (token.is_word and token.is_capitalised) or honorific_at(view, view.tokens.index(
                token)):
            break
        words.append(token.text)
    if words and words[0].lower() == prefix.lower():
        words = words[1:]  # "Rektor Universitas X": the office is "Universitas X"
    return f"{prefix} {' '.join(words)}" if words else None


def _party_tagged(view: SentenceView, taken: set[int]) -> list[Sighting]:
    """"Suharlan (Golkar), Jumadil (PDIP)": names followed by a party in brackets."""
    parties = lexicon().parties
    tokens = view.tokens
    found = []
    for j, token in enumerate(tokens):
        if token.text != "(" or j == 0:
            continue
        close = next((k for k in range(j + 1, min(len(tokens), j + 5)) if tokens[k].text == ")"),
                     None)
        if close is None:
            continue
        inner = key_of("".join(t.text for t in tokens[j + 1:close]))
        if inner not in parties:
            continue
        first = j - 1
        while first > 0 and ((tokens[first - 1].is_capitalised and tokens[first - 1].is_word)
                             or (tokens[first - 1].text == "." and first > 1)):
            first -= 1
        if any(k in taken for k in range(first, j)):
            continue
        if (first > 0 and view.low[first - 1] == "partai") or view.low[first] == "partai":
            continue  # "Partai Keadilan Sejahtera (PKS)": the party itself
        first = _skip_to_name(view, first, j)
        name = clean_name(tokens[first:j])
        if name:
            taken.update(range(first, j))
            found.append(Sighting(name, view.index, None, None, "party", position=first))
    return found


def _skip_to_name(view: SentenceView, first: int, end: int) -> int:
    lex = people_lexicon()
    while first < end and (view.low[first] in lex.not_names or view.low[first] in lex.role_words
                           or view.mention_covering(first) is not None):
        first += 1
    return first


def _appositions(view: SentenceView, taken: set[int]) -> list[Sighting]:
    """"Marlinda, selaku Ketua Pansus" / "Rina Kusuma Dewi, yang memimpin rombongan"."""
    tokens, low = view.tokens, view.low
    found = []
    for j in range(1, len(tokens) - 1):
        comma_role = low[j] == "," and low[j + 1] in people_lexicon().role_words
        if (low[j] not in APPOSITION and not comma_role) or j < 2:
            continue
        end = j - 1 if tokens[j - 1].text == "," else j
        first = end
        while first > 0 and tokens[first - 1].is_word and tokens[first - 1].is_capitalised:
            first -= 1
        if first == end or any(k in taken for k in range(first, end)):
            continue
        first = _skip_to_name(view, first, end)
        name = clean_name(tokens[first:end])
        if not name:
            continue
        taken.update(range(first, end))
        role_mention = None
        for k in range(j + 1, min(len(tokens), j + 8)):
            m = view.mention_covering(k)
            if m is not None:
                role_mention = view.mentions[m]
                break
        role = " ".join(t.text for t in tokens[j + 1:min(len(tokens), j + 6)])
        found.append(Sighting(name, view.index, role, role_mention, "leading"))
    return found


def _role_text(view: SentenceView, start: int, name_start: int) -> str | None:
    text = view.sentence.text
    offset = view.sentence.start
    begin = view.tokens[start].start - offset
    end = view.tokens[name_start].start - offset
    role = re.sub(r"\s*\([^)]*\)", "", text[begin:end]).strip(" ,")
    role = re.sub(r"\b(H|Hj|Dr|Drs|Ir|Prof|dr)\.?\s*$", "", role).strip(" ,")
    return role or None

"""Organisations' names: as one sentence writes them (``written_form``: the article's words,
"(ABBR)" kept as the annotation mostly does, a company's branch split off as its unit), and
one name for the several forms of one organisation in an article (``unify_organisations``:
"RSUD dr. X" and "Rumah Sakit Umum Daerah (RSUD) dr. H. X" are one hospital, "PT SBM" is
"PT Sumber Batu Makmur (SBM)")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from nlp.gazetteer import Region, gazetteer, key_of
from nlp.legislatures import is_abbreviation_of
from nlp.lexicon import lexicon
from nlp.mention import Mention
from nlp.scanner import LEVEL_WORDS, Scanner


class WrittenForm(NamedTuple):
    """An organisation as one sentence wrote it, before names are unified."""

    mention: Mention
    name: str
    candidates: tuple[Region, ...]
    head: tuple[str, ...]
    core: frozenset[str]


MAX_ABBREVIATED_WORDS = 6  # words a one-word head may stand for
MIN_SHORT_HEAD = 4  # letters: "PT" or "RS" would abbreviate too many names
_NAME_NOISE = {"dr", "h", "hj", "drs", "ir", "prof", "kh", "the"}
_LINKING_WORDS = {"di", "dan", "&", "of", "for"}
_BRACKETS = re.compile(r"\([^()]*\)")
_BRACKETED = re.compile(r"\(([^()]+)\)")
MAX_SHORT_FORMS = 64  # a name with many brackets is not worth every combination


def written_form(s: Scanner, i: int, j: int, end: int, standalone: bool
                 ) -> tuple[str, str | None, tuple[Region, ...]]:
    """Name, unit and regions of the organisation written from token ``i`` (its head) to
    ``end``; ``j`` is where the words after the head start. "Bank X Cabang Jakarta" is Bank X
    with unit "Cabang Jakarta"; a whole-name head with only a region after it ("Bulog
    Jombang") is that body at that place."""
    candidates = _regions_inside(s, j, end)
    unit = None
    for b in range(j, end):
        if (b > j or standalone) and branch_at(s, b):
            unit = " ".join(s.span_text(b, end).split())
            end = b
            break
    if not standalone and j < end:  # "PT Pertamina Sorong": the company "Pertamina" at Sorong
        known = next((j + n for n in (3, 2, 1) if tuple(s.low[j:j + n]) in s.lex.standalone),
                     None)
        if known is not None and known < end:
            standalone, j = True, known
    if standalone and j < end:
        regions, level, _, region_end = s.qualified_region(j)
        if regions and region_end >= end:
            candidates = tuple(r for r in regions if level is None or r.type == level) or regions
            end = j
    for k in range(j + 1, end):  # "Parlemen Provinsi X Korea Selatan": the country says where
        regions, _, _, region_end = s.qualified_region(k)
        if region_end == end and regions and all(r.type == "negara" for r in regions):
            candidates, end = regions, k
            break
    return _name_text(s, i, j, end), unit, candidates


def _name_text(s: Scanner, i: int, j: int, end: int) -> str:
    """The words from ``i`` to ``end`` as written, without a bracket that only abbreviates
    the head ("Rumah Sakit Umum Daerah (RSUD) X": the annotation drops it), names a region
    ("(Jatim)"), explains in lowercase words, or shortens a national agency's well-known name
    ("Badan Kepegawaian Negara (BKN)"); any other "(ABBR)" is kept, as the annotation mostly
    keeps it."""
    spans: list[tuple[int, int]] = []  # character spans kept, in the sentence's text
    words = {w for w in s.std[i:end]}
    national = s.std[i] in s.lex.agency_heads and bool(words & s.lex.national_words)
    k = i
    while k < end:
        close = s.skip_parenthetical(k) if s.low[k] == "(" else k
        if close > k:
            inner = [t.text for t in s.tokens[k + 1:close - 1] if t.is_word]
            head = [w for w in s.low[i:k] if w[:1].isalnum()]
            drop = (close <= j and len(inner) == 1 and tuple(head) in s.lex.unbracketed_heads
                    and is_abbreviation_of(inner[0].lower(), head)) \
                or bool(gazetteer().lookup(" ".join(inner))) \
                or not all(w[0].isupper() or w[0].isdigit() for w in inner) or national
            if not drop:
                spans.append((s.tokens[k].start, s.tokens[close - 1].end))
            k = close
            continue
        spans.append((s.tokens[k].start, s.tokens[k].end))
        k += 1
    out = ""
    last = None
    for start, stop in spans:  # a space wherever the text had a gap
        out += (" " if last is not None and start > last else "") + \
            s.text[start - s.offset:stop - s.offset]
        last = stop
    return out


def _regions_inside(s: Scanner, i: int, j: int) -> tuple[Region, ...]:
    """The region an organisation's name ends with, written with its level ("Dinas PUPR
    Kabupaten Gunungkidul") or as the last words ("RSUD Anutapura Palu")."""
    k = i
    best: tuple[Region, ...] = ()
    while k < j:
        candidates, level, _, end = s.qualified_region(k)
        if candidates and end <= j and (level or end == j):
            if level:
                candidates = tuple(r for r in candidates if r.type == level) or candidates
            best = candidates
            k = end
        else:
            k += 1
    return best


@lru_cache(maxsize=4096)
def _head_and_core(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The head words of an organisation's name and the rest, with region names read as
    their region ("Dinas Pertanian Sumut" and "Dinas Pertanian Provinsi Sumatera Utara" have
    the same core); brackets ("(Persero)", "(BPMA)") are not part of the core."""
    words = list(_plain_words(name))
    heads = lexicon().organisation_heads
    head: tuple[str, ...] = ()
    for length in range(min(4, len(words)), 0, -1):
        if tuple(words[:length]) in heads:
            head, words = tuple(words[:length]), words[length:]
            break
    return head, frozenset(_regions_as_codes(words))


@lru_cache(maxsize=4096)
def _plain_words(name: str) -> tuple[str, ...]:
    """The words of a name, lowercased, without brackets, stray stops and titles."""
    words = (w.strip(".,").lower() for w in _BRACKETS.sub(" ", name).split())
    return tuple(w for w in words if w and w not in _NAME_NOISE)


def organisation_head(name: str) -> str:
    """The head words of an organisation's name, lowercased ("rsud", "pt", "sma negeri");
    empty when the name starts with none of the lexicon's heads."""
    return " ".join(_head_and_core(name)[0])


def is_civic_group(name: str | None) -> bool:
    """Whether the organisation named is a group of citizens ("Aliansi Mahasiswa X", "SMA
    Negeri 1 X") rather than an office, agency or company (``civic_groups`` of
    data/organisations.toml)."""
    head = organisation_head(name or "")
    return bool(head) and tuple(head.split()) in lexicon().civic_groups


def _regions_as_codes(words: list[str]) -> list[str]:
    gaz = gazetteer()
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in LEVEL_WORDS:
            i += 1
            continue
        for length in range(min(4, len(words) - i), 0, -1):
            found = gaz.lookup("".join(words[i:i + length]))
            if found:
                out.append("@" + found[0].code)
                i += length
                break
        else:
            out.append(words[i])
            i += 1
    return out


def unify_organisations(mentions: Sequence[Mention], headline: Sequence[Mention] = ()) -> None:
    """Give every written form of one organisation the same name: "RSUD dr. Soemantri Wiryo"
    and "Rumah Sakit Umum Daerah (RSUD) dr. H. Soemantri Wiryo" are one hospital, "Polda
    Metro" is "Polda Metro Jaya". The name kept is the most often written core with the
    fullest head. A headline's forms follow the body's (headlines capitalise every word, so
    their names run on: "PT X Soal Upah Buruh")."""
    organisations = [m for m in mentions if m.kind == "organisation" and m.name]
    for mention in headline:
        if mention.kind == "organisation" and mention.name:
            _, core = _head_and_core(mention.name)
            body = [m for m in organisations if _head_and_core(m.name)[1] <= core]  # type: ignore[arg-type]
            if body:
                mention.name = max(body, key=lambda m: len(m.name)).name  # type: ignore[arg-type,return-value]
    if len(organisations) < 2:
        return
    # Every choice is made among the forms as written: renaming while counting would leave a
    # core counted whose every form had already been renamed away.
    forms_of: dict[frozenset[str], list[WrittenForm]] = {}  # core -> its forms, in order
    written = []
    for mention in organisations:
        head, core = _head_and_core(mention.name)  # type: ignore[arg-type]
        form = WrittenForm(mention, mention.name, mention.candidates, head, core)  # type: ignore[arg-type]
        written.append(form)
        forms_of.setdefault(core, []).append(form)
    best_of: dict[frozenset[str], WrittenForm | None] = {}  # core -> the form its names take
    for form in written:
        if form.core not in best_of:
            best_of[form.core] = _best_form(form.core, forms_of)
        best = best_of[form.core]
        if best is not None and best.mention is not form.mention \
                and (_same_kind(best.head, form.head)
                     or (best.core != form.core and bool(best.head) and bool(form.head)
                         and _named_beyond_region(best.core & form.core))):
            form.mention.name = best.name
            form.mention.candidates = best.candidates
    _unify_short_heads(written)
    _unify_short_forms(organisations)


def _unify_short_heads(written: Sequence[WrittenForm]) -> None:
    """"Bapenda Banjarmasin" is the "Badan Pendapatan Daerah Kota Banjarmasin" the article
    named in full without giving the short form in brackets: a one-word head that abbreviates
    the first words of another form's name, the rest of the two names alike, takes that
    form's name. The rest must match ("Bapenda" alone may be another region's office)."""
    for short in written:
        if len(short.head) != 1 or len(short.head[0]) < MIN_SHORT_HEAD or \
                short.mention.name != short.name or not short.core:
            continue
        for full in written:
            if full.mention is not short.mention and _abbreviates(short, full):
                short.mention.name = full.mention.name
                short.mention.candidates = full.mention.candidates
                break


def _abbreviates(short: WrittenForm, full: WrittenForm) -> bool:
    words = _plain_words(full.name)
    for count in range(2, min(len(words), MAX_ABBREVIATED_WORDS) + 1):
        if is_abbreviation_of(short.head[0], words[:count]) and \
                short.core == full.core - set(words[:count]):
            return True
    return False


def _unify_short_forms(organisations: Sequence[Mention]) -> None:
    """"PT SBM" is the "PT Sumber Batu Makmur (SBM)" the article named in full, "Lanud Wiradarma"
    its "Pangkalan TNI Angkatan Udara (Lanud) Wiradarma": a form whose words are the full
    name's with bracketed short forms standing for the words before them takes the full
    name. Only a whole-name match counts ("KPU" is not "Komisi Pemilihan Umum (KPU)
    Kabupaten Gowa")."""
    full = [m for m in organisations if m.name and "(" in m.name]
    if not full:
        return
    long_of: dict[str, Mention] = {}
    for mention in full:
        for short in short_forms(mention.name):  # type: ignore[arg-type]
            long_of.setdefault(key_of(short), mention)
    for mention in organisations:
        source = long_of.get(key_of(mention.name or ""))
        if source is not None and source is not mention and "(" not in (mention.name or ""):
            mention.name = source.name
            mention.candidates = source.candidates


def short_forms(name: str) -> set[str]:
    """Each way of writing ``name`` with one or more "words (ABBR)" replaced by ABBR:
    "Badan Pengawasan Keuangan dan Pembangunan (BPKP)" -> "BPKP" (and "Badan ... BPKP")."""
    forms, done = {name}, set()
    while forms and len(done) <= MAX_SHORT_FORMS:
        grown = set()
        for form in forms:
            match = _BRACKETED.search(form)
            if match is None:
                done.add(form)
                continue
            before = form[:match.start()].split()
            after = form[match.end():]
            for k in range(1, len(before) + 1):
                grown.add(" ".join([*before[:len(before) - k], match.group(1)]) + after)
        if len(grown) > MAX_SHORT_FORMS:
            break
        forms = grown
    return done - {name}


def _best_form(core: frozenset[str], forms_of: dict[frozenset[str], list[WrittenForm]]
               ) -> WrittenForm | None:
    """The form of the most written core related to ``core`` (the longer core on a tie),
    with the fullest head, then the longest name; None without a related core."""
    if not core:
        return None  # a name that is all head ("Bulog", "Ombudsman RI") is itself
    related = [c for c in forms_of if c and (c <= core or core <= c)]
    if not related:
        return None
    best_core = max(related, key=lambda c: (len(forms_of[c]), len(c)))
    return max(forms_of[best_core], key=lambda f: (len(f.head), len(f.name)))


def _named_beyond_region(core: frozenset[str]) -> bool:
    """A core shared by two heads names one body only with a word other than a region's:
    "Parlemen Turki" and "KBRI di Turki" are two bodies of one country."""
    return any(not word.startswith("@") and word not in _LINKING_WORDS for word in core)


def _same_kind(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Heads of one kind of body: equal or one the other's abbreviation ("RSUD", "Rumah Sakit
    Umum Daerah"); a Puskesmas and a hospital named after one town (same core, other head)
    are two bodies."""
    if not a or not b or a == b:
        return a == b
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) == 1 and is_abbreviation_of(short[0], list(long))


def branch_at(s: Scanner, j: int) -> bool:
    """"Cabang Kolaka", "Kantor Wilayah ...": a branch of a body starts at ``j``."""
    return any(tuple(s.low[j:j + n]) in s.lex.branch_words for n in (1, 2, 3))

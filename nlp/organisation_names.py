"""One organisation, several written forms: the names of an article's organisations made
the same ("RSUD dr. X" and "Rumah Sakit Umum Daerah (RSUD) dr. H. X" are one hospital)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from nlp.gazetteer import Region, gazetteer
from nlp.lexicon import lexicon
from nlp.mention import Mention
from nlp.scanner import LEVEL_WORDS


class WrittenForm(NamedTuple):
    """An organisation as one sentence wrote it, before names are unified."""

    mention: Mention
    name: str
    candidates: tuple[Region, ...]
    head: tuple[str, ...]
    core: frozenset[str]

_NAME_NOISE = {"dr", "h", "hj", "drs", "ir", "prof", "kh", "the"}


@lru_cache(maxsize=4096)
def _head_and_core(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The head words of an organisation's name and the rest, with region names read as
    their region ("Dinas Pertanian Sumut" and "Dinas Pertanian Provinsi Sumatera Utara" have
    the same core)."""
    words = [w.strip(".,").lower() for w in name.split()]
    words = [w for w in words if w and w not in _NAME_NOISE]
    heads = lexicon().organisation_heads
    head: tuple[str, ...] = ()
    for length in range(min(4, len(words)), 0, -1):
        if tuple(words[:length]) in heads:
            head, words = tuple(words[:length]), words[length:]
            break
    return head, frozenset(_regions_as_codes(words))


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
    """Give every written form of one organisation the same name: "RSUD dr. Marsidi Judono"
    and "Rumah Sakit Umum Daerah (RSUD) dr. H. Marsidi Judono" are one hospital, "Polda
    Metro" is "Polda Metro Jaya". The name kept is the most often written core with the
    fullest head. A headline's forms follow the body's (headlines capitalise every word, so
    their names run on: "PT X Pastikan Hak Pekerja")."""
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
        if best is not None and best.mention is not form.mention:
            form.mention.name = best.name
            form.mention.candidates = best.candidates


def _best_form(core: frozenset[str], forms_of: dict[frozenset[str], list[WrittenForm]]
               ) -> WrittenForm | None:
    """The form of the most written core related to ``core`` (the longer core on a tie),
    with the fullest head, then the longest name; None without a related core."""
    related = [c for c in forms_of if c and (c <= core or core <= c)]
    if not related:
        return None
    best_core = max(related, key=lambda c: (len(forms_of[c]), len(c)))
    return max(forms_of[best_core], key=lambda f: (len(f.head), len(f.name)))

"""One organisation, several written forms: the names of an article's organisations made
the same ("RSUD dr. X" and "Rumah Sakit Umum Daerah (RSUD) dr. H. X" are one hospital)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from nlp.gazetteer import gazetteer
from nlp.lexicon import lexicon
from nlp.mention import Mention
from nlp.scanner import LEVEL_WORDS

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
    written = [(m, m.name, m.candidates, *_head_and_core(m.name)) for m in organisations]  # type: ignore[arg-type]
    cores = Counter(core for *_, core in written)
    for mention, _, _, _, core in written:
        related = [c for c in cores if c and (c <= core or core <= c)]
        if not related:
            continue
        best_core = max(related, key=lambda c: (cores[c], len(c)))
        forms = [w for w in written if w[4] == best_core]
        best, name, candidates, _, _ = max(forms, key=lambda w: (len(w[3]), len(w[1])))
        if best is not mention:
            mention.name = name
            mention.candidates = candidates

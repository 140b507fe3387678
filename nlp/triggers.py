"""Visit words in a sentence and what each reports (see ``data/visit_triggers.toml``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlp.datafiles import read_toml
from nlp.lexicon import phrase_key
from nlp.morphology import analyse
from nlp.tokens import Token

# The annotation guide's precedence among the words an article uses for one visit.
KIND_PRECEDENCE = ("studi_banding", "konsultasi", "audiensi", "kunjungan_kerja")
DIRECTIONS = frozenset({"ke", "menuju"})
# Forms with no prefix that a separate "di" turns passive ("di sambut", "di kunjungi"); a
# noun after "di" ("di kunjungan kerja") is a place in time, not a verb.
_UNPREFIXED = frozenset({"base", "i", "kan"})
# How far from a host's name a word calling the trip off still governs it, and what ends
# its clause ("batal ke Lombok, dewan memilih ke Malang": Malang is no cancelled stop).
CANCEL_BEFORE = 4
CANCEL_AFTER = 5
# Words before an airport's name where an arrival or departure word still governs it:
# "menjemput rombongan Komisi II DPRD Kabupaten Y di Bandara X" (seven words).
PASSING_REACH = 8
# Words before a host's name where a proposal word still governs it: "ia menyarankan
# komisi itu segera studi banding ke Kabupaten X" (eight words).
PROPOSAL_REACH = 10
CANCEL_SCOPE_BREAKS = frozenset({",", ".", ";", ":", "dan", "karena", "lantaran", "sehingga",
                                 "tetapi", "tapi", "sedangkan", "sementara"})
DIRECTION_REACH = 3  # "berlanjut ke", "melanjutkan perjalanan ke", "bertolak pagi ini ke"


@dataclass(frozen=True, slots=True)
class Trigger:
    first: int  # token index
    last: int  # token index after the trigger
    role: str  # go, visit, receive, received, visited, noun
    kind: str  # implied event kind, "" when none
    root: str


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    roots: dict[str, tuple[str, dict[str, str], frozenset[str]]]  # root -> kind, forms,
    # the forms that need a cue
    root_set: frozenset[str]
    phrases: dict[tuple[str, ...], str]
    phrase_roles: dict[tuple[str, ...], str]
    cues: frozenset[str]
    kind_cues: dict[str, tuple[tuple[str, ...], ...]]
    virtual: tuple[tuple[str, ...], ...]
    joining: frozenset[str]
    recess: frozenset[str]
    constituency: frozenset[str]
    cancelled: frozenset[str]  # "batal", "dibatalkan": a trip called off
    proposed: frozenset[str]  # "mengusulkan", "sebaiknya": a trip only proposed
    transit_hubs: frozenset[str]  # "bandara": organisation heads of places passed through
    passing_through: frozenset[str]  # "mendarat", "disambut": arriving or setting off
    passing_through_next: frozenset[str]  # "dari": the same, right before the name
    received_things: frozenset[str]
    # travellers who are no legislative body: single words, and pairs of words
    other_actors: frozenset[str] = frozenset()
    other_actor_pairs: frozenset[tuple[str, ...]] = frozenset()
    # phrases in which a kind cue is no cue ("kegiatan belajar mengajar"), and those cues
    not_study: tuple[tuple[str, ...], ...] = ()
    not_study_cues: frozenset[str] = frozenset()
    # roots that mean travel only with a direction after them ("berlanjut ke X"; "lanjut
    # dia" is a speech tag)
    needs_direction: frozenset[str] = frozenset()
    # the first words of ``phrases`` and ``phrase_roles``: most words start neither
    phrase_starts: frozenset[str] = frozenset()
    kind_cue_starts: frozenset[str] = frozenset()  # the first words of ``kind_cues``


@lru_cache(maxsize=1)
def trigger_lexicon() -> TriggerLexicon:
    data = read_toml("visit_triggers.toml")
    roots = {}
    for root, spec in data["roots"].items():
        forms = dict(spec["forms"])
        cue = spec.get("needs_cue", False)
        needing = frozenset(forms) if cue is True else frozenset(cue or ())
        roots[root] = (spec["kind"], forms, needing)
    return TriggerLexicon(
        roots=roots,
        root_set=frozenset(roots),
        phrases={phrase_key(p): kind for p, kind in data["phrases"].items()},
        phrase_roles={phrase_key(p): role for p, role in data["phrase_roles"].items()},
        cues=frozenset(data["cues"]),
        kind_cues={k: tuple(phrase_key(p) for p in v) for k, v in data["kind_cues"].items()},
        virtual=tuple(phrase_key(p) for p in data["virtual"]),
        joining=frozenset(w for p in data["joining"] for w in phrase_key(p)),
        recess=frozenset(data["recess"]),
        constituency=frozenset(data["constituency"]),
        cancelled=frozenset(data["cancelled"]),
        proposed=frozenset(data["proposed"]),
        transit_hubs=frozenset(data["transit_hubs"]),
        passing_through=frozenset(data["passing_through"]),
        passing_through_next=frozenset(data["passing_through_next"]),
        received_things=frozenset(data["received_things"]),
        other_actors=frozenset(data["other_actors"]),
        other_actor_pairs=frozenset(phrase_key(p) for p in data["other_actor_pairs"]),
        not_study=tuple(phrase_key(p) for p in data["not_study"]),
        not_study_cues=frozenset(w for p in data["not_study"] for w in phrase_key(p))
        & frozenset(w for v in data["kind_cues"].values() for p in v for w in phrase_key(p)),
        needs_direction=frozenset(root for root, spec in data["roots"].items()
                                  if spec.get("needs_direction", False)),
        kind_cue_starts=frozenset(phrase_key(p)[0] for v in data["kind_cues"].values()
                                  for p in v),
        phrase_starts=frozenset(phrase_key(p)[0] for table in ("phrases", "phrase_roles")
                                for p in data[table]),
    )


def find_triggers(tokens: Sequence[Token], lemmas: Sequence[str | None] | None = None,
                  after_visit: bool = False) -> list[Trigger]:
    """Visit words of one sentence, in order. ``lemmas`` (aligned with ``tokens``) come from
    Stanza when a model is installed; the rule stemmer stands in otherwise. Words that need
    a cue also count in a sentence right ``after_visit`` ("Dan kemudian berlanjut ke X")."""
    lex = trigger_lexicon()
    low = [t.text.lower() for t in tokens]
    found: list[Trigger] = []
    weak: list[Trigger] = []
    i = 0
    while i < len(tokens):
        starts = low[i] in lex.phrase_starts
        phrase = _phrase_at(low, i, lex.phrases) if starts else None
        if phrase:
            length, kind = phrase
            found.append(Trigger(i, i + length, "noun", kind, " ".join(low[i:i + length])))
            i += length
            continue
        verb = _phrase_at(low, i, lex.phrase_roles) if starts else None
        if verb:
            length, role = verb
            found.append(Trigger(i, i + length, role, "", " ".join(low[i:i + length])))
            i += length
            continue
        lemma = lemmas[i] if lemmas is not None else None
        analysed = analyse(low[i], lex.root_set, lemma) if tokens[i].is_word else None
        if analysed:
            root, form = analysed
            kind, forms, needs_cue = lex.roots[root]
            if i > 0 and low[i - 1] == "di" and form in _UNPREFIXED and \
                    _passive(form) in forms:
                form = _passive(form)  # "di sambut", "di kunjungi": the prefix written apart
            role = forms.get(form)
            if role in ("receive", "received") and _receives_a_thing(low, i, lex):
                role = None  # "menerima laporan", "usulan ... diterima": not a visit
            if root in lex.needs_direction and not set(
                    low[i + 1:i + 1 + DIRECTION_REACH]) & DIRECTIONS:
                role = None  # "lanjut dia", "bertolak belakang": no trip
            if role:
                trigger = Trigger(i, i + 1, role, kind, root)
                (weak if form in needs_cue else found).append(trigger)
        i += 1
    if weak and (found or after_visit or any(w in lex.cues for w in low)):
        found.extend(weak)
    return sorted(found, key=lambda t: t.first)


def _passive(form: str) -> str:
    return "di" if form == "base" else f"di_{form}"


def _receives_a_thing(low: Sequence[str], i: int, lex: TriggerLexicon) -> bool:
    after = low[i + 1:i + 3]
    before = low[max(0, i - 3):i]
    return bool(after and after[0] in lex.received_things) or (
        low[i].startswith("di") and any(w in lex.received_things for w in before))


def _phrase_at(low: Sequence[str], i: int, phrases: dict[tuple[str, ...], str]
               ) -> tuple[int, str] | None:
    for length in (4, 3, 2, 1):
        key = tuple(low[i:i + length])
        if len(key) == length and key in phrases:
            return length, phrases[key]
    return None


def contains_phrase(low: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if n == 1:
        return phrase[0] in low
    return any(low[i] == phrase[0] and tuple(low[i:i + n]) == phrase
               for i in range(len(low) - n + 1))


def kinds_said(low: Sequence[str]) -> set[str]:
    """Event kinds whose cue words appear in these (lowercased) words."""
    lex = trigger_lexicon()
    present = set(low)
    if present.isdisjoint(lex.kind_cue_starts):
        return set()
    if not present.isdisjoint(lex.not_study_cues):
        low = _without_phrases(low, lex.not_study)
        present = set(low)
    return {
        kind for kind, phrases in lex.kind_cues.items()
        if any(p[0] in present and contains_phrase(low, p) for p in phrases)
    }


def _without_phrases(low: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> list[str]:
    """The words with every occurrence of the phrases blanked out."""
    kept = list(low)
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(kept) - n + 1):
            if tuple(kept[i:i + n]) == phrase:
                kept[i:i + n] = [""] * n
    return kept


def strongest_kind(kinds: set[str]) -> str:
    for kind in KIND_PRECEDENCE:
        if kind in kinds:
            return kind
    return "kunjungan_kerja"


def is_recess_with_constituents(low: Sequence[str]) -> bool:
    lex = trigger_lexicon()
    present = set(low)
    return bool(present & lex.recess) and bool(present & lex.constituency)


def is_virtual(low: Sequence[str]) -> bool:
    present = set(low)
    return any(p[0] in present and contains_phrase(low, p) for p in trigger_lexicon().virtual)


def is_passed_through(low: Sequence[str], first: int) -> bool:
    """Whether the name starting at ``low[first]`` follows, within ``PASSING_REACH`` words, a
    word of arriving or setting off ("disambut di Bandara X", "menuju Bandara X", "Dari
    Bandara X")."""
    lex = trigger_lexicon()
    return (first > 0 and low[first - 1] in lex.passing_through_next) or \
        not lex.passing_through.isdisjoint(low[max(0, first - PASSING_REACH):first])


def is_proposed(low: Sequence[str], first: int, triggers: Sequence[Trigger]) -> bool:
    """Whether the name starting at ``low[first]`` is the destination of a trip only
    proposed: a proposal word up to ``PROPOSAL_REACH`` words before it, a visit word
    (``triggers``, the sentence's) between the two, and no clause break."""
    return any(any(c < t.first < first for t in triggers) for c in _clause_words_before(
        low, first, trigger_lexicon().proposed, PROPOSAL_REACH))


def _clause_words_before(low: Sequence[str], first: int, words: frozenset[str],
                         reach: int) -> Iterator[int]:
    """Positions of ``words`` up to ``reach`` words before ``low[first]`` with no clause
    break (``CANCEL_SCOPE_BREAKS``) between them and it."""
    for c in range(max(0, first - reach), first):
        if low[c] in words and CANCEL_SCOPE_BREAKS.isdisjoint(low[c + 1:first]):
            yield c


def is_called_off(low: Sequence[str], first: int, last: int) -> bool:
    """Whether the name at ``low[first:last]`` stands in the clause of a word that calls a
    trip off: up to ``CANCEL_BEFORE`` words before it ("urung studi banding ke Lombok") or
    ``CANCEL_AFTER`` after it ("ke Manado pun dibatalkan"), with no clause break between
    ("batal ke Lombok, dewan memilih ke Malang": Malang was visited)."""
    cancelled = trigger_lexicon().cancelled
    if next(_clause_words_before(low, first, cancelled, CANCEL_BEFORE), None) is not None:
        return True
    for c in range(last, min(len(low), last + CANCEL_AFTER)):
        if low[c] in cancelled and CANCEL_SCOPE_BREAKS.isdisjoint(low[last:c]):
            return True
    return False

"""Who visits whom in one sentence: a frame per visit word, with its visitor and host.

Roles come from the sentence's structure: the subject of "berkunjung/melakukan kunjungan"
travels to the object of "ke"; the subject of "menerima/menyambut" is visited by the object;
the subject of "diterima/disambut" is the visitor, its agent the host; "kunjungan X ke Y"
names the visitor after the noun. When Stanza's dependency tree is available it picks the
subject and object instead of the word-order rules (see ``nlp.syntax``).
A side the sentence leaves unsaid stays empty; ``nlp.events`` fills it from the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nlp.mention import Mention
from nlp.other_agents import told_of_another
from nlp.sentence_view import SentenceView
from nlp.syntax import roles_from_tree
from nlp.triggers import Trigger, trigger_lexicon

HOST_PREPOSITIONS = {"ke", "kepada", "menuju", "di", "dengan", "bersama"}
# Prepositions that lead to a host only for some visit words: one consults *with* a body.
MEETING_PREPOSITIONS = {"dengan", "bersama"}
MEETING_KINDS = {"konsultasi", "audiensi", "studi_banding"}
AGENT_MARKERS = {"oleh", "dari", "para", "rombongan", "tim", "delegasi", "anggota", "sejumlah",
                 "kerja", "dan", "langsung", "pihak", "jajaran", "baik", "hangat", "kunjungan",
                 "kunker", "kedatangan", "tamu", "istimewa", "sekaligus", "silaturahmi",
                 "yakni", "yaitu", "adalah", "ialah", "antara", "lain"}
HOST_FILLERS = {"wilayah", "markas", "kantor", "gedung", "sejumlah", "beberapa", "salah", "satu",
                "rekan", "mitra", "daerah", "pemilihan", "lokasi", "sekretariat", "seluruh",
                "berbagai", "jajaran", "pimpinan", "dan", "provinsi", "kabupaten", "kota"}
CLAUSE_BREAKS = {";", "sedangkan", "sementara", "namun", "tetapi", "adapun"}
# Between a visit word and its "ke"/"di", these start another clause: the place after them
# is not where the visit went ("... studi banding untuk menggali masukan yang belum ada di X").
DESTINATION_STOPS = {"untuk", "guna", "agar", "supaya", "sehingga", "karena", "yang", "bagi",
                     "tentang", "terkait", "mengenai", "membahas", "sebagai", "namun"}
# "dalam kunjungan kerja", "saat kunjungan": the visit noun inside an adverbial phrase.
ADVERBIAL_BEFORE_NOUN = {"dalam", "saat", "ketika", "selama", "pada", "usai", "sela-sela",
                         "disela-sela", "sela"}
COORDINATORS = {",", "dan", "serta", "&"}
# Words that open an enumeration of what the mention before them stands for: "beberapa daerah
# di NTB seperti Mataram, Bima dan Dompu" went to each of them.
ENUMERATORS = {"seperti", "yaitu", "yakni", "antara", "lain", "diantaranya", "antaranya",
               "meliputi", "termasuk", "khususnya", "terutama", ",", ":"}
ENUMERATION_OPENERS = ENUMERATORS - {",", ":", "lain", "antaranya"}
# A mention right after these is an object or an adjunct, never the clause's subject.
NOT_SUBJECT_AFTER = {"ke", "di", "dari", "kepada", "dengan", "oleh", "bagi", "untuk",
                     "menuju", "terhadap", "antara", "bersama", "selain", "kesini", "kesana"}
# Words that stand for the delegation already named ("rombongan juga mengunjungi ...").
ANAPHORS = {"rombongan", "mereka", "delegasi", "pihaknya", "kami", "kita", "dirinya", "ia",
            "dia", "beliau", "tim"}
MAX_FILLERS = 6


@dataclass(slots=True)
class Frame:
    sentence: int
    trigger: Trigger
    visitors: list[Mention]
    hosts: list[Mention]
    syntax: str | None = None  # the dependency tree "agrees", "disagrees" or "fills" a side
    joining: bool = False  # more delegations on a visit told before
    hosts_borrowed: bool = False  # the sentence named no host; one was taken from context


def _is_institution(mention: Mention) -> bool:
    return mention.kind != "place"


def build_frames(view: SentenceView) -> list[Frame]:
    """Frames of one sentence; a later visit word without its own host belongs to the frame
    before it ("melakukan kunjungan kerja ke X untuk melakukan studi banding")."""
    frames: list[Frame] = []
    another = False  # the sentence's visit is another actor's (``told_of_another``)
    for trigger in view.triggers:
        frame = _frame(view, trigger)
        if frame is None:
            continue
        if not frame.visitors and frame.trigger.role in ("go", "noun", "visit") and (
                another or told_of_another(view, trigger)):
            another = True  # the subject does not change
            continue
        if frames and not frame.hosts and frame.trigger.role in ("go", "noun"):
            continue
        if frames and frame.visitors and frames[-1].hosts and \
                frame.visitors[0] is frames[-1].hosts[0]:
            frame.visitors = list(frames[-1].visitors)  # the subject does not change
        frames.append(frame)
    return frames


def _frame(view: SentenceView, trigger: Trigger) -> Frame | None:
    by_tree = roles_from_tree(view, trigger)
    role = trigger.role
    if role == "noun":
        joined = _joining(view, trigger)
        if joined:
            return Frame(view.index, trigger, joined, [], joining=True)
    if role in ("go", "noun"):
        possessor = _possessor(view, trigger) if role == "noun" else []
        hosts = _destination(view, trigger)
        before = _destination_before(view, trigger) if not hosts else []
        if before:
            hosts = before
            visitors = possessor or _subject(view, view.spans[view.mentions.index(
                before[0])][0] - 1)
        elif role == "noun" and not possessor and _adverbial(view, trigger):
            visitors = _first_institution(view, trigger.first)
            hosts = hosts or _destination_between(view, visitors, trigger)
        else:
            visitors = possessor or _subject(view, trigger.first)
    elif role == "visit":
        visitors = _subject(view, trigger.first)
        hosts = _object(view, trigger.last)
    elif role == "receive":
        hosts = _subject(view, trigger.first)
        visitors = _object(view, trigger.last, institutions_only=True)
    elif role == "received":
        visitors = _subject(view, trigger.first)
        hosts = _object(view, trigger.last)
    elif role == "visited":
        after = _object(view, trigger.last)
        if trigger.last < len(view.tokens) and view.low[trigger.last] in (
                "yakni", "yaitu", "adalah", "ialah", ","):
            visitors, hosts = [], after  # "yang dikunjungi yakni X": X is the place visited
        else:
            hosts, visitors = _subject(view, trigger.first), after
    else:
        return None
    syntax = None
    if by_tree is not None:
        # The word-order rules decide; the tree confirms them, or names a side they left
        # empty. (The small bundled parser is right less often than the rules on news text.)
        tree_visitors, tree_hosts = by_tree
        verdicts = [_same(found, tree) for found, tree in ((visitors, tree_visitors),
                                                            (hosts, tree_hosts))
                    if found and tree]
        if verdicts:
            syntax = "agrees" if all(verdicts) else "disagrees"
        if (not visitors and tree_visitors) or (not hosts and tree_hosts):
            syntax = syntax or "fills"
        visitors = visitors or [m for m in tree_visitors if m not in hosts]
        hosts = hosts or [m for m in tree_hosts if m not in visitors]
    visitors = [m for m in visitors if _is_institution(m)]
    if not visitors and not hosts:
        return None
    return Frame(view.index, trigger, visitors, hosts, syntax=syntax)


def _same(found: list[Mention], tree: list[Mention]) -> bool:
    return any(m is t for m in found for t in tree)


def _subject(view: SentenceView, before: int) -> list[Mention]:
    """The institution nearest before ``before`` in the same clause, with the institutions
    coordinated with it ("DPRD Kota A, Kabupaten B dan Kabupaten C melakukan ...")."""
    low = view.low
    best = None
    for k in range(len(view.mentions) - 1, -1, -1):
        first, last = view.spans[k]
        if last > before:
            continue
        between = low[last:before]
        if any(w in CLAUSE_BREAKS for w in between) or "”" in between:
            break
        if any(w in ANAPHORS for w in between):
            break  # "Selain ke DPRD X, rombongan juga mengunjungi ...": the delegation
        if _is_institution(view.mentions[k]) and not (
                first > 0 and low[first - 1] in NOT_SUBJECT_AFTER):
            best = k
            break
    if best is None:
        return []
    group = [best]
    k = best
    while k > 0:
        between = low[view.spans[k - 1][1]:view.spans[k][0]]
        if between and all(w in COORDINATORS for w in between) and \
                view.mentions[k - 1].kind == view.mentions[best].kind:
            group.insert(0, k - 1)
            k -= 1
        else:
            break
    return [view.mentions[i] for i in group]


def _joining(view: SentenceView, trigger: Trigger) -> list[Mention]:
    """"Kunjungan ini turut melibatkan rombongan dari DPRD Kota Bitung dan DPRD Kota Tomohon":
    the institutions after a joining verb are further visitors of the visit told before."""
    low = view.low
    if trigger.last >= len(low) or low[trigger.last] not in ("ini", "tersebut", "itu"):
        return []
    for j in range(trigger.last + 1, min(len(low), trigger.last + 4)):
        if low[j] in trigger_lexicon().joining:
            found = _object(view, j + 1, institutions_only=True)
            return [m for m in found if m.legislative]
    return []


def _adverbial(view: SentenceView, trigger: Trigger) -> bool:
    return trigger.first > 0 and view.low[trigger.first - 1] in ADVERBIAL_BEFORE_NOUN


def _first_institution(view: SentenceView, before: int) -> list[Mention]:
    for k, mention in enumerate(view.mentions):
        if view.spans[k][1] > before:
            break
        if _is_institution(mention):
            return [mention]
    return []


def _destination_between(view: SentenceView, visitors: list[Mention], trigger: Trigger
                         ) -> list[Mention]:
    """"X menggali informasi di DPRD Bali dalam kunjungan kerja": the host sits between the
    subject and the adverbial visit noun, after "di"/"ke"."""
    if not visitors:
        return []
    start = view.spans[view.mentions.index(visitors[0])][1]
    for j in range(start, trigger.first):
        if view.low[j] in ("di", "ke"):
            found = _mention_after(view, j + 1)
            if found is not None and view.spans[found][0] < trigger.first:
                return _coordinated_right(view, found)
    return []


def _destination_before(view: SentenceView, trigger: Trigger) -> list[Mention]:
    """"kami ke Kemenkeu konsultasi": "ke X" just before a visit word without its own."""
    for k in range(len(view.mentions) - 1, -1, -1):
        first, last = view.spans[k]
        if last > trigger.first:
            continue
        if trigger.first - last > 1 or first == 0 or view.low[first - 1] != "ke":
            return []
        return [view.mentions[k]]
    return []


def _possessor(view: SentenceView, trigger: Trigger) -> list[Mention]:
    """"kunjungan (kerja) [dari] X ke Y": the institution right after the visit noun."""
    j = trigger.last
    low = view.low
    skipped = 0
    while j < len(low) and skipped < 4:
        k = view.mention_starting(j)
        if k is not None:
            mention = view.mentions[k]
            return _coordinated_right(view, k) if _is_institution(mention) else []
        if low[j] in AGENT_MARKERS or low[j] in ("(", ")") or not view.tokens[j].is_word:
            if low[j] in ("ke", "di"):
                return []
            j += 1
            skipped += 1
            continue
        return []
    return []


def _destination(view: SentenceView, trigger: Trigger) -> list[Mention]:
    """Where a "go" visit goes: the place or institution after "ke"/"di" (or "dengan" for
    a consultation), with those coordinated with it."""
    low = view.low
    j = trigger.last
    other_triggers = {t.first for t in view.triggers if t.first >= trigger.last
                      and t.role in ("visit", "go")}
    # "studi banding bersama Bupati X ke DPRD Y": who comes along is no host when a "ke"
    # follows; "konsultasi dengan Biro Hukum" names the host when none does
    met: list[Mention] = []
    while j < len(low):
        word = low[j]
        if word in CLAUSE_BREAKS or (word in DESTINATION_STOPS and not _located(low, j)) \
                or j in other_triggers:
            return met  # another clause, or a verb that takes its own object
        if word in HOST_PREPOSITIONS and (word not in MEETING_PREPOSITIONS
                                          or trigger.kind in MEETING_KINDS):
            found = _mention_after(view, j + 1)
            if found is not None and word in MEETING_PREPOSITIONS:
                met = met or _coordinated_right(view, found)
            elif found is not None and not (met and word == "di"):
                return _coordinated_right(view, found)  # "dengan X di Jakarta": X's place
        j += 1
    return met


def _located(low: Sequence[str], j: int) -> bool:
    """"yang berada di", "yang terletak di": a relative clause that only says where."""
    return low[j] == "yang" and j + 1 < len(low) and low[j + 1] in ("berada", "terletak", "ada")


def _mention_after(view: SentenceView, j: int) -> int | None:
    skipped = 0
    while j < len(view.tokens) and skipped <= MAX_FILLERS:
        k = view.mention_starting(j)
        if k is not None and not view.mentions[k].qualifier:
            return k
        if k is not None:
            j = view.spans[k][1]
            skipped += 1
            continue
        token = view.tokens[j]
        if view.low[j] in HOST_FILLERS or view.low[j] in ENUMERATORS \
                or token.text in ("(", ")", ",") or (
                token.is_word and token.is_capitalised and view.mention_covering(j) is None):
            j += 1
            skipped += 1
            continue
        return None
    return None


def _object(view: SentenceView, after: int, institutions_only: bool = False) -> list[Mention]:
    """The first institution (or place) after the verb, skipping agent words ("oleh",
    "rombongan", "kunjungan kerja") and people's names and titles before it."""
    j = after
    low = view.low
    while j < len(low):
        if low[j] in CLAUSE_BREAKS:
            return []
        k = view.mention_starting(j)
        if k is not None:
            mention = view.mentions[k]
            if institutions_only and not _is_institution(mention):
                j = view.spans[k][1]
                continue
            if mention.generic and not mention.unit:
                better = _specific_after(view, k)
                if better is not None:
                    k = better
            return _coordinated_right(view, k)
        if low[j] in ("untuk", "guna", "agar", "supaya", "karena", "sebab"):
            return []
        j += 1
    return []


def _specific_after(view: SentenceView, k: int) -> int | None:
    """"para anggota DPRD serta tenaga ahli DPRD Kabupaten setempat": a bare "DPRD" followed in the
    same phrase by a legislature that says which one."""
    for other in range(k + 1, len(view.mentions)):
        between = view.low[view.spans[k][1]:view.spans[other][0]]
        if any(w in CLAUSE_BREAKS or w in (".", "untuk", "guna") for w in between):
            return None
        mention = view.mentions[other]
        if mention.legislative and (mention.local or not mention.generic):
            return other
    return None


def _coordinated_right(view: SentenceView, k: int) -> list[Mention]:
    """The mention ``k`` with those coordinated after it, and with the items of an
    enumeration after them (``ENUMERATORS``)."""
    group = _coordinated_indices(view, k)
    nxt = group[-1] + 1
    if nxt < len(view.mentions):
        between = view.low[view.spans[group[-1]][1]:view.spans[nxt][0]]
        if between and set(between) <= ENUMERATORS and set(between) & ENUMERATION_OPENERS:
            group += _coordinated_indices(view, nxt)
    return [view.mentions[i] for i in group]


def _coordinated_indices(view: SentenceView, k: int) -> list[int]:
    low = view.low
    group = [k]
    while group[-1] + 1 < len(view.mentions):
        last = group[-1]
        nxt = last + 1
        while nxt < len(view.mentions) and view.mentions[nxt].qualifier:
            last, nxt = nxt, nxt + 1  # "PT A Kecamatan X, dan PT B": X says where A is
        if nxt >= len(view.mentions):
            break
        between = low[view.spans[last][1]:view.spans[nxt][0]]
        kinds = {view.mentions[nxt].kind, view.mentions[k].kind}
        if between and all(w in COORDINATORS for w in between) and (
                len(kinds) == 1 or "place" not in kinds
                or kinds <= {"place", "organisation", "legislature"}):
            group.append(nxt)  # "Kementerian Keuangan dan Badan Pemeriksa Keuangan"
        else:
            break
    return group

"""Names listed after a group of people: "disambut sejumlah anggota DPRD X, diantaranya A,
B dan C", "rombongan terdiri dari A (Golkar), B, S.E. dan C", "anggota yang hadir A, B, C".

The group words before the list ("anggota DPRD X", "rombongan") are the role of every name
in it, and the institution they name tells the side, as a role before a single name does.
"""

from __future__ import annotations

from collections.abc import Callable

from nlp.mention import Mention
from nlp.name_spans import Sighting, honorific_at, name_end
from nlp.person_names import clean_name, is_degree, people_lexicon
from nlp.sentence_view import SentenceView

GROUP_DISTANCE = 10  # tokens from the group word to the word opening its list
MIN_LISTED = 2  # a single name after "yaitu" is left to the role patterns
SEPARATORS = {",", "dan", "serta", "&", ";"}
PARTY_WORDS = {"fraksi", "partai", "f"}
VISITING_GROUPS = {"rombongan", "delegasi", "tim"}
CLAUSE_ENDS = (".", ";", "“", "”", '"')
MIN_UNOPENED = 3  # "anggota ... hadir, A, B dan C" with no opening word: a longer list


def listed_members(view: SentenceView, taken: set[int],
                   cue_before: Callable[[int], str | None]) -> list[Sighting]:
    """The names of each list a group opens in the sentence; ``taken`` tokens (names other
    patterns found) are skipped and the list goes on after them. ``cue_before`` gives the
    cue the words before a token give ("diterima" -> "received")."""
    lex = people_lexicon()
    found: list[Sighting] = []
    i = 0
    while i < len(view.tokens):
        if view.low[i] not in lex.list_openers and view.low[i] != ":":
            i += 1
            continue
        group = _group_before(view, i, _group_word, GROUP_DISTANCE, (*CLAUSE_ENDS, ":"))
        start = i + 1
        while start < len(view.tokens) and (view.low[start] in lex.list_openers
                                             or view.low[start] in (",", ":")):
            start += 1
        items, end = _items(view, start)
        if group is None or len(items) < MIN_LISTED:
            i += 1
            continue
        role, mention = _group_role(view, group, i)
        cue = cue_before(group)
        if cue is None and view.low[group] in VISITING_GROUPS:
            cue = "leading"
        for first, stop in items:
            if any(k in taken for k in range(first, stop)):
                continue
            name = clean_name(view.tokens[first:stop])
            if name is None:
                continue
            taken.update(range(first, stop))
            found.append(Sighting(name, view.index, role, mention, cue, None, first, group))
        i = max(end, i + 1)
    found.extend(_after_body(view, taken, cue_before))
    found.extend(_unopened_lists(view, taken, cue_before))
    return found


def _unopened_lists(view: SentenceView, taken: set[int],
                    cue_before: Callable[[int], str | None]) -> list[Sighting]:
    """A list of names that no opening word introduces, or whose group word lies farther
    back than GROUP_DISTANCE ("Sebanyak enam anggota DPD yang hadir ... di Kota X, Minggu,
    antara lain A, B, C dan D"): at least MIN_UNOPENED items after a word for a group of
    people in the same clause, most of them of two words or more (a list of fields, "Flora,
    Fauna dan Modal", is of single capitalised words), and all of them when no "dan" or
    "serta" joins the last ("anggotanya, A B, C D, E F, kemudian ...")."""
    found: list[Sighting] = []
    tokens, low = view.tokens, view.low
    j = 0
    while j < len(tokens):
        starts_run = tokens[j].is_word and tokens[j].is_capitalised and not (
            j > 0 and tokens[j - 1].is_word and tokens[j - 1].is_capitalised)
        if j in taken or not starts_run:
            j += 1
            continue
        items, end = _items(view, j)
        joined = len(items) > 1 and low[items[-1][0] - 1] in ("dan", "serta")
        group = _group_before(view, j, _person_group, None, CLAUSE_ENDS) \
            if len(items) >= MIN_UNOPENED else None
        if group is None or any(k in taken for first, stop in items for k in range(first, stop)):
            j += 1
            continue
        names = [clean_name(tokens[first:stop]) for first, stop in items]
        long_names = sum(1 for name in names if name and len(name.split()) > 1)
        if 2 * long_names < len(items) or (not joined and long_names < len(items)):
            j += 1
            continue
        role, mention = _group_role(view, group, j)
        for (first, stop), name in zip(items, names, strict=True):
            if name is None:
                continue
            taken.update(range(first, stop))
            found.append(Sighting(name, view.index, role, mention, cue_before(group), None,
                                  first, group))
        j = max(end, j + 1)
    return found


def _person_group(word: str) -> bool:
    return word.removesuffix("nya") in people_lexicon().person_group_words


def _after_body(view: SentenceView, taken: set[int],
                cue_before: Callable[[int], str | None]) -> list[Sighting]:
    """Names listed right after a legislature or its organ that a group word or "kunjungan"
    introduces ("kunjungan Komisi I DPRD X H Budi, SH., Ani, Cici dan Dedi"): its members."""
    found: list[Sighting] = []
    for k, (first, end) in enumerate(view.spans):
        mention = view.mentions[k]
        before = view.low[max(0, first - 2):first]
        if mention.kind != "legislature" or not any(
                _group_word(word) or word == "kunjungan" for word in before):
            continue  # "Komisi VII DPR RI Energi, Riset dan Teknologi": its fields, not members
        items, _ = _items(view, end)
        if len(items) < MIN_LISTED or any(j in taken for j in range(*items[0])):
            continue
        for start, stop in items:
            name = clean_name(view.tokens[start:stop])
            if name is None or any(j in taken for j in range(start, stop)):
                continue
            taken.update(range(start, stop))
            found.append(Sighting(name, view.index, mention.text, mention, cue_before(first),
                                  None, start, first))
    return found


def _group_before(view: SentenceView, start: int, is_group: Callable[[str], bool],
                  reach: int | None, ends: tuple[str, ...]) -> int | None:
    """The nearest group word (``is_group``) at most ``reach`` tokens before ``start`` (any
    distance when None), in the clause that ``ends`` close; a run of group words starts at
    its first ("Anggota Dewan", "para anggota")."""
    stop = -1 if reach is None else max(-1, start - reach - 1)
    for k in range(start - 1, stop, -1):
        if view.low[k] in ends:
            return None
        if is_group(view.low[k]):
            while k > 0 and is_group(view.low[k - 1]):
                k -= 1
            return k
    return None


def _group_word(word: str) -> bool:
    lex = people_lexicon()
    return word in lex.group_words or word.removesuffix("nya") in lex.group_words  # "wakilnya"


def _group_role(view: SentenceView, group: int, opener: int) -> tuple[str, Mention | None]:
    """The group's words as the role of its members ("anggota DPRD Provinsi X") and the
    first body they name; a place is where they come from ("senator asal Aceh"), not
    their body."""
    mention = next((view.mentions[k] for k, (first, _) in enumerate(view.spans)
                    if group <= first < opener and view.mentions[k].kind != "place"), None)
    tokens = view.tokens
    last = opener
    while last > group + 1 and (view.low[last - 1] in people_lexicon().list_openers
                                or view.low[last - 1] in (",", "yang", "di", "antara")):
        last -= 1
    offset = view.sentence.start
    role = view.sentence.text[tokens[group].start - offset:tokens[last - 1].end - offset]
    return role, mention


def _items(view: SentenceView, start: int) -> tuple[list[tuple[int, int]], int]:
    """The names listed from ``start``, each as a token range, and where the list ends.
    An item is a name with its honorifics before it, and after it its degrees (also after
    a comma: "Budi, S.E., M.Si") and a bracket ("(Golkar)", "(Dapil 2)")."""
    lex = people_lexicon()
    tokens, low = view.tokens, view.low
    items: list[tuple[int, int]] = []
    j = start
    while j < len(tokens):
        while j < len(tokens) and (honorific_at(view, j) or (
                tokens[j].text == "." and j > start and honorific_at(view, j - 1))):
            j += 1  # "Ir. H. Abidin"
        if j >= len(tokens) or not (tokens[j].is_word and tokens[j].is_capitalised) or \
                low[j] in lex.role_words or low[j] in lex.not_names or \
                view.mention_covering(j) is not None:
            break
        stop = name_end(view, j)
        items.append((j, stop))
        j = after_name(view, stop)
        if j >= len(tokens) or low[j] not in SEPARATORS:
            break
        while j < len(tokens) and low[j] in SEPARATORS:
            j += 1
    return items, j


def after_name(view: SentenceView, j: int) -> int:
    """Skip what follows a listed name and is not the next name: degrees and brackets."""
    tokens = view.tokens
    while j < len(tokens):
        if view.low[j] == "dari" and j + 1 < len(tokens) and view.low[j + 1] in PARTY_WORDS:
            j = name_end(view, j + 2) if j + 2 < len(tokens) else j + 2
            continue  # "A dari Fraksi Golkar, B dari Fraksi PAN"
        if view.low[j] in ("dari", "asal") and j + 1 < len(tokens):
            k = view.mention_starting(j + 1)
            if k is not None and view.mentions[k].kind == "place":
                j = view.spans[k][1]
                continue  # "A dari Kalimantan Tengah, B dari Kalimantan Utara": origins
        if tokens[j].text == "(":
            close = next((k for k in range(j, min(len(tokens), j + 8))
                          if tokens[k].text == ")"), None)
            if close is None:
                return j
            j = close + 1
            continue
        if tokens[j].text == "," and j + 1 < len(tokens):
            run = _degree_run(view, j + 1)
            if run > j + 1:
                j = run
                continue
        if tokens[j].text == "." and j > 0 and tokens[j - 1].start < tokens[j].start and \
                is_degree([tokens[j - 1].text]):
            j += 1
            continue
        return j
    return j


def _degree_run(view: SentenceView, j: int) -> int:
    """End of the degree written at ``j`` ("S.E.", "M. Si", "SH"), or ``j`` if none is."""
    tokens = view.tokens
    end = j
    best = j
    while end < len(tokens) and end < j + 6 and (tokens[end].is_word or tokens[end].text == "."):
        end += 1
        words = [t.text for t in tokens[j:end] if t.text != "."]
        if words and is_degree(words):
            best = end
            if best < len(tokens) and tokens[best].text == ".":
                best += 1
    return best

"""Governments, ministries and other organisations written in a sentence: "Pemkot Padang",
"Gubernur Jawa Barat", "Kemendagri", "Direktorat Jenderal ...", "RSUD dr. X Palu",
"PT Y". Each recogniser returns (mention, end index) or None.
"""

from __future__ import annotations

from nlp.gazetteer import PROVINCE_DISPLAY, in_province
from nlp.legislatures import legislature_core
from nlp.mention import Mention
from nlp.organisation_names import branch_at, written_form
from nlp.person_names import people_lexicon
from nlp.scanner import DAY_NAMES, Scanner

MAX_ORGANISATION_WORDS = 10


def executive_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    for table in (s.lex.governments, s.lex.executive_roles):
        found = s.longest_phrase(i, table, max_len=4)
        if not found:
            continue
        level, j = found
        if table is s.lex.governments and s.low[j:j + 1] == ["setempat"]:
            # "pemerintah setempat": the government of the place visited (its region is
            # read from the places of the sentence, ``nlp.candidates``)
            return Mention("executive", s.tokens[i].start, s.tokens[j].end,
                           s.span_text(i, j + 1), level=None if level == "any" else level,
                           local=True), j + 1
        j = s.skip_parenthetical(j)
        candidates, written_level, hint, end = s.qualified_region(j, fuzzy=True)
        if not candidates:
            continue
        if all(r.type == "negara" for r in candidates) and table is s.lex.governments:
            return Mention("organisation", s.tokens[i].start, s.tokens[end - 1].end,
                           s.span_text(i, end), name=f"Pemerintah {candidates[0].name}",
                           candidates=candidates), end  # "Pemerintah Turki"
        wanted = written_level or (None if level == "any" else level)
        if wanted == "provinsi":
            candidates = tuple(r for r in candidates if r.type == "provinsi") or candidates
        elif wanted in ("kabupaten", "kota"):
            candidates = tuple(r for r in candidates if r.type != "provinsi") or candidates
        return Mention("executive", s.tokens[i].start, s.tokens[end - 1].end,
                       s.span_text(i, end), candidates=candidates, level=wanted,
                       province_hint=hint), end
    return None


def ministry_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    found = s.longest_listed_name(i, s.names.ministries)
    if found is None and s.low[i] == "menteri" and i + 1 < len(s):
        # "Menteri Dalam Negeri": the minister stands for the ministry
        rest = ("kementerian", *s.std[i + 1:i + 12])
        for length in range(len(rest), 1, -1):
            name = s.names.ministries.get(rest[:length])
            if name:
                found = (name, i + length)
                break
    if found:
        name, j = found
    elif s.std[i] == "kementerian" and i + 1 < len(s) and s.tokens[i + 1].is_capitalised:
        words, j = _organisation_words(s, i + 1)
        if not words:
            return None
        # a typo of a known ministry's full name is that ministry
        name = s.names.ministry(["kementerian", *words]) or "Kementerian " + " ".join(words)
    else:
        return None
    j = s.skip_parenthetical(j)
    if j < len(s) and s.low[j] == "ri":
        j += 1
    abroad, after = s.region_at(j)
    if abroad and all(r.type == "negara" for r in abroad):
        # "Kementerian Keuangan Inggris": a ministry of that country, as written
        return Mention("organisation", s.tokens[i].start, s.tokens[after - 1].end,
                       s.span_text(i, after), name=f"{name} {abroad[0].name}",
                       candidates=abroad), after
    return Mention("ministry", s.tokens[i].start, s.tokens[j - 1].end, s.span_text(i, j),
                   name=name), j


def organisation_at(s: Scanner, i: int) -> tuple[Mention, int] | None:
    head = None
    prefix = s.lex.headquarters_prefix.get(s.low[i])
    for length in range(min(4, len(s) - i), 0, -1):
        if tuple(s.low[i:i + length]) in s.lex.organisation_heads:
            head = length
            break
    if head is None and prefix is None and _office_acronym(s, i):
        head = 1
    if head is None and prefix is None:
        return None
    lowercase = not s.tokens[i].is_capitalised
    if lowercase and not _lowercase_head(s, i, head):
        return None
    if head and tuple(s.low[i:i + head]) in s.lex.facility_prefixes and i + head < len(s):
        inner = organisation_at(s, i + head)  # "Kantor Ombudsman RI", "Gudang Bulog"
        if inner is not None and inner[0].kind == "organisation":
            mention, end = inner
            mention.start, mention.text = s.tokens[i].start, s.span_text(i, end)
            return mention, end
    j = i + (head or 1)
    standalone = bool(head) and tuple(s.low[i:i + head]) in s.lex.standalone  # type: ignore[operator]
    if j < len(s) and s.low[j] == "." and not standalone:
        j += 1  # "PT. Mitra"; "dengan OJK." ends the sentence
    j = s.skip_parenthetical(j)
    if legislature_core(s, j) is not None:
        return None  # "Kantor DPRD Buol": the legislature itself
    # "Kepala Bappeda Sarolangun Budi Santoso": after a role the name ends with its region,
    # and a person's name follows
    words, end = _organisation_words(s, j, ends_at_region=i > 0 and
                                     s.low[i - 1] in people_lexicon().role_words,
                                     field_office=bool(head) and tuple(
                                         s.low[i:i + head]) in s.lex.field_offices)
    if not words and not standalone:
        return None
    office = _office_start(s, i, head)
    if office is not None and words:
        found = _government_office(s, i, office, j, end)
        if found is not None:
            return found
    name, unit, candidates = written_form(s, i, j, end, standalone)
    if prefix:
        name = prefix + name[len(s.tokens[i].text):]
    if lowercase:  # "aliansi Mahasiswa X": the name as the annotation writes it
        name = " ".join(w.capitalize() for w in s.low[i:i + head]) \
            + name[len(s.span_text(i, i + head)):]  # type: ignore[operator]
    mention = Mention("organisation", s.tokens[i].start, s.tokens[end - 1].end,
                      s.span_text(i, end), name=_display_regions(name), unit=unit)
    mention.candidates = candidates
    return mention, end


def _lowercase_head(s: Scanner, i: int, head: int | None) -> bool:
    """"aliansi Mahasiswa dan Rakyat X", "lembaga pemasyarakatan Kota X": a head the text
    writes in lowercase still names a body when the name after it is capitalised."""
    return head is not None and tuple(s.low[i:i + head]) in s.lex.lowercase_heads \
        and i + head < len(s) and s.tokens[i + head].is_capitalised


def _office_start(s: Scanner, i: int, head: int | None) -> int | None:
    """Where a regional government's office starts in a name at ``i`` ("Dinas ...",
    "Kantor Dinas ...", "Dinkes ..."), or None when the name is not such an office."""
    for start in (i, i + 1) if s.low[i] == "kantor" else (i,):
        for length in range(5, 0, -1):
            if tuple(s.low[start:start + length]) in s.lex.regional_offices:
                return start
    return i if head == 1 and _office_acronym(s, i) else None


def _government_office(s: Scanner, i: int, office: int, j: int, end: int
                       ) -> tuple[Mention, int] | None:
    """"Dinas Pariwisata Kabupaten Badung", "Biro Hukum Provinsi Jawa Timur", "Satpol PP
    Kota Bitung": an office written with its region is a unit of that region's government
    (the annotation's convention); None when no region ends the name."""
    for k in range(j, end):
        candidates, level, hint, region_end = s.qualified_region(k)
        if not candidates or region_end < end or (level is None and region_end > end):
            continue
        if s.low[region_end:region_end + 2] == [",", "provinsi"]:
            inner, after = s.region_at(region_end + 2)  # "..., Provinsi Bali"
            provinces = [r for r in inner if r.type == "provinsi"]
            if provinces:
                hint, region_end = provinces[0], after
        if hint is not None and not any(in_province(r, hint.code) for r in candidates):
            candidates = s.names.regions_in_province(candidates[0].name, hint) or candidates
        if level is None and tuple(s.low[office:office + 1]) in s.lex.provincial_offices:
            level = "provinsi"
        if level is not None:
            candidates = tuple(r for r in candidates if r.type == level) or candidates
        unit = " ".join(s.span_text(office, k).split()).rstrip(" ,")
        unit = s.lex.office_names.get(unit.lower(), unit)
        return Mention("executive", s.tokens[i].start, s.tokens[region_end - 1].end,
                       s.span_text(i, region_end), unit=unit, candidates=candidates,
                       level=level, province_hint=hint), region_end
    return None


RANKS = {"kombes", "irjen", "brigjen", "akbp", "akp", "kompol", "iptu", "ipda", "aiptu",
         "komjen", "letjen", "mayjen", "kolonel", "letkol", "mayor", "kapten", "jenderal"}


def _office_acronym(s: Scanner, i: int) -> bool:
    """"Disnakerin Kabupaten Kendal", "Dinkes Kota Palu": a regional office's short name
    (Dis-/Din-) directly followed by its region."""
    word = s.tokens[i].text
    return (word[:3] in ("Dis", "Din") and len(word) > 4 and word[3:4].islower()
            and s.level_at(i + 1) is not None)


INITIALS = {"dr", "drg", "h", "hj", "ir", "prof"}
# Regions that end a body's name rather than name a village ("... Desa Indonesia").
NAME_REGION_TYPES = ("negara", "provinsi", "kabupaten", "kota")
ORGANISATION_STOP = {"jalan", "jl", "jln", "kecamatan", "desa", "kelurahan", "kampung", "dusun",
                     "gedung", "ruang", "aula"}


def _word_of_the_name(s: Scanner, j: int) -> bool:
    """Whether "Desa" at ``j``, after a word of a name, is a word of that name ("Dinas
    Pemberdayaan Masyarakat dan Desa Provinsi X", "Forum Kepala Desa Kabupaten Y", "Badan
    Permusyawaratan Desa (BPD)"), not the village it stands in ("Puskesmas Cibatu Desa
    Sukamaju"): no village's name follows it. Right after a head ("Kantor Desa") it is an
    unnamed village's office, no body's name."""
    if s.low[j] != "desa":
        return False
    if j + 1 == len(s):
        return True
    after = s.tokens[j + 1]
    if not (after.is_word and after.is_capitalised) or s.level_at(j + 1) is not None \
            or s.low[j + 1] == "indonesia":
        return True
    regions, _ = s.region_at(j + 1)
    return bool(regions) and all(r.type in NAME_REGION_TYPES for r in regions)


def starts_other_name(s: Scanner, j: int, ministries: bool = True) -> bool:
    """Whether a legislature, ministry (unless not ``ministries``), government or
    executive's name starts at ``j``."""
    return (legislature_core(s, j) is not None
            or (ministries and s.longest_listed_name(j, s.names.ministries) is not None)
            or s.longest_phrase(j, s.lex.governments, max_len=3) is not None
            or s.longest_phrase(j, s.lex.executive_roles, max_len=3) is not None)


def _organisation_words(s: Scanner, i: int, ends_at_region: bool = False,
                        field_office: bool = False) -> tuple[list[str], int]:
    """Words of an organisation's name after its head: capitalised words, numbers, initials
    ("dr.", "H."), "dan"/"&" between capitalised words; "(ABBR)" is skipped. The name stops
    before a day name, a street or sub-district, or another institution's name; with
    ``ends_at_region``, after the first region it names. With ``field_office`` (a head such
    as "Dinas") the first word may be a ministry's short name: it names the office's field."""
    words: list[str] = []
    j = i
    while j < len(s) and len(words) < MAX_ORGANISATION_WORDS:
        if ends_at_region:
            regions, after = s.region_at(j)
            if regions and after < len(s) and s.tokens[after].is_capitalised \
                    and s.tokens[after].is_word and s.region_at(after)[0] == () \
                    and not branch_at(s, after):
                words.extend(t.text for t in s.tokens[j:after])
                j = after
                break
        tok, low = s.tokens[j], s.low[j]
        nxt = s.tokens[j + 1] if j + 1 < len(s) else None
        if low in ORGANISATION_STOP and j + 1 < len(s) and starts_other_name(s, j + 1):
            words.append(tok.text)  # "Ditjen Bina Pemerintahan Desa Kemendagri": its name
            j += 1
            break
        stop = low in ORGANISATION_STOP and not (words and _word_of_the_name(s, j))
        if low in DAY_NAMES or stop or low in RANKS \
                or starts_other_name(s, j, ministries=not (field_office and not words)):
            break
        if words and s.low[j - 1] in ("&", "dan", ",", "serta") and any(
                tuple(s.low[j:j + n]) in s.lex.organisation_heads for n in range(1, 5)):
            break  # "PT A & PT B", "SD Negeri A dan SMP Negeri B": two names
        if tok.text == "(":
            close = s.skip_parenthetical(j)
            if close == j:
                break
            j = close
            continue
        initial = low in INITIALS and nxt is not None \
            and (nxt.text == "." or (nxt.is_capitalised and not words))  # "RSUD dr Soetomo"
        joined = low in ("dan", "&") and nxt is not None and nxt.is_capitalised and bool(words)
        if (tok.is_word and (tok.is_capitalised or tok.text[0].isdigit())) or initial or joined:
            words.append(tok.text)
        elif tok.text in (".", "-", "/") and words and nxt is not None \
                and (nxt.is_capitalised or s.low[j + 1] in INITIALS) \
                and (tok.text != "." or len(s.tokens[j - 1].text) <= 3
                     or s.low[j - 1] in INITIALS):
            pass  # "D.I.Y", "PT. Winners", "Una-Una", "ATR/BPN"; not a sentence's end
        elif tok.text == "," and words and _comma_inside_name(s, j):
            pass
        else:
            break
        j += 1
    while words and words[-1].lower() in ("dan", "&"):
        words.pop()
        j -= 1
    while j > i and not s.tokens[j - 1].is_word and s.tokens[j - 1].text != ")":
        j -= 1
    return words, j


def _display_regions(name: str) -> str:
    for formal, display in PROVINCE_DISPLAY.items():
        name = name.replace(formal, display)
    return name


def _comma_inside_name(s: Scanner, j: int) -> bool:
    """"Dinas Pendidikan, Pemuda dan Olahraga": a comma inside a name is followed by one
    capitalised word and then "dan"."""
    return (j + 3 < len(s) and s.tokens[j + 1].is_capitalised and s.low[j + 2] == "dan"
            and s.tokens[j + 3].is_capitalised and s.low[j + 1] not in DAY_NAMES)

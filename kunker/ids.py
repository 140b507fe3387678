"""Row ids typed by a person (``kunker show 42``, ``/events/42``) -> ints the database takes.

``str.isdigit()`` is not enough: it accepts Unicode digits (``²``, ``③``) that ``int()``
refuses, and an id past the column's range makes PostgreSQL fail the query instead of finding
nothing. Both are "no such id", never a traceback or a 500.
"""

from __future__ import annotations

import re

from storage.models import MAX_ROW_ID

ASCII_DIGITS = re.compile(r"[0-9]+")
LONGEST_ID = len(str(MAX_ROW_ID))  # longer digit strings are past it: no huge int()


def is_whole_number(text: str) -> bool:
    """ASCII digits only (what an id, a page number looks like)."""
    return ASCII_DIGITS.fullmatch(text.strip()) is not None


def parse_row_id(text: str) -> int | None:
    """The id ``text`` names, or None when no row can have it (not ASCII digits, 0, or past
    what the id column holds)."""
    text = text.strip().lstrip("0") or "0"
    if not is_whole_number(text) or len(text) > LONGEST_ID:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ROW_ID else None

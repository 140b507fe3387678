"""Query parameters -> checked values. Anything wrong is a ``KunkerError`` naming the
parameter and what it accepts, which the app answers with 400 (never a traceback).

The filter parameters are those of ``kunker events`` without the dashes: ``institution``,
``side`` (visitor|host), ``region``, ``from``, ``to``, ``kind``, ``topic``, ``person``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from fastapi import Request

from kunker.errors import KunkerError
from kunker.ids import is_whole_number
from kunker.resolve import BuiltFilter, FilterArgs, build_filter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# FilterArgs field -> query parameter (also how build_filter's messages name them)
FILTER_PARAMS = {
    "institution": "institution", "side": "side", "region": "region", "date_from": "from",
    "date_to": "to", "kind": "kind", "topic": "topic", "person": "person",
}
ANY_SIDE = ("", "any", "either")  # what the form's "either side" choice may send
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
SEARCH_ORDERS = ("newest", "relevance")
MAX_PAGE = 100_000  # deeper offsets only make the database count rows to skip
MAX_TEXT_LENGTH = 200  # longer is no institution, region or name (and costs the resolver)


def checked(value: str, name: str, max_length: int = MAX_TEXT_LENGTH) -> str:
    """``value`` unless it cannot be a name or filter value; PostgreSQL would refuse a NUL
    character with an error instead of finding nothing."""
    if "\x00" in value:
        raise KunkerError(f"{name}: contains a NUL character")
    if len(value) > max_length:
        raise KunkerError(f"{name}: longer than {max_length} characters")
    return value


def text(request: Request, name: str, max_length: int = MAX_TEXT_LENGTH) -> str | None:
    """The parameter stripped; an empty form field counts as not given."""
    value = request.query_params.get(name)
    if value is None:
        return None
    value = checked(value.strip(), name, max_length)
    return value or None


def whole_number(request: Request, name: str, default: int, maximum: int) -> int:
    value = text(request, name)
    if value is None:
        return default
    # ASCII digits: "²" passes str.isdigit() and then fails int()
    if not is_whole_number(value) or len(value) > len(str(maximum)) or not (
            1 <= int(value) <= maximum):
        raise KunkerError(f"{name} {value!r}: give a whole number from 1 to {maximum}")
    return int(value)


def choice(request: Request, name: str, choices: tuple[str, ...], default: str) -> str:
    value = text(request, name)
    if value is None:
        return default
    if value.lower() not in choices:
        raise KunkerError(f"{name} {value!r}: choose one of {', '.join(choices)}")
    return value.lower()


def filter_args(request: Request, *, person: bool = True) -> FilterArgs:
    values = {field: text(request, param) for field, param in FILTER_PARAMS.items()}
    if (values["side"] or "").lower() in ANY_SIDE:
        values["side"] = None
    if not person:
        values["person"] = None
    return FilterArgs(**values)


def filters(session: Session, args: FilterArgs) -> BuiltFilter:
    """Resolve names, check values; a bad one raises ``KunkerError`` (-> 400)."""
    return build_filter(session, args, FILTER_PARAMS)


def filter_data(args: FilterArgs, built: BuiltFilter) -> dict[str, Any]:
    """The filters as typed (to refill the form) and as resolved (what was searched)."""
    typed = {FILTER_PARAMS[name]: value for name, value in asdict(args).items()}
    return {
        "filters": typed,
        "resolved": {"institution": built.institution, "region": built.region,
                     "region_code": built.region_code},
        "notes": built.notes,
    }

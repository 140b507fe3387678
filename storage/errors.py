"""Errors raised by the storage package."""


class StorageError(Exception):
    """Base class; the message is one line a user can act on."""


class SchemaOutdatedError(StorageError):
    """The database schema is older than this kunker; run `kunker db upgrade`."""


class StorageUnavailableError(StorageError):
    """The database takes no writes at all (read-only, full, locked past the wait, gone):
    every further write would fail the same way, so callers stop instead of going on."""


# SQLite's words for a database that refuses every write, not just this one
UNAVAILABLE_SQLITE = ("readonly", "read-only", "disk is full", "database is locked",
                      "unable to open", "disk i/o error", "no such table")


def database_problem(exc: BaseException) -> str:
    """One line naming what the database said: the driver's own first line, without
    SQLAlchemy's wrapping (the SQL, the "Background on this error" link)."""
    from sqlalchemy.exc import DBAPIError

    inner = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = [line.strip() for line in str(inner).splitlines() if line.strip()]
    return lines[0] if lines else type(inner).__name__


def refuses_writes(exc: BaseException) -> bool:
    """Whether ``exc`` (an ``OperationalError``) means SQLite will refuse every write."""
    return any(words in database_problem(exc).lower() for words in UNAVAILABLE_SQLITE)

"""Errors raised by the storage package."""


class StorageError(Exception):
    """Base class; the message is one line a user can act on."""


class SchemaOutdatedError(StorageError):
    """The database schema is older than this kunker; run `kunker db upgrade`."""

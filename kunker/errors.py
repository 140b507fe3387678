"""Errors the CLI and the web app turn into one-line messages."""


class KunkerError(Exception):
    """A problem the user can fix; the message says what happened and what to do next."""

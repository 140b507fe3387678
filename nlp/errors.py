"""Errors raised by the nlp package."""


class NlpError(Exception):
    """Base class; the message is one line a user can act on."""


class ModelMissingError(NlpError):
    """A Stanza model directory is missing or broken; the message names the command to fix it."""


class DecisionModelError(NlpError):
    """The learned decision model is missing, unreadable or made for other features; the
    message says how to get a working one."""

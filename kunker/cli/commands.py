"""Imports every command module so each registers its commands on the app."""

from kunker.cli import crawl, db, models, nlp_commands, sources  # noqa: F401

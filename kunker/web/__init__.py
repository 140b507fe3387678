"""The web app: the stored visits as pages, each with a JSON twin (``/path.json``)."""

from kunker.web.app import create_app

__all__ = ["create_app"]

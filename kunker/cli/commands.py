"""Imports every command module so each registers its commands on the app.

The order is the order of ``kunker --help``: try it, collect, read, then housekeeping.
"""

# isort: off
from kunker.cli import demo  # noqa: F401
from kunker.cli import pipeline_commands  # noqa: F401
from kunker.cli import crawl  # noqa: F401
from kunker.cli import nlp_commands  # noqa: F401
from kunker.cli import query_commands  # noqa: F401
from kunker.cli import export_commands  # noqa: F401
from kunker.cli import web_commands  # noqa: F401
from kunker.cli import status_commands  # noqa: F401
from kunker.cli import sources  # noqa: F401
from kunker.cli import sources_add  # noqa: F401
from kunker.cli import sources_health  # noqa: F401
from kunker.cli import db  # noqa: F401
from kunker.cli import queue_commands  # noqa: F401
from kunker.cli import models  # noqa: F401
from kunker.cli import train_commands  # noqa: F401
from kunker.cli import bench_commands  # noqa: F401
# isort: on

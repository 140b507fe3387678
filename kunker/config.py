"""Where kunker keeps its things, read once from the environment and the optional config file.

Precedence, highest first: environment variables, ``$KUNKER_HOME/config.toml``, defaults.

- ``KUNKER_HOME``: data directory (default: the user data dir, e.g. ``~/.local/share/kunker``).
- ``KUNKER_DATABASE_URL``: SQLAlchemy URL (default: SQLite file ``kunker.sqlite`` in the home).
- ``KUNKER_SOURCES``: sources config file (default: ``sources.toml`` in the home when present,
  else the one bundled with the crawler).
- ``KUNKER_STANZA_DIR``: Stanza model directory (default: ``stanza`` in the home when it holds
  a ``resources.json``, else the models bundled with kunker).
- ``KUNKER_NO_STANZA``: ``1`` makes every command extract with the rules only, as if
  ``--no-stanza`` were given (quick runs on machines without the models' memory).
- ``KUNKER_TORCH_THREADS``: torch threads for Stanza (default: ``nlp`` chooses: 1).
- ``KUNKER_DECISION_MODEL``: the extractor's decision model, a JSON file written by
  ``kunker train-extractor`` (default: ``decision_model.json`` in the home when present, else
  the model bundled with kunker).

``nlp`` reads none of these: the commands pass ``stanza_dir``, ``torch_threads`` and the
decision model to it.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

CONFIG_FILE_NAME = "config.toml"
TRUE_WORDS = {"1", "true", "yes", "on"}
DATABASE_FILE_NAME = "kunker.sqlite"
DECISION_MODEL_FILE_NAME = "decision_model.json"


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    database_url: str
    sources_file: Path
    stanza_dir: Path | None
    user_agent_contact: str
    no_stanza: bool = False
    torch_threads: int | None = None  # None: nlp's default
    decision_model: Path | None = None  # None: the model bundled with nlp

    @property
    def lock_file(self) -> Path:
        return self.home / "update.lock"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"


def _bundled_sources_file() -> Path:
    return Path(__file__).resolve().parent.parent / "crawler" / "sources.toml"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    home = Path(env.get("KUNKER_HOME") or platformdirs.user_data_dir("kunker")).expanduser()
    file_values: dict[str, str] = {}
    config_file = home / CONFIG_FILE_NAME
    if config_file.is_file():
        with config_file.open("rb") as fh:
            file_values = {k: str(v) for k, v in tomllib.load(fh).items()}

    def pick(env_key: str, file_key: str) -> str | None:
        return env.get(env_key) or file_values.get(file_key)

    database_url = pick("KUNKER_DATABASE_URL", "database_url") or (
        f"sqlite:///{home / DATABASE_FILE_NAME}"
    )
    sources = pick("KUNKER_SOURCES", "sources_file")
    home_sources = home / "sources.toml"
    sources_file = Path(sources) if sources else (
        home_sources if home_sources.is_file() else _bundled_sources_file()
    )
    stanza = pick("KUNKER_STANZA_DIR", "stanza_dir")
    home_stanza = home / "stanza"
    stanza_dir = Path(stanza) if stanza else (
        home_stanza if (home_stanza / "resources.json").is_file() else None
    )
    contact = pick("KUNKER_CONTACT", "contact") or "https://github.com/kunker-id/kunker"
    no_stanza = (pick("KUNKER_NO_STANZA", "no_stanza") or "").strip().lower() in TRUE_WORDS
    threads = env.get("KUNKER_TORCH_THREADS", "")
    model = pick("KUNKER_DECISION_MODEL", "decision_model")
    home_model = home / DECISION_MODEL_FILE_NAME
    decision_model = Path(model) if model else (home_model if home_model.is_file() else None)
    return Settings(
        home=home,
        database_url=database_url,
        sources_file=sources_file,
        stanza_dir=stanza_dir,
        user_agent_contact=contact,
        no_stanza=no_stanza,
        torch_threads=int(threads) if threads.isascii() and threads.isdigit() else None,
        decision_model=decision_model,
    )

"""Reading the data files of ``nlp/data`` (TOML, TSV, one entry per line); the only files
``nlp`` opens, through the package's resources so an installed wheel works too."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def read_data(file_name: str) -> str:
    return resources.files("nlp").joinpath("data", file_name).read_text(encoding="utf-8")


def read_toml(file_name: str) -> dict[str, Any]:
    return tomllib.loads(read_data(file_name))


def read_lines(file_name: str) -> list[str]:
    return [
        line.strip()
        for line in read_data(file_name).splitlines()
        if line.strip() and not line.startswith("#")
    ]


def read_tsv(file_name: str) -> list[list[str]]:
    return [line.split("\t") for line in read_data(file_name).splitlines()
            if line.strip() and not line.startswith("#")]

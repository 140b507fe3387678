"""What the numbers were measured on: CPU, cores, memory, load, library versions."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path

PACKAGES = ("kunker", "scrapy", "twisted", "lxml", "trafilatura", "stanza", "torch", "sqlalchemy",
            "psycopg", "matplotlib")
LOADED = 1.0  # load average per core above which the machine was busy with other work


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def load_per_core() -> float:
    return os.getloadavg()[0] / (os.cpu_count() or 1)


def describe(load_samples: list[float]) -> list[str]:
    """Markdown lines about the machine; ``load_samples`` are load averages per core seen
    during the run (a busy machine makes every figure noisier, ratios less than values)."""
    memory = memory_gib()
    lines = [
        f"- machine: {cpu_model()}, {os.cpu_count()} cores, "
        f"{memory:.1f} GiB RAM" if memory else f"- machine: {cpu_model()}, {os.cpu_count()} cores",
        f"- system: {platform.system()} {platform.release()}",
        "- versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()),
    ]
    if load_samples:
        peak = max(load_samples)
        busy = peak > LOADED
        lines.append(
            f"- load average per core during the run: {min(load_samples):.2f} to {peak:.2f}"
            + (" — **measured under load** (the machine was shared with other work): values "
               "are noisy, the ratios against a peer measured in the same run less so"
               if busy else ""))
    return lines

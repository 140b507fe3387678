"""Running a command in a child process and taking what it cost: wall time, CPU seconds
(its whole process tree, as the kernel accounts waited-for children) and peak RSS; and
sampling a process tree's RSS while it runs. The command is started by
``benchmarks/launch.py``, which says why and reports the kernel's figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") / 1024
LAUNCH = Path(__file__).resolve().with_name("launch.py")


@dataclass(slots=True)
class Cost:
    wall: float
    cpu: float
    peak_rss_mb: float
    stdout: str
    samples: list[tuple[float, float, int]] = field(default_factory=list)  # (s, MB, pages)


def tree_rss_mb(pid: int, include_root: bool = True) -> float:
    """Resident memory of ``pid`` and every descendant, in MB (from /proc); without ``pid``
    itself when ``include_root`` is false (the launcher)."""
    parents: dict[int, int] = {}
    rss: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child = int(entry.name)
        parents[child] = int(fields[1])
        rss[child] = int(fields[21]) * PAGE_KIB / 1024
    total = 0.0 if include_root else -rss.get(pid, 0.0)
    todo = [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0.0)
        todo.extend(c for c, p in parents.items() if p == current)
    return total


def run(argv: Sequence[str], env: Mapping[str, str] | None = None,
        sample: Callable[[], int] | None = None, every: float = 0.5) -> Cost:
    """Run ``argv`` to its end; with ``sample``, record (seconds, tree RSS, sample()) every
    ``every`` seconds while it runs. Raises CalledProcessError when it fails."""
    with tempfile.TemporaryDirectory(prefix="kunker-bench-run-") as tmp:
        report = Path(tmp) / "cost.json"
        stdout, samples = _run(list(argv), env, sample, every, report)
        cost = json.loads(report.read_text(encoding="utf-8"))
    return Cost(cost["wall"], cost["cpu"], cost["maxrss_kib"] / 1024, stdout, samples)


def _run(argv: list[str], env: Mapping[str, str] | None, sample: Callable[[], int] | None,
         every: float, report: Path) -> tuple[str, list[tuple[float, float, int]]]:
    """The launcher running ``argv``: its output and the samples of the tree under it."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(LAUNCH), str(report), *argv],
                               env=dict(env) if env else None,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples: list[tuple[float, float, int]] = []
    done = threading.Event()

    def watch() -> None:
        while not done.wait(every):
            try:
                samples.append((time.perf_counter() - started,
                                tree_rss_mb(process.pid, include_root=False),
                                sample() if sample else 0))
            except OSError:
                continue

    watcher = threading.Thread(target=watch, daemon=True)
    if sample is not None:
        watcher.start()
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []
    readers = [threading.Thread(target=lambda s=s, c=c: c.append(s.read()), daemon=True)
               for s, c in ((process.stdout, out_chunks), (process.stderr, err_chunks))]
    for reader in readers:
        reader.start()
    _, status, _ = os.wait4(process.pid, 0)
    done.set()
    for reader in readers:
        reader.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    stdout = b"".join(out_chunks).decode(errors="replace")
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, list(argv), stdout,
                                            b"".join(err_chunks).decode(errors="replace"))
    return stdout, samples

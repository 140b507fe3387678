"""``python launch.py REPORT COMMAND...``: run COMMAND, write what it cost to REPORT (JSON:
wall seconds, CPU seconds, peak RSS in KiB of its largest process), exit with its status.

Why a launcher: Linux charges a program exec'd from a fork or vfork of a large process with
that process's peak RSS (exec records the old address space's high-water mark in the new
program's ``ru_maxrss``). The suite's own process grows to hundreds of MB (the 1M-article
storage section, Stanza), so a command it started itself reported the suite's peak, not its
own: the memory section's "568 MB" was the harness. Started from this small process, the
command inherits a peak of ~10 MB, below anything it uses itself.

Standard library only, and run as a file (not ``-m``): it must stay small.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    report, command = argv[0], argv[1:]
    started = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    cost = {"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
            "maxrss_kib": usage.ru_maxrss}
    with open(report, "w", encoding="utf-8") as fh:
        json.dump(cost, fh)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__.splitlines()[0])
    sys.exit(main(sys.argv[1:]))

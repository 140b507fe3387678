"""Worker processes: ``kunker worker [--processes N] [--until-empty]``.

One process runs one job at a time (procrastinate runs a sync job in a thread, so CPU-bound
extraction needs one process per core, not concurrency within one). With ``--processes N``
this process starts N ``kunker worker`` children, restarts one that dies, and passes
SIGTERM/SIGINT on so that each finishes its current job before exiting.

``--until-empty`` exits once no job is waiting or running in the worker's queues (a running
job may queue more, and a dead worker's job comes back after ``stalled_after`` seconds), for
batch runs and tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kunker.jobs.queue import QUEUES, make_app
from kunker.jobs.runtime import CONTEXT_KEY, STALLED_AFTER_S, JobRuntime, worker_label
from kunker.jobs.stalled import recover_stalled_jobs

if TYPE_CHECKING:
    from procrastinate import App

logger = logging.getLogger(__name__)
IDLE_POLL_S = 0.5  # --until-empty: how often an idle worker looks for work left
HEARTBEATS_PER_TIMEOUT = 5  # heartbeat every stalled_after / 5 seconds
RESTART_DELAY_S = 5.0
SUPERVISE_POLL_S = 0.2
EXIT_OK = 0
EXIT_ERROR = 1


@dataclass(frozen=True, slots=True)
class WorkerOptions:
    processes: int = 1
    until_empty: bool = False
    queues: tuple[str, ...] = ()  # empty: every kunker queue
    crawl_settings: tuple[str, ...] = ()  # --set NAME=VALUE for the crawls
    no_stanza: bool = False
    stalled_after: float = STALLED_AFTER_S
    update_cron: str | None = None
    log_file: Path | None = None
    debug: bool = False

    def child_argv(self) -> list[str]:
        """The command line of one child process with the same options."""
        argv = [sys.executable, "-m", "kunker"]
        if self.debug:
            argv.append("--debug")
        argv += ["worker", "--processes", "1", "--stalled-after", f"{self.stalled_after:g}"]
        if self.until_empty:
            argv.append("--until-empty")
        for queue in self.queues:
            argv += ["--queue", queue]
        for item in self.crawl_settings:
            argv += ["--set", item]
        if self.no_stanza:
            argv.append("--no-stanza")
        if self.update_cron:
            argv += ["--update-cron", self.update_cron]
        if self.log_file:
            argv += ["--log-file", str(self.log_file)]
        return argv


def run_workers(options: WorkerOptions, runtime_factory: Callable[[], JobRuntime]) -> int:
    """Run the workers; the exit code is non-zero when one failed.

    The runtime is opened first in any case: a configuration problem (SQLite, no queue
    schema, no procrastinate) is one error here rather than N children failing in a loop.
    """
    runtime = runtime_factory()
    if options.processes == 1:
        return run_worker(options, runtime)
    runtime.close()
    return supervise(options)


def run_worker(options: WorkerOptions, runtime: JobRuntime) -> int:
    """One worker in this process, until stopped (or until the queue is empty)."""
    from kunker.jobs.tasks import schedule_maintenance, schedule_updates

    app = make_app(runtime.url)
    if not options.until_empty:  # a batch run schedules nothing
        schedule_maintenance(app)
        if options.update_cron:
            schedule_updates(app, options.update_cron)
    try:
        asyncio.run(_serve(app, runtime, options))
    except KeyboardInterrupt:
        return 130
    finally:
        runtime.close()
    return EXIT_OK


def worker_arguments(options: WorkerOptions, runtime: JobRuntime) -> dict[str, Any]:
    return {
        "queues": list(options.queues or QUEUES),
        "name": worker_label(),
        "concurrency": 1,
        "additional_context": {CONTEXT_KEY: runtime},
        "update_heartbeat_interval": options.stalled_after / HEARTBEATS_PER_TIMEOUT,
        "stalled_worker_timeout": options.stalled_after,
        "delete_jobs": "never",  # done jobs stay for `kunker queue status` and the attempts
    }


async def _serve(app: App, runtime: JobRuntime, options: WorkerOptions) -> None:
    arguments = worker_arguments(options, runtime)
    async with app.open_async():
        logger.info("worker %s started on queues %s", arguments["name"],
                    ", ".join(arguments["queues"]))
        if not options.until_empty:
            await app.run_worker_async(**arguments)
            return
        await work_until_empty(app, runtime, arguments)


async def work_until_empty(app: App, runtime: JobRuntime, arguments: dict[str, Any]) -> None:
    """Run jobs until none is waiting or running; recover dead workers' jobs meanwhile.

    The worker waits for jobs as usual (LISTEN/NOTIFY) while this checks every
    ``IDLE_POLL_S``; once nothing is left, the worker is stopped (cancelling it stops it
    gracefully) and the queue checked once more, since a job may have come in meanwhile.
    """
    while True:
        worker = asyncio.create_task(app.run_worker_async(**arguments))
        emptied = False
        try:
            while not worker.done():
                await asyncio.sleep(IDLE_POLL_S)
                await recover_stalled_jobs(app, runtime.stalled_after, runtime.engine)
                if not await work_left(app, arguments["queues"]):
                    emptied = True
                    break
        finally:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        if not emptied:  # the worker stopped by itself: SIGTERM or Ctrl-C
            return
        if not await work_left(app, arguments["queues"]):
            return


async def work_left(app: App, queues: list[str]) -> bool:
    """True while a job waits (now or for a retry) or runs in ``queues``."""
    for status in ("todo", "doing"):
        for row in await app.job_manager.list_queues_async(status=status):
            if row["name"] in queues and row["jobs_count"]:
                return True
    return False


def supervise(options: WorkerOptions) -> int:
    """Start ``options.processes`` children and keep them running (see the module doc)."""
    argv = options.child_argv()

    def start() -> subprocess.Popen[bytes]:
        # its own session: a Ctrl-C on the terminal reaches this process only, which passes
        # it on once (a second signal would stop a child in the middle of its job)
        return subprocess.Popen(argv, start_new_session=True)

    children = {n: start() for n in range(options.processes)}
    stopping = False

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM if signum == signal.SIGTERM else signal.SIGINT)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    codes: dict[int, int] = {}
    try:
        while len(codes) < len(children):
            for n, child in list(children.items()):
                code = child.poll()
                if code is None or n in codes:
                    continue
                if options.until_empty or stopping or code == EXIT_OK:
                    codes[n] = code
                    continue
                logger.warning("worker process %d exited with code %d: restarting it in %gs",
                               child.pid, code, RESTART_DELAY_S)
                time.sleep(RESTART_DELAY_S)
                children[n] = start()
            time.sleep(SUPERVISE_POLL_S)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    failed = {n: c for n, c in codes.items() if c not in (EXIT_OK, -signal.SIGTERM, 130)}
    return EXIT_ERROR if failed else EXIT_OK

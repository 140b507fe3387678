"""Job-queue throughput with 1, 2 and 4 worker processes on this machine.

    .venv/bin/python benchmarks/queue_bench.py                  # extraction (rules) and crawl
    .venv/bin/python benchmarks/queue_bench.py --only extract --articles 2000
    .venv/bin/python benchmarks/queue_bench.py --only extract --stanza --articles 200
    .venv/bin/python benchmarks/queue_bench.py --processes 1 2 --url postgresql://...

Each run gets a fresh PostgreSQL database (created next to ``--url``, default
KUNKER_TEST_POSTGRES_URL, and dropped afterwards) with the job queue installed, then:

- extract: stores ``--articles`` generated articles (tests/jobs_site.py: visits reported by
  one to three outlets), queues their extraction (``extract_batch`` jobs of 25) and runs
  ``kunker worker --processes N --until-empty``;
- crawl: serves ``--sources`` generated sources of ``--pages`` pages on ``--hosts`` local
  hosts, runs ``kunker update --queue`` and the same workers (crawls, then the extraction
  their articles queue; crawls of one host take turns).

It prints, per run, the wall time of the ``kunker worker`` command (process start-up
included), the busy span (first job start to last job end, from kunker_job_attempts) and
throughput over that span, with the speed-up over one process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kunker.jobs.enqueue import enqueue_extraction
from kunker.jobs.queue import make_app
from kunker.jobs.schema import install_queue
from kunker.localsite import LocalSite
from storage import DatabaseArticleSink, make_engine, upgrade
from tests.jobs_site import corpus, records, write_outlet

FAST_CRAWL = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
              "--set", "RETRY_TIMES=0", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]
SPAN = text("SELECT extract(epoch FROM max(finished_at) - min(started_at)), count(*) "
            "FROM kunker_job_attempts WHERE outcome = 'succeeded' AND task_name LIKE :kind")


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    name = f"kunker_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        install_queue(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_workers(url: str, home: Path, processes: int, stanza: bool) -> float:
    env = {**os.environ, "KUNKER_DATABASE_URL": url, "KUNKER_HOME": str(home)}
    argv = [sys.executable, "-m", "kunker", "worker", "--processes", str(processes),
            "--until-empty", *FAST_CRAWL]
    if not stanza:
        argv.append("--no-stanza")
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, timeout=3600)
    return time.perf_counter() - start


def busy_span(url: str, kind: str) -> tuple[float, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            seconds, jobs = conn.execute(SPAN, {"kind": f"%{kind}"}).one()
    finally:
        engine.dispose()
    return float(seconds or 0.0), int(jobs)


def bench_extract(admin_url: str, processes: int, articles: int, stanza: bool) -> dict:
    outlets = 4
    found = records(corpus(outlets, max(1, articles // outlets)))
    with fresh_database(admin_url) as url, tempfile.TemporaryDirectory() as home:
        sink = DatabaseArticleSink(url)
        sink.store_many(found)
        sink.close()
        engine = make_engine(url)
        with make_app(url).open() as queue:
            queued = enqueue_extraction(queue, engine)
        engine.dispose()
        wall = run_workers(url, Path(home), processes, stanza)
        span, jobs = busy_span(url, "extract_batch")
    return {"work": f"{queued.articles} articles", "units": queued.articles, "jobs": jobs,
            "wall": wall, "span": span}


def bench_crawl(admin_url: str, processes: int, sources: int, pages: int, hosts: int) -> dict:
    outlets = corpus(sources, pages)
    with (fresh_database(admin_url) as url, tempfile.TemporaryDirectory() as tmp):
        root = Path(tmp)
        sites = [LocalSite(root / f"host{n}") for n in range(hosts)]
        lines = []
        for site in sites:
            site.root.mkdir()  # type: ignore[union-attr]
            site.start()
        for k, pages_of_source in enumerate(outlets):
            site = sites[k % hosts]
            write_outlet(site.root, f"s{k}", pages_of_source)  # type: ignore[arg-type]
            lines.append(f"[[source]]\nname = 's{k}'\nfeeds = ['{site.url(f's{k}/rss.xml')}']\n")
        home = root / "home"
        home.mkdir()
        (home / "sources.toml").write_text("\n".join(lines), encoding="utf-8")
        env = {**os.environ, "KUNKER_DATABASE_URL": url, "KUNKER_HOME": str(home)}
        subprocess.run([sys.executable, "-m", "kunker", "update", "--queue", "--quiet"],
                       env=env, check=True)
        try:
            wall = run_workers(url, home, processes, stanza=False)
        finally:
            for site in sites:
                site.stop()
        span, jobs = busy_span(url, "%")
        fetched = sum(1 for site in sites for p in site.requests if "/berita/" in p)
    return {"work": f"{fetched} pages", "units": fetched, "jobs": jobs, "wall": wall,
            "span": span}


def report(label: str, results: dict[int, dict]) -> None:
    print(f"\n{label}")
    print(f"{'processes':>9} {'work':>14} {'jobs':>5} {'wall s':>8} {'busy s':>8} "
          f"{'per s':>8} {'speed-up':>8}")
    base = None
    for processes, r in results.items():
        rate = r["units"] / r["span"] if r["span"] else 0.0
        base = base or rate
        print(f"{processes:>9} {r['work']:>14} {r['jobs']:>5} {r['wall']:>8.1f} "
              f"{r['span']:>8.1f} {rate:>8.1f} {rate / base if base else 0:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("KUNKER_TEST_POSTGRES_URL"),
                        help="an admin URL of the PostgreSQL server (databases are created)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--only", choices=("extract", "crawl"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--stanza", action="store_true", help="extract with Stanza")
    parser.add_argument("--sources", type=int, default=8)
    parser.add_argument("--pages", type=int, default=40, help="pages per source")
    parser.add_argument("--hosts", type=int, default=4)
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url or set KUNKER_TEST_POSTGRES_URL")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    if args.only in (None, "extract"):
        label = "extraction, " + ("Stanza" if args.stanza else "rules only")
        report(label, {p: bench_extract(args.url, p, args.articles, args.stanza)
                       for p in args.processes})
    if args.only in (None, "crawl"):
        label = (f"crawl + extraction (rules): {args.sources} sources on {args.hosts} "
                 "local hosts")
        report(label, {p: bench_crawl(args.url, p, args.sources, args.pages, args.hosts)
                       for p in args.processes})


if __name__ == "__main__":
    main()

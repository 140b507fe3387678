"""The benchmark suite runs and writes its report (a smoke run: a few items per section).

No timing is asserted: speed is what RESULTS.md reports, never a test's verdict.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kunker.cli import bench_commands, main

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("## Crawl", "## HTML to events", "## NLP", "## Storage (SQLite)", "## Memory")
ROW = re.compile(r"^\| (?!figure|---)(.+) \| (.+) \| (.+) \| (.+) \| (.+) \| (.+) \|$")


def test_a_smoke_run_writes_results_with_every_section_judged(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--output", str(tmp_path),
         "--cache", str(tmp_path / "cache"), "--postgres-url", ""],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "**Smoke run**" in report
    assert re.search(r"^- machine: .+, \d+ cores", report, re.MULTILINE)
    assert "- versions: " in report and "scrapy " in report and "trafilatura " in report
    for heading in SECTIONS:
        assert heading in report, heading
    rows = [ROW.match(line) for line in report.splitlines()]
    rows = [r for r in rows if r]
    assert len(rows) >= 10
    assert all(r.group(6) in {"met", "**missed**", "info"} for r in rows)
    # the crawl and parsing figures stand beside a reference measured in the same run
    crawl = next(r for r in rows if r.group(1).startswith("crawl throughput"))
    assert "bare Scrapy" in crawl.group(3) and crawl.group(4).endswith("x")
    html = next(r for r in rows if r.group(1).startswith("whole path, rules only"))
    assert "trafilatura.extract()" in html.group(3)
    for plot in re.findall(r"!\[[^]]*\]\(([^)]+)\)", report):
        assert (tmp_path / plot).stat().st_size > 1000


def test_kunker_bench_outside_a_checkout_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench_commands, "CHECKOUT", tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(["bench", "--smoke"])
    _, err = capsys.readouterr()
    assert exited.value.code == 1
    assert err.startswith("error: the benchmarks live in kunker's source checkout")
    assert len(err.strip().splitlines()) == 1

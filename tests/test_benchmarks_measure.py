"""The benchmarks' peak RSS is the measured command's own, whatever size the caller grew to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# benchmarks/ is a directory of the checkout, not an installed package
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import measure

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
MB = 2**20


def _allocate(mb: int) -> str:
    # one byte written per page, so every page is resident
    return f"b = bytearray({mb * MB}); b[::4096] = b'x' * len(b[::4096])"


def test_the_peak_is_the_commands_not_the_callers_grown_before_it() -> None:
    ballast = bytearray(400 * MB)  # the caller's high-water mark, as the suite's after storage
    ballast[::4096] = b"x" * len(ballast[::4096])
    del ballast
    cost = measure.run([sys.executable, "-c", "pass"])
    assert cost.peak_rss_mb < 100


def test_the_peak_counts_what_the_command_allocates() -> None:
    cost = measure.run([sys.executable, "-c", _allocate(200)])
    assert 200 <= cost.peak_rss_mb < 300
    assert cost.wall > 0 and cost.cpu > 0


def test_a_failing_command_raises_with_its_output() -> None:
    with pytest.raises(subprocess.CalledProcessError) as failed:
        measure.run([sys.executable, "-c", "import sys; print('out'); sys.exit(3)"])
    assert failed.value.returncode == 3
    assert "out" in failed.value.output

"""Extraction time and memory on very long texts (rules only), which MAX_TEXT_CHARS bounds.

    python benchmarks/long_text_bench.py [--sizes 10000,50000,1000000,5000000]

Three shapes of synthetic text, written for kunker: one visit paragraph repeated, many
different visits (distinct regions and people, the costly case: every name is compared
with every other), and the same visits run together into one endless sentence. For each
size it prints the CPU seconds extraction took (what one core does, whatever else the
machine runs), how much of the text was read and the process's peak memory so far. Texts
beyond nlp.extract.MAX_TEXT_CHARS are read only up to it, so their time stays that of the
limit instead of growing with the text.
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import time
from collections.abc import Callable
from datetime import date

from nlp.extract import MAX_TEXT_CHARS, chars_read, extract_events
from nlp.gazetteer import gazetteer
from nlp.linguistic import RuleAnnotator
from nlp.records import Article

DEFAULT_SIZES = "10000,50000,1000000,5000000"
REPEATED = ("Komisi II DPRD Kota Padang melakukan kunjungan kerja ke DPRD Kota Medan, Senin "
            "(3/6/2024), untuk membahas pengelolaan sampah. Rombongan dipimpin Ketua Komisi "
            "II Budi Hartono dan diterima Wakil Ketua DPRD Kota Medan Siti Rahma.\n")
SYLLABLES = ["ba", "di", "ko", "ra", "su", "ti", "man", "to", "ni", "wa", "ya", "har", "sa"]


def _varied(size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    regencies = gazetteer().regions_of_type("kabupaten")

    def name() -> str:
        return " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)).title()
                        for _ in range(2))

    parts: list[str] = []
    length = 0
    while length < size:
        visitor, host = rng.sample(regencies, 2)
        part = (f"Komisi {rng.choice('ABCD')} DPRD Kabupaten {visitor.name} melakukan "
                f"kunjungan kerja ke DPRD Kabupaten {host.name}, Senin (3/6/2024). Rombongan "
                f"dipimpin {name()} dan diterima Wakil Ketua DPRD Kabupaten {host.name} "
                f"{name()}. RSUD {name()} juga ditinjau bersama {name()} (Golkar).\n")
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "repeated visit": lambda size: (REPEATED * (size // len(REPEATED) + 1))[:size],
    "varied visits": _varied,
    "one sentence": lambda size: _varied(size).replace(". ", ", ").replace("\n", " "),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"comma-separated text sizes in characters ({DEFAULT_SIZES})")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    logging.getLogger("nlp.extract").setLevel(logging.ERROR)  # "read the first N of M"
    annotator = RuleAnnotator()
    extract_events(Article(text=REPEATED), annotator)  # load the tables outside the timing
    print(f"MAX_TEXT_CHARS = {MAX_TEXT_CHARS}")
    for shape, build in SHAPES.items():
        for size in sizes:
            text = build(size)
            started = time.process_time()
            events = extract_events(Article(text=text, published=date(2024, 6, 5)), annotator)
            seconds = time.process_time() - started
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{shape:15s} {len(text):>9,d} chars (read {chars_read(text):>6,d}): "
                  f"{seconds:6.2f} s CPU, {len(events):4d} events, peak memory "
                  f"{peak_mb:4.0f} MB")


if __name__ == "__main__":
    main()

"""The figures a benchmark section measures, and RESULTS.md written from them.

Every figure is a value beside the reference it is compared with (measured in the same run
where the reference is a peer: bare Scrapy, trafilatura), the ratio of the two, the target
and whether it was met. Targets are stated as the ratio (or value) that must hold.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, "<=": operator.le, "<": operator.lt, ">": operator.gt,
}


@dataclass(slots=True)
class Figure:
    """One measured figure. ``target`` is (operator, bound) on ``ratio`` when a reference is
    given, else on ``value``; without a target the figure is information only."""

    section: str
    name: str
    value: float
    unit: str
    reference: float | None = None
    reference_name: str = ""
    target: tuple[str, float] | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.reference is None or self.reference == 0:
            return None
        return self.value / self.reference

    @property
    def judged(self) -> float:
        ratio = self.ratio
        return ratio if ratio is not None else self.value

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        op, bound = self.target
        return COMPARE[op](self.judged, bound)

    def target_text(self) -> str:
        if self.target is None:
            return "-"
        op, bound = self.target
        what = "x" if self.reference is not None else f" {self.unit}"
        return f"{op} {_number(bound)}{what}"


@dataclass(slots=True)
class Report:
    """What a whole run measured, section by section, with the notes each section adds."""

    figures: list[Figure] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    plots: list[tuple[str, str]] = field(default_factory=list)  # (caption, file name)
    skipped: dict[str, str] = field(default_factory=dict)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def note(self, section: str, text: str) -> None:
        self.notes.setdefault(section, []).append(text)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def table(figures: Sequence[Figure]) -> list[str]:
    lines = ["| figure | value | reference | ratio | target | result |",
             "| --- | --- | --- | --- | --- | --- |"]
    for f in figures:
        reference = (f"{_number(f.reference)} {f.unit} ({f.reference_name})"
                     if f.reference is not None else "-")
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
        result = {None: "info", True: "met", False: "**missed**"}[f.met]
        name = f"{f.name} ({f.note})" if f.note else f.name
        lines.append(f"| {name} | {_number(f.value)} {f.unit} | {reference} | {ratio} | "
                     f"{f.target_text()} | {result} |")
    return lines


def write_results(path: Path, report: Report, header: Sequence[str],
                  epilogue: Sequence[str] = ()) -> None:
    """RESULTS.md: the header (machine, versions, how it was run), one table per section
    in the order sections ran, their notes, the plots and the epilogue (the fixes)."""
    lines = [*header, ""]
    sections: list[str] = []
    for f in report.figures:
        if f.section not in sections:
            sections.append(f.section)
    for section in [*sections, *(s for s in report.notes if s not in sections)]:
        lines += [f"## {section}", ""]
        figures = [f for f in report.figures if f.section == section]
        if figures:
            lines += [*table(figures), ""]
        lines += [f"- {n}" for n in report.notes.get(section, [])]
        if report.notes.get(section):
            lines.append("")
    for section, why in report.skipped.items():
        lines += [f"## {section}", "", f"Not measured: {why}", ""]
    if report.plots:
        lines += ["## Plots", ""]
        lines += [f"![{caption}]({name})" for caption, name in report.plots]
        lines.append("")
    lines += list(epilogue)
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")

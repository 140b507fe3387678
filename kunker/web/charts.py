"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable offline, printable,
and scaled to the screen by their viewBox (a phone gets the same chart, smaller).

Every mark has a ``<title>`` (the exact count, shown on hover and read by screen readers) and,
where there is one, a link to the events it counts. Text is escaped: keys are institution
names from news articles.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 720
SERIES_HEIGHT = 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 12, 14, 46
BAR_ROW = 30  # height of one labelled bar
BAR_LABEL_GAP = 13  # the label sits above its bar, so long names fit a narrow screen
MAX_X_LABELS = 12
CELL = 34  # one matrix cell
MATRIX_LABEL = 190  # room for a province name
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
          "Dec")


@dataclass(frozen=True, slots=True)
class Point:
    key: str
    count: int
    url: str | None = None
    label: str | None = None

    @property
    def shown(self) -> str:
        return self.label or self.key


def short_region(name: str) -> str:
    """"Provinsi Jawa Tengah" -> "Jawa Tengah": every label of the matrix is a province."""
    return name.removeprefix("Provinsi ")


def nice_ticks(top: int, most: int = 5) -> list[int]:
    """0 and round steps (1, 2, 5 x 10^n) up to at least ``top``, at most ``most`` + 1."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return list(range(0, (math.ceil(top / step) + 1) * step, step))


def _link(url: str | None, inner: str) -> str:
    return f'<a href="{escape(url)}">{inner}</a>' if url else inner


def _svg(width: int, height: int, label: str, body: list[str], natural: bool = False
         ) -> Markup:
    """``natural``: drawn at its own size (a matrix scrolls sideways on a small screen
    rather than shrinking its labels to nothing)."""
    size = f' width="{width}" height="{height}"' if natural else ""
    return Markup(
        f'<svg class="chart"{size} viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def month_label(key: str, first: bool) -> str:
    """"2025-06" -> "Jun" (with the year on January and on the first label)."""
    year, month = key[:4], int(key[5:7])
    name = MONTHS[month - 1]
    return f"{name} {year}" if first or month == 1 else name


def time_series(points: Sequence[Point], label: str, unit: str = "visits") -> Markup:
    """Counts per month as columns on a time axis, with a y axis of round ticks."""
    width, height = WIDTH, SERIES_HEIGHT
    plot_w = width - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = height - MARGIN_TOP - MARGIN_BOTTOM
    ticks = nice_ticks(max((p.count for p in points), default=0))
    top = ticks[-1]
    base = MARGIN_TOP + plot_h
    body = []
    for tick in ticks:  # y axis: gridlines and labels
        y = base - plot_h * tick / top
        body.append(f'<line class="grid" x1="{MARGIN_LEFT}" x2="{width - MARGIN_RIGHT}" '
                    f'y1="{y:.1f}" y2="{y:.1f}"/>'
                    f'<text class="tick" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" '
                    f'text-anchor="end">{tick}</text>')
    body.append(f'<text class="axis-title" x="12" y="{MARGIN_TOP + plot_h / 2:.0f}" '
                f'transform="rotate(-90 12 {MARGIN_TOP + plot_h / 2:.0f})" '
                f'text-anchor="middle">{escape(unit)}</text>')
    slot = plot_w / max(1, len(points))
    every = max(1, math.ceil(len(points) / MAX_X_LABELS))
    for n, point in enumerate(points):
        x = MARGIN_LEFT + n * slot
        bar_h = plot_h * point.count / top
        tip = f"{point.shown}: {point.count} {unit}"
        bar = (f'<rect class="bar" x="{x + slot * 0.12:.1f}" y="{base - bar_h:.1f}" '
               f'width="{max(1.0, slot * 0.76):.1f}" height="{bar_h:.1f}">'
               f"<title>{escape(tip)}</title></rect>")
        body.append(_link(point.url if point.count else None, bar))
        if n % every == 0:
            body.append(f'<text class="tick" x="{x + slot / 2:.1f}" y="{base + 16}" '
                        f'text-anchor="middle">{escape(month_label(point.key, n == 0))}</text>')
    body.append(f'<line class="axis" x1="{MARGIN_LEFT}" x2="{width - MARGIN_RIGHT}" '
                f'y1="{base}" y2="{base}"/>'
                f'<line class="axis" x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT}" '
                f'y1="{MARGIN_TOP}" y2="{base}"/>'
                f'<text class="axis-title" x="{MARGIN_LEFT + plot_w / 2:.0f}" '
                f'y="{height - 6}" text-anchor="middle">month (visit date, or first '
                f'report)</text>')
    return _svg(width, height, label, body)


def bars(points: Sequence[Point], label: str, unit: str = "visits") -> Markup:
    """Horizontal bars, largest first as given, each with its name above it."""
    width = WIDTH
    height = MARGIN_TOP + BAR_ROW * max(1, len(points)) + 6
    top = max((p.count for p in points), default=0) or 1
    room = width - 60
    body = []
    for n, point in enumerate(points):
        y = MARGIN_TOP + n * BAR_ROW
        bar_w = max(2.0, room * point.count / top)
        tip = f"{point.shown}: {point.count} {unit}"
        body.append(_link(point.url, (
            f'<text class="label" x="0" y="{y + 9}">{escape(point.shown)}</text>'
            f'<rect class="bar" x="0" y="{y + BAR_LABEL_GAP}" width="{bar_w:.1f}" '
            f'height="{BAR_ROW - BAR_LABEL_GAP - 4}"><title>{escape(tip)}</title></rect>')))
        body.append(f'<text class="value" x="{bar_w + 6:.1f}" y="{y + BAR_ROW - 6}">'
                    f"{point.count}</text>")
    return _svg(width, height, label, body)


def matrix(rows: Sequence[tuple[str | None, str]], columns: Sequence[tuple[str | None, str]],
           count: Callable[[str | None, str | None], int], label: str,
           url: Callable[[str | None, str | None], str | None] | None = None) -> Markup:
    """A heat map: one row per visitor province, one column per host province."""
    rows = [(code, short_region(name)) for code, name in rows]
    columns = [(code, short_region(name)) for code, name in columns]
    width = MATRIX_LABEL + CELL * max(1, len(columns)) + MATRIX_LABEL // 2  # slanted labels
    height = MATRIX_LABEL + CELL * max(1, len(rows)) + 10
    top = max((count(r, c) for r, _ in rows for c, _ in columns), default=0) or 1
    body = []
    for j, (_, name) in enumerate(columns):
        x = MATRIX_LABEL + j * CELL + CELL / 2
        body.append(f'<text class="label" x="{x + 4:.0f}" y="{MATRIX_LABEL - 6}" '
                    f'transform="rotate(-60 {x + 4:.0f} {MATRIX_LABEL - 6})">'
                    f"{escape(name)}</text>")
    for i, (row_code, row_name) in enumerate(rows):
        y = MATRIX_LABEL + i * CELL
        body.append(f'<text class="label" x="{MATRIX_LABEL - 6}" y="{y + CELL / 2 + 4:.0f}" '
                    f'text-anchor="end">{escape(row_name)}</text>')
        for j, (column_code, column_name) in enumerate(columns):
            n = count(row_code, column_code)
            x = MATRIX_LABEL + j * CELL
            shade = 0.08 + 0.92 * n / top if n else 0
            tip = f"{row_name} → {column_name}: {n} visits"
            cell = (f'<rect class="cell" x="{x}" y="{y}" width="{CELL - 2}" '
                    f'height="{CELL - 2}" fill-opacity="{shade:.2f}">'
                    f"<title>{escape(tip)}</title></rect>")
            if n:
                cell += (f'<text class="cell-value{" dark" if shade > 0.55 else ""}" '
                         f'x="{x + (CELL - 2) / 2:.0f}" y="{y + CELL / 2 + 3:.0f}" '
                         f'text-anchor="middle">{n}</text>')
            body.append(_link(url(row_code, column_code) if url and n else None, cell))
    return _svg(width, height, label, body, natural=True)

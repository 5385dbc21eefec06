"""Accessible inline SVG bar charts (with a title, a description and a data table beside them in
the page), drawn on the server: no JavaScript, nothing to download.

Readable on a phone: each category's name stands on its own line above its bars (not in a column
beside them), so the picture is narrow (``WIDTH``) and is never drawn smaller than
``MIN_SCALE`` of its size (oversight.css gives it a minimum width inside a scrolling box): its
``FONT_SIZE`` text is never smaller than ``FONT_SIZE * MIN_SCALE`` ≈ 11 px on screen."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 440
FONT_SIZE = 15
MIN_SCALE = 0.75  # oversight.css: .chart-bars { min-width: 330px } = WIDTH * MIN_SCALE
BAR_H = 16
BAR_GAP = 3
GROUP_GAP = 14
LINE_H = 22  # a line of text (legend row, category name)
CHAR_W = 8.6  # the average width of a character at FONT_SIZE, to lay out and shorten labels
VALUE_ROOM = 48  # right of the longest bar: its figure


@dataclass(frozen=True)
class Series:
    label: str
    css: str  # a class name for the fill colour


def _shorten(text: str, room: float) -> str:
    most = max(4, int(room / CHAR_W))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def grouped_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    values: list[list[int]],
) -> str:
    """Horizontal grouped bars: one group per category (its name above it), one bar per series,
    the figure at the end of each bar; the legend above, wrapped over as many rows as it needs.
    Returned inside a ``div.chart-scroll`` (a narrow screen scrolls it rather than shrink it)."""
    ident = escape(chart_id)
    parts: list[str] = []
    # Legend, left to right, a new row when the next entry would not fit.
    x, y = 0.0, 0.0
    for s in series:
        entry_w = 16 + CHAR_W * len(s.label) + 18
        if x > 0 and x + entry_w > WIDTH:
            x, y = 0.0, y + LINE_H
        parts.append(
            f'<rect x="{x:.0f}" y="{y + 4:.0f}" width="13" height="13" class="{escape(s.css)}"/>'
            f'<text x="{x + 18:.0f}" y="{y + 16:.0f}" font-size="{FONT_SIZE}">{escape(s.label)}</text>'
        )
        x += entry_w
    y += LINE_H + 10
    biggest = max([v for row in values for v in row] + [1])
    plot_w = WIDTH - VALUE_ROOM
    for c, category in enumerate(categories):
        shown = _shorten(category, WIDTH)
        full = f"<title>{escape(category)}</title>" if shown != category else ""
        parts.append(
            f'<text x="0" y="{y + 15:.0f}" font-size="{FONT_SIZE}" font-weight="600">'
            f"{escape(shown)}{full}</text>"
        )
        y += LINE_H
        for i, s in enumerate(series):
            value = values[c][i]
            w = round(plot_w * value / biggest, 1)
            parts.append(
                f'<rect x="0" y="{y:.0f}" width="{w}" height="{BAR_H}" class="{escape(s.css)}">'
                f"<title>{escape(category)} — {escape(s.label)}: {value}</title></rect>"
                f'<text x="{w + 5}" y="{y + BAR_H - 3:.0f}" font-size="{FONT_SIZE}">{value}</text>'
            )
            y += BAR_H + BAR_GAP
        y += GROUP_GAP
    height = round(y)
    head = (
        f'<div class="chart-scroll"><svg id="{ident}" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>'
    )
    return head + "".join(parts) + "</svg></div>"

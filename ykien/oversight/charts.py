"""Accessible inline SVG bar charts (with a title, a description and a data table beside them in
the page), drawn on the server: no JavaScript, nothing to download."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Series:
    label: str
    css: str  # a class name for the fill colour


def grouped_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    values: list[list[int]],
) -> str:
    """Horizontal grouped bars: one group per category, one bar per series."""
    bar_h, gap, label_w, width = 14, 10, 260, 720
    plot_w = width - label_w - 50
    biggest = max([v for row in values for v in row] + [1])
    group_h = bar_h * len(series) + gap
    height = 30 + group_h * len(categories) + 10
    parts = [
        f'<svg id="{escape(chart_id)}" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{escape(chart_id)}-t {escape(chart_id)}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-d">{escape(description)}</desc>',
    ]
    x = 10
    for s in series:  # legend, left to right; widths estimated from the label length
        parts.append(
            f'<rect x="{x}" y="4" width="12" height="12" class="{escape(s.css)}"/>'
            f'<text x="{x + 16}" y="15" font-size="12">{escape(s.label)}</text>'
        )
        x += 16 + 7 * len(s.label) + 24
    y = 30
    for c, category in enumerate(categories):
        short = category if len(category) <= 42 else category[:40] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + group_h / 2}" font-size="12" text-anchor="end">'
            f"{escape(short)}</text>"
        )
        for i, s in enumerate(series):
            value = values[c][i]
            w = round(plot_w * value / biggest, 1)
            parts.append(
                f'<rect x="{label_w}" y="{y + i * bar_h}" width="{w}" height="{bar_h - 2}" '
                f'class="{escape(s.css)}"><title>{escape(category)} — {escape(s.label)}: {value}</title></rect>'
                f'<text x="{label_w + w + 4}" y="{y + i * bar_h + bar_h - 4}" font-size="11">{value}</text>'
            )
        y += group_h
    parts.append("</svg>")
    return "".join(parts)

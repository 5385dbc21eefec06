"""The one chart renderer: bar charts drawn once as shapes, rendered as an inline SVG (web pages)
or a PNG picture (Pillow; the DOCX and PDF reports).

Every page that shows a chart also shows its figures in a table; the SVG itself is accessible on
its own: ``role="img"`` with a ``<title>`` and a ``<desc>`` that lists the figures, and a tooltip
(``<title>``) on each bar. It carries no ``style`` attribute (the Content-Security-Policy forbids
inline styles): colours are presentation attributes, overridden by a CSS class when a series has
one (``.bar-received { fill: … }``), and the site's CSS lets the picture shrink to its box.

Three layouts:

* ``horizontal_bars``: one bar per label, the label in a column on the left (figures per unit);
* ``columns``: vertical columns with the label below (the trend over periods, months);
* ``grouped_bars``: several series per category, each category's name on its own line above its
  bars (readable on a phone: the picture stays narrow; see ``GROUP_WIDTH``).

Figures are written by the caller (the Vietnamese way, suppressed small counts …): each layout
takes the values (for the lengths) and the texts (what is written).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.utils.safestring import SafeString, mark_safe

# (regular, bold) sans-serif fonts with Vietnamese; Pillow's own font as the last resort.
FONTS = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    ),
)
BAR = "#b3121b"
INK = "#1d1d1f"
GRID = "#c9c9cf"
MUTED = "#54565b"
MAX_LABEL = 34

Number = Decimal | int | float


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    css: str = ""  # a class name; the site's CSS may set the fill by it
    tip: str = ""  # a tooltip (an SVG <title>)


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"  # start | middle | end; y is the middle of the line
    bold: bool = False
    fill: str = INK
    tip: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID


Shape = Rect | Text | Line
_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def _tip(text: str) -> str:
    return f"<title>{html.escape(text)}</title>" if text else ""


@dataclass(frozen=True)
class Chart:
    title: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    description: str

    def svg(self, *, ident: str, scroll: bool = False) -> SafeString:
        """An accessible inline SVG (``role="img"``, title and description), safe to put in a
        page as is: every text in it is escaped here. ``scroll`` wraps it in a
        ``div.chart-scroll`` (a narrow screen scrolls it sideways rather than shrink it)."""
        ident = html.escape(ident)
        parts = [
            f'<svg id="{ident}" class="chart" role="img" '
            f'viewBox="0 0 {self.width:.0f} {self.height:.0f}" '
            # Its natural size; the site's CSS lets it shrink (no style attribute: the CSP).
            f'width="{self.width:.0f}" height="{self.height:.0f}" '
            f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{ident}-t">{html.escape(self.title)}</title>',
            f'<desc id="{ident}-d">{html.escape(self.description)}</desc>',
        ]
        for shape in self.shapes:
            if isinstance(shape, Rect):
                css = f' class="{html.escape(shape.css)}"' if shape.css else ""
                attrs = (
                    f'x="{shape.x:.1f}" y="{shape.y:.1f}" width="{max(shape.width, 0):.1f}" '
                    f'height="{shape.height:.1f}" fill="{html.escape(shape.fill)}"{css}'
                )
                parts.append(
                    f"<rect {attrs}>{_tip(shape.tip)}</rect>" if shape.tip else f"<rect {attrs}/>"
                )
            elif isinstance(shape, Line):
                parts.append(
                    f'<line x1="{shape.x1:.1f}" y1="{shape.y1:.1f}" x2="{shape.x2:.1f}" '
                    f'y2="{shape.y2:.1f}" stroke="{html.escape(shape.stroke)}" stroke-width="1"/>'
                )
            else:
                weight = ' font-weight="bold"' if shape.bold else ""
                parts.append(
                    f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size:.0f}" '
                    f'text-anchor="{_ANCHORS[shape.anchor]}" dominant-baseline="middle" '
                    f'fill="{html.escape(shape.fill)}"{weight} font-family="sans-serif">'
                    f"{html.escape(shape.text)}{_tip(shape.tip)}</text>"
                )
        parts.append("</svg>")
        picture = "".join(parts)
        if scroll:
            picture = f'<div class="chart-scroll">{picture}</div>'
        return mark_safe(picture)  # noqa: S308 (every text above is escaped)

    def png(self, *, scale: float = 2.0) -> bytes:
        """The chart as a PNG picture (white background)."""
        from PIL import Image, ImageDraw

        image = Image.new(
            "RGB", (round(self.width * scale), round(self.height * scale)), (255, 255, 255)
        )
        draw = ImageDraw.Draw(image)
        anchors = {"start": "lm", "middle": "mm", "end": "rm"}
        for shape in self.shapes:
            if isinstance(shape, Rect):
                if shape.width <= 0 or shape.height <= 0:
                    continue
                draw.rectangle(
                    (
                        shape.x * scale,
                        shape.y * scale,
                        (shape.x + shape.width) * scale,
                        (shape.y + shape.height) * scale,
                    ),
                    fill=shape.fill,
                )
            elif isinstance(shape, Line):
                draw.line(
                    (shape.x1 * scale, shape.y1 * scale, shape.x2 * scale, shape.y2 * scale),
                    fill=shape.stroke,
                    width=max(1, round(scale)),
                )
            else:
                draw.text(
                    (shape.x * scale, shape.y * scale),
                    shape.text,
                    fill=shape.fill,
                    font=_font(round(shape.size * scale), shape.bold),
                    anchor=anchors[shape.anchor],
                )
        buffer = BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()


@lru_cache(maxsize=16)
def _font(size: int, bold: bool):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for regular, heavy in FONTS:
        for candidate in (heavy, regular) if bold else (regular,):
            if Path(candidate).exists():
                return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size)


def _short(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fraction(value: Number | None, top: Number) -> float:
    if value is None or top <= 0:
        return 0.0
    return float(max(Decimal(str(value)), Decimal(0)) / Decimal(str(top)))


def _peak(values: Sequence[Number | None]) -> Number:
    return max([v for v in values if v is not None] or [0])


def _listed(labels: Sequence[str], texts: Sequence[str]) -> str:
    return "; ".join(f"{label}: {text}" for label, text in zip(labels, texts, strict=True))


def horizontal_bars(
    *,
    title: str,
    labels: list[str],
    values: Sequence[Number | None],
    texts: list[str],
    description: str = "",
) -> Chart:
    """One bar per label (a child unit), longest first as given, its figure written after it."""
    label_width, bar_width, value_width = 250.0, 300.0, 120.0
    row, top = 26.0, 40.0
    width = label_width + bar_width + value_width
    height = top + row * max(len(labels), 1) + 12
    peak = _peak(values)
    shapes: list[Shape] = [Text(8, 18, _short(title, 80), 14, bold=True)]
    shapes.append(Line(label_width, top - 6, label_width, height - 8))
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        y = top + index * row
        length = bar_width * _fraction(value, peak)
        shapes.append(Text(label_width - 8, y + row / 2 - 2, _short(label), 12, anchor="end"))
        shapes.append(Rect(label_width, y + 3, length, row - 10, BAR))
        shapes.append(Text(label_width + length + 6, y + row / 2 - 2, text, 12, fill=MUTED))
    if not labels:
        shapes.append(Text(label_width + 8, top + row / 2, "—", 12, fill=MUTED))
    return Chart(title, width, height, tuple(shapes), description or _listed(labels, texts))


def columns(
    *,
    title: str,
    labels: list[str],
    values: Sequence[Number | None],
    texts: list[str],
    description: str = "",
    fill: str = BAR,
    css: str = "",
) -> Chart:
    """Vertical columns (periods or months, oldest first) with the figure above each column."""
    column_width, gap, left, top, plot = 70.0, 26.0, 20.0, 48.0, 180.0
    width = max(left * 2 + len(labels) * (column_width + gap), 420.0)
    height = top + plot + 40
    peak = _peak(values)
    base = top + plot
    shapes: list[Shape] = [
        Text(8, 18, _short(title, 80), 14, bold=True),
        Line(left, base, width - left, base, INK),
    ]
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        x = left + gap / 2 + index * (column_width + gap)
        length = plot * _fraction(value, peak)
        shapes.append(Rect(x, base - length, column_width, length, fill, css, f"{label}: {text}"))
        shapes.append(Text(x + column_width / 2, base - length - 10, text, 12, anchor="middle"))
        shapes.append(Text(x + column_width / 2, base + 16, label, 12, anchor="middle", fill=MUTED))
    return Chart(title, width, height, tuple(shapes), description or _listed(labels, texts))


# The grouped layout is narrow and never drawn below ``MIN_SCALE`` of its size (the site's CSS
# gives ``.chart-scroll .chart`` a minimum width): its ``GROUP_FONT`` text is never smaller than
# ``GROUP_FONT * MIN_SCALE`` ≈ 11 px on screen.
GROUP_WIDTH = 440
GROUP_FONT = 15
MIN_SCALE = 0.75
_BAR_H, _BAR_GAP, _GROUP_GAP, _LINE_H = 16, 3, 14, 22
_CHAR_W = 8.6  # the average width of a character at GROUP_FONT, to lay out and shorten labels
_VALUE_ROOM = 48  # right of the longest bar: its figure
_BASELINE = 5  # from a line's baseline up to its middle, at GROUP_FONT


@dataclass(frozen=True)
class Series:
    """One series of a grouped chart: its name (in the legend), a CSS class and a colour (the
    PNG's, and the SVG's when no CSS sets one)."""

    label: str
    css: str = ""
    colour: str = BAR


def _shorten(text: str, room: float) -> str:
    most = max(4, int(room / _CHAR_W))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def grouped_bars(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    values: Sequence[Sequence[Number | None]],
    texts: Sequence[Sequence[str]] | None = None,
) -> Chart:
    """Horizontal grouped bars: one group per category (its name above it), one bar per series,
    the figure at the end of each bar (``texts``, else the value); the legend above, wrapped over
    as many rows as it needs."""
    shown = texts or [["—" if v is None else str(v) for v in row] for row in values]
    shapes: list[Shape] = []
    x, y = 0.0, 0.0
    for s in series:  # the legend, left to right, a new row when the next entry would not fit
        entry_w = 16 + _CHAR_W * len(s.label) + 18
        if x > 0 and x + entry_w > GROUP_WIDTH:
            x, y = 0.0, y + _LINE_H
        shapes.append(Rect(x, y + 4, 13, 13, s.colour, s.css))
        shapes.append(Text(x + 18, y + 16 - _BASELINE, s.label, GROUP_FONT))
        x += entry_w
    y += _LINE_H + 10
    biggest = max([v for row in values for v in row if v is not None] + [1])
    plot_w = GROUP_WIDTH - _VALUE_ROOM
    for c, category in enumerate(categories):
        name = _shorten(category, GROUP_WIDTH)
        shapes.append(
            Text(
                0,
                y + 15 - _BASELINE,
                name,
                GROUP_FONT,
                bold=True,
                tip=category if name != category else "",
            )
        )
        y += _LINE_H
        for i, s in enumerate(series):
            value, text = values[c][i], shown[c][i]
            w = round(plot_w * _fraction(value, biggest), 1)
            tip = f"{category} — {s.label}: {text}"
            shapes.append(Rect(0, y, w, _BAR_H, s.colour, s.css, tip))
            shapes.append(Text(w + 5, y + _BAR_H / 2, text, GROUP_FONT))
            y += _BAR_H + _BAR_GAP
        y += _GROUP_GAP
    return Chart(title, GROUP_WIDTH, round(y), tuple(shapes), description)


# The month chart of the dashboard: drawn for a phone (``MONTH_WIDTH`` wide, shown at least 330 px
# wide by ``.chart-scroll``), its text at ``MONTH_FONT`` stays above 11 px on screen.
MONTH_WIDTH = 360
MONTH_FONT = 13
_MONTH_CHAR_W = 7.4  # the average width of a character at MONTH_FONT
_MONTH_PLOT_H = 110
_MONTH_LEFT = 30  # left of the plot: the highest figure


def month_bars(
    *,
    title: str,
    description: str,
    labels: list[str],
    full_labels: list[str],
    series: list[Series],
    values: Sequence[Sequence[Number]],
) -> Chart:
    """A small chart of several series per month (oldest first): thin bars side by side for each
    month, its short name below (``labels``), the legend above, the highest figure on the axis;
    each bar's tooltip names the month in full (``full_labels``) and its figure. Meant to sit
    beside a table of the same figures."""
    shapes: list[Shape] = []
    x, y = 0.0, 0.0
    for s in series:  # the legend, wrapped over as many rows as it needs
        entry_w = 16 + _MONTH_CHAR_W * len(s.label) + 14
        if x > 0 and x + entry_w > MONTH_WIDTH:
            x, y = 0.0, y + 20
        shapes.append(Rect(x, y + 4, 12, 12, s.colour, s.css))
        shapes.append(Text(x + 16, y + 10, s.label, MONTH_FONT))
        x += entry_w
    top = y + 34
    base = top + _MONTH_PLOT_H
    peak = _peak([v for row in values for v in row])
    shapes.append(Text(_MONTH_LEFT - 4, top, str(peak), MONTH_FONT, anchor="end", fill=MUTED))
    shapes.append(Line(_MONTH_LEFT, top, MONTH_WIDTH, top))
    shapes.append(Line(_MONTH_LEFT, base, MONTH_WIDTH, base, INK))
    slot = (MONTH_WIDTH - _MONTH_LEFT) / max(len(labels), 1)
    bar = (slot - 4) / max(len(series), 1)
    for index, (label, full, row) in enumerate(zip(labels, full_labels, values, strict=True)):
        left = _MONTH_LEFT + index * slot + 2
        for i, s in enumerate(series):
            length = _MONTH_PLOT_H * _fraction(row[i], peak)
            tip = f"{full} — {s.label}: {row[i]}"
            shapes.append(Rect(left + i * bar, base - length, bar, length, s.colour, s.css, tip))
        shapes.append(
            Text(left + (slot - 4) / 2, base + 14, label, MONTH_FONT, anchor="middle", fill=MUTED)
        )
    return Chart(title, MONTH_WIDTH, round(base + 26), tuple(shapes), description)

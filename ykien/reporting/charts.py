"""Bar charts of the briefing, drawn once as shapes and rendered as SVG (the dashboard, inline,
with a data table beside it) or PNG (Pillow; the DOCX and PDF reports).

Two layouts: horizontal bars with a label per bar (figures per child unit), and vertical columns
(the trend over periods). Values are written the Vietnamese way by the caller.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path

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


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"  # start | middle | end; y is the middle of the line
    bold: bool = False
    fill: str = INK


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID


Shape = Rect | Text | Line


@dataclass(frozen=True)
class Chart:
    title: str
    width: float
    height: float
    shapes: tuple[Shape, ...]
    description: str

    def svg(self, *, ident: str) -> str:
        """An accessible inline SVG (``role="img"``, title and description)."""
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width:.0f} {self.height:.0f}" '
            f'role="img" aria-labelledby="{ident}-t {ident}-d" class="chart" '
            # Its natural size; reporting.css lets it shrink (no style attribute: the CSP).
            f'width="{self.width:.0f}" height="{self.height:.0f}">',
            f'<title id="{ident}-t">{html.escape(self.title)}</title>',
            f'<desc id="{ident}-d">{html.escape(self.description)}</desc>',
        ]
        anchors = {"start": "start", "middle": "middle", "end": "end"}
        for shape in self.shapes:
            if isinstance(shape, Rect):
                parts.append(
                    f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.width:.1f}" '
                    f'height="{shape.height:.1f}" fill="{shape.fill}"/>'
                )
            elif isinstance(shape, Line):
                parts.append(
                    f'<line x1="{shape.x1:.1f}" y1="{shape.y1:.1f}" x2="{shape.x2:.1f}" '
                    f'y2="{shape.y2:.1f}" stroke="{shape.stroke}" stroke-width="1"/>'
                )
            else:
                weight = ' font-weight="bold"' if shape.bold else ""
                parts.append(
                    f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size:.0f}" '
                    f'text-anchor="{anchors[shape.anchor]}" dominant-baseline="middle" '
                    f'fill="{shape.fill}"{weight} font-family="sans-serif">'
                    f"{html.escape(shape.text)}</text>"
                )
        parts.append("</svg>")
        return "".join(parts)

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


def _fraction(value: Decimal | None, top: Decimal) -> float:
    if value is None or top <= 0:
        return 0.0
    return float(max(value, Decimal(0)) / top)


def horizontal_bars(
    *, title: str, labels: list[str], values: list[Decimal | None], texts: list[str]
) -> Chart:
    """One bar per label (a child unit), longest first as given, its figure written after it."""
    label_width, bar_width, value_width = 250.0, 300.0, 120.0
    row, top = 26.0, 40.0
    width = label_width + bar_width + value_width
    height = top + row * max(len(labels), 1) + 12
    peak = max([v for v in values if v is not None] or [Decimal(0)])
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
    description = "; ".join(f"{label}: {text}" for label, text in zip(labels, texts, strict=True))
    return Chart(title, width, height, tuple(shapes), description)


def columns(
    *, title: str, labels: list[str], values: list[Decimal | None], texts: list[str]
) -> Chart:
    """Vertical columns (periods, oldest first) with the figure above each column."""
    column_width, gap, left, top, plot = 70.0, 26.0, 20.0, 48.0, 180.0
    width = max(left * 2 + len(labels) * (column_width + gap), 420.0)
    height = top + plot + 40
    peak = max([v for v in values if v is not None] or [Decimal(0)])
    base = top + plot
    shapes: list[Shape] = [
        Text(8, 18, _short(title, 80), 14, bold=True),
        Line(left, base, width - left, base, INK),
    ]
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        x = left + gap / 2 + index * (column_width + gap)
        length = plot * _fraction(value, peak)
        shapes.append(Rect(x, base - length, column_width, length, BAR))
        shapes.append(Text(x + column_width / 2, base - length - 10, text, 12, anchor="middle"))
        shapes.append(Text(x + column_width / 2, base + 16, label, 12, anchor="middle", fill=MUTED))
    description = "; ".join(f"{label}: {text}" for label, text in zip(labels, texts, strict=True))
    return Chart(title, width, height, tuple(shapes), description)

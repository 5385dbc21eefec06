"""Photos for the demo, drawn with Pillow (scenes and graphics; nothing downloaded)."""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

W, H = 1200, 800
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation2"),
]


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = (
        ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"]
        if bold
        else [
            "DejaVuSans.ttf",
            "LiberationSans-Regular.ttf",
        ]
    )
    for folder in FONT_DIRS:
        for name in names:
            path = folder / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _sky(
    draw: ImageDraw.ImageDraw, top: tuple[int, int, int], bottom: tuple[int, int, int], height: int
) -> None:
    for y in range(height):
        t = y / max(height - 1, 1)
        color = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (W, y)], fill=color)


def _person(
    draw: ImageDraw.ImageDraw,
    x: int,
    y: int,
    scale: float,
    shirt: tuple[int, int, int],
    rng: random.Random,
    hat: bool = False,
) -> None:
    head = int(18 * scale)
    body_w, body_h = int(40 * scale), int(60 * scale)
    skin = rng.choice([(224, 172, 105), (198, 134, 66), (241, 194, 125), (141, 85, 36)])
    draw.rounded_rectangle(
        [x - body_w // 2, y, x + body_w // 2, y + body_h], radius=int(12 * scale), fill=shirt
    )
    draw.ellipse([x - head, y - 2 * head, x + head, y], fill=skin)
    if hat:  # nón lá
        draw.polygon(
            [
                (x - 2 * head, y - int(1.4 * head)),
                (x + 2 * head, y - int(1.4 * head)),
                (x, y - int(3.2 * head)),
            ],
            fill=(236, 214, 150),
            outline=(180, 150, 90),
        )
    else:
        draw.chord([x - head, y - 2 * head, x + head, y - head // 2], 180, 360, fill=(30, 25, 20))


def _banner(draw: ImageDraw.ImageDraw, text: str, y: int = 60) -> None:
    draw.rectangle([80, y, W - 80, y + 110], fill=(179, 18, 27))
    draw.rectangle([80, y + 100, W - 80, y + 110], fill=(244, 196, 48))
    size = 40
    font = _font(size, bold=True)
    box = draw.textbbox((0, 0), text, font=font)
    while box[2] - box[0] > W - 220 and size > 18:
        size -= 2
        font = _font(size, bold=True)
        box = draw.textbbox((0, 0), text, font=font)
    draw.text(((W - (box[2] - box[0])) // 2, y + 28), text, font=font, fill=(255, 236, 160))


def meeting(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    draw.rectangle([0, 0, W, H], fill=(236, 226, 208))
    draw.rectangle([0, 520, W, H], fill=(150, 95, 60))
    _banner(draw, label)
    # the presidium's table
    draw.rectangle([200, 300, 1000, 360], fill=(40, 110, 60))
    draw.rectangle([200, 360, 1000, 380], fill=(25, 80, 40))
    for i in range(6):
        _person(
            draw,
            270 + i * 130,
            235,
            1.1,
            rng.choice([(250, 250, 250), (60, 80, 140), (220, 220, 230)]),
            rng,
        )
    for i in range(6):
        draw.rectangle(
            [255 + i * 130, 285, 285 + i * 130, 300], fill=(250, 240, 200)
        )  # name plates
    # the hall, seen from behind
    for row in range(3):
        for col in range(9):
            x = 90 + col * 128 + (row % 2) * 40
            y = 560 + row * 80
            head = 26
            draw.ellipse([x - head, y - head, x + head, y + head], fill=(35, 30, 25))
            draw.rounded_rectangle(
                [x - 46, y + 20, x + 46, y + 90],
                radius=18,
                fill=rng.choice([(245, 245, 245), (70, 90, 150), (200, 60, 60), (90, 140, 90)]),
            )


def field(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    _sky(draw, (120, 180, 235), (220, 238, 250), 330)
    draw.ellipse([950, 60, 1050, 160], fill=(255, 223, 110))
    for i in range(10):  # coconut palms on the horizon
        x = 40 + i * 125 + rng.randint(-20, 20)
        draw.line([(x, 330), (x + 10, 200)], fill=(110, 80, 50), width=8)
        for dx, dy in [(-60, 20), (60, 20), (-40, -20), (40, -20), (0, -35)]:
            draw.line([(x + 10, 200), (x + 10 + dx, 200 + dy)], fill=(40, 120, 50), width=10)
    for band in range(8):
        y0 = 330 + band * 60
        green = (90 + band * 12, 170 + band * 6, 60)
        draw.polygon([(0, y0), (W, y0 - 20), (W, y0 + 60), (0, y0 + 80)], fill=green)
        draw.line([(0, y0), (W, y0 - 20)], fill=(120, 150, 70), width=3)
    for i in range(4):
        _person(
            draw,
            250 + i * 220 + rng.randint(-30, 30),
            520 + rng.randint(-40, 40),
            1.6,
            rng.choice([(60, 90, 150), (200, 60, 60), (240, 240, 240)]),
            rng,
            hat=True,
        )
    draw.text((40, 30), label, font=_font(34, bold=True), fill=(20, 40, 70))


def road(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    _sky(draw, (140, 190, 240), (230, 240, 250), 360)
    draw.rectangle([0, 360, W, H], fill=(100, 160, 70))
    draw.polygon([(520, 360), (680, 360), (1100, H), (100, H)], fill=(185, 185, 180))
    draw.line([(600, 360), (600, H)], fill=(240, 240, 240), width=6)
    for i in range(7):
        for side in (-1, 1):
            x = 600 + side * (150 + i * 90)
            y = 360 + i * 55
            draw.rectangle([x - 6, y - 120 - i * 10, x + 6, y], fill=(100, 70, 40))
            draw.ellipse(
                [x - 50 - i * 6, y - 190 - i * 14, x + 50 + i * 6, y - 90 - i * 8],
                fill=(40, 130, 60),
            )
    # a survey team with a measuring tape
    for i in range(3):
        _person(
            draw, 330 + i * 120, 560, 1.5, [(20, 90, 160), (250, 250, 250), (220, 120, 30)][i], rng
        )
    draw.line([(330, 650), (900, 690)], fill=(250, 210, 40), width=5)
    draw.rectangle([880, 600, 1040, 700], fill=(250, 250, 240), outline=(60, 60, 60), width=3)
    draw.text((892, 620), label[:18], font=_font(20, bold=True), fill=(179, 18, 27))


def house(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    _sky(draw, (130, 185, 240), (225, 240, 250), 420)
    draw.rectangle([0, 420, W, H], fill=(110, 170, 80))
    draw.rectangle([330, 300, 870, 560], fill=(250, 236, 200), outline=(160, 120, 80), width=4)
    draw.polygon([(300, 310), (600, 150), (900, 310)], fill=(190, 60, 40))
    draw.rectangle([560, 420, 650, 560], fill=(120, 70, 40))
    for x in (390, 730):
        draw.rectangle([x, 360, x + 80, 440], fill=(120, 180, 220), outline=(90, 60, 30), width=4)
    draw.rectangle([470, 250, 730, 300], fill=(179, 18, 27))
    draw.text((488, 258), "NHÀ ĐẠI ĐOÀN KẾT", font=_font(24, bold=True), fill=(255, 236, 160))
    for i in range(5):
        _person(
            draw,
            250 + i * 175,
            600,
            1.5,
            rng.choice([(250, 250, 250), (60, 80, 140), (200, 60, 60), (240, 200, 60)]),
            rng,
        )
    draw.text((40, 30), label, font=_font(32, bold=True), fill=(20, 40, 70))


def river(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    _sky(draw, (150, 200, 245), (235, 245, 252), 300)
    draw.rectangle([0, 300, W, 380], fill=(90, 150, 70))
    for y in range(380, H):
        t = (y - 380) / (H - 380)
        draw.line([(0, y), (W, y)], fill=(int(90 + 40 * t), int(130 + 30 * t), int(150 + 20 * t)))
    for _wave in range(12):
        x = rng.randint(0, W)
        y = rng.randint(420, H - 20)
        draw.line([(x, y), (x + 60, y)], fill=(200, 225, 235), width=3)
    for i in range(3):  # boats collecting rubbish
        x = 200 + i * 320
        y = 520 + i * 60
        draw.polygon(
            [(x, y), (x + 200, y), (x + 170, y + 40), (x + 30, y + 40)], fill=(120, 70, 40)
        )
        _person(draw, x + 70, y - 60, 1.0, (30, 100, 200), rng)
        _person(draw, x + 130, y - 60, 1.0, (30, 100, 200), rng)
    draw.text((40, 30), label, font=_font(32, bold=True), fill=(20, 40, 70))


def reception(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    draw.rectangle([0, 0, W, H], fill=(232, 236, 242))
    draw.rectangle([0, 560, W, H], fill=(180, 150, 120))
    _banner(draw, label, y=40)
    draw.rectangle([150, 420, 1050, 500], fill=(60, 100, 160))
    for i in range(3):
        _person(draw, 300 + i * 300, 330, 1.4, (250, 250, 250), rng)
        draw.rectangle([250 + i * 300, 390, 350 + i * 300, 420], fill=(30, 30, 35))  # laptops
    for i in range(4):
        _person(
            draw,
            220 + i * 250,
            600,
            1.6,
            rng.choice([(200, 60, 60), (60, 140, 90), (240, 200, 60)]),
            rng,
            hat=i % 2 == 0,
        )
    # a phone with the Ý Kiến form
    draw.rounded_rectangle([980, 180, 1120, 400], radius=16, fill=(30, 30, 35))
    draw.rectangle([992, 200, 1108, 380], fill=(255, 255, 255))
    draw.rectangle([992, 200, 1108, 230], fill=(179, 18, 27))
    for j in range(5):
        draw.rectangle([1000, 245 + j * 25, 1100, 260 + j * 25], fill=(215, 215, 220))


def market(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    draw.rectangle([0, 0, W, H], fill=(250, 244, 230))
    draw.rectangle([0, 520, W, H], fill=(200, 180, 150))
    for i in range(4):  # stalls
        x = 40 + i * 290
        draw.polygon(
            [(x, 200), (x + 260, 200), (x + 240, 130), (x + 20, 130)],
            fill=[(200, 60, 60), (40, 120, 180), (240, 180, 40), (60, 150, 90)][i],
        )
        draw.rectangle(
            [x + 10, 200, x + 250, 420], fill=(245, 235, 215), outline=(150, 120, 90), width=3
        )
        for j in range(6):
            cx = x + 40 + j * 36
            draw.ellipse(
                [cx - 16, 380, cx + 16, 412],
                fill=rng.choice([(230, 120, 40), (120, 170, 60), (200, 40, 60), (250, 210, 60)]),
            )
    for i in range(5):
        _person(
            draw,
            140 + i * 230 + rng.randint(-20, 20),
            560,
            1.6,
            rng.choice([(250, 250, 250), (200, 60, 60), (60, 80, 140), (240, 200, 60)]),
            rng,
            hat=i % 2 == 1,
        )
    draw.rounded_rectangle(
        [40, 30, 40 + min(W - 80, 22 * len(label)), 90],
        radius=10,
        fill=(255, 255, 255),
        outline=(179, 18, 27),
        width=3,
    )
    draw.text((60, 42), label, font=_font(30, bold=True), fill=(179, 18, 27))


def chart(draw: ImageDraw.ImageDraw, rng: random.Random, label: str) -> None:
    draw.rectangle([0, 0, W, H], fill=(255, 255, 255))
    draw.text((60, 40), label, font=_font(36, bold=True), fill=(29, 29, 31))
    draw.line([(100, 700), (1120, 700)], fill=(60, 60, 60), width=3)
    draw.line([(100, 700), (100, 140)], fill=(60, 60, 60), width=3)
    values = [rng.randint(30, 100) for _ in range(6)]
    for i, v in enumerate(values):
        x = 160 + i * 160
        top = 700 - int(v * 5)
        draw.rectangle(
            [x, top, x + 100, 700], fill=(179, 18, 27) if i == len(values) - 1 else (230, 150, 150)
        )
        draw.text((x + 20, top - 40), str(v), font=_font(26, bold=True), fill=(29, 29, 31))


SCENES: dict[str, Callable[[ImageDraw.ImageDraw, random.Random, str], None]] = {
    "meeting": meeting,
    "field": field,
    "road": road,
    "house": house,
    "river": river,
    "reception": reception,
    "market": market,
    "chart": chart,
}


def draw_photo(scene: str, label: str, seed: int) -> bytes:
    """A JPEG of ``scene`` with ``label`` written in it (a banner, a sign, a title)."""
    image = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(image)
    SCENES[scene](draw, random.Random(seed), label)  # noqa: S311 (drawing, not security)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)
    return out.getvalue()

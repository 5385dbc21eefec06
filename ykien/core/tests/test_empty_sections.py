"""An empty section says so in a sentence, never as a numbered list of one ("1. Chưa có."): no
template fills an ordered list from a loop's ``{% empty %}``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ykien

ROOT = Path(ykien.__file__).parent
ORDERED = re.compile(r"<ol\b[^>]*>(.*?)</ol>", re.S)


def _templates() -> list[Path]:
    return sorted(p for p in ROOT.rglob("templates/**/*.html") if ".venv" not in p.parts)


def test_there_are_templates_to_check() -> None:
    assert len(_templates()) > 100


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_ordered_list_numbers_its_empty_message(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for match in ORDERED.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        assert "{% empty %}" not in match.group(1), f"{path.name}:{line}"

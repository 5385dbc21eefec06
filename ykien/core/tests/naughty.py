"""The big list of naughty strings (``../shared/data/security/blns.json``, beside the project),
for the tests of what every form and API does with what people type."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

from ykien.core.text import FORBIDDEN_RE

BLNS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "security" / "blns.json"

# The data sits beside the project in CI; there a missing copy is an error, not a skip.
needs_blns = pytest.mark.skipif(
    not BLNS.is_file() and os.environ.get("CI") != "true",
    reason=f"reference data not found at {BLNS}",
)


@cache
def naughty_strings() -> tuple[str, ...]:
    return tuple(json.loads(BLNS.read_text("utf-8"))) if BLNS.is_file() else ()


def forbidden_naughty_strings() -> list[str]:
    """Those that hold a character ``core.text`` refuses (controls, ANSI escapes, U+FFFE)."""
    return [s for s in naughty_strings() if FORBIDDEN_RE.search(s)]

"""``assert_accessible(page)``: axe-core (the npm package in node_modules, installed by
`make install`) run on the page as it is, failing on any serious or critical violation.

The page keeps its Content-Security-Policy: axe's source is handed to ``page.evaluate`` as an
expression, which Playwright runs through the DevTools protocol (as the console does), outside
the page's policy; a ``<script>`` tag added to the page would be refused as inline script."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("serious", "critical")


@cache
def _source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `make install` (npm ci)")
    return AXE.read_text(encoding="utf-8")


def violations(page: Any, *, impacts: tuple[str, ...] = IMPACTS) -> list[str]:
    """axe's violations of ``impacts`` on the page, one line each (rule, impact, help, targets)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    results = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in impacts
    ]


def assert_accessible(page: Any) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    found = violations(page)
    assert found == [], f"{page.url}: {found}"

"""No code a newcomer would trip on: every selector is read somewhere, every background task is
queued by something, every link of the menus and the workspace leads to a page."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

import ykien
from ykien.core import navigation

ROOT = Path(ykien.__file__).parent


def _sources(*, tests: bool = False) -> dict[Path, str]:
    found = {}
    for path in sorted([*ROOT.rglob("*.py"), *ROOT.rglob("*.html")]):
        if "migrations" in path.parts or (not tests and "tests" in path.parts):
            continue
        try:
            found[path] = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
    return found


def _functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    ]


def _selector_modules() -> list[Path]:
    return sorted(
        [
            *ROOT.glob("*/selectors.py"),
            *ROOT.glob("*/selectors_*.py"),
            *ROOT.glob("*/selectors/*.py"),
        ]
    )


def test_every_selector_is_read_outside_the_tests():
    sources = _sources()
    unused = []
    for module in _selector_modules():
        for name in _functions(module):
            word = re.compile(rf"\b{name}\b")
            uses = sum(
                len(word.findall(text)) - (1 if path == module else 0)
                for path, text in sources.items()
            )
            if uses == 0:
                unused.append(f"{module.relative_to(ROOT)}: {name}")
    assert unused == []


def test_every_background_task_is_queued_by_something():
    sources = _sources()
    idle = []
    for module in sorted(ROOT.glob("*/tasks.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and any(
                "task" in ast.unparse(d) for d in node.decorator_list
            ):
                queued = re.compile(rf"\b{node.name}\b[\s\S]{{0,120}}?\.enqueue\(")
                if not any(queued.search(text) for text in sources.values()):
                    idle.append(f"{module.relative_to(ROOT)}: {node.name}")
    assert idle == []


@pytest.mark.django_db
def test_every_menu_and_workspace_link_leads_to_a_page():
    links = [(item.label, item.url_name) for item in navigation._ITEMS]
    links += [(link.label, link.url_name) for link in navigation._WORKSPACE_LINKS]
    assert navigation._WORKSPACE_LINKS  # registered by the apps (the Regulation 124 inbox)
    for label, url_name in links:
        assert reverse(url_name).startswith("/"), label

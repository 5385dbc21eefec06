"""Reading the apps' source for the tests that check how the code is written (not a test module)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import ykien

ROOT = Path(ykien.__file__).parent
#: The domain errors (``core.errors`` and the modules' own) a service raises with a ``code``.
ERRORS = frozenset(
    {
        "DomainError",
        "ValidationFailed",
        "PermissionDenied",
        "NotFound",
        "InvalidTransition",
        "UnknownRule",
        "ArchiveRefused",
        "BackupError",
    }
)


def modules(app: str) -> Iterator[tuple[str, ast.Module]]:
    """``(path under ykien/, parsed module)`` of every module of ``app``, tests and migrations
    aside."""
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield str(path.relative_to(ROOT)), ast.parse(path.read_text(encoding="utf-8"))


def error_calls(app: str) -> list[tuple[str, ast.Call]]:
    """``("<path>:<line>", call)`` of every domain error raised (built) in ``app``."""
    return [
        (f"{where}:{node.lineno}", node)
        for where, tree in modules(app)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and ast.unparse(node.func).rsplit(".", 1)[-1] in ERRORS
    ]


def code_of(call: ast.Call) -> ast.expr | None:
    """The ``code=`` given to an error (``None``: the error's own)."""
    return next((k.value for k in call.keywords if k.arg == "code"), None)

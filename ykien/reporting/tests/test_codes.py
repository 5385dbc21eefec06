"""The briefing's error codes are listed once (``codes.ErrorCode``), each with a label, and the
app raises no other: a code written as a bare string would escape the list."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

from ykien.reporting.codes import ErrorCode

APP = Path(__file__).resolve().parents[1]


ERRORS = {"DomainError", "ValidationFailed", "PermissionDenied", "InvalidTransition", "NotFound"}


def _string_codes() -> list[str]:
    """``code="…"`` given as a bare string to a domain error, in the app's modules."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func) in ERRORS):
                continue
            for keyword in node.keywords:
                if keyword.arg == "code" and not isinstance(keyword.value, ast.Attribute):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(keyword.value)}")
    return found


def test_every_error_code_has_a_label():
    with translation.override("vi"):
        for code in ErrorCode:
            assert str(code.label).strip(), code
            assert str(code.label) != code.value, code
            assert "_" not in str(code.label), code


def test_services_raise_only_listed_codes():
    assert _string_codes() == []

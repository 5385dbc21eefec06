"""The petitions app raises its errors with the codes of ``codes.ErrorCode`` (each labelled,
checked for every app by ``core/tests/test_codes_labels.py``), never with a literal."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

from ykien.core.codes import ErrorCode as CoreErrorCode
from ykien.petitions.codes import ErrorCode

ROOT = Path(__file__).resolve().parents[1]
ERRORS = {"DomainError", "ValidationFailed", "PermissionDenied", "NotFound", "InvalidTransition"}


def _error_calls() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).rsplit(".", 1)[-1] in ERRORS:
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def test_every_error_is_raised_with_a_code_of_the_enum():
    calls = _error_calls()
    assert len(calls) > 30
    wrong = []
    for where, call in calls:
        code = next((k.value for k in call.keywords if k.arg == "code"), None)
        text = ast.unparse(code) if code is not None else ""
        if not (text.startswith("ErrorCode.") or text == "exc.code"):
            wrong.append(f"{where}: {text or 'no code'}")
    assert wrong == []


def test_codes_named_in_the_enum_are_petition_codes_or_shared_core_codes():
    with translation.override("vi"):
        assert ErrorCode.DIFFERENT_SENDER.label == "Hai đơn không cùng người gửi"
    # Shared codes keep core's meaning (the same value, listed in both).
    shared = set(ErrorCode.values) & set(CoreErrorCode.values)
    assert shared <= {"required", "too_long", "bad_email", "duplicate", "not_found"}

"""The supervision app's codes are listed once, in ``codes.py``, each with a translated label: the
error codes its services raise and the audit actions (every edge of every lifecycle among them)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

from ykien.oversight import lifecycle
from ykien.oversight.codes import AuditAction, ErrorCode

APP = Path(__file__).resolve().parents[1]
# Codes of ``core`` the app may raise as they are (the engine's and the permission policy's).
CORE_CODES = {"forbidden", "invalid_transition"}
ERRORS = {"DomainError", "ValidationFailed", "InvalidTransition", "PermissionDenied", "NotFound"}


def _raised_codes() -> list[tuple[str, str]]:
    """(where, code expression) of every ``code=`` passed in the app's code, tests aside."""
    found = []
    for path in sorted(APP.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] in ERRORS:
                for keyword in node.keywords:
                    if keyword.arg == "code":
                        where = f"{path.relative_to(APP)}:{node.lineno}"
                        found.append((where, ast.unparse(keyword.value)))
    return found


def test_every_error_code_has_a_vietnamese_label():
    with translation.override("vi"):
        for code in ErrorCode:
            label = str(code.label)
            assert label, code
            assert label != code.value, code
            assert "_" not in label, code


def test_services_raise_listed_codes_only():
    raised = _raised_codes()
    assert len(raised) > 40  # the scan found the services' errors
    loose = [
        (where, code)
        for where, code in raised
        if not code.startswith("ErrorCode.")
        and code.strip("'\"") not in CORE_CODES
        and code not in ("self.code", "exc.code")  # a subclass's own code, a re-raised one
    ]
    assert not loose, f"raise with a code of codes.ErrorCode: {loose}"
    members = set(ErrorCode.__members__)
    unknown = [c for _w, c in raised if c.startswith("ErrorCode.") and c[10:] not in members]
    assert not unknown


def test_every_lifecycle_action_is_an_audit_action_with_a_label():
    with translation.override("vi"):
        for cycle in lifecycle.LIFECYCLES:
            for edge in cycle.edges:
                action = AuditAction(cycle.event_name(edge.action))
                assert str(action.label), action
                assert "." not in str(action.label), action

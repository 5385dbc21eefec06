"""One tracking-code generator (``core.tracking``) for petitions and Regulation 124 feedback."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import ykien
from ykien.core import tracking


def test_codes_are_drawn_from_one_unambiguous_alphabet():
    assert not set("01OIL") & set(tracking.ALPHABET)
    assert len(tracking.ALPHABET) == 31
    code = tracking.new_code()
    assert len(code) == 9
    assert set(code) <= set(tracking.ALPHABET)
    feedback = tracking.new_code(prefix="PA124-", length=8)
    assert re.fullmatch(r"PA124-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}", feedback)


def test_a_taken_code_is_drawn_again(monkeypatch):
    drawn = iter(["first", "second"])
    monkeypatch.setattr(tracking, "new_code", lambda **_kw: next(drawn))
    assert tracking.unique_code({"first"}.__contains__) == "second"


def test_codes_read_back_as_typed():
    assert tracking.normalise(" k7m 4qx-9tr ") == "K7M4QX9TR"
    assert tracking.grouped("K7M4QX9TR") == "K7M-4QX-9TR"


def test_no_app_draws_codes_of_its_own():
    root = Path(ykien.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "tracking.py":
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "secrets.choice":
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert found == []

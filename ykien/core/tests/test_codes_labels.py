"""Every app lists its codes once, in ``<app>/codes.py``, as enums whose members each carry a
translated label: the error codes its services raise, its audit actions, its steps. This test
reads every app's ``codes`` module (through the app manifest)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

import ykien
from ykien.core import apps_manifest
from ykien.core.errors import (
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    UnknownRule,
    ValidationFailed,
)

VIETNAMESE = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE
)


def _enums() -> list[tuple[str, type[models.Choices]]]:
    found = []
    for label, module in apps_manifest.modules("codes"):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, models.Choices)
                and value.__module__ == module.__name__
            ):
                found.append((f"{label}.{value.__name__}", value))
    return found


ENUMS = _enums()


def test_every_app_has_a_codes_module_with_enums():
    assert [label for label, _m in apps_manifest.modules("codes")] == [
        e.label for e in apps_manifest.manifest() if e.label != "api"
    ]
    assert "core.ErrorCode" in dict(ENUMS)
    assert len(ENUMS) >= 9


@pytest.mark.parametrize(("name", "enum"), ENUMS, ids=[name for name, _e in ENUMS])
def test_each_code_has_a_vietnamese_label_marked_for_translation(name, enum):
    for member in enum:
        label = member.label
        # A lazy gettext proxy reaches the catalogue and follows the reader's language; a
        # member declared without a label gets Django's "Name Title" made from its name.
        assert isinstance(label, Promise), (name, member.value, label)
        with translation.override("vi"):
            text = str(label)
        assert text.strip(), (name, member.value)
        assert text != str(member.value), (name, member.value)
        assert VIETNAMESE.search(text), (name, member.value, text)


@pytest.mark.parametrize(("name", "enum"), ENUMS, ids=[name for name, _e in ENUMS])
def test_each_code_label_is_translated_into_english(name, enum):
    with translation.override("en"):
        untranslated = [
            (member.value, str(member.label))
            for member in enum
            if VIETNAMESE.search(str(member.label))
        ]
    assert untranslated == [], name


def test_core_error_codes_cover_the_codes_core_raises():
    from ykien.core.codes import ErrorCode

    for error in (
        DomainError,
        ValidationFailed,
        PermissionDenied,
        NotFound,
        InvalidTransition,
        UnknownRule,
    ):
        assert error.code in ErrorCode.values, error
    with translation.override("vi"):
        assert ErrorCode("forbidden").label == "Không có quyền thực hiện thao tác"


def test_core_raises_its_errors_with_its_codes_enum_not_literals():
    """``code="…"`` written out in core is a code without a label: use ``ErrorCode``."""
    root = Path(ykien.__file__).parent / "core"
    literals = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if (
                    keyword.arg == "code"
                    and isinstance(keyword.value, ast.Constant | ast.JoinedStr)
                    and _raises_error(node)
                ):
                    literals.append(f"{path.relative_to(root)}:{node.lineno}")
    assert literals == []


ERRORS = {"DomainError", "ValidationFailed", "PermissionDenied", "NotFound", "InvalidTransition"}
ERRORS |= {"UnknownRule", "ArchiveRefused", "BackupError"}


def _raises_error(call: ast.Call) -> bool:
    return ast.unparse(call.func).rsplit(".", 1)[-1] in ERRORS

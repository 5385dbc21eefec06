"""Every app lists its codes once, in ``<app>/codes.py``, as enums whose members each carry a
translated label: the error codes its services raise, its audit actions, its steps. This test
reads every app's ``codes`` module (through the app manifest)."""

from __future__ import annotations

import ast
import re

import pytest
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from ykien.core import apps_manifest
from ykien.core.errors import (
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    UnknownRule,
    ValidationFailed,
)
from ykien.core.tests import source_scan

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


APPS = [label for label, _m in apps_manifest.modules("codes")]


@pytest.mark.parametrize("app", APPS)
def test_each_app_raises_its_errors_with_a_listed_code_never_a_literal(app):
    """``code="…"`` written out is a code without a label: an error names a member of the app's
    ``ErrorCode`` or of core's (or passes on the code of the error it caught)."""
    from ykien.core.codes import ErrorCode as CoreErrorCode

    listed = set(CoreErrorCode.__members__)
    own = getattr(apps_manifest.app(app).module("codes"), "ErrorCode", None)
    listed |= set(own.__members__) if own is not None else set()
    wrong = []
    for where, call in source_scan.error_calls(app):
        code = source_scan.code_of(call)
        if code is None or ast.unparse(code) == "exc.code":
            continue
        if isinstance(code, ast.Constant | ast.JoinedStr) or (
            isinstance(code, ast.Attribute)
            and ast.unparse(code.value).endswith("ErrorCode")
            and code.attr not in listed
        ):
            wrong.append(f"{where}: {ast.unparse(code)}")
    assert wrong == []

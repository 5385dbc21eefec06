"""The petitions app raises every error with a code of ``codes.ErrorCode`` (each labelled, and no
literal: checked for every app by ``core/tests/test_codes_labels.py``), never with the error's
default."""

from __future__ import annotations

import ast

from django.utils import translation

from ykien.core.codes import ErrorCode as CoreErrorCode
from ykien.core.tests import source_scan
from ykien.petitions.codes import ErrorCode


def test_every_error_is_raised_with_a_code_of_the_enum():
    calls = source_scan.error_calls("petitions")
    assert len(calls) > 30
    wrong = []
    for where, call in calls:
        code = source_scan.code_of(call)
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

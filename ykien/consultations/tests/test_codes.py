"""The error codes of the consultations services are listed once (``codes.ErrorCode``), each
with a label, and the services raise with them rather than with string literals."""

from __future__ import annotations

import ast
from pathlib import Path

from django.utils import translation

from ykien.consultations import services
from ykien.consultations.codes import TREE_ERROR_CODES, ErrorCode

SERVICES = Path(services.__file__).parent


def test_every_error_code_has_a_label_that_is_not_its_code():
    with translation.override("vi"):
        for code in ErrorCode:
            label = str(code.label)
            assert label, code
            assert label != code.value, code
            assert "_" not in label, code


def test_services_raise_with_the_listed_codes_not_literals():
    literals = []
    for path in sorted(SERVICES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    value = keyword.value
                    if (
                        keyword.arg == "code"
                        and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)
                    ):
                        literals.append(f"{path.name}:{node.lineno}: {value.value}")
    assert literals == []


def test_the_message_of_a_refused_correction_is_its_codes_label():
    assert set(services.TREE_ERRORS) == {str(code) for code in TREE_ERROR_CODES}
    with translation.override("vi"):
        assert str(services.TREE_ERRORS["bad_path"]) == "Không tìm thấy phần văn bản được chọn."

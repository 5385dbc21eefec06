"""The error codes of the consultations services are listed once (``codes.ErrorCode``; every
app's are checked by ``core/tests/test_codes_labels.py``): the corrections of the split show the
label of their code as the message."""

from __future__ import annotations

from django.utils import translation

from ykien.consultations import services
from ykien.consultations.codes import TREE_ERROR_CODES


def test_the_message_of_a_refused_correction_is_its_codes_label():
    assert set(services.TREE_ERRORS) == {str(code) for code in TREE_ERROR_CODES}
    with translation.override("vi"):
        assert str(services.TREE_ERRORS["bad_path"]) == "Không tìm thấy phần văn bản được chọn."

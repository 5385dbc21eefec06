"""The public deadline calculator names rules and their cases by label, never by code."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_rule_table_and_form_show_labels_not_codes(client):
    page = client.get("/thoi-han/").content.decode()
    assert ">Khiếu nại: giải quyết lần đầu</option>" in page
    assert "Vụ việc phức tạp: 45" in page
    assert '<option value="complex">Vụ việc phức tạp</option>' in page
    for code in (">complaint.accept", "<code>", "complex:", "remote:", "ví dụ: complex"):
        assert code not in page, code


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "vi",
            "Quy tắc “Tiếp công dân: trả lời công dân” không có trường hợp “Vụ việc phức tạp”.",
        ),
        (
            "en",
            "The rule “Citizen reception: reply to the citizen” has no case “Complex case”.",
        ),
    ],
)
def test_a_case_the_rule_does_not_have_is_named(client, language, message):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(
        "/thoi-han/", {"rule": "reception.answer", "start": "2026-11-26", "variant": "complex"}
    ).content.decode()
    assert message in page
    assert "“complex”" not in page

"""What people read, not codes, in their language and time zone: deadline rules in the admin by
their names; Django's password rules in Vietnamese, every message of them; every date and
time shown in Vietnam's time zone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from ykien.core.models import AuditEvent, DeadlineRule
from ykien.core.tests.factories import UserFactory


@pytest.mark.django_db
def test_deadline_rules_are_listed_by_name_in_the_admin_never_by_code(client):
    rule = DeadlineRule.objects.order_by("code").first()
    assert rule is not None
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    response = client.get("/quan-tri/core/deadlinerule/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'<tr[^>]*>\s*<td class="action-checkbox">.*?</tr>', html, re.S)
    assert len(rows) == DeadlineRule.objects.count()
    cells = " ".join(re.sub(r"<[^>]+>", " ", row) for row in rows)
    assert rule.name in cells
    for code in DeadlineRule.objects.values_list("code", flat=True):
        assert f">{code}<" not in html
    assert str(rule) == (
        f"{rule.name}: {rule.length} {rule.get_counting_display()} ({rule.legal_basis})"
    )


def _messages(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as exc:
        return exc.messages
    return []


def test_password_rules_speak_vietnamese():
    with translation.override("vi"):
        assert _messages("1234567") == [
            "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 10 ký tự.",
            "Mật khẩu này quá phổ biến.",
            "Mật khẩu này hoàn toàn là số.",
        ]
        assert "Mật khẩu phải có ít nhất 10 ký tự." in password_validators_help_texts()


def test_dates_and_times_are_shown_in_vietnams_time_zone():
    assert settings.USE_TZ is True
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    late_evening_utc = dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)
    shown = Template('{{ at|date:"d/m/Y H:i" }}').render(Context({"at": late_evening_utc}))
    assert shown == "02/03/2026 03:30"
    event = AuditEvent(at=late_evening_utc, action="petition.transfer", object_repr="#12")
    assert str(event).startswith("02/03/2026 03:30 ")
    assert "petition.transfer" not in str(event)

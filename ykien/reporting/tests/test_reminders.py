import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from ykien.core.permissions import SYSTEM
from ykien.reporting import services
from ykien.reporting.models import Reminder

from .conftest import approve, full

pytestmark = pytest.mark.django_db


def test_reminders_go_to_the_nearest_officers_once_a_day(
    tree, people, indicators, django_capture_on_commit_callbacks
):
    services.period_ensure(actor=SYSTEM, code="2024-Q1")  # due 5 April 2024
    approve(tree.prov_a, "2024-Q1", full(), dt.date(2024, 4, 2), **people.before)
    # 1 April: the due date is more than three working days away.
    assert services.reminders_send(actor=SYSTEM, today=dt.date(2024, 3, 29)) == []
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(actor=SYSTEM, today=dt.date(2024, 4, 2))
    # A1 (officer: the province's), B and B1 (officer of B); A has sent its figures.
    assert sorted((r.unit.code, tuple(r.recipients)) for r in sent) == [
        ("A1", (people.officer.email,)), ("B", (people.other.email,)), ("B1", (people.other.email,)),
    ]  # fmt: skip
    assert len(mail.outbox) == 3
    assert mail.outbox[0].subject.startswith("Nhắc nộp số liệu giao ban quý I/2024")
    assert "05/04/2024" in mail.outbox[0].body
    assert services.reminders_send(actor=SYSTEM, today=dt.date(2024, 4, 2)) == []  # once a day
    out = StringIO()
    call_command("report", "remind", "--date", "2024-04-08", stdout=out)
    assert "Đã gửi 3 thư nhắc." in out.getvalue()
    assert Reminder.objects.filter(sent_on=dt.date(2024, 4, 8)).count() == 3


def test_period_command_opens_a_period(db):
    out = StringIO()
    call_command("report", "period", "2027-Q1", stdout=out)
    assert out.getvalue().strip() == "2027-Q1: quý I/2027, hạn nộp 07/04/2027"

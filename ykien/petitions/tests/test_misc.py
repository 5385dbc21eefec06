"""Indicators, reminders (command and task), the workspace, due lists, merge suggestions, demo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.worklist import work_items
from ykien.petitions import indicators, selectors, services

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db


def at(text: str):
    return time_machine.travel(dt.datetime.fromisoformat(text + "T09:00:00+07:00"), tick=False)


def test_indicators(tree, people):
    with at("2026-10-01"):
        a = submit(tree.prov_new)
        b = submit(tree.prov_new)
        submit(tree.prov_new)
        a = services.petition_accept(actor=SYSTEM, petition=a)
        services.petition_accept(actor=SYSTEM, petition=b)
    with at("2026-10-05"):
        services.petition_settle(actor=SYSTEM, petition=a, conclusion="Kết quả")
    ids = {tree.prov_new.pk}
    start, end = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    assert indicators.received(ids, start, end) == 3
    assert indicators.accepted(ids, start, end) == 2
    assert indicators.settled_on_time(ids, start, end) == 1
    with at("2026-11-26"):
        # b (settle due 31/10), the third (accept due 15/10), and a: settled but the answer
        # has not reached the sender by its due date (31/10)
        assert indicators.overdue(ids, start, end) == 3
    assert {i.code for i in indicators.INDICATORS} == {
        "petitions.received",
        "petitions.accepted",
        "petitions.settled_on_time",
        "petitions.overdue",
    }


def test_remind_command_mails_the_unit_handlers(tree, people):
    for user in (people.handler, people.handler2):
        user.email = f"{user.username}@example.vn"
        user.save()
    with at("2026-11-26"):
        submit(tree.prov_new)
    with at("2026-12-09"):
        out = io.StringIO()
        call_command("petitions", "remind", stdout=out)
    assert out.getvalue().strip() == "Đã gửi 2 thư nhắc."
    assert sorted(m.to[0] for m in mail.outbox) == ["xuly2@example.vn", "xuly@example.vn"]
    assert "sắp đến hạn" in mail.outbox[0].body


def test_remind_task_runs(tree, people):
    from ykien.petitions.tasks import send_reminders

    people.handler.email = "xuly@example.vn"
    people.handler.save()
    with at("2026-11-26"):
        p = submit(tree.prov_new)
        services.petition_assign(actor=SYSTEM, petition=p, handler=people.handler)
    with at("2026-12-20"):
        result = send_reminders.enqueue()
    assert result.return_value == 1
    assert "QUÁ HẠN" in mail.outbox[0].body


def test_workspace_lists_petitions_with_due_dates(tree, people, client):
    with at("2026-11-26"):
        p = submit(tree.prov_new)
    items = work_items(user=people.handler, today=dt.date(2026, 11, 26))
    mine = [i for i in items if i.kind == "petition"]
    assert [(i.url, i.due) for i in mine] == [
        (reverse("petitions:staff_detail", args=[p.pk]), dt.date(2026, 12, 10))
    ]
    assert "Luật Tiếp công dân 2013, Điều 28" in mine[0].basis
    assert [
        i
        for i in work_items(user=people.other_handler, today=dt.date(2026, 11, 26))
        if i.kind == "petition"
    ] == []


def test_due_page_lists_overdue_per_unit(tree, people, client):
    with at("2026-11-01"):
        late = submit(tree.prov_new)
    soon = submit(tree.prov_new)
    otp_login(client, people.handler)
    with at("2026-11-26"):
        html = client.get(reverse("petitions:staff_due")).content.decode()
    assert f"#{late.pk}</a>" in html
    assert html.index(f"#{late.pk}</a>") < html.index("Sắp đến hạn (")
    assert f"#{soon.pk}</a>" not in html  # due 10/12, more than 5 days away


def test_merge_suggestions_put_near_duplicates_first(tree):
    text = "Đoạn đường liên ấp Mỹ Hòa dài hai cây số bị sụt lún nhiều chỗ, xe cộ đi lại rất khó khăn mùa mưa."
    original = submit(tree.prov_new, content=text)
    other = submit(
        tree.prov_new,
        subject="Đèn đường",
        content="Đèn đường ở chợ xã không sáng đã nhiều tháng nay.",
    )
    again = submit(tree.prov_new, content=text + " Xin được giải quyết sớm.")
    submit(
        tree.prov_new, identity=SenderIdentity(name="Người Khác", phone="0987654321"), content=text
    )
    suggestions = selectors.petition_merge_suggestions(petition=original)
    assert [(s.petition.pk, s.similar) for s in suggestions] == [
        (again.pk, True),
        (other.pk, False),
    ]


def test_demo_loader_is_idempotent(tree, people):
    from ykien.petitions import demo

    out = io.StringIO()
    demo.load_categories()
    demo.load_categories()
    assert len(demo.CATEGORIES) == 4
    demo.load_petitions(out, count=0)  # no MTTQ-86 in the test tree: nothing to do, no error
    assert out.getvalue() == ""

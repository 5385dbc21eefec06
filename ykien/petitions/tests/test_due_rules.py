"""Each kind of petition carries its own deadline rule: the due-date page shows the rule's name
and legal basis of the petition's kind, never those of a critique document (``answer.default``)."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from ykien.petitions import services
from ykien.petitions.models import Kind, Petition

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db

SETTLE = {
    Kind.REPORT: (
        "Phản ánh: giải quyết, trả lời người phản ánh: 30 ngày kể từ 26/11/2026 — Luật Tiếp công"
        " dân 2013 không quy định thời hạn giải quyết phản ánh; mặc định của nền tảng: 30 ngày"
    ),
    Kind.REQUEST: (
        "Kiến nghị: giải quyết, trả lời người kiến nghị: 30 ngày kể từ 26/11/2026 — Luật Tiếp"
        " công dân 2013 không quy định thời hạn giải quyết kiến nghị; mặc định của nền tảng: 30"
        " ngày"
    ),
    Kind.COMPLAINT: "Khiếu nại: giải quyết lần đầu: 30 ngày kể từ 26/11/2026 — Luật Khiếu nại"
    " 2011, Điều 28",
    Kind.DENUNCIATION: "Tố cáo: giải quyết: 30 ngày kể từ 26/11/2026 — Luật Tố cáo 2018, Điều 30",
}
SETTLE_EN = {
    Kind.REPORT: (
        "Report: settlement and answer to the sender: 30 days from 26/11/2026 — The 2013 Law on"
        " Citizen Reception sets no period for settling a report; platform default: 30 days"
    ),
    Kind.REQUEST: (
        "Request: settlement and answer to the sender: 30 days from 26/11/2026 — The 2013 Law on"
        " Citizen Reception sets no period for settling a request; platform default: 30 days"
    ),
}


def at(text: str):
    return time_machine.travel(dt.datetime.fromisoformat(text + "T09:00:00+07:00"), tick=False)


@pytest.fixture
def accepted(tree, people) -> dict[str, Petition]:
    with at("2026-11-26"):
        return {
            kind: services.petition_accept(
                actor=people.handler, petition=submit(tree.prov_new, kind=kind)
            )
            for kind in Kind.values
        }


def test_each_kind_is_settled_under_its_own_rule(accepted):
    assert {kind: p.settle_rule for kind, p in accepted.items()} == {
        "report": "report.settle",
        "request": "request.settle",
        "complaint": "complaint.settle.first",
        "denunciation": "denunciation.settle",
    }
    assert {kind: p.due_basis for kind, p in accepted.items()} == SETTLE
    assert {p.settle_due for p in accepted.values()} == {dt.date(2026, 12, 28)}


def test_due_page_shows_each_kinds_own_label_and_basis(accepted, client, people):
    with at("2026-12-24"):
        otp_login(client, people.handler)
        page = client.get(reverse("petitions:staff_due")).content.decode()
        for kind, petition in accepted.items():
            assert f"#{petition.pk}</a>" in page
            assert f'<small class="muted">{SETTLE[kind]}</small>' in page
        assert "văn bản phản biện" not in page
        assert "Luật MTTQ" not in page
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.get(reverse("petitions:staff_due")).content.decode()
    for kind, text in SETTLE_EN.items():
        assert f'<small class="muted">{text}</small>' in page, kind
    assert "critique or recommendation document" not in page


def test_migration_moves_accepted_reports_off_the_critique_rule(accepted):
    old = (
        "Trả lời văn bản phản biện, kiến nghị (mặc định): 30 ngày kể từ 26/11/2026 — Luật MTTQ"
        " 2015 và NQLT 403/2017 không quy định số ngày; đơn vị ban hành ấn định (mặc định của"
        " nền tảng: 30 ngày)"
    )
    report = accepted[Kind.REPORT]
    Petition.objects.filter(pk=report.pk).update(settle_rule="answer.default", due_basis=old)
    event = report.events.get(action="accept")
    event.basis = old.split(": ", 1)[1]
    event.save()
    migration = importlib.import_module(
        "ykien.petitions.migrations.0002_report_request_settle_rules"
    )
    migration.forwards(apps, None)
    report.refresh_from_db()
    event.refresh_from_db()
    assert (report.settle_rule, report.due_basis) == ("report.settle", SETTLE[Kind.REPORT])
    assert event.basis == SETTLE[Kind.REPORT].split(": ", 2)[2]

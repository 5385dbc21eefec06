"""Texts the petitions keep and hand out again: deadline descriptions are stored in Vietnamese
and shown in the reader's language; CSV cells a spreadsheet would run are neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ykien.core.models import Unit
from ykien.petitions.models import Petition

from .conftest import otp_login, submit

pytestmark = pytest.mark.django_db

BASIS_VI = (
    "10 ngày làm việc kể từ 26/11/2026 — Luật Khiếu nại 2011, Điều 27 "
    "(Thông tư 07/2013/TT-TTCP tính theo ngày làm việc)"
)
BASIS_EN = (
    "10 working days from 26/11/2026 — Law on Complaints 2011, Article 27 "
    "(Circular 07/2013/TT-TTCP counts working days)"
)


@pytest.fixture
def complaint(tree, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC))
    with translation.override("en"):  # the officer works in English
        petition = submit(tree.prov_new, kind="complaint")
    return Petition.objects.get(pk=petition.pk)


def test_deadline_saved_under_english_is_stored_in_vietnamese(complaint):
    assert complaint.due_basis == f"Khiếu nại: quyết định thụ lý: {BASIS_VI}"
    assert [e.basis for e in complaint.events.all()] == [BASIS_VI]
    assert complaint.due_basis_text == complaint.due_basis  # shown as stored in Vietnamese
    with translation.override("en"):
        assert complaint.due_basis_text == f"Complaint: decision to accept: {BASIS_EN}"
        assert complaint.events.get().basis_text == BASIS_EN


def test_pages_show_the_deadline_in_the_reader_language(complaint, client, people):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    status = client.get(reverse("petitions:lookup"), {"ma": complaint.code}).content.decode()
    assert f"(Complaint: decision to accept: {BASIS_EN})" in status
    otp_login(client, people.handler)
    detail = client.get(reverse("petitions:staff_detail", args=[complaint.pk])).content.decode()
    assert f'<small class="muted">Complaint: decision to accept: {BASIS_EN}</small>' in detail
    assert f"— {BASIS_EN}</td>" in detail
    assert "Luật Khiếu nại 2011, Điều 27" not in detail
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    detail = client.get(reverse("petitions:staff_detail", args=[complaint.pk])).content.decode()
    assert f"Khiếu nại: quyết định thụ lý: {BASIS_VI}" in detail


def test_text_stored_in_english_before_the_fix_is_shown_as_stored(complaint):
    Petition.objects.filter(pk=complaint.pk).update(due_basis="Accept: 10 working days")
    with translation.override("en"):
        assert Petition.objects.get().due_basis_text == "Accept: 10 working days"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_statistics_csv_neutralises_a_unit_name_a_spreadsheet_would_run(client, tree):
    Unit.objects.filter(pk=tree.agency_new.pk).update(name='=HYPERLINK("http://x","Bấm")')
    for _ in range(5):
        submit(tree.agency_new)
    response = client.get(
        reverse("petitions:statistics_csv"), {"start": "2026-01-01", "end": "2026-12-31"}
    )
    rows = {row[0]: row for row in _rows(response.content.decode())}
    assert rows["N-UBND"][1:2] + rows["N-UBND"][4:5] == ['\'=HYPERLINK("http://x","Bấm")', "5"]


def test_staff_export_neutralises_a_unit_name_a_spreadsheet_would_run(client, tree, people):
    Unit.objects.filter(pk=tree.prov_new.pk).update(name="@SUM(1+1)")
    petition = submit(tree.prov_new)
    otp_login(client, people.handler)
    rows = _rows(client.get(reverse("petitions:staff_export")).content.decode())
    assert rows[1][:4] == [str(petition.pk), "Phản ánh", "", "'@SUM(1+1)"]

"""The reception demo on the core demo's units: Trà Vinh's Càng Long district in 2024 (its
chairman short in March 2024), a Vĩnh Long commune after the merger whose Party secretary held no
reception last month (flagged by the supervision), the log with a petition of the petitions
domain and a group; loading again adds nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ykien.core.demo import load_units, load_users
from ykien.core.models import User
from ykien.petitions import selectors as petition_selectors
from ykien.reception import demo, selectors
from ykien.reception.models import Head, Office, ReceptionEntry, Registration, Session

pytestmark = pytest.mark.django_db


def _short_months(head: Head, start: dt.date, end: dt.date) -> list[str]:
    return [r.label for r in selectors.head_months(head=head, start=start, end=end) if r.short]


@pytest.mark.parametrize("day", [dt.datetime(2026, 11, 26, 10), dt.datetime(2027, 2, 8, 10)])
def test_the_demo_on_any_day(client, day):
    with time_machine.travel(day.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        load_units(StringIO())
        load_users(StringIO())
        demo.load(StringIO())
        chair_2024 = Head.objects.get(unit__code="MTTQ-844", office=Office.PC_CHAIR)
        assert _short_months(chair_2024, dt.date(2024, 1, 1), dt.date(2024, 6, 30)) == ["03/2024"]
        secretary = Head.objects.exclude(unit__code="MTTQ-844").get(office=Office.PARTY_SECRETARY)
        assert secretary.unit.valid_from == dt.date(2025, 7, 1)
        today = day.date()
        last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        start = (last_month - dt.timedelta(days=40)).replace(day=1)
        assert _short_months(secretary, start, today) == [f"{last_month:%m/%Y}"]
        chair = Head.objects.exclude(unit__code="MTTQ-844").get(office=Office.PC_CHAIR)
        two_months_ago = (last_month - dt.timedelta(days=1)).replace(day=1)
        unlawful = [
            (r.label, r.delegated_unlawfully, r.short)
            for r in selectors.head_months(head=chair, start=start, end=today)
            if r.delegated
        ]
        assert unlawful == [(f"{two_months_ago:%m/%Y}", 1, False)]  # after 1 July 2026
        complaint, group = ReceptionEntry.objects.order_by("pk")
        petition = petition_selectors.petition_by_code(code=complaint.petition_codes[0])
        assert (petition.channel, petition.kind) == ("reception", "complaint")
        assert (group.group_size, group.representatives_ciphertext != "") == (14, True)
        assert Registration.objects.get().session.day > today
        officer = User.objects.get(username="canbo.tinh")
        client.force_login(officer)
        page = client.get("/can-bo/tiep-cong-dan/giam-sat/").content.decode()
        assert "Lâm Thị Kim Phượng" in page
        assert 'class="row-flagged"' in page
        assert "1 buổi ủy quyền cấp phó không đúng quy định" in page
        # The demo commune is a ward (phường): its deputies' titles say so, never "… xã".
        assert chair.unit.name == "Ủy ban MTTQ Việt Nam phường Phú Khương"
        deputies = set(
            Session.objects.exclude(deputy_name="").values_list("deputy_name", flat=True)
        )
        assert deputies == {
            "Phó Chủ tịch UBND phường Trần Văn Lợi",
            "Phó Bí thư Thường trực Đảng ủy phường Huỳnh Thanh Phong",
        }
        count = Session.objects.count()
        demo.load(StringIO())
        assert Session.objects.count() == count

"""The head's office's reception tasks on the task list: a session whose day has come with no
outcome recorded, then the registrations of a held session not yet in the log; nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.core.permissions import SYSTEM
from ykien.reception import services, worklist
from ykien.reception.models import Registration, SessionStatus
from ykien.reception.tests.conftest import citizen_identity, schedule

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 5)


def _titles(user) -> list[str]:
    return [item.title for item in worklist.provider(user, TODAY)]


def test_a_session_whose_day_has_come_then_its_registrations(time_machine, heads, staff):
    time_machine.move_to(dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC), tick=False)
    past = schedule(heads.commune_chair, "2026-03-04")
    coming = schedule(heads.commune_chair, "2026-03-12")
    for name, phone in (("Kim Văn Sơn", "0911222333"), ("Thạch Thị Sa Rươl", "0987654321")):
        services.registration_submit(
            session=past, identity=citizen_identity(name, phone), subject="Đường ấp bị sạt lở"
        )
    time_machine.move_to(dt.datetime(2026, 3, 5, 2, 0, tzinfo=dt.UTC), tick=False)
    assert _titles(staff.office) == [
        "Ghi nhận kết quả buổi tiếp công dân ngày 04/03/2026 (Lê Minh Tâm)"
    ]
    item = worklist.provider(staff.office, TODAY)[0]
    assert (item.due, item.url) == (past.day, f"/can-bo/tiep-cong-dan/buoi/{past.pk}/")
    assert coming.status == SessionStatus.SCHEDULED  # a day to come is no task yet
    services.session_transition(actor=SYSTEM, session=past, to=SessionStatus.HELD)
    assert _titles(staff.office) == [
        "Ghi sổ 2 người đã đăng ký buổi tiếp ngày 04/03/2026 (Lê Minh Tâm)"
    ]
    first = Registration.objects.filter(session=past).order_by("pk").first()
    services.entry_record(
        actor=SYSTEM,
        head=heads.commune_chair,
        day=past.day,
        visit="registered",
        identity=citizen_identity("Kim Văn Sơn", "0911222333"),
        content="Đường ấp bị sạt lở",
        registration=first,
    )
    assert _titles(staff.office) == [
        "Ghi sổ 1 người đã đăng ký buổi tiếp ngày 04/03/2026 (Lê Minh Tâm)"
    ]
    # The Front supervises; the office of another time or place keeps no such task.
    assert _titles(staff.supervisor) == []
    assert _titles(staff.district_office) == []
    assert _titles(staff.citizen) == []

"""The reception tasks on the task list: for the head's office, a session whose day has come with
no outcome recorded, then the registrations of a held session not yet in the log; for the
Front's supervisor, each finished month of the last six in which a head of its units held fewer
receptions than the legal minimum, linked to the supervision view of that head and month;
nobody else's."""

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
    # The Front supervises (its tasks are the months short of the minimum, below); the office
    # of another time or place keeps no such task.
    assert {i.kind for i in worklist.provider(staff.supervisor, TODAY)} == {"reception.short_month"}
    assert _titles(staff.district_office) == []
    assert _titles(staff.citizen) == []


def test_the_front_supervisor_is_given_each_month_short_of_the_minimum(
    time_machine, heads, staff, client, no_otp
):
    time_machine.move_to(dt.datetime(2026, 3, 5, 2, 0, tzinfo=dt.UTC), tick=False)
    for day in ("2026-01-06", "2026-01-13", "2026-01-20", "2026-01-27", "2026-02-03"):
        services.session_transition(
            actor=SYSTEM, session=schedule(heads.commune_chair, day), to=SessionStatus.HELD
        )
    items = worklist.provider(staff.supervisor, TODAY)
    # October 2025 to February 2026 (March is not over); January was kept, 4 of 4.
    assert [i.title for i in items] == [
        f"Tháng {m}, Lê Minh Tâm trực tiếp tiếp công dân {held} buổi, ít hơn mức tối thiểu "
        f"{required} buổi: xem xét, đôn đốc"
        for m, held, required in (
            ("10/2025", 0, 4),
            ("11/2025", 0, 4),
            ("12/2025", 0, 5),  # one reception a week: five Mondays
            ("02/2026", 1, 4),
        )
    ]
    february = items[-1]
    assert (february.url, february.due, february.unit, february.kind) == (
        f"/can-bo/tiep-cong-dan/giam-sat/?nguoi={heads.commune_chair.pk}&tu=2026-02&den=2026-02",
        None,
        heads.commune_chair.unit.name,
        "reception.short_month",
    )
    assert "Điều" in february.basis
    # Only the heads of the supervisor's units: Cà Mau's officer sees its own commune's head.
    assert {i.unit for i in worklist.provider(staff.other_supervisor, TODAY)} == {
        heads.other_chair.unit.name
    }
    assert {i.kind for i in worklist.provider(staff.office, TODAY)} == set()
    assert worklist.provider(staff.citizen, TODAY) == []
    # The link opens the supervision view on that head and month only.
    client.force_login(staff.supervisor)
    page = client.get(february.url)
    assert page.status_code == 200
    groups = page.context["groups"]
    assert [(g["head"], [r.label for r in g["rows"]], g["short"]) for g in groups] == [
        (heads.commune_chair, ["02/2026"], 1)
    ]
    bad = client.get("/can-bo/tiep-cong-dan/giam-sat/", {"nguoi": "NaN"})
    assert bad.status_code == 400
    assert "Tham số nguoi không hợp lệ." in bad.content.decode()

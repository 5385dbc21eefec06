import datetime as dt
from functools import partial

import pytest

from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent
from ykien.oversight import selectors
from ykien.oversight import services as s
from ykien.oversight.lifecycle import ACTIVITY_LIFECYCLES
from ykien.oversight.models import Activity, ActivityForm, ActivityStatus, Programme
from ykien.oversight.tests.conftest import (
    decide,
    notify,
    planned,
    programme_2026,
    programme_item,
    report,
    reported_review,
)

D = dt.date
pytestmark = pytest.mark.django_db


def decided(w):
    return decide(w.officer, planned(w))


def notified(w):
    return notify(w.officer, decided(w))


# --------------------------------------------------------------------------- programme


def test_programme_made_in_q4_and_agreed(world):
    w = world
    programme = programme_2026(w)
    assert programme.made_in_fourth_quarter is True
    item = programme_item(w, programme, participants="Hội Nông dân tỉnh", planned_quarter=2)
    assert item.order == 1
    with pytest.raises(PermissionDenied):
        s.programme_agree(actor=w.officer, programme=programme, agreed_with="UBND tỉnh")
    s.programme_agree(
        actor=w.leader,
        programme=programme,
        agreed_with="Thường trực HĐND, UBND tỉnh",
        agreed_on=D(2025, 12, 15),
    )
    programme.refresh_from_db()
    assert programme.status == Programme.Status.AGREED
    with pytest.raises(InvalidTransition):
        programme_item(w, programme, content="Thêm", time_text="Quý III")


def test_programme_rejects_a_second_one_and_a_far_year(world):
    w = world
    s.programme_create(
        actor=w.officer, unit=w.province, year=2026, title="A", made_on=D(2025, 11, 20)
    )
    with pytest.raises(ValidationFailed) as dup:
        s.programme_create(
            actor=w.officer, unit=w.province, year=2026, title="B", made_on=D(2025, 12, 1)
        )
    assert dup.value.code == "duplicate"
    with pytest.raises(ValidationFailed) as far:
        s.programme_create(
            actor=w.officer, unit=w.province, year=2028, title="C", made_on=D(2025, 12, 1)
        )
    assert far.value.code == "invalid_year"


# --------------------------------------------------------------------------- transitions


def test_every_activity_transition_is_walked(world):
    """Each edge of the transition map, per form, through the services."""
    w = world
    walked = set()
    activity = notified(w)
    walked |= {
        (ActivityForm.TEAM, "planned", "decided"),
        (ActivityForm.TEAM, "decided", "notified"),
    }
    s.team_session_record(
        actor=w.officer, activity=activity, held_on=D(2026, 4, 8), minutes="Biên bản"
    )
    s.finding_add(actor=w.officer, activity=activity, text="Chậm chi trả bồi thường")
    report(w.officer, activity, number="27/BC", summary="Kết quả")
    s.activity_close(actor=w.officer, activity=activity, on=D(2026, 6, 5))
    walked |= {
        (ActivityForm.TEAM, "notified", "session_held"),
        (ActivityForm.TEAM, "session_held", "reported"),
        (ActivityForm.TEAM, "reported", "closed"),
    }
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.CLOSED
    for status, make in (("planned", planned), ("decided", decided), ("notified", notified)):
        a = make(w)
        s.activity_cancel(actor=w.officer, activity=a, reason="Đối tượng sáp nhập")
        assert Activity.objects.get(pk=a.pk).status == ActivityStatus.CANCELLED
        walked.add((ActivityForm.TEAM, status, "cancelled"))
    for form in (ActivityForm.DOCUMENT_REVIEW, ActivityForm.BOARD, ActivityForm.JOINT):
        kwargs = {"board": w.board} if form == ActivityForm.BOARD else {}
        unit = w.commune if form == ActivityForm.BOARD else w.province
        led = "Ban Kinh tế - Ngân sách HĐND tỉnh" if form == ActivityForm.JOINT else ""
        kwargs |= {"unit": unit, "title": "T", "content": "C", "subject": w.ubnd_xa}
        kwargs |= {"planned_on": D(2026, 2, 2), "led_by": led}
        a = planned(w, form, **kwargs)
        s.activity_start(actor=w.officer, activity=a, on=D(2026, 2, 3))
        s.finding_add(actor=w.officer, activity=a, text="Phát hiện")
        report(w.officer, a, D(2026, 2, 20), number="1/BC", summary="KQ")
        s.activity_close(actor=w.officer, activity=a)
        assert Activity.objects.get(pk=a.pk).status == ActivityStatus.CLOSED
        walked |= {
            (form, "planned", "in_progress"),
            (form, "in_progress", "reported"),
            (form, "reported", "closed"),
        }
        for cancel_from in ("planned", "in_progress"):
            b = planned(w, form, **kwargs)
            if cancel_from == "in_progress":
                s.activity_start(actor=w.officer, activity=b)
            s.activity_cancel(actor=w.officer, activity=b, reason="Không còn cần thiết")
            walked.add((form, cancel_from, "cancelled"))
    expected = {  # every edge that moves the status, per form
        (form, src, edge.target)
        for form, lifecycle in ACTIVITY_LIFECYCLES.items()
        for edge in lifecycle.edges
        if edge.target is not None
        for src in edge.sources
    }
    assert walked == expected


def test_a_team_cannot_skip_the_notice(world):
    w = world
    activity = decided(w)
    with pytest.raises(InvalidTransition):
        s.team_session_record(
            actor=w.officer, activity=activity, held_on=D(2026, 4, 8), minutes="Biên bản"
        )
    with pytest.raises(InvalidTransition):
        s.activity_start(actor=w.officer, activity=activity)
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.DECIDED


def test_a_report_needs_a_finding(world):
    w = world
    a = planned(w, ActivityForm.DOCUMENT_REVIEW, title="T", content="C", planned_on=D(2026, 2, 2))
    s.activity_start(actor=w.officer, activity=a, on=D(2026, 2, 5))
    with pytest.raises(ValidationFailed) as exc:
        report(w.officer, a, D(2026, 2, 20), number="1/BC", summary="KQ")
    assert exc.value.code == "no_findings"


def test_board_activity_needs_a_board_of_the_commune(world):
    w = world
    with pytest.raises(ValidationFailed) as exc:
        planned(w, ActivityForm.BOARD, title="T", content="C", planned_on=None, board=w.board)
    assert exc.value.code == "invalid_board"


# --------------------------------------------------------------------------- deadlines


def test_timeline_due_dates_from_the_calendar(world):
    """Session Wed 8 April 2026: notice by 24 March (15 days before), the subject's report by
    1 April (7 days before), the team's report by 23 April (15 days after)."""
    activity = Activity.objects.get(pk=notified(world).pk)
    steps = {step.key: step for step in selectors.activity_timeline(activity=activity)}
    assert steps["notice"].due == D(2026, 3, 24)
    assert steps["notice"].done_on == D(2026, 3, 16)
    assert steps["notice"].basis == "15 ngày trước 08/04/2026 — NQLT 403/2017, Điều 7"
    assert steps["subject_report"].due == D(2026, 4, 1)
    assert steps["report"].due == D(2026, 4, 23)
    assert steps["report"].basis == "15 ngày kể từ 08/04/2026 — NQLT 403/2017, Điều 8"
    assert steps["subject_report"].state(D(2026, 11, 26)) == "overdue"


def test_notice_due_moves_back_over_a_weekend(world):
    """Session Monday 6 April: 15 days before is Sunday 22 March, so the notice is due on Friday 20 March."""
    w = world
    activity = s.team_notify(
        actor=w.officer,
        activity=decided(w),
        session_date=D(2026, 4, 6),
        notice_sent_on=D(2026, 3, 20),
    )
    steps = {step.key: step for step in selectors.activity_timeline(activity=activity)}
    assert steps["notice"].due == D(2026, 3, 20)
    assert steps["notice"].state(D(2026, 11, 26)) == "done"


def test_late_subject_report_and_late_team_report_are_shown_late(world):
    w = world
    activity = notified(w)
    s.subject_report_receive(actor=w.officer, activity=activity, received_on=D(2026, 4, 3))
    s.team_session_record(
        actor=w.officer, activity=activity, held_on=D(2026, 4, 8), minutes="Biên bản"
    )
    s.finding_add(actor=w.officer, activity=activity, text="Phát hiện")
    s.activity_report(
        actor=w.officer,
        activity=activity,
        report_date=D(2026, 4, 24),
        report_number="27/BC",
        summary="KQ",
    )
    steps = {
        step.key: step
        for step in selectors.activity_timeline(activity=Activity.objects.get(pk=activity.pk))
    }
    assert steps["subject_report"].state(D(2026, 11, 26)) == "late"
    assert steps["report"].state(D(2026, 11, 26)) == "late"
    assert s.results_deadline(Activity.objects.get(pk=activity.pk)) == D(2026, 4, 23)


def test_short_notice_is_a_warning_the_leader_confirms(world):
    """Notice on 3 September for a session on 10 September (due by 26 August): an officer gets a
    warning and nothing changes; the leader confirms with a reason, which is stored and audited."""
    w = world
    activity = decided(w)
    # The session on 10 September, the notice on 3 September.
    notice = partial(
        s.team_notify, activity=activity, session_date=D(2026, 9, 10), notice_sent_on=D(2026, 9, 3)
    )
    with pytest.raises(s.ShortNoticeWarning) as warning:
        notice(actor=w.officer)
    assert warning.value.due == D(2026, 8, 26)
    assert "chậm nhất ngày 26/08/2026" in str(warning.value.message)
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.DECIDED
    with pytest.raises(PermissionDenied) as denied:
        notice(actor=w.officer, confirm_short_notice=True, reason="Đối tượng đề nghị")
    assert denied.value.code == "leader_required"
    with pytest.raises(ValidationFailed):
        notice(actor=w.leader, confirm_short_notice=True, reason="")
    assert Activity.objects.get(pk=activity.pk).short_notice_confirmed_by is None
    notice(actor=w.leader, confirm_short_notice=True, reason="Đối tượng đề nghị làm việc sớm")
    activity = Activity.objects.get(pk=activity.pk)
    assert activity.status == ActivityStatus.NOTIFIED
    assert activity.short_notice_confirmed_by == w.leader
    assert activity.short_notice_confirmed_at is not None
    event = AuditEvent.objects.get(action="oversight.activity.short_notice_confirmed")
    assert event.actor == w.leader
    assert event.reason == "Đối tượng đề nghị làm việc sớm"
    assert event.after == {"session_date": "2026-09-10", "notice_sent_on": "2026-09-03"}


def test_a_session_moved_earlier_than_the_notice_allows_needs_confirmation(world):
    w = world
    activity = notified(w)  # notice 16 March, session 8 April
    with pytest.raises(s.ShortNoticeWarning):
        s.team_session_record(
            actor=w.officer, activity=activity, held_on=D(2026, 3, 25), minutes="Biên bản"
        )
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.NOTIFIED
    s.team_session_record(
        actor=w.leader,
        activity=activity,
        held_on=D(2026, 3, 25),
        minutes="Biên bản",
        confirm_short_notice=True,
        reason="Đối tượng xin làm việc sớm",
    )
    activity = Activity.objects.get(pk=activity.pk)
    assert activity.status == ActivityStatus.SESSION_HELD
    assert activity.short_notice_confirmed_by == w.leader


def test_a_session_moved_later_needs_no_confirmation(world):
    w = world
    activity = s.team_session_record(
        actor=w.officer, activity=notified(w), held_on=D(2026, 4, 15), minutes="Biên bản"
    )
    assert activity.status == ActivityStatus.SESSION_HELD
    assert activity.short_notice_confirmed_by is None


def test_dates_in_the_future_are_refused(world):
    w = world
    with pytest.raises(ValidationFailed) as exc:
        s.team_notify(
            actor=w.officer,
            activity=decided(w),
            session_date=D(2027, 1, 20),
            notice_sent_on=D(2026, 12, 1),
        )
    assert exc.value.field == "notice_sent_on"


def test_reported_review_fixture_is_reported(world):
    assert reported_review(world).status == ActivityStatus.REPORTED

"""Every edge of every supervision lifecycle (an activity per form, a recommendation, a Regulation
124 feedback, a programme), from each of its source states, for every role: taken through the
service by those the edge's permission names (the status moves, the audit and the event are
written, the lifecycle offered it), refused with ``PermissionDenied`` for everyone else (nothing
changes, nothing is written, the lifecycle did not offer it).

The cases come from the declarations, so a new edge or source state is walked as soon as it is
declared (and fails here until this file knows how to reach its state and take it). Each role
acts in a savepoint that is rolled back, so all roles try the same record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from ykien.core.errors import PermissionDenied
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.oversight import lifecycle as lc
from ykien.oversight import services as s
from ykien.oversight.models import (
    Activity,
    ActivityForm,
    ActivityStatus,
    AnswerKind,
    ConductFeedback,
    Programme,
    Recommendation,
    RecommendationStatus,
)
from ykien.oversight.tests.conftest import ISSUE_DAY, TODAY, World

D = dt.date
pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "citizen",
    "other_officer",  # an officer of another province's front
    "officer",
    "leader",
    "handler",
    "respondent",  # of the addressee of the recommendations
    "system",
)
FRONT = {"officer", "leader", "system"}
# Who holds each permission an edge names, on the records built below.
PERMITTED = {
    "oversight.agree_programme": {"leader", "system"},
    "oversight.manage_activity": FRONT,
    "oversight.countersign": FRONT,  # the commune front over the board, or above
    "oversight.issue_recommendation": FRONT,
    "oversight.answer": {"respondent", "system"},
    "oversight.follow_up": FRONT,
    "oversight.assign_feedback": {"leader", "system"},
    "oversight.handle_feedback": {"officer", "leader", "handler", "system"},
}

LIFECYCLES = {
    "programme": lc.PROGRAMME,
    **{form: lc.ACTIVITY_LIFECYCLES[form] for form in ActivityForm.values},
    "recommendation": lc.RECOMMENDATION,
    "feedback": lc.FEEDBACK,
}


def _cases() -> list[Any]:
    return [
        pytest.param(key, edge.action, source, id=f"{key}-{edge.action}-{source}")
        for key, cycle in LIFECYCLES.items()
        for edge in cycle.edges
        for source in sorted(edge.sources)
    ]


def _actor(w: World, role: str) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    if role == "system":
        return SYSTEM
    return getattr(w, role)


# --------------------------------------------------------------------------- reaching a state


def _programme(w: World) -> Programme:
    programme = s.programme_create(
        actor=SYSTEM, unit=w.province, year=2026, title="Chương trình 2026", made_on=D(2025, 11, 20)
    )
    s.programme_item_add(
        actor=SYSTEM,
        programme=programme,
        content="Giám sát bồi thường",
        form=ActivityForm.TEAM,
        subject=w.ubnd,
        time_text="Quý II/2026",
        lead_unit=w.province,
    )
    return programme


def _activity(w: World, form: str, state: str) -> Activity:
    board = form == ActivityForm.BOARD
    activity = s.activity_create(
        actor=SYSTEM,
        unit=w.commune if board else w.province,
        form=form,
        title="Giám sát bồi thường, tái định cư",
        content="Bồi thường, hỗ trợ, tái định cư dự án đường ven biển",
        subject=w.ubnd_xa if board else w.ubnd,
        planned_on=D(2026, 3, 2),
        board=w.board if board else None,
        led_by="Ban Kinh tế - Ngân sách HĐND tỉnh" if form == ActivityForm.JOINT else "",
    )
    steps: dict[str, Callable[[Activity], Activity]] = {
        ActivityStatus.PLANNED: lambda a: (
            s.team_decide(
                actor=SYSTEM,
                activity=a,
                decision_number="15/QĐ-MTTQ-BTT",
                decision_date=D(2026, 3, 10),
                team_members="Trưởng đoàn và 5 thành viên",
            )
            if form == ActivityForm.TEAM
            else s.activity_start(actor=SYSTEM, activity=a, on=D(2026, 3, 5))
        ),
        ActivityStatus.DECIDED: lambda a: s.team_notify(
            actor=SYSTEM, activity=a, session_date=D(2026, 4, 8), notice_sent_on=D(2026, 3, 16)
        ),
        ActivityStatus.NOTIFIED: lambda a: s.team_session_record(
            actor=SYSTEM, activity=a, held_on=D(2026, 4, 8), minutes="Biên bản làm việc"
        ),
        ActivityStatus.IN_PROGRESS: lambda a: _report(a),
        ActivityStatus.SESSION_HELD: lambda a: _report(a),
    }
    while activity.status != state:
        activity = steps[activity.status](activity)
    if state in lc.ACTIVITY_FINDINGS_OPEN and state != ActivityStatus.REPORTED:
        s.finding_add(actor=SYSTEM, activity=activity, text="Chậm chi trả bồi thường")
    return activity


def _report(activity: Activity) -> Activity:
    s.finding_add(actor=SYSTEM, activity=activity, text="Chậm chi trả bồi thường")
    return _take_report(SYSTEM, activity)


def _take_report(actor: Any, activity: Activity) -> Activity:
    return s.activity_report(
        actor=actor,
        activity=activity,
        report_date=D(2026, 4, 20),
        report_number="27/BC-MTTQ-BTT",
        summary="Cần đẩy nhanh tiến độ chi trả.",
    )


def _answer(actor: Any, rec: Recommendation, kind: str, on: dt.date) -> Any:
    extra: dict[str, Any] = {}
    if kind == AnswerKind.IN_PROGRESS:
        extra = {
            "plan": "Chi trả trong quý",
            "planned_date": max(on, D(2026, 8, 30)) + dt.timedelta(1),
        }
    return s.recommendation_answer(
        actor=actor,
        recommendation=rec,
        kind=kind,
        text="UBND tỉnh đã chỉ đạo thực hiện xong.",
        answered_on=on,
        **extra,
    )


def _recommendation(w: World, state: str, *, board: bool) -> Recommendation:
    form = ActivityForm.BOARD if board else ActivityForm.DOCUMENT_REVIEW
    activity = _activity(w, form, ActivityStatus.REPORTED)
    rec = s.recommendation_create(
        actor=SYSTEM,
        activity=activity,
        finding=activity.findings.first(),
        addressee=w.ubnd_xa if board else w.ubnd,
        text="Rà soát, điều chỉnh bảng giá đất ven biển.",
        created_on=ISSUE_DAY,
    )
    if state == RecommendationStatus.DRAFT:
        return rec
    rec = s.recommendation_issue(actor=SYSTEM, recommendation=rec, on=ISSUE_DAY)
    if state == RecommendationStatus.ESCALATED:
        rec = s.recommendation_escalate(actor=SYSTEM, recommendation=rec, on=D(2026, 6, 1))
    elif state in RecommendationStatus.answered():
        _answer(SYSTEM, rec, state, D(2026, 5, 15))
    return Recommendation.objects.get(pk=rec.pk)


def _feedback(w: World, state: str) -> ConductFeedback:
    position = s.position_create(actor=SYSTEM, unit=w.ubnd, title="Giám đốc Sở Xây dựng")
    feedback = s.feedback_submit(
        position=position,
        content="Người giữ chức vụ này dùng xe công đi việc riêng vào ngày nghỉ.",
        identity=SenderIdentity(name="Lý Văn Hòa", address="Ấp 2, xã Long Hồ"),
    )
    if state != ConductFeedback.Status.RECEIVED:
        s.feedback_set_status(actor=SYSTEM, feedback=feedback, status="reviewing")
    if state in (ConductFeedback.Status.CONCLUDED, ConductFeedback.Status.DISMISSED):
        s.feedback_set_status(
            actor=SYSTEM, feedback=feedback, status=state, conclusion="Đã báo cáo Tỉnh ủy."
        )
    return ConductFeedback.objects.get(pk=feedback.pk)


def _make(w: World, key: str, action: str, state: str) -> Any:
    if key == "programme":
        return _programme(w)
    if key in ActivityForm.values:
        return _activity(w, key, state)
    if key == "recommendation":
        return _recommendation(w, state, board=action == "countersign")
    return _feedback(w, state)


# --------------------------------------------------------------------------- taking an edge

TAKE: dict[tuple[str, str], Callable[[Any, Any, World], Any]] = {
    ("programme", "agree"): lambda actor, p, w: s.programme_agree(
        actor=actor,
        programme=p,
        agreed_with="Thường trực HĐND, UBND tỉnh",
        agreed_on=D(2025, 12, 15),
    ),
    ("activity", "decide"): lambda actor, a, w: s.team_decide(
        actor=actor,
        activity=a,
        decision_number="15/QĐ-MTTQ-BTT",
        decision_date=D(2026, 3, 10),
        team_members="Trưởng đoàn và 5 thành viên",
    ),
    ("activity", "notify"): lambda actor, a, w: s.team_notify(
        actor=actor, activity=a, session_date=D(2026, 4, 8), notice_sent_on=D(2026, 3, 16)
    ),
    ("activity", "subject_report"): lambda actor, a, w: s.subject_report_receive(
        actor=actor, activity=a, received_on=D(2026, 4, 1)
    ),
    ("activity", "session"): lambda actor, a, w: s.team_session_record(
        actor=actor, activity=a, held_on=D(2026, 4, 8), minutes="Biên bản làm việc"
    ),
    ("activity", "start"): lambda actor, a, w: s.activity_start(
        actor=actor, activity=a, on=D(2026, 3, 5)
    ),
    ("activity", "report"): lambda actor, a, w: _take_report(actor, a),
    ("activity", "close"): lambda actor, a, w: s.activity_close(
        actor=actor, activity=a, on=D(2026, 6, 5)
    ),
    ("activity", "cancel"): lambda actor, a, w: s.activity_cancel(
        actor=actor, activity=a, reason="Đối tượng sáp nhập"
    ),
    ("recommendation", "countersign"): lambda actor, r, w: s.recommendation_countersign(
        actor=actor, recommendation=r
    ),
    ("recommendation", "issue"): lambda actor, r, w: s.recommendation_issue(
        actor=actor, recommendation=r, on=ISSUE_DAY
    ),
    **{
        ("recommendation", action): (lambda actor, r, w, kind=kind: _answer(actor, r, kind, TODAY))
        for kind, action in lc.ANSWER_ACTIONS.items()
    },
    ("recommendation", "escalate"): lambda actor, r, w: s.recommendation_escalate(
        actor=actor, recommendation=r
    ),
    ("recommendation", "remind"): lambda actor, r, w: s.recommendation_remind(
        actor=actor, recommendation=r, today=TODAY, notify=False
    ),
    ("recommendation", "close"): lambda actor, r, w: s.recommendation_close(
        actor=actor, recommendation=r, note="Đã kiểm tra kết quả"
    ),
    ("feedback", "assign"): lambda actor, f, w: s.feedback_assign(
        actor=actor, feedback=f, handler=w.handler
    ),
    **{
        ("feedback", action): (
            lambda actor, f, w, target=target: s.feedback_set_status(
                actor=actor, feedback=f, status=target, conclusion="Đã báo cáo Tỉnh ủy."
            )
        )
        for target, action in lc.FEEDBACK_ACTION_BY_TARGET.items()
    },
}

# What an edge that keeps the status changes instead.
EFFECT: dict[str, Callable[[Any, World], bool]] = {
    "subject_report": lambda a, w: a.subject_report_received_on == D(2026, 4, 1),
    "countersign": lambda r, w: r.countersigned_at is not None,
    "remind": lambda r, w: r.last_reminded_on == TODAY,
    "assign": lambda f, w: f.handler_id == w.handler.pk,
}


class _Undo(Exception):
    """Rolls back what one role did, so the next role meets the same record."""


@pytest.mark.parametrize(("key", "action", "source"), _cases())
def test_every_edge_for_every_role(world, key, action, source):
    w = world
    cycle = LIFECYCLES[key]
    edge = cycle.edge(action)
    obj = _make(w, key, action, source)
    model = type(obj)
    assert getattr(obj, cycle.field) == source
    take = TAKE[("activity" if key in ActivityForm.values else key, action)]
    audits = AuditEvent.objects.filter(action=cycle.event_name(action), object_id=str(obj.pk))
    written_before = audits.count()  # reaching the state may have taken the same edge
    outcome: dict[str, str] = {}
    for role in ROLES:
        actor = _actor(w, role)
        fresh = model.objects.get(pk=obj.pk)
        offered = cycle.can(actor, fresh, action)
        published: list[Any] = []
        try:
            with (
                transaction.atomic(),
                mock.patch("ykien.core.lifecycle.publish", side_effect=published.append),
            ):
                try:
                    take(actor, fresh, w)
                except PermissionDenied:
                    outcome[role] = "refused"
                    assert not offered, (role, "offered but refused")
                    after = model.objects.get(pk=obj.pk)
                    assert getattr(after, cycle.field) == source, role
                    assert audits.count() == written_before, role
                    assert published == [], role
                    raise _Undo from None
                outcome[role] = "taken"
                assert offered, (role, "taken but not offered")
                after = model.objects.get(pk=obj.pk)
                if edge.target is not None:
                    assert getattr(after, cycle.field) == edge.target, role
                else:
                    assert getattr(after, cycle.field) == source, role
                    assert EFFECT[action](after, w), role
                assert audits.count() == written_before + 1, role
                audit = audits.latest("pk")
                assert audit.actor_id == (None if role == "system" else actor.pk), role
                assert [e.name for e in published] == [cycle.event_name(action)], role
                raise _Undo
        except _Undo:
            pass
    permitted = PERMITTED[edge.permission]
    assert outcome == {role: "taken" if role in permitted else "refused" for role in ROLES}


def test_every_edge_is_walked():
    """The cases cover each (lifecycle, edge, source state) once, and each has a way to be taken."""
    cases = {(p.values[0], p.values[1], p.values[2]) for p in _cases()}
    assert len(cases) == sum(
        len(edge.sources) for cycle in LIFECYCLES.values() for edge in cycle.edges
    )
    for key, action, _source in cases:
        assert ("activity" if key in ActivityForm.values else key, action) in TAKE
        assert LIFECYCLES[key].edge(action).permission in PERMITTED


def test_a_superuser_holds_every_permission_but_answering_for_a_unit(world):
    """The one superuser policy (``core.permissions``): every edge but the personal ones."""
    from ykien.core.tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True)
    rec = _recommendation(world, RecommendationStatus.ISSUED, board=False)
    assert {e.action for e in lc.RECOMMENDATION.actions(root, rec)} == {"escalate", "remind"}
    assert not lc.may_answer(root, rec)
    with pytest.raises(PermissionDenied):
        _answer(root, rec, AnswerKind.DONE, TODAY)


def test_none_is_never_an_actor(world):
    """``actor=None`` skips no check: refused like an anonymous visitor (jobs pass ``SYSTEM``)."""
    activity = _activity(world, ActivityForm.DOCUMENT_REVIEW, ActivityStatus.PLANNED)
    with pytest.raises(PermissionDenied):
        s.activity_start(actor=None, activity=activity)
    overdue = _recommendation(world, RecommendationStatus.ISSUED, board=False)
    with pytest.raises(PermissionDenied):
        s.recommendations_remind_overdue(actor=None, today=TODAY)
    assert Recommendation.objects.get(pk=overdue.pk).last_reminded_on is None
    assert s.recommendations_remind_overdue(actor=SYSTEM, today=TODAY, notify=False) == 1

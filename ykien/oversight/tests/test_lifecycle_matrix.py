"""Every edge of every supervision lifecycle (an activity per form, a recommendation, a Regulation
124 feedback, a programme and its items), from each of its source states, for every role: taken through the
service by those the edge's permission names (the status moves, the audit and the event are
written, the lifecycle offered it), refused with ``PermissionDenied`` for everyone else (nothing
changes, nothing is written, the lifecycle did not offer it).

The cases come from the declarations, so a new edge or source state is walked as soon as it is
declared (and fails here until this file knows how to reach its state and take it). Each role
acts in a savepoint that is rolled back, so all roles try the same record
(``core.tests.lifecycle_matrix``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from ykien.core.errors import PermissionDenied
from ykien.core.permissions import SYSTEM
from ykien.core.pii import SenderIdentity
from ykien.core.tests import lifecycle_matrix as matrix
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
from ykien.oversight.tests.conftest import (
    ISSUE_DAY,
    TODAY,
    World,
    decide,
    notify,
    planned,
    programme_2026,
    programme_item,
    report,
)

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
    "oversight.manage_programme": FRONT,
    "oversight.manage_activity": FRONT,
    "oversight.countersign": FRONT,  # the commune front over the board, or above
    "oversight.issue_recommendation": FRONT,
    "oversight.answer": {"respondent", "system"},
    "oversight.follow_up": FRONT,
    "oversight.assign_feedback": {"leader", "system"},
    # The status of a feedback: its assigned handler (none here) or a leader.
    "oversight.handle_feedback": {"leader", "system"},
}

LIFECYCLES = {
    "programme": lc.PROGRAMME,
    "programme_item": lc.PROGRAMME_ITEM,
    **{form: lc.ACTIVITY_LIFECYCLES[form] for form in ActivityForm.values},
    "recommendation": lc.RECOMMENDATION,
    "feedback": lc.FEEDBACK,
}


def _cases() -> list[Any]:
    return matrix.edge_cases(LIFECYCLES)


def _actor(w: World, role: str) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    if role == "system":
        return SYSTEM
    return getattr(w, role)


# --------------------------------------------------------------------------- reaching a state


def _programme(w: World) -> Programme:
    programme = programme_2026(w, actor=SYSTEM)
    programme_item(w, programme, actor=SYSTEM)
    return programme


def _activity(w: World, form: str, state: str) -> Activity:
    board = form == ActivityForm.BOARD
    activity = planned(
        w,
        form,
        actor=SYSTEM,
        unit=w.commune if board else w.province,
        subject=w.ubnd_xa if board else w.ubnd,
        board=w.board if board else None,
        led_by="Ban Kinh tế - Ngân sách HĐND tỉnh" if form == ActivityForm.JOINT else "",
    )
    steps: dict[str, Callable[[Activity], Activity]] = {
        ActivityStatus.PLANNED: lambda a: (
            decide(SYSTEM, a)
            if form == ActivityForm.TEAM
            else s.activity_start(actor=SYSTEM, activity=a, on=D(2026, 3, 5))
        ),
        ActivityStatus.DECIDED: lambda a: notify(SYSTEM, a),
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
    return report(SYSTEM, activity)


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
    if key == "programme_item":
        return _programme(w).items.get()
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
    ("programme_item", "edit"): lambda actor, i, w: s.programme_item_edit(
        actor=actor,
        item=i,
        content="Giám sát bồi thường, hỗ trợ, tái định cư",
        form=ActivityForm.TEAM,
        subject=w.ubnd,
        time_text="Quý III/2026",
        lead_unit=w.province,
        reason="Đối tượng xin lùi thời gian",
    ),
    ("programme_item", "cancel"): lambda actor, i, w: s.programme_item_cancel(
        actor=actor, item=i, reason="Đã giám sát chuyên đề này năm trước", on=D(2026, 3, 2)
    ),
    ("activity", "decide"): lambda actor, a, w: decide(actor, a),
    ("activity", "notify"): lambda actor, a, w: notify(actor, a),
    ("activity", "subject_report"): lambda actor, a, w: s.subject_report_receive(
        actor=actor, activity=a, received_on=D(2026, 4, 1)
    ),
    ("activity", "session"): lambda actor, a, w: s.team_session_record(
        actor=actor, activity=a, held_on=D(2026, 4, 8), minutes="Biên bản làm việc"
    ),
    ("activity", "start"): lambda actor, a, w: s.activity_start(
        actor=actor, activity=a, on=D(2026, 3, 5)
    ),
    ("activity", "report"): lambda actor, a, w: report(actor, a),
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
    "edit": lambda i, w: (
        i.time_text == "Quý III/2026"
        and i.events.get().changes
        == [
            {
                "field": "content",
                "before": "Giám sát bồi thường",
                "after": "Giám sát bồi thường, hỗ trợ, tái định cư",
            },
            {"field": "time_text", "before": "Quý II/2026", "after": "Quý III/2026"},
        ]
    ),
    "subject_report": lambda a, w: a.subject_report_received_on == D(2026, 4, 1),
    "countersign": lambda r, w: r.countersigned_at is not None,
    "remind": lambda r, w: r.last_reminded_on == TODAY,
    "assign": lambda f, w: f.handler_id == w.handler.pk,
}


@pytest.mark.parametrize(("key", "action", "source"), _cases())
def test_every_edge_for_every_role(world, key, action, source):
    w = world
    cycle = LIFECYCLES[key]
    take = TAKE[("activity" if key in ActivityForm.values else key, action)]

    def check(role, actor, moved):
        if cycle.edge(action).target is None:
            assert EFFECT[action](moved, w), role

    matrix.walk_edge(
        cycle,
        _make(w, key, action, source),
        action,
        actors={role: _actor(w, role) for role in ROLES},
        permitted=PERMITTED[cycle.edge(action).permission],
        people=set(ROLES) - {"anonymous", "system"},
        take=lambda actor, obj: take(actor, obj, w),
        check=check,
    )


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

"""Every edge of every lifecycle of the consultations app (``consultations.lifecycle``), walked
(``core.tests.lifecycle_matrix``) through the one transition service for each role: anonymous,
citizen, officer of another unit, officer of this unit, leader, respondent of the drafting unit,
an expert's link and the system. An allowed move changes the state, writes its audit record and
publishes its event; a refused one raises ``PermissionDenied`` and changes nothing; and no edge
moves a record from a state it does not start from."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from ykien.consultations import services
from ykien.consultations.lifecycle import COMMENT, DOCUMENT, DRAFT, POINT, STATEMENT, VERSION
from ykien.consultations.lifecycle import LIFECYCLES as ALL
from ykien.consultations.models import (
    Comment,
    CritiqueDocument,
    CritiquePoint,
    Invitation,
    Statement,
)
from ykien.consultations.permissions import ANSWER, HOLD, ISSUE, MANAGE, USE_LINK, LinkHolder
from ykien.consultations.tests.conftest import comment_on, make_draft
from ykien.core import events
from ykien.core.lifecycle import Lifecycle, transition
from ykien.core.permissions import SYSTEM
from ykien.core.tests import lifecycle_matrix as matrix
from ykien.experts.services import expert_create

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "citizen",
    "other_officer",
    "officer",
    "leader",
    "respondent",
    "expert_link",
    "system",
)
#: The roles that are a person (the log names them).
PEOPLE = {"citizen", "other_officer", "officer", "leader", "respondent"}
#: Who holds each permission an edge needs (on a record of a draft of this unit).
HOLDERS = {
    MANAGE: {"officer", "leader", "system"},
    ISSUE: {"leader", "system"},
    ANSWER: {"respondent", "system"},
    HOLD: {"system"},
    USE_LINK: {"expert_link", "system"},
}


def _record(lifecycle: Lifecycle, tree, people):
    """A record of ``lifecycle`` on a published draft of the Vĩnh Long front committee."""
    draft = make_draft(tree, people.officer)
    if lifecycle is DRAFT:
        return draft
    if lifecycle is VERSION:
        return draft.current_version
    if lifecycle is COMMENT:
        return comment_on(
            draft, people.citizen, stance="disagree", reasons="Chưa rõ đối tượng được hỗ trợ."
        )
    if lifecycle is STATEMENT:
        return services.statement_propose(
            draft=draft,
            participant=services.Participant.of_user(people.citizen),
            text="Nên hỗ trợ thêm hợp tác xã mới thành lập.",
        )
    if lifecycle is DOCUMENT:
        return CritiqueDocument.objects.create(
            draft=draft,
            number_symbol="12/VB-MTTQ-BTT",
            place="Vĩnh Long",
            intro="Ban Thường trực có ý kiến phản biện như sau:",
            recipients="Ủy ban nhân dân tỉnh",
            signer_title="CHỦ TỊCH",
            signer_name="Trần Văn Hùng",
        )
    if lifecycle is POINT:
        return CritiquePoint.objects.create(
            draft=draft, position=1, title="Đối tượng", text="Làm rõ đối tượng."
        )
    expert = expert_create(
        actor=SYSTEM,
        unit=tree.prov_new,
        data={"full_name": "Võ Thanh Bình", "fields": "hợp tác xã", "email": "binh@example.vn"},
    )
    return Invitation.objects.create(
        draft=draft,
        expert=expert,
        expert_name="Võ Thanh Bình",
        email="binh@example.vn",
        digest="0" * 64,
        due=draft.comment_end,
    )


def _actor(role: str, people, record):
    if role == "anonymous":
        return AnonymousUser()
    if role == "system":
        return SYSTEM
    if role == "expert_link":
        # The holder of this invitation's link; for any other record, of no record of it.
        return LinkHolder(record.pk if isinstance(record, Invitation) else -1)
    return getattr(people, role)


LIFECYCLES = {lifecycle.name: lifecycle for lifecycle in ALL}


def _engine(lifecycle: Lifecycle, action: str):
    return lambda actor, record: transition(lifecycle, actor=actor, obj=record, action=action)


@pytest.mark.parametrize(("key", "action", "source"), matrix.edge_cases(LIFECYCLES))
def test_each_edge_is_taken_by_the_roles_holding_its_permission(tree, people, key, action, source):
    lifecycle = LIFECYCLES[key]
    record = matrix.set_state(lifecycle, _record(lifecycle, tree, people), source)
    matrix.walk_edge(
        lifecycle,
        record,
        action,
        actors={role: _actor(role, people, record) for role in ROLES},
        permitted=HOLDERS[lifecycle.edge(action).permission],
        people=PEOPLE,
        take=_engine(lifecycle, action),
    )


@pytest.mark.parametrize(("key", "action", "state"), matrix.undeclared_cases(LIFECYCLES))
def test_no_edge_moves_a_record_from_a_state_it_does_not_start_from(
    tree, people, key, action, state
):
    lifecycle = LIFECYCLES[key]
    record = matrix.set_state(lifecycle, _record(lifecycle, tree, people), state)
    matrix.refuse_undeclared(lifecycle, record, action)


def test_a_move_made_by_a_service_publishes_its_event_on_commit(
    tree, people, django_capture_on_commit_callbacks
):
    draft = make_draft(tree, people.officer)
    comment = Comment.objects.create(
        draft=draft,
        version=draft.current_version,
        stance="agree",
        reasons="Đồng ý.",
        participant="a:x",
        author_kind="anonymous",
    )
    statement = Statement.objects.create(draft=draft, text="Nên làm.", participant="a:y")
    received: list[events.Event] = []
    events.subscribe("consultations.comment.*", received.append)
    events.subscribe("consultations.statement.*", received.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.comment_moderate(
                actor=people.officer, comment=comment, to="hidden", reason="Lạc đề, quảng cáo."
            )
            services.statement_moderate(actor=people.officer, statement=statement, to="active")
    finally:
        events.unsubscribe("consultations.comment.*", received.append)
        events.unsubscribe("consultations.statement.*", received.append)
    assert [(e.name, e.before, e.after, e.actor_id, e.unit_id) for e in received] == [
        ("consultations.comment.hide", "visible", "hidden", people.officer.pk, tree.prov_new.pk),
        (
            "consultations.statement.approve",
            "pending",
            "active",
            people.officer.pk,
            tree.prov_new.pk,
        ),
    ]

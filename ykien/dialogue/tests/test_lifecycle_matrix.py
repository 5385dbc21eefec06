"""Every edge of the dialogue lifecycles (a dialogue, a question, a commitment), from each of its
source states, for every role: taken through the service by those the edge's permission names
(the status moves, the audit and the event are written, the lifecycle offered it), refused with
``PermissionDenied`` for everyone else; and every move not declared, refused even to the system
(``core.tests.lifecycle_matrix``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from ykien.core.errors import PermissionDenied
from ykien.core.permissions import SYSTEM
from ykien.core.tests import lifecycle_matrix as matrix
from ykien.core.tests.factories import UserFactory
from ykien.dialogue import lifecycle as lc
from ykien.dialogue import services as s
from ykien.dialogue.models import (
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueStatus,
    Question,
    QuestionStatus,
)
from ykien.dialogue.tests.conftest import World, ask, commitment_in, dialogue_in

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "citizen",
    "other_officer",
    "officer",
    "leader",
    "province_officer",  # at the front above: covers the commune's records
    "head_office",
    "respondent",
    "system",
    "superuser",
)
MANAGERS = {"officer", "leader", "province_officer", "system", "superuser"}
PERMITTED = {
    "dialogue.manage": MANAGERS,
    "dialogue.issue_minutes": {"leader", "system", "superuser"},
    # Personal: the superuser holds it only if named.
    "dialogue.answer_commitment": {"head_office", "respondent", "system"},
    "dialogue.follow_up": MANAGERS,
}
LIFECYCLES = {"dialogue": lc.DIALOGUE, "question": lc.QUESTION, "commitment": lc.COMMITMENT}


def _actor(w: World, role: str, superuser: Any) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    if role == "system":
        return SYSTEM
    if role == "superuser":
        return superuser
    return getattr(w, role)


def _question(w: World, state: str) -> Question:
    dialogue = dialogue_in(w, DialogueStatus.OPEN)
    question = ask(dialogue)
    s.dialogue_hold(actor=SYSTEM, dialogue=dialogue)
    question.refresh_from_db()
    if state == QuestionStatus.ANSWERED:
        s.question_answer(actor=SYSTEM, question=question, answer="Tháng tới khởi công.")
    elif state == QuestionStatus.HIDDEN:
        s.question_hide(actor=SYSTEM, question=question, reason="Trùng nội dung")
    return Question.objects.get(pk=question.pk)


def _make(w: World, key: str, state: str) -> Any:
    if key == "dialogue":
        return dialogue_in(w, state)
    if key == "question":
        return _question(w, state)
    return commitment_in(w, state)


TAKE: dict[tuple[str, str], Callable[[Any, Any], Any]] = {
    ("dialogue", "announce"): lambda a, d: s.dialogue_announce(actor=a, dialogue=d),
    ("dialogue", "open_questions"): lambda a, d: s.dialogue_open_questions(actor=a, dialogue=d),
    ("dialogue", "hold"): lambda a, d: s.dialogue_hold(actor=a, dialogue=d),
    ("dialogue", "issue_minutes"): lambda a, d: s.dialogue_issue_minutes(
        actor=a, dialogue=d, number="2/BB", summary="Diễn biến hội nghị."
    ),
    ("dialogue", "close"): lambda a, d: s.dialogue_close(actor=a, dialogue=d),
    ("dialogue", "cancel"): lambda a, d: s.dialogue_cancel(actor=a, dialogue=d, reason="Hoãn"),
    ("question", "answer"): lambda a, q: s.question_answer(actor=a, question=q, answer="Có."),
    ("question", "hide"): lambda a, q: s.question_hide(actor=a, question=q, reason="Trùng"),
    ("commitment", "keep"): lambda a, c: s.commitment_answer(
        actor=a, commitment=c, kept=True, text="Đã làm."
    ),
    ("commitment", "not_keep"): lambda a, c: s.commitment_answer(
        actor=a, commitment=c, kept=False, text="Chưa bố trí được vốn."
    ),
    ("commitment", "escalate"): lambda a, c: s.commitment_escalate(actor=a, commitment=c),
    ("commitment", "close"): lambda a, c: s.commitment_close(actor=a, commitment=c),
}


@pytest.mark.parametrize(("key", "action", "source"), matrix.edge_cases(LIFECYCLES))
def test_every_edge_for_every_role(world, key, action, source):
    superuser = UserFactory(username="quantri", is_superuser=True)
    cycle = LIFECYCLES[key]
    matrix.walk_edge(
        cycle,
        _make(world, key, source),
        action,
        actors={role: _actor(world, role, superuser) for role in ROLES},
        permitted=PERMITTED[cycle.edge(action).permission],
        people=set(ROLES) - {"anonymous", "system"},
        take=TAKE[(key, action)],
    )


@pytest.mark.parametrize(("key", "action", "state"), matrix.undeclared_cases(LIFECYCLES))
def test_every_undeclared_move_is_refused(world, key, action, state):
    matrix.refuse_undeclared(
        LIFECYCLES[key], _make(world, key, state), action, take=TAKE[(key, action)]
    )


def test_every_edge_is_walked():
    cases = {tuple(p.values) for p in matrix.edge_cases(LIFECYCLES)}
    assert len(cases) == sum(len(e.sources) for c in LIFECYCLES.values() for e in c.edges)
    for key, action, _source in cases:
        assert (key, action) in TAKE
        assert LIFECYCLES[key].edge(action).permission in PERMITTED


def test_a_superuser_may_not_answer_for_the_addressee(world):
    root = UserFactory(username="root", is_superuser=True)
    commitment = commitment_in(world, CommitmentStatus.OPEN)
    assert {e.action for e in lc.commitment_actions(root, commitment)} == {"escalate"}
    with pytest.raises(PermissionDenied):
        s.commitment_answer(actor=root, commitment=commitment, kept=True, text="Xong.")


def test_none_is_never_an_actor(world):
    dialogue = dialogue_in(world, DialogueStatus.PLANNED)
    with pytest.raises(PermissionDenied):
        s.dialogue_announce(actor=None, dialogue=dialogue)
    commitment_in(world, CommitmentStatus.OPEN)
    with pytest.raises(PermissionDenied):
        s.commitments_escalate_overdue(actor=None)
    assert Commitment.objects.get().status == CommitmentStatus.OPEN
    assert Dialogue.objects.get(pk=dialogue.pk).status == DialogueStatus.PLANNED

"""Every edge of the submission's lifecycle (``reporting.lifecycle.SUBMISSION``), walked by every
role (``core.tests.lifecycle_matrix``): anonymous, citizen, officer of another unit, officer of
this unit, leader, respondent, the system and a superuser. An allowed move changes the state and
writes the audit record and the event; a refused one raises and changes nothing. Every move the
lifecycle does not declare is refused, even to the system."""

from __future__ import annotations

import datetime as dt

import pytest

from ykien.core.errors import PermissionDenied
from ykien.core.permissions import SYSTEM
from ykien.core.tests import lifecycle_matrix as matrix
from ykien.reporting import services
from ykien.reporting.lifecycle import SUBMISSION
from ykien.reporting.models import Submission

from .conftest import at, full

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2025, 10, 2), 10)
# Who may take each action (reporting.permissions): entering is the unit's officers' and leaders'
# work, deciding the leaders'; Django's policy gives a superuser every permission.
ALLOWED = {
    "submitted": {"officer", "leader", "system", "superuser"},
    "approved": {"leader", "system", "superuser"},
    "returned": {"leader", "system", "superuser"},
}
LIFECYCLES = {"submission": SUBMISSION}


@pytest.fixture
def actors(tree):
    return matrix.unit_actors(
        unit=tree.commune_new, leader_unit=tree.prov_new, other_unit=tree.prov_b
    )


@pytest.fixture
def submission(tree, indicators):
    period = services.period_ensure(actor=SYSTEM, code="2025-Q3")
    return services.submission_save(
        actor=SYSTEM, unit=tree.commune_new, period=period, values=full(DV=3), now=NOW
    )


def _take(action):
    return lambda actor, submission: services.submission_transition(
        actor=actor,
        submission=submission,
        to=action,
        comment="Kiểm tra lại số liệu",
        now=NOW,
        notify=False,
    )


@pytest.mark.parametrize(("key", "action", "source"), matrix.edge_cases(LIFECYCLES))
def test_every_edge_for_every_role(submission, actors, key, action, source):
    def check(role, actor, moved):
        person = None if actor is SYSTEM else actor
        if action == "submitted":
            assert (moved.submitted_by, moved.submitted_at) == (person, NOW)
        else:
            assert (moved.decided_by, moved.decided_at) == (person, NOW)

    matrix.walk_edge(
        SUBMISSION,
        matrix.set_state(SUBMISSION, submission, source),
        action,
        actors=actors,
        permitted=ALLOWED[action],
        people=matrix.UNIT_PEOPLE,
        take=_take(action),
        check=check,
    )


@pytest.mark.parametrize(("key", "action", "state"), matrix.undeclared_cases(LIFECYCLES))
def test_every_move_not_declared_is_refused_even_to_the_system(submission, key, action, state):
    matrix.refuse_undeclared(
        SUBMISSION, matrix.set_state(SUBMISSION, submission, state), action, _take(action)
    )


def test_none_is_not_an_actor(submission):
    with pytest.raises(PermissionDenied):
        services.submission_transition(actor=None, submission=submission, to="submitted", now=NOW)
    with pytest.raises(PermissionDenied):
        services.submission_save(
            actor=None, unit=submission.unit, period=submission.period, values={}, now=NOW
        )
    with pytest.raises(PermissionDenied):
        services.period_ensure(actor=None, code="2025-Q4")


@pytest.mark.parametrize("role", matrix.UNIT_ROLES)
def test_the_lifecycle_lists_what_each_role_may_do_now(submission, actors, role):
    """What the entry page asks (``SUBMISSION.can``) before it shows the leader's decision."""
    matrix.set_state(SUBMISSION, submission, Submission.Status.SUBMITTED)
    actor = actors[role]
    assert SUBMISSION.can(actor, submission, "approved") == (role in ALLOWED["approved"])
    assert [e.action for e in SUBMISSION.actions(actor, submission)] == (
        ["approved", "returned"] if role in ALLOWED["approved"] else []
    )

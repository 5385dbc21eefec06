"""Every edge of the submission's lifecycle (``reporting.lifecycle.SUBMISSION``), walked by every
role: anonymous, citizen, officer of another unit, officer of this unit, leader, respondent,
the system and a superuser. An allowed move changes the state and writes the audit record and
the event; a refused one raises and changes nothing. Every move the lifecycle does not declare
is refused, even to the system."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from ykien.core import events
from ykien.core.errors import InvalidTransition, PermissionDenied
from ykien.core.models import AuditEvent, Role
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant
from ykien.reporting import services
from ykien.reporting.lifecycle import SUBMISSION
from ykien.reporting.models import Submission

from .conftest import at, full

pytestmark = pytest.mark.django_db
NOW = at(dt.date(2025, 10, 2), 10)
ROLES = (
    "anonymous",
    "citizen",
    "officer_other",
    "officer",
    "leader",
    "respondent",
    "system",
    "superuser",
)
# Who may take each action (reporting.permissions): entering is the unit's officers' and leaders'
# work, deciding the leaders'; Django's policy gives a superuser every permission.
ALLOWED = {
    "submitted": {"officer", "leader", "system", "superuser"},
    "approved": {"leader", "system", "superuser"},
    "returned": {"leader", "system", "superuser"},
}
EDGES = [(edge.action, source) for edge in SUBMISSION.edges for source in sorted(edge.sources)]
STATES = [str(s) for s in Submission.Status.values]


@pytest.fixture
def actors(tree):
    since = dt.date(2025, 7, 1)

    def person(name, unit=None, role=None, **extra):
        user = UserFactory(username=name, **extra)
        if role is not None:
            grant(user, unit, role, valid_from=since)
        return user

    return {
        "anonymous": AnonymousUser(),
        "citizen": person("dan"),
        "officer_other": person("canbo.khac", tree.prov_b, Role.OFFICER),
        "officer": person("canbo.xa", tree.commune_new, Role.OFFICER),
        "leader": person("lanhdao.tinh", tree.prov_new, Role.LEADER),
        "respondent": person("traloi", tree.commune_new, Role.RESPONDENT),
        "system": SYSTEM,
        "superuser": person("quantri", is_superuser=True),
    }


@pytest.fixture
def submission(tree, indicators):
    period = services.period_ensure(actor=SYSTEM, code="2025-Q3")
    return services.submission_save(
        actor=SYSTEM, unit=tree.commune_new, period=period, values=full(DV=3), now=NOW
    )


@pytest.fixture
def received():
    got: list[events.Event] = []
    events.subscribe("reporting.submission.*", got.append)
    yield got
    events.unsubscribe("reporting.submission.*", got.append)


def _at(submission, state):
    Submission.objects.filter(pk=submission.pk).update(status=state)
    submission.refresh_from_db()
    return submission


def _walk(submission, actor, role, action, source, received, capture) -> None:
    _at(submission, source)
    received.clear()
    move = {"actor": actor, "submission": submission, "to": action, "now": NOW}
    if role not in ALLOWED[action]:
        with pytest.raises(PermissionDenied):
            services.submission_transition(**move, comment="Kiểm tra lại số liệu")
        submission.refresh_from_db()
        assert submission.status == source
        assert not AuditEvent.objects.filter(action=f"reporting.submission.{action}").exists()
        return
    with capture(execute=True):
        moved = services.submission_transition(**move, comment="Kiểm tra lại số liệu", notify=False)
    target = SUBMISSION.edge(action).target
    assert moved.status == target
    person = None if actor is SYSTEM else actor
    audit = AuditEvent.objects.get(action=f"reporting.submission.{action}")
    assert (audit.actor, audit.unit, audit.before["status"], audit.after["status"]) == (
        person,
        submission.unit,
        source,
        target,
    )
    assert [(e.name, e.before, e.after, e.object_id) for e in received] == [
        (f"reporting.submission.{action}", source, target, str(submission.pk))
    ]
    if action == "submitted":
        assert (moved.submitted_by, moved.submitted_at) == (person, NOW)
    else:
        assert (moved.decided_by, moved.decided_at) == (person, NOW)


@pytest.mark.parametrize(("action", "source"), EDGES)
def test_every_edge_for_every_role(
    submission, actors, received, django_capture_on_commit_callbacks, action, source
):
    for role in ROLES:  # each role from the same starting point (a savepoint rolled back)
        savepoint = transaction.savepoint()
        try:
            _walk(
                submission,
                actors[role],
                role,
                action,
                source,
                received,
                django_capture_on_commit_callbacks,
            )
        except AssertionError as failed:
            raise AssertionError(f"{action} from {source} by {role}: {failed}") from failed
        finally:
            transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (edge.action, state)
        for edge in SUBMISSION.edges
        for state in STATES
        if state not in edge.sources
    ],
)
def test_every_move_not_declared_is_refused_even_to_the_system(submission, action, state):
    _at(submission, state)
    with pytest.raises(InvalidTransition):
        services.submission_transition(
            actor=SYSTEM, submission=submission, to=action, comment="Kiểm tra lại", now=NOW
        )
    submission.refresh_from_db()
    assert submission.status == state
    assert (
        not AuditEvent.objects.filter(action__startswith="reporting.submission.")
        .exclude(action="reporting.submission.save")
        .exists()
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


@pytest.mark.parametrize("role", ROLES)
def test_the_lifecycle_lists_what_each_role_may_do_now(submission, actors, role):
    """What the entry page asks (``SUBMISSION.can``) before it shows the leader's decision."""
    _at(submission, Submission.Status.SUBMITTED)
    actor = actors[role]
    assert SUBMISSION.can(actor, submission, "approved") == (role in ALLOWED["approved"])
    assert [e.action for e in SUBMISSION.actions(actor, submission)] == (
        ["approved", "returned"] if role in ALLOWED["approved"] else []
    )

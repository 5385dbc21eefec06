"""The one harness of the lifecycle matrices (``<app>/tests/test_lifecycle_matrix.py``; not a
test module). Each app's matrix keeps to its own table: its roles and who holds each permission,
how to bring a record to a state and how its service takes an edge. The harness walks:

- every edge of a lifecycle from each of its source states (``edge_cases``), tried by every role,
  each in a savepoint rolled back afterwards so that all roles meet the same record
  (``walk_edge``): a role holding the edge's permission moves the record — the state is the
  edge's target (or stays, for an edge without one), one audit record names the actor and the
  move, one event ``<name>.<action>`` is published, and the lifecycle offered it; every other role
  is refused with ``PermissionDenied`` — nothing changes, nothing is written or published, and
  the lifecycle did not offer it;
- every move a lifecycle does not declare (``undeclared_cases``), refused with
  ``InvalidTransition`` even to the system, changing nothing (``refuse_undeclared``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from ykien.core.errors import InvalidTransition, PermissionDenied
from ykien.core.lifecycle import Lifecycle, transition
from ykien.core.models import AuditEvent, Role, Unit
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant

#: Takes the edge under test on a record, through the app's service: ``take(actor, record)``.
Take = Callable[[Any, Any], Any]


def unit_actors(*, unit: Unit, leader_unit: Unit, other_unit: Unit, officer: Any = None) -> dict:
    """The roles a unit's matrix tries, by name: ``anonymous``; a ``citizen``;
    ``officer_other``, an officer of ``other_unit``; ``officer`` (given, or made) and
    ``respondent`` of ``unit``; ``leader`` of ``leader_unit``; the ``system``; a ``superuser``."""
    since = dt.date(2025, 7, 1)

    def person(name: str, at: Unit | None = None, role: str | None = None, **extra: Any) -> Any:
        user = UserFactory(username=name, **extra)
        if role is not None:
            grant(user, at, role, valid_from=since)
        return user

    return {
        "anonymous": AnonymousUser(),
        "citizen": person("dan"),
        "officer_other": person("canbo.khac", other_unit, Role.OFFICER),
        "officer": officer or person("canbo", unit, Role.OFFICER),
        "leader": person("lanhdao", leader_unit, Role.LEADER),
        "respondent": person("traloi", unit, Role.RESPONDENT),
        "system": SYSTEM,
        "superuser": person("quantri", is_superuser=True),
    }


#: The roles of ``unit_actors``, and those of them the audit names as a person.
UNIT_ROLES = (
    "anonymous",
    "citizen",
    "officer_other",
    "officer",
    "leader",
    "respondent",
    "system",
    "superuser",
)
UNIT_PEOPLE = frozenset(
    {"citizen", "officer_other", "officer", "leader", "respondent", "superuser"}
)


def edge_cases(lifecycles: Mapping[str, Lifecycle], *, skip: Collection[str] = ()) -> list[Any]:
    """One case ``(key, action, source)`` per edge of each lifecycle and per state it starts
    from (``skip``: actions not taken through a service, such as a creation)."""
    return [
        pytest.param(key, edge.action, source, id=f"{key}-{edge.action}-{source}")
        for key, lifecycle in lifecycles.items()
        for edge in lifecycle.edges
        if edge.action not in skip
        for source in sorted(edge.sources)
    ]


def undeclared_cases(
    lifecycles: Mapping[str, Lifecycle], *, skip: Collection[str] = ()
) -> list[Any]:
    """One case ``(key, action, state)`` per edge of each lifecycle and per state it does not
    start from."""
    return [
        pytest.param(key, edge.action, state, id=f"{key}-{edge.action}-{state}")
        for key, lifecycle in lifecycles.items()
        for edge in lifecycle.edges
        if edge.action not in skip
        for state in lifecycle.states.values
        if state not in edge.sources
    ]


def set_state(lifecycle: Lifecycle, record: Any, state: str) -> Any:
    """``record`` put in ``state`` directly (no transition, nothing written)."""
    lifecycle.model._default_manager.filter(pk=record.pk).update(**{lifecycle.field: state})
    record.refresh_from_db()
    return record


class _Undo(Exception):
    """Rolls back what one role did, so that the next role meets the same record."""


def _state(lifecycle: Lifecycle, record: Any) -> str:
    return str(getattr(lifecycle.model._default_manager.get(pk=record.pk), lifecycle.field))


def walk_edge(
    lifecycle: Lifecycle,
    record: Any,
    action: str,
    *,
    actors: Mapping[str, Any],
    permitted: Collection[str],
    people: Collection[str],
    take: Take,
    check: Callable[[str, Any, Any], None] | None = None,
) -> None:
    """Every role of ``actors`` takes ``action`` on ``record`` (in a state the edge starts from)
    with ``take``. The roles of ``permitted`` move it, the others are refused (see the module's
    docstring); the audit names the actor for the roles of ``people``, no one for the others.
    ``check(role, actor, moved)`` adds the app's own assertions on a move (the row as saved)."""
    edge = lifecycle.edge(action)
    event = lifecycle.event_name(action)
    source = _state(lifecycle, record)
    assert source in edge.sources, (action, source)
    target = edge.target or source
    audits = AuditEvent.objects.filter(action=event, object_id=str(record.pk))
    written = audits.count()  # reaching the state may have taken the same edge
    outcomes = {}
    for role, actor in actors.items():
        fresh = lifecycle.model._default_manager.get(pk=record.pk)
        offered = lifecycle.can(actor, fresh, action)
        published: list[Any] = []
        try:
            with (
                transaction.atomic(),
                mock.patch("ykien.core.lifecycle.publish", side_effect=published.append),
            ):
                try:
                    take(actor, fresh)
                except PermissionDenied:
                    outcomes[role] = (offered, "refused")
                    assert (_state(lifecycle, record), audits.count()) == (source, written), role
                    assert published == [], role
                    raise _Undo from None
                outcomes[role] = (offered, "moved")
                moved = lifecycle.model._default_manager.get(pk=record.pk)
                assert str(getattr(moved, lifecycle.field)) == target, role
                assert audits.count() == written + 1, role
                audit = audits.latest("pk")
                person = actor.pk if role in people else None
                assert (audit.actor_id, audit.unit) == (person, lifecycle.unit(moved)), role
                if target != source:
                    states = (audit.before[lifecycle.field], audit.after[lifecycle.field])
                    assert states == (source, target), role
                assert [(e.name, e.object_id, e.before, e.after) for e in published] == [
                    (event, str(record.pk), source, target)
                ], role
                if check is not None:
                    check(role, actor, moved)
                raise _Undo
        except _Undo:
            pass
    assert outcomes == {
        role: (True, "moved") if role in permitted else (False, "refused") for role in actors
    }


def refuse_undeclared(
    lifecycle: Lifecycle, record: Any, action: str, take: Take | None = None
) -> None:
    """``action``, from the state ``record`` is in (one the edge does not start from), is not
    offered even to the system and taking it (``take(SYSTEM, record)``; by default the engine's
    ``transition``) raises ``InvalidTransition``; nothing changes and no audit record is
    written."""

    def engine(actor: Any, obj: Any) -> Any:
        return transition(lifecycle, actor=actor, obj=obj, action=action)

    state = _state(lifecycle, record)
    assert state not in lifecycle.edge(action).sources, (action, state)
    audits = AuditEvent.objects.filter(object_id=str(record.pk)).count()
    assert not lifecycle.can(SYSTEM, record, action)
    with pytest.raises(InvalidTransition):
        (take or engine)(SYSTEM, record)
    assert _state(lifecycle, record) == state
    assert AuditEvent.objects.filter(object_id=str(record.pk)).count() == audits

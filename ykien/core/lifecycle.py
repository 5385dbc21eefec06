"""The one lifecycle engine: each entity declares its states and allowed transitions once, and
one service moves it.

An app declares, next to its models::

    PETITION = Lifecycle(
        name="petitions.petition",
        model=Petition,
        states=Status,
        edges=(
            # action, from (sources), to (target; None: the state stays), permission, label
            Edge("accept", {Status.RECEIVED}, Status.ACCEPTED, "petitions.handle", _("Thụ lý"),
                 rule="complaint.accept"),
            Edge("assign", {Status.RECEIVED, Status.ACCEPTED}, None, "petitions.assign",
                 _("Giao cán bộ xử lý")),
        ),
        history=write_petition_step,
    )

and its services call ``transition(PETITION, actor=…, obj=…, action="accept", apply=…)``,
which, in one transaction:

1. locks the row (``SELECT … FOR UPDATE``; SQLite serialises writers anyway);
2. checks the permission of the edge (``core.permissions.require``), then that the edge is
   allowed from the current state;
3. sets the new state and applies the service's own changes (``apply``: deadlines, answer
   texts …) and saves;
4. writes the entity's history (the lifecycle's ``history`` callback) and the audit record;
5. publishes one domain event, ``<name>.<action>``, delivered on commit (``core.events``).

Views and templates ask ``lifecycle.actions(actor, obj)`` which actions an actor may take now;
they never work it out again. Deadline rules named by an edge are there so that the rule table,
the docs and the tests can list which step starts which legal period; the service computes the
date with ``core.calendar`` inside ``apply``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ykien.core.audit import audit_record, snapshot
from ykien.core.codes import ErrorCode
from ykien.core.errors import InvalidTransition
from ykien.core.events import Event, publish
from ykien.core.permissions import Actor, allows, is_system, require


@dataclass(frozen=True)
class Edge:
    """One allowed transition: ``action`` moves a record from any of ``sources`` to ``target``
    (``None``: the state stays, as when a petition is re-assigned)."""

    action: str
    sources: frozenset[str]
    target: str | None
    permission: str
    label: Any = ""
    rule: str | None = None

    def __init__(
        self,
        action: str,
        sources: Iterable[str],
        target: str | None,
        permission: str,
        label: Any = "",
        *,
        rule: str | None = None,
    ) -> None:
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "sources", frozenset(str(s) for s in sources))
        object.__setattr__(self, "target", None if target is None else str(target))
        object.__setattr__(self, "permission", permission)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "rule", rule)

    @classmethod
    def to(
        cls,
        target: str,
        sources: Iterable[str],
        permission: str,
        label: Any = "",
        *,
        rule: str | None = None,
    ) -> Edge:
        """An edge whose action is named after the state it leads to (``published``), so that
        the audit log and the events say where the record went."""
        return cls(str(target), sources, target, permission, label, rule=rule)


@dataclass(frozen=True)
class Step:
    """What a history writer receives: the record (locked, saved), the edge taken and who took it."""

    lifecycle: Lifecycle
    edge: Edge
    obj: Any
    actor: Actor
    before: str
    after: str
    reason: str
    data: dict[str, Any]


def _unit_of(obj: Any) -> Any:
    return getattr(obj, "unit", None)


@dataclass(frozen=True)
class Lifecycle:
    """The states and allowed transitions of one entity, declared once."""

    name: str
    model: type[models.Model]
    states: Any  # a TextChoices class
    edges: tuple[Edge, ...]
    field: str = "status"
    unit: Callable[[Any], Any] = _unit_of
    history: Callable[[Step], None] | None = None
    audit_exclude: tuple[str, ...] = ()
    # Relations read with the locked row (only the row itself is locked): those the permission,
    # ``unit`` and ``history`` read, so that they cost no query of their own.
    related: tuple[str, ...] = ()
    _by_action: dict[str, Edge] = dc_field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        known = {str(value) for value in self.states.values}
        for edge in self.edges:
            if edge.action in self._by_action:
                raise ValueError(f"{self.name}: action {edge.action!r} declared twice")
            unknown = (edge.sources | ({edge.target} if edge.target else set())) - known
            if unknown:
                raise ValueError(f"{self.name}.{edge.action}: unknown states {sorted(unknown)}")
            self._by_action[edge.action] = edge

    def edge(self, action: str) -> Edge:
        try:
            return self._by_action[action]
        except KeyError:
            raise InvalidTransition(
                _("Thao tác không hợp lệ."), code=ErrorCode.UNKNOWN_ACTION, field="action"
            ) from None

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return str(state)

    def edges_from(self, state: str) -> list[Edge]:
        return [edge for edge in self.edges if str(state) in edge.sources]

    def can(self, actor: Actor, obj: Any, action: str) -> bool:
        """May ``actor`` take ``action`` on ``obj`` now (permission and edge)?"""
        edge = self._by_action.get(action)
        if edge is None or str(getattr(obj, self.field)) not in edge.sources:
            return False
        return allows(actor, edge.permission, obj)

    def actions(self, actor: Actor, obj: Any) -> list[Edge]:
        """The edges ``actor`` may take on ``obj`` in its current state, in declaration order."""
        state = str(getattr(obj, self.field))
        return [
            edge
            for edge in self.edges
            if state in edge.sources and allows(actor, edge.permission, obj)
        ]

    def event_name(self, action: str) -> str:
        return f"{self.name}.{action}"


def transition(
    lifecycle: Lifecycle,
    *,
    actor: Actor,
    obj: Any,
    action: str,
    apply: Callable[[Any], None] | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    ip: str | None = None,
) -> Any:
    """Move ``obj`` along ``action``: lock, permission, edge, change, history, audit, event.

    ``apply(locked)`` makes the service's own changes on the locked row before it is saved (and
    may raise a ``DomainError`` to refuse: nothing is then written). ``data`` (the history's and
    the event's payload) is read once ``apply`` has run, so ``apply`` may add to it what it
    computed; ``ip`` is recorded in the audit record. Returns the saved row; the
    caller's ``obj`` is refreshed from it. Raises ``PermissionDenied`` or ``InvalidTransition``.
    """
    edge = lifecycle.edge(action)
    with transaction.atomic():
        rows = lifecycle.model._default_manager.select_for_update(of=("self",))
        if lifecycle.related:  # (no argument would follow every relation)
            rows = rows.select_related(*lifecycle.related)
        locked = rows.get(pk=obj.pk)
        require(actor, edge.permission, locked)
        state = str(getattr(locked, lifecycle.field))
        if state not in edge.sources:
            raise InvalidTransition(
                _("Không thể thực hiện “%(action)s” khi đang ở trạng thái “%(state)s”.")
                % {"action": edge.label or action, "state": lifecycle.state_label(state)},
                code=ErrorCode.INVALID_TRANSITION,
            )
        before = snapshot(locked, exclude=lifecycle.audit_exclude)
        if edge.target is not None:
            setattr(locked, lifecycle.field, edge.target)
        if apply is not None:
            apply(locked)
        locked.save()
        after_state = str(getattr(locked, lifecycle.field))
        payload = dict(data or {})
        if lifecycle.history is not None:
            lifecycle.history(
                Step(lifecycle, edge, locked, actor, state, after_state, reason, payload)
            )
        unit = lifecycle.unit(locked)
        audit_record(
            actor=None if is_system(actor) else actor,
            action=lifecycle.event_name(action),
            obj=locked,
            unit=unit,
            before=before,
            after=snapshot(locked, exclude=lifecycle.audit_exclude),
            reason=reason,
            ip=ip,
        )
        publish(
            Event(
                name=lifecycle.event_name(action),
                object_type=locked._meta.label_lower,
                object_id=str(locked.pk),
                actor_id=None if is_system(actor) else getattr(actor, "pk", None),
                unit_id=getattr(unit, "pk", None),
                before=state,
                after=after_state,
                data=payload,
            )
        )
    if locked is not obj:
        for f in lifecycle.model._meta.concrete_fields:
            setattr(obj, f.attname, getattr(locked, f.attname))
    return locked

"""What the petitions services share: their "today", deadlines of the petition's steps and the
routing of a unit no longer in force."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.utils.translation import gettext as _

from ykien.core.calendar import Deadline, deadline
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Unit
from ykien.core.permissions import Actor
from ykien.core.selectors import today as local_today
from ykien.core.selectors import unit_successors
from ykien.petitions import lifecycle
from ykien.petitions.codes import ErrorCode
from ykien.petitions.models import Kind, Petition

_as_of: ContextVar[dt.date | None] = ContextVar("petitions_services_as_of", default=None)


def today() -> dt.date:
    """The day the services record steps on: today in Asia/Ho_Chi_Minh, or the day set by
    :func:`as_of`."""
    return _as_of.get() or local_today()


@contextlib.contextmanager
def as_of(day: dt.date) -> Iterator[None]:
    """Run the services as if today were ``day`` (the demo replays a past year through them, so
    deadlines, steps and statistics are real)."""
    token = _as_of.set(day)
    try:
        yield
    finally:
        _as_of.reset(token)


def set_due(petition: Petition, due: Deadline | None) -> None:
    """The deadline of the step now open, with its legal basis (for the due-soon and overdue
    lists)."""
    petition.due_date = due.due if due else None
    petition.due_basis = f"{due.name}: {lifecycle.stored_description(due)}" if due else ""


def accept_deadline(petition: Petition, start: dt.date) -> Deadline:
    rule = lifecycle.ACCEPT_RULE[Kind(petition.kind)]
    return deadline(rule, start, variant=petition.accept_variant or None)


def settle_deadline(petition: Petition) -> Deadline:
    if petition.accepted_on is None:
        raise InvalidTransition(_("Đơn chưa được thụ lý."), code=ErrorCode.NOT_ACCEPTED)
    return deadline(
        petition.settle_rule,
        petition.accepted_on,
        variant=petition.settle_variant or None,
        length=petition.settle_length,
    )


def route_unit(*, unit: Unit, on: dt.date) -> Unit:
    """``unit`` if it is in force on ``on``, else the one unit it became. Raises
    ``ValidationFailed`` (code ``ambiguous_successor``) when it became several units, so the
    officer chooses, and (``no_successor``) when it has none."""
    successors = unit_successors(unit=unit, on=on)
    if len(successors) == 1:
        return successors[0]
    if not successors:
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không còn hoạt động và không có đơn vị kế thừa.")
            % {"unit": unit.name},
            code=ErrorCode.NO_SUCCESSOR,
            field="unit",
        )
    raise ValidationFailed(
        _("Đơn vị “%(unit)s” đã được sáp nhập vào nhiều đơn vị: %(list)s. Hãy chọn một đơn vị.")
        % {"unit": unit.name, "list": "; ".join(u.name for u in successors)},
        code=ErrorCode.AMBIGUOUS_SUCCESSOR,
        field="unit",
    )


def step(
    action: str,
    actor: Actor,
    petition: Petition,
    apply: Callable[[Petition], None],
    data: dict[str, Any],
    *,
    reason: str = "",
    ip: str | None = None,
) -> Petition:
    """Take the step ``action`` of ``petition`` through the one lifecycle engine
    (``transition(PETITION, …)``): ``apply`` makes the step's changes on the locked row and
    fills ``data``, the step's record (``lifecycle.step_data``)."""
    return transition(
        lifecycle.PETITION,
        actor=actor,
        obj=petition,
        action=action,
        apply=apply,
        reason=reason,
        data=data,
        ip=ip,
    )

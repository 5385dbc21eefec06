"""Handling a petition: classify, assign, accept or refuse, transfer, merge, extend, settle.

Each service moves the petition through ``core.lifecycle.transition(PETITION, …)`` (lock, the
edge's permission, the edge from the current state, the change, the step, the audit record and
the event); its own checks of the input run inside ``apply``, after the permission and the edge,
and refuse with a ``DomainError`` that leaves everything as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ykien.core.calendar import deadline
from ykien.core.errors import ValidationFailed
from ykien.core.models import Role, Unit, User
from ykien.core.permissions import Actor, require
from ykien.core.selectors import user_has_role_at
from ykien.petitions import lifecycle
from ykien.petitions.codes import ErrorCode, PetitionAction, StepText
from ykien.petitions.lifecycle import PETITION, step_data
from ykien.petitions.models import Kind, Petition, ServiceCategory, Status
from ykien.petitions.services._base import (
    accept_deadline,
    route_unit,
    set_due,
    settle_deadline,
    step,
    today,
)
from ykien.petitions.validation import MAX_CONTENT, check_text

PA = PetitionAction


def _required(text: str, *, field: str, label: str, message: str, max_length: int) -> str:
    text = check_text(text, field=field, label=label, max_length=max_length)
    if len(text) < 5:
        raise ValidationFailed(message, code=ErrorCode.REQUIRED, field=field)
    return text


def petition_classify(
    *,
    actor: Actor,
    petition: Petition,
    kind: str,
    category: ServiceCategory | None = None,
    is_second_complaint: bool = False,
    is_remote: bool = False,
) -> Petition:
    """Set the kind and field of a petition not yet accepted; the acceptance deadline is
    recomputed for the new kind from the day it was received. An anonymous sender's petition
    cannot become a complaint or a denunciation."""
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        if kind not in Kind.values:
            raise ValidationFailed(
                _("Loại đơn không hợp lệ."), code=ErrorCode.BAD_KIND, field="kind"
            )
        if p.is_anonymous and kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
            raise ValidationFailed(
                _(
                    "Đơn nặc danh không được xử lý như khiếu nại hoặc tố cáo (Luật Tố cáo 2018, Điều 25)."
                ),
                code=ErrorCode.ANONYMOUS,
                field="kind",
            )
        p.kind = kind
        p.category = category
        p.is_second_complaint = is_second_complaint and kind == Kind.COMPLAINT
        p.is_remote = is_remote
        p.settle_rule = lifecycle.settle_rule(kind, second_complaint=p.is_second_complaint)
        p.accept_variant = ""
        due = accept_deadline(p, p.received_on)
        p.accept_due, p.accept_rule = due.due, due.rule
        set_due(p, due)
        data.update(
            step_data(on=today(), text=StepText.CLASSIFIED, params={"kind": p.kind}, due=due)
        )

    return step(PA.CLASSIFY, actor, petition, apply, data)


def petition_assign(*, actor: Actor, petition: Petition, handler: User) -> Petition:
    """Give the petition to ``handler``, who must hold the handler role at a unit covering it."""

    def apply(p: Petition) -> None:
        if not user_has_role_at(user=handler, unit=p.unit, roles=[Role.HANDLER]):
            raise ValidationFailed(
                _("%(user)s không phải cán bộ xử lý đơn thư của đơn vị này.") % {"user": handler},
                code=ErrorCode.NOT_HANDLER,
                field="handler",
            )
        p.handler = handler

    data = step_data(on=today(), public=False)
    return step(PA.ASSIGN, actor, petition, apply, data)


def petition_accept(*, actor: Actor, petition: Petition, on: dt.date | None = None) -> Petition:
    """Accept (thụ lý): the settle deadline of the kind runs from today; for a denunciation the
    denouncer must be told within 5 working days (Luật Tố cáo 2018, Điều 29)."""
    day = on or today()
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        if day < p.received_on:
            raise ValidationFailed(_("Ngày thụ lý trước ngày tiếp nhận."), code=ErrorCode.BAD_DATE)
        p.accepted_on = day
        p.settle_rule = lifecycle.settle_rule(p.kind, second_complaint=p.is_second_complaint)
        p.settle_variant = lifecycle.settle_variant(p.kind, remote=p.is_remote, extensions=0)
        p.settle_length = None
        due = settle_deadline(p)
        p.settle_due = due.due
        notify = lifecycle.NOTIFY_RULE.get(Kind(p.kind))
        p.notify_due = deadline(notify, day).due if notify else None
        set_due(p, due)
        data.update(
            step_data(on=day, text=StepText.ACCEPTED, params={"due": due.due.isoformat()}, due=due)
        )

    return step(PA.ACCEPT, actor, petition, apply, data)


def petition_refuse(*, actor: Actor, petition: Petition, ground: str, note: str = "") -> Petition:
    """Refuse to accept, on one of the grounds the law lists for the petition's kind."""
    found = lifecycle.GROUNDS_BY_CODE.get(ground)
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        if found is None or p.kind not in found.kinds:
            raise ValidationFailed(
                _("Lý do không thụ lý không phù hợp với loại đơn."),
                code=ErrorCode.BAD_GROUND,
                field="ground",
            )
        text = check_text(note, field="note", label=_("Ghi chú"), max_length=MAX_CONTENT)
        p.refusal_ground = ground
        p.closed_on = today()
        set_due(p, None)
        data.update(
            step_data(
                on=p.closed_on, text=StepText.REFUSED, params={"ground": found.code}, note=text
            )
        )

    return step(
        PA.REFUSE,
        actor,
        petition,
        apply,
        data,
        reason=str(found.label) if found is not None else "",
    )


def petition_transfer(*, actor: Actor, petition: Petition, to_unit: Unit, note: str) -> Petition:
    """Send the petition to the competent unit with a note. A unit no longer in force is
    replaced by its one successor (several successors: ``ValidationFailed`` asks to choose).
    The receiving unit's acceptance period runs from today; whether the transfer itself was
    within the forwarding period of the kind is recorded on the step."""
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        text = _required(
            note,
            field="note",
            label=_("Ghi chú"),
            message=_("Cần ghi lý do chuyển đơn (ít nhất 5 ký tự)."),
            max_length=MAX_CONTENT,
        )
        day = today()
        routed = route_unit(unit=to_unit, on=day)
        if routed.pk == p.unit_id:
            raise ValidationFailed(
                _("Đơn đã ở đơn vị này."), code=ErrorCode.SAME_UNIT, field="unit"
            )
        forward = deadline(lifecycle.FORWARD_RULE[Kind(p.kind)], p.received_on)
        # ``from_unit``: the sending unit's id, by which it follows a petition sent outside the
        # Front (``selectors.petitions_transferred_outside``).
        params: dict[str, Any] = {"from": p.unit.name, "to": routed.name, "from_unit": p.unit_id}
        if routed.pk != to_unit.pk:
            params["successor_of"] = to_unit.name
        if day > forward.due:
            params["late_due"] = forward.due.isoformat()
        p.unit = routed
        p.handler = None
        p.accepted_on = None
        p.settle_due = None
        p.notify_due = None
        p.accept_variant = ""
        p.extensions = 0
        due = accept_deadline(p, day)
        p.accept_due, p.accept_rule = due.due, due.rule
        set_due(p, due)
        data.update(
            step_data(on=day, text=StepText.TRANSFERRED, params=params, note=text, due=forward)
        )

    return step(PA.TRANSFER, actor, petition, apply, data, reason=note.strip())


@transaction.atomic
def petition_merge(*, actor: Actor, petition: Petition, into: Petition, note: str = "") -> Petition:
    """Merge a duplicate into ``into``: same sender (same keyed hash, never decrypted) and the
    same substance (the officer's judgement, helped by ``selectors.petition_merge_suggestions``).
    The actor must be able to handle both petitions."""
    # Both rows locked in the order of their numbers, so two opposite merges cannot deadlock.
    locked = {
        p.pk: p
        for p in Petition.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk__in=[petition.pk, into.pk])
        .order_by("pk")
    }
    target = locked[into.pk]
    require(actor, PETITION.edge(PA.MERGE).permission, target)
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        if p.pk == target.pk:
            raise ValidationFailed(
                _("Không thể gộp một đơn vào chính nó."), code=ErrorCode.SELF, field="into"
            )
        if not target.is_open:
            raise ValidationFailed(
                _("Đơn được gộp vào đã kết thúc."), code=ErrorCode.CLOSED_TARGET, field="into"
            )
        if not p.sender_hash or p.sender_hash != target.sender_hash:
            raise ValidationFailed(
                _("Chỉ gộp đơn của cùng một người gửi."),
                code=ErrorCode.DIFFERENT_SENDER,
                field="into",
            )
        text = check_text(note, field="note", label=_("Ghi chú"), max_length=MAX_CONTENT)
        p.merged_into = target
        p.closed_on = today()
        set_due(p, None)
        data.update(step_data(on=p.closed_on, text=StepText.MERGED, note=text))

    return step(PA.MERGE, actor, petition, apply, data, reason=note.strip())


def petition_extend(*, actor: Actor, petition: Petition, reason: str) -> Petition:
    """Extend the step now open, within the law: a denunciation's acceptance from 7 to 10
    working days (Điều 24); a complaint's settlement once for a complex case (Luật Khiếu nại
    2011, Điều 28, 37); a denunciation's settlement once if complex, twice if very complex
    (Luật Tố cáo 2018, Điều 30); a report or request once by one more period of its rule."""
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        text = _required(
            reason,
            field="reason",
            label=_("Lý do"),
            message=_("Cần ghi lý do gia hạn (ít nhất 5 ký tự)."),
            max_length=2000,
        )
        kind = Kind(p.kind)
        if p.status == Status.RECEIVED:
            variant = lifecycle.ACCEPT_EXTENSION_VARIANT.get(kind)
            if variant is None or p.accept_variant == variant:
                raise ValidationFailed(
                    _("Luật không cho phép gia hạn thời hạn thụ lý đối với đơn này."),
                    code=ErrorCode.NO_EXTENSION,
                )
            p.accept_variant = variant
            start = p.received_on
            last_transfer = p.events.filter(action=PA.TRANSFER).order_by("-at").first()
            if last_transfer is not None:
                start = last_transfer.on
            due = accept_deadline(p, start)
            p.accept_due = due.due
        else:
            most = lifecycle.MAX_SETTLE_EXTENSIONS[kind]
            if p.extensions >= most:
                raise ValidationFailed(
                    _("Đã gia hạn tối đa số lần luật cho phép (%(n)s).") % {"n": most},
                    code=ErrorCode.NO_EXTENSION,
                )
            p.extensions += 1
            if kind in (Kind.REPORT, Kind.REQUEST):
                # One more period of the kind's own rule (its length in the rule table).
                period = deadline(p.settle_rule, p.accepted_on or p.received_on).length
                p.settle_length = period * (p.extensions + 1)
            else:
                p.settle_variant = lifecycle.settle_variant(
                    kind, remote=p.is_remote, extensions=p.extensions
                )
            due = settle_deadline(p)
            p.settle_due = due.due
        set_due(p, due)
        data.update(
            step_data(
                on=today(),
                text=StepText.EXTENDED,
                params={"due": due.due.isoformat()},
                note=text,
                due=due,
            )
        )

    return step(PA.EXTEND, actor, petition, apply, data, reason=reason.strip())


def petition_settle(*, actor: Actor, petition: Petition, conclusion: str) -> Petition:
    """Record the result (the decision or conclusion; internal). The answer to the sender
    follows with ``petition_answer``."""
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        p.conclusion = _required(
            conclusion,
            field="conclusion",
            label=_("Kết quả"),
            message=_("Cần ghi kết quả giải quyết."),
            max_length=MAX_CONTENT,
        )
        p.settled_on = today()
        data.update(step_data(on=p.settled_on, text=StepText.SETTLED))

    return step(PA.SETTLE, actor, petition, apply, data)

"""A front committee's yearly supervision programme: made, filled in, agreed (``PROGRAMME``);
its items corrected or cancelled (``PROGRAMME_ITEM``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ykien.core.audit import audit_change
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Unit, UnitKind
from ykien.core.permissions import Actor, person, require
from ykien.oversight.codes import AuditAction, ErrorCode
from ykien.oversight.lifecycle import PROGRAMME, PROGRAMME_ITEM, programme_item_refusal
from ykien.oversight.models import ActivityForm, Programme, ProgrammeItem
from ykien.oversight.services._common import day_or_today, required_text


@transaction.atomic
def programme_create(
    *, actor: Actor, unit: Unit, year: int, title: str, made_on: dt.date | None = None
) -> Programme:
    """Start a yearly programme of ``unit`` (a front committee) for ``year``, made in the fourth
    quarter of the year before. Raises ``ValidationFailed`` for a second programme of the same
    year or a year that is not the coming one or the current one."""
    require(actor, "oversight.manage_programme", Programme(unit=unit))
    made_on = day_or_today(made_on)
    if unit.kind != UnitKind.FRONT:
        raise ValidationFailed(
            _("Chương trình giám sát do Ủy ban MTTQ xây dựng."),
            code=ErrorCode.NOT_FRONT,
            field="unit",
        )
    if year not in (made_on.year, made_on.year + 1):
        raise ValidationFailed(
            _("Chương trình xây dựng ngày %(day)s chỉ có thể cho năm %(this)s hoặc %(next)s.")
            % {
                "day": made_on.strftime("%d/%m/%Y"),
                "this": made_on.year,
                "next": made_on.year + 1,
            },
            code=ErrorCode.INVALID_YEAR,
            field="year",
        )
    if Programme.objects.filter(unit=unit, year=year).exists():
        raise ValidationFailed(
            _("%(unit)s đã có chương trình giám sát năm %(year)s.")
            % {"unit": unit.name, "year": year},
            code=ErrorCode.DUPLICATE,
            field="year",
        )
    programme = Programme.objects.create(
        unit=unit,
        year=year,
        title=required_text(title, field="title", what=_("Tên chương trình")),
        made_on=made_on,
        created_by=person(actor),
    )
    audit_change(actor=actor, action=AuditAction.PROGRAMME_CREATE, obj=programme, unit=unit)
    return programme


@transaction.atomic
def programme_item_add(
    *,
    actor: Actor,
    programme: Programme,
    content: str,
    form: str,
    subject: Unit,
    time_text: str,
    lead_unit: Unit,
    participants: str = "",
    planned_quarter: int | None = None,
) -> ProgrammeItem:
    """Add an item to a draft programme."""
    require(actor, "oversight.manage_programme", programme)
    if programme.status != Programme.Status.DRAFT:
        raise InvalidTransition(
            _("Chương trình đã thống nhất, không thể sửa."), code=ErrorCode.PROGRAMME_AGREED
        )
    if form not in ActivityForm.values:
        raise ValidationFailed(_("Hình thức giám sát không hợp lệ."), field="form")
    if planned_quarter is not None and planned_quarter not in (1, 2, 3, 4):
        raise ValidationFailed(_("Quý phải từ 1 đến 4."), field="planned_quarter")
    item = ProgrammeItem.objects.create(
        programme=programme,
        order=programme.items.count() + 1,
        content=required_text(content, field="content", what=_("Nội dung giám sát")),
        form=form,
        subject=subject,
        time_text=required_text(time_text, field="time_text", what=_("Thời gian")),
        planned_quarter=planned_quarter,
        lead_unit=lead_unit,
        participants=participants.strip(),
    )
    audit_change(actor=actor, action=AuditAction.PROGRAMME_ITEM_ADD, obj=item, unit=programme.unit)
    return item


def programme_agree(
    *, actor: Actor, programme: Programme, agreed_with: str, agreed_on: dt.date | None = None
) -> Programme:
    """Record that the programme was agreed with the authorities and issue it (draft → agreed)."""
    day = day_or_today(agreed_on)

    def apply(locked: Programme) -> None:
        if not locked.items.exists():
            raise ValidationFailed(_("Chương trình chưa có nội dung nào."), code=ErrorCode.EMPTY)
        if day < locked.made_on:
            raise ValidationFailed(
                _("Ngày thống nhất không thể trước ngày xây dựng chương trình."),
                code=ErrorCode.INVALID_DATE,
                field="agreed_on",
            )
        locked.agreed_with = required_text(
            agreed_with, field="agreed_with", what=_("Cơ quan thống nhất")
        )
        locked.agreed_on = day

    return transition(PROGRAMME, actor=actor, obj=programme, action="agree", apply=apply)


_ITEM_FIELDS = (
    "content",
    "form",
    "subject",
    "time_text",
    "planned_quarter",
    "lead_unit",
    "participants",
)


def _shown(value: object) -> str | int | None:
    """A field's value as the history keeps it (a unit by its name)."""
    if isinstance(value, Unit):
        return value.name
    return value if value is None or isinstance(value, int) else str(value)


def programme_item_edit(
    *,
    actor: Actor,
    item: ProgrammeItem,
    content: str,
    form: str,
    subject: Unit,
    time_text: str,
    lead_unit: Unit,
    participants: str = "",
    planned_quarter: int | None = None,
    reason: str = "",
) -> ProgrammeItem:
    """Correct an item (agreed programme or not): the fields changed, each before and after, go
    to its history and the audit log. Nothing changed: ``ValidationFailed``."""
    if form not in ActivityForm.values:
        raise ValidationFailed(_("Hình thức giám sát không hợp lệ."), field="form")
    if planned_quarter is not None and planned_quarter not in (1, 2, 3, 4):
        raise ValidationFailed(_("Quý phải từ 1 đến 4."), field="planned_quarter")
    new: dict[str, object] = {
        "content": required_text(content, field="content", what=_("Nội dung giám sát")),
        "form": form,
        "subject": subject,
        "time_text": required_text(time_text, field="time_text", what=_("Thời gian")),
        "planned_quarter": planned_quarter,
        "lead_unit": lead_unit,
        "participants": participants.strip(),
    }
    changes: list[dict[str, object]] = []

    def apply(locked: ProgrammeItem) -> None:
        for name in _ITEM_FIELDS:
            before = getattr(locked, name)
            after = new[name]
            if before != after:
                changes.append({"field": name, "before": _shown(before), "after": _shown(after)})
                setattr(locked, name, after)
        if not changes:
            raise ValidationFailed(_("Không có thay đổi nào để lưu."), code=ErrorCode.NO_CHANGE)

    return transition(
        PROGRAMME_ITEM,
        actor=actor,
        obj=item,
        action="edit",
        apply=apply,
        reason=reason.strip(),
        data={"changes": changes},
    )


def programme_item_cancel(
    *, actor: Actor, item: ProgrammeItem, reason: str, on: dt.date | None = None
) -> ProgrammeItem:
    """Drop an item from the programme, with the reason; it stays listed, marked cancelled. An
    item whose supervision is under way is refused (``programme_item_refusal``)."""
    day = day_or_today(on)
    why = required_text(reason, field="reason", what=_("Lý do hủy"))

    def apply(locked: ProgrammeItem) -> None:
        refusal = programme_item_refusal("cancel", locked)
        if refusal is not None:
            raise refusal
        locked.cancelled_on = day
        locked.cancel_reason = why

    return transition(
        PROGRAMME_ITEM,
        actor=actor,
        obj=item,
        action="cancel",
        apply=apply,
        reason=why,
        data={"on": day.isoformat()},
    )

"""The draft: register it, correct its registration, and the moves an officer makes directly
(close the comment period, reopen it, start consolidating). Every move of ``Draft.status``
goes through ``core.lifecycle.transition`` (``lifecycle.DRAFT``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.consultations.codes import AuditAction, ErrorCode
from ykien.consultations.lifecycle import DRAFT
from ykien.consultations.models import CritiqueForm, Draft, DraftKind
from ykien.consultations.services.common import (
    S,
    clean_text,
    notify_search,
    person,
    require,
    require_staff,
    typed_text,
)
from ykien.consultations.services.versions import draft_text_read, version_store
from ykien.core.audit import audit_change, snapshot
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Unit
from ykien.core.permissions import SYSTEM, Actor
from ykien.core.selectors import today

#: Fields of a draft never copied into the audit log: the folded copy for the lists' search.
NOT_AUDITED = ("search_text",)

#: The moves ``draft_transition`` makes, by the status they lead to.
MANUAL_BY_TARGET: dict[str, str] = {
    S.CLOSED: "close",
    S.OPEN: "reopen",
    S.CONSOLIDATING: "consolidate",
}


def draft_register(
    *,
    actor: Actor,
    unit: Unit,
    drafting_unit: Unit,
    title: str,
    kind: str,
    form: str,
    received_on: dt.date,
    comment_start: dt.date | None = None,
    comment_end: dt.date | None = None,
    summary: str = "",
    filename: str = "",
    data: bytes | None = None,
) -> Draft:
    """Register a draft received by ``unit``; with a file, upload and split it at once (the
    draft goes to review). The file is read before the transaction opens (see
    :func:`draft_text_read`). Raises ``PermissionDenied``, ``ValidationFailed`` (an unreadable
    file stores nothing)."""
    require(
        actor,
        "consultations.register_draft",
        unit,
        _("Bạn không có quyền tiếp nhận dự thảo cho đơn vị này."),
    )
    title = clean_text(title, field="title", label=_("Tên dự thảo"), required=True, limit=500)
    if kind not in DraftKind.values:
        raise ValidationFailed(_("Loại văn bản không hợp lệ."), field="kind")
    if form not in CritiqueForm.values:
        raise ValidationFailed(_("Hình thức phản biện không hợp lệ."), field="form")
    check_period(comment_start, comment_end)
    check_drafting_unit(drafting_unit, received_on)
    text = draft_text_read(filename=filename, data=data) if data is not None else None
    with transaction.atomic():
        draft = Draft(
            unit=unit,
            drafting_unit=drafting_unit,
            title=title,
            kind=kind,
            form=form,
            received_on=received_on,
            comment_start=comment_start,
            comment_end=comment_end,
            summary=typed_text(summary, field="summary", label=_("Tóm tắt")),
            created_by=person(actor),
        )
        draft.search_text = draft.fold_search_text()
        draft.save(force_insert=True)
        audit_change(
            actor=actor,
            action=AuditAction.DRAFT_REGISTER,
            obj=draft,
            unit=unit,
            exclude=NOT_AUDITED,
        )
        if text is not None:
            version_store(actor=actor, draft=draft, text=text)
    return draft


def check_drafting_unit(unit: Unit, received_on: dt.date) -> None:
    """The drafting body must be in force on the day the draft was received (a unit merged or
    dissolved before that day is refused, so two units of one name cannot be confused)."""
    if not unit.is_valid_on(received_on):
        raise ValidationFailed(
            _(
                "Cơ quan soạn thảo “%(name)s” không còn hoặc chưa có hiệu lực vào ngày nhận "
                "%(day)s; hãy chọn đơn vị đang hoạt động vào ngày đó."
            )
            % {"name": unit.name, "day": received_on.strftime("%d/%m/%Y")},
            code=ErrorCode.UNIT_NOT_IN_FORCE,
            field="drafting_unit",
        )


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationFailed(
            _("Ngày hết hạn góp ý phải sau ngày bắt đầu."),
            code=ErrorCode.END_BEFORE_START,
            field="comment_end",
        )


def check_announced_period(draft: Draft, started: dt.date | None) -> None:
    """Once a published draft's consultation has begun, its start stays as announced and its end
    cannot be moved before today (ending early is its own step, with a reason); a draft is
    received before its consultation starts."""
    start = draft.comment_start
    if start and draft.received_on > start:
        raise ValidationFailed(
            _("Ngày nhận dự thảo phải trước hoặc đúng ngày bắt đầu lấy ý kiến."),
            code=ErrorCode.RECEIVED_AFTER_START,
            field="received_on",
        )
    today = timezone.localdate()
    if not (draft.is_public and started and started <= today):
        return
    if start != started:
        raise ValidationFailed(
            _("Việc lấy ý kiến đã bắt đầu từ ngày %(day)s; không thể đổi ngày bắt đầu đã công bố.")
            % {"day": started.strftime("%d/%m/%Y")},
            code=ErrorCode.START_ANNOUNCED,
            field="comment_start",
        )
    if draft.comment_end and draft.comment_end < today:
        raise ValidationFailed(
            _(
                "Hạn góp ý không thể trước hôm nay; để kết thúc sớm, hãy dùng “Kết thúc lấy ý kiến” "
                "và nêu lý do."
            ),
            code=ErrorCode.END_IN_PAST,
            field="comment_end",
        )


@transaction.atomic
def draft_update(*, actor: Actor, draft: Draft, data: dict[str, Any]) -> Draft:
    """Edit the registration (title, kind, form, dates, summary) before the document is issued."""
    require_staff(actor, draft)
    if draft.status in (S.ISSUED, S.ANSWERED):
        raise InvalidTransition(_("Văn bản phản biện đã ban hành; không sửa thông tin dự thảo."))
    before = snapshot(draft, exclude=NOT_AUDITED)
    received_on, started = draft.received_on, draft.comment_start
    for key in ("title", "kind", "form", "received_on", "comment_start", "comment_end", "summary"):
        if key in data:
            value = data[key]
            if key == "title":
                value = clean_text(value, field="title", label=_("Tên dự thảo"), limit=500)
            elif key == "summary":
                value = typed_text(value, field="summary", label=_("Tóm tắt"))
            elif isinstance(value, str):
                value = value.strip()
            setattr(draft, key, value)
    if not draft.title:
        raise ValidationFailed(_("Tên dự thảo là bắt buộc."), field="title")
    check_period(draft.comment_start, draft.comment_end)
    check_announced_period(draft, started)
    if draft.received_on != received_on:
        check_drafting_unit(draft.drafting_unit, draft.received_on)
    draft.search_text = draft.fold_search_text()
    draft.save()
    audit_change(
        actor=actor,
        action=AuditAction.DRAFT_UPDATE,
        obj=draft,
        unit=draft.unit,
        before=before,
        exclude=NOT_AUDITED,
    )
    if draft.is_public:
        notify_search(draft)
    return draft


def _before_end(draft: Draft, on: dt.date) -> bool:
    return draft.comment_end is not None and on <= draft.comment_end


@transaction.atomic
def draft_transition(
    *,
    actor: Actor,
    draft: Draft,
    to: str,
    reason: str = "",
    comment_end: dt.date | None = None,
) -> Draft:
    """The moves an officer makes directly (``lifecycle.DRAFT_MANUAL``), named by the status
    they lead to: close the comment period, reopen it (a new end date is required; an early end
    is cleared), start consolidating.

    Closing before the announced end (``comment_end`` today or later) is an early end: the
    announced period is kept, and the moment and ``reason`` (required: ``reason_required``)
    are recorded on the draft; every intake refuses from then on. Raises ``PermissionDenied``,
    ``InvalidTransition``, ``ValidationFailed``; nothing changes on an error."""
    require_staff(actor, draft)
    action = MANUAL_BY_TARGET.get(to)
    if action is None:
        raise InvalidTransition(
            _("Thao tác không hợp lệ."), code=ErrorCode.UNKNOWN_MOVE, field="to"
        )
    reason = clean_text(reason, field="reason", label=_("Lý do"), limit=500)
    day = today()

    def apply(locked: Draft) -> None:
        if action == "reopen":
            if comment_end is None or comment_end < day:
                raise ValidationFailed(
                    _("Mở lại thì phải có ngày hết hạn góp ý mới, từ hôm nay trở đi."),
                    field="comment_end",
                )
            locked.comment_end = comment_end
            locked.closed_early_at, locked.closed_early_reason = None, ""
        elif action == "close" and _before_end(locked, day):
            if not any(ch.isalnum() for ch in reason):
                raise ValidationFailed(
                    early_close_reason_message(locked),
                    code=ErrorCode.REASON_REQUIRED,
                    field="reason",
                )
            locked.closed_early_at, locked.closed_early_reason = timezone.now(), reason

    transition(DRAFT, actor=actor, obj=draft, action=action, apply=apply, reason=reason)
    if action in ("close", "reopen"):
        notify_search(draft)
    return draft


def closes_early(draft: Draft, *, on: dt.date) -> bool:
    """Closing ``draft`` on ``on`` would end its comment period before the announced end (the
    end day itself still takes comments until midnight)."""
    return draft.status == S.OPEN and _before_end(draft, on)


def early_close_reason_message(draft: Draft) -> str:
    """What an officer is told when closing ``draft`` early without a reason."""
    return _("Kết thúc lấy ý kiến trước hạn đã công bố (%(end)s) thì phải nêu lý do.") % {
        "end": draft.comment_end.strftime("%d/%m/%Y") if draft.comment_end else ""
    }


def close_expired_drafts(*, on: dt.date) -> int:
    """Close every open draft whose period ended before ``on`` (the daily task), as the
    system."""
    closed = 0
    for draft in Draft.objects.filter(status=S.OPEN, comment_end__lt=on):
        transition(DRAFT, actor=SYSTEM, obj=draft, action="close", reason=_("Hết thời hạn góp ý."))
        notify_search(draft)
        closed += 1
    return closed

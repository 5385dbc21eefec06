"""Recommendations after supervision: drafted on a finding, countersigned (a board's), sent with
an answer date, answered by the addressee's respondent, closed by the front
(``lifecycle.RECOMMENDATION``; escalation and reminders in ``escalation``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ykien.core import search
from ykien.core.audit import audit_change
from ykien.core.calendar import deadline
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Unit
from ykien.core.permissions import Actor, person, require
from ykien.oversight.codes import AuditAction, ErrorCode
from ykien.oversight.lifecycle import (
    ACTIVITY_FINDINGS_OPEN,
    ANSWER_ACTIONS,
    RECOMMENDATION,
    recommendation_refusal,
)
from ykien.oversight.models import (
    Activity,
    Answer,
    AnswerDocument,
    AnswerKind,
    Finding,
    OfficialPosition,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
)
from ykien.oversight.services._common import (
    MAX_ANSWER_DAYS,
    check_not_future,
    day_or_today,
    required_text,
)
from ykien.oversight.uploads import check_upload


def move(
    *,
    actor: Actor,
    recommendation: Recommendation,
    action: str,
    day: dt.date,
    apply: Callable[[Recommendation], None] | None = None,
    note: str = "",
) -> Recommendation:
    """Take ``action`` on ``recommendation`` through ``transition`` (lock, permission, edge), then
    the lifecycle's refusal on the locked row, then ``apply``. ``day`` dates the status history
    row, ``note`` is its note and the audit reason. A public recommendation is re-indexed for
    search once it commits."""
    edge = RECOMMENDATION.edge(action)

    def guarded(locked: Recommendation) -> None:
        refused = recommendation_refusal(action, locked, day)
        if refused is not None:
            raise refused
        if apply is not None:
            apply(locked)

    rec = transition(
        RECOMMENDATION,
        actor=actor,
        obj=recommendation,
        action=action,
        apply=guarded,
        reason=note,
        data={"on": day.isoformat()},
    )
    if edge.target is not None and rec.is_public:
        key = rec.code
        transaction.on_commit(lambda: search.notify_changed("recommendation", key))
    return rec


@transaction.atomic
def recommendation_create(
    *,
    actor: Actor,
    activity: Activity,
    finding: Finding,
    addressee: Unit,
    text: str,
    answer_days: int | None = None,
    addressee_position: OfficialPosition | None = None,
    is_public: bool = True,
    previous: Recommendation | None = None,
    created_on: dt.date | None = None,
) -> Recommendation:
    """Draft a recommendation resting on ``finding`` to ``addressee`` (optionally naming an
    official's position there). ``answer_days`` sets the answer date counted from the day it is
    sent (no statutory period; default from the rule ``answer.default``). ``previous`` links a
    second supervision of the same matter."""
    require(actor, "oversight.manage_activity", activity)
    activity = Activity.objects.select_related("unit", "board").get(pk=activity.pk)
    if activity.status not in ACTIVITY_FINDINGS_OPEN:
        raise InvalidTransition(
            _("Chỉ kiến nghị khi đang giám sát hoặc sau buổi làm việc."),
            code=ErrorCode.FINDINGS_CLOSED,
        )
    if finding.activity_id != activity.pk:
        raise ValidationFailed(
            _("Phát hiện được chọn không thuộc cuộc giám sát này."), field="finding"
        )
    if addressee_position is not None and addressee_position.unit_id != addressee.pk:
        raise ValidationFailed(
            _("Chức danh được chọn không thuộc cơ quan nhận kiến nghị."), field="addressee_position"
        )
    if answer_days is not None and not (1 <= answer_days <= MAX_ANSWER_DAYS):
        raise ValidationFailed(
            _("Số ngày trả lời phải từ 1 đến %(max)s.") % {"max": MAX_ANSWER_DAYS},
            field="answer_days",
        )
    if previous is not None and previous.addressee_id != addressee.pk:
        raise ValidationFailed(
            _("Giám sát lại phải kiến nghị cùng cơ quan với kiến nghị lần trước."),
            field="addressee",
        )
    rec = Recommendation.objects.create(
        activity=activity,
        finding=finding,
        issuer=activity.issuer,
        addressee=addressee,
        addressee_position=addressee_position,
        text=required_text(text, field="text", what=_("Nội dung kiến nghị")),
        answer_days=answer_days or 0,
        is_public=is_public,
        previous=previous,
        created_by=person(actor),
    )
    rec.search_text = rec.fold_search_text()  # the number is known once stored
    rec.save(update_fields=["search_text"])
    RecommendationEvent.objects.create(
        recommendation=rec,
        on=day_or_today(created_on),
        actor=person(actor),
        from_status="",
        to_status=RecommendationStatus.DRAFT,
    )
    audit_change(
        actor=actor,
        action=AuditAction.RECOMMENDATION_CREATE,
        obj=rec,
        unit=rec.issuer,
        exclude=("search_text",),
    )
    return rec


def recommendation_countersign(*, actor: Actor, recommendation: Recommendation) -> Recommendation:
    """The commune front committee countersigns a board's recommendation before it is sent."""

    def apply(locked: Recommendation) -> None:
        locked.countersigned_by = person(actor)
        locked.countersigned_at = timezone.now()

    return move(
        actor=actor,
        recommendation=recommendation,
        action="countersign",
        day=day_or_today(None),
        apply=apply,
    )


def recommendation_issue(
    *, actor: Actor, recommendation: Recommendation, on: dt.date | None = None
) -> Recommendation:
    """Send a draft recommendation (draft → issued) and fix its answer date through the rule
    ``answer.default`` (the issuing unit's number of days when it set one). A board's
    recommendation must first be countersigned by the commune front committee."""
    day = day_or_today(on)
    due = deadline("answer.default", day, length=recommendation.answer_days or None)
    with override(settings.LANGUAGE_CODE):  # the record is Vietnamese; pages translate it
        note = _("Hạn trả lời %(due)s — %(basis)s") % {
            "due": due.due.strftime("%d/%m/%Y"),
            "basis": due.describe(),
        }

    def apply(locked: Recommendation) -> None:
        check_not_future(day, field="issued_on", what=_("Ngày gửi"))
        drafted = locked.events.filter(to_status=RecommendationStatus.DRAFT).values_list(
            "on", flat=True
        )
        if drafted and day < drafted[0]:
            raise ValidationFailed(
                _("Ngày gửi không thể trước ngày soạn kiến nghị (%(day)s).")
                % {"day": drafted[0].strftime("%d/%m/%Y")},
                code=ErrorCode.INVALID_DATE,
                field="issued_on",
            )
        locked.issued_on = day
        locked.answer_due = due.due
        locked.answer_days = due.length

    return move(
        actor=actor, recommendation=recommendation, action="issue", day=day, apply=apply, note=note
    )


def recommendation_answer(
    *,
    actor: Actor,
    recommendation: Recommendation,
    kind: str,
    text: str,
    answered_on: dt.date | None = None,
    plan: str = "",
    planned_date: dt.date | None = None,
    document_number: str = "",
    files: Sequence[UploadedFile] = (),
) -> Answer:
    """The addressee's respondent answers: accepted and done / in progress with a plan and a date /
    explained / rejected, with documents. Refused for a respondent of another unit, for a
    recommendation not awaiting an answer, for files over the limit (nothing is saved)."""
    if kind not in AnswerKind.values:
        raise ValidationFailed(_("Chọn kết quả trả lời."), field="kind")
    day = day_or_today(answered_on)
    cleaned = required_text(text, field="text", what=_("Nội dung trả lời"), min_length=10)
    answers: list[Answer] = []

    def apply(locked: Recommendation) -> None:
        content_types = [check_upload(f) for f in files]  # all checked before anything is written
        check_not_future(day, field="answered_on", what=_("Ngày trả lời"))
        if locked.issued_on is None or locked.answer_due is None:  # an issued one has both
            raise InvalidTransition(_("Kiến nghị chưa được gửi."), code=ErrorCode.NOT_ISSUED)
        if day < locked.issued_on:
            raise ValidationFailed(
                _("Ngày trả lời không thể trước ngày nhận kiến nghị (%(day)s).")
                % {"day": locked.issued_on.strftime("%d/%m/%Y")},
                code=ErrorCode.INVALID_DATE,
                field="answered_on",
            )
        plan_text, date = plan.strip(), None
        if kind == AnswerKind.IN_PROGRESS:
            plan_text = required_text(plan, field="plan", what=_("Kế hoạch thực hiện"))
            if planned_date is None or planned_date <= day:
                raise ValidationFailed(
                    _("Thời hạn hoàn thành phải sau ngày trả lời."),
                    code=ErrorCode.INVALID_DATE,
                    field="planned_date",
                )
            date = planned_date
        answer = Answer.objects.create(
            recommendation=locked,
            kind=kind,
            text=cleaned,
            plan=plan_text,
            planned_date=date,
            answered_on=day,
            document_number=document_number.strip(),
            unit=locked.addressee,
            respondent=person(actor),
            on_time=day <= locked.answer_due,
        )
        for f, content_type in zip(files, content_types, strict=True):
            doc = AnswerDocument(
                answer=answer,
                name=(f.name or "van-ban")[:255],
                size=f.size or 0,
                content_type=content_type,
            )
            doc.file.save(f.name or "van-ban", f, save=False)
            doc.save()
        answers.append(answer)

    try:
        move(
            actor=actor,
            recommendation=recommendation,
            action=ANSWER_ACTIONS[kind],
            day=day,
            apply=apply,
            note=cleaned[:500],
        )
    except PermissionDenied as exc:  # the engine's check: say whose answer it is
        if exc.code != "forbidden":
            raise
        raise PermissionDenied(
            _(
                "Bạn chỉ được trả lời kiến nghị gửi đến cơ quan của mình (%(unit)s không thuộc quyền trả lời của bạn)."
            )
            % {"unit": recommendation.addressee.name},
            code=ErrorCode.NOT_ADDRESSEE,
        ) from None
    return answers[0]


def recommendation_close(
    *, actor: Actor, recommendation: Recommendation, note: str, on: dt.date | None = None
) -> Recommendation:
    """End the follow-up of an answered recommendation (done / explained / rejected → closed).
    A recommendation without an answer cannot be closed."""
    day = day_or_today(on)

    def apply(locked: Recommendation) -> None:
        locked.closed_on = day

    # Before the engine's "not from this state" and the note: say why it cannot be closed at all.
    require(actor, RECOMMENDATION.edge("close").permission, recommendation)
    refusal = recommendation_refusal("close", recommendation, day)
    if refusal is not None:
        raise refusal
    return move(
        actor=actor,
        recommendation=recommendation,
        action="close",
        day=day,
        apply=apply,
        note=required_text(note, field="note", what=_("Đánh giá kết quả")),
    )

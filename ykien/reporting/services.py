"""Writes of the briefing: periods, indicators, targets, units' submissions and their approval,
reminders. Every service checks its input and the actor's permission
(``core.permissions.require``; jobs, the demo and commands act as ``SYSTEM``), changes state in
one transaction and leaves an audit event; a submission moves only along its lifecycle
(``reporting.lifecycle.SUBMISSION``, through ``core.lifecycle.transition``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core.audit import audit_change, audit_record, snapshot
from ykien.core.calendar import Span, WorkingCalendar, deadline, parse_period
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.events import Event
from ykien.core.lifecycle import transition
from ykien.core.models import Role, RoleGrant, Unit, User
from ykien.core.permissions import Actor, person, require
from ykien.core.selectors import unit_scope_ids
from ykien.reporting.codes import AuditAction, ErrorCode
from ykien.reporting.figures import parse_figure
from ykien.reporting.labels import COMPUTED_UNITS
from ykien.reporting.lifecycle import EDITABLE, SUBMISSION
from ykien.reporting.models import (
    Aggregation,
    Indicator,
    Measure,
    Period,
    Reminder,
    Source,
    Submission,
    Target,
    Value,
)
from ykien.reporting.permissions import APPROVE, CONFIGURE, ENTER, acting_on

# There is no statutory time limit for these figures: the standing committee sets it, in the
# rule table (``reporting.submit``, 5 working days after the period ends). A period's reminders
# stop, and it leaves the workspace, ``reporting.follow_up`` days (a quarter) after its due date:
# the briefing has been held.
SUBMIT_RULE = "reporting.submit"
FOLLOW_UP_RULE = "reporting.follow_up"

Status = Submission.Status


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _check_unit_in_period(unit: Unit, span: Span) -> None:
    if not span.overlaps(unit.valid_from, unit.valid_to):
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không tồn tại trong %(period)s (hiệu lực %(start)s – %(end)s).")
            % {
                "unit": unit.name,
                "period": span.title,
                "start": unit.valid_from.strftime("%d/%m/%Y"),
                "end": unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "…",
            },
            code=ErrorCode.UNIT_NOT_IN_PERIOD,
            field="unit",
        )


# --------------------------------------------------------------------------- periods


def default_due(span: Span) -> dt.date:
    """The due date of a period's figures: rule ``reporting.submit`` counted from the period's
    end (five working days; a setting of the standing committee, not a law)."""
    return deadline(SUBMIT_RULE, span.end).due


def follow_up_after_due(*, on: dt.date) -> dt.timedelta:
    """How long after its due date a period is still followed up (rule ``reporting.follow_up``
    in force on ``on``)."""
    return dt.timedelta(days=deadline(FOLLOW_UP_RULE, on).length)


@transaction.atomic
def period_ensure(*, actor: Actor, code: str, due: dt.date | None = None) -> Period:
    """The period ``code`` (``2024-Q1``, ``2024-H1``, ``2024``), created with its due date when
    missing; ``due`` given changes the due date of an existing period. Needs
    ``reporting.configure`` (the platform, a superuser)."""
    require(actor, CONFIGURE)
    span = parse_period(code)
    if due is not None and due <= span.end:
        raise ValidationFailed(
            _("Hạn nộp phải sau ngày kết thúc kỳ (%(end)s).")
            % {"end": span.end.strftime("%d/%m/%Y")},
            code=ErrorCode.DUE_BEFORE_END,
            field="due",
        )
    period = Period.objects.select_for_update().filter(code=span.code).first()
    if period is None:
        period = Period.objects.create(
            code=span.code,
            kind=span.kind,
            year=span.year,
            number=span.number,
            start=span.start,
            end=span.end,
            due=due or default_due(span),
        )
        audit_change(actor=actor, action=AuditAction.PERIOD_CREATE, obj=period)
    elif due is not None and due != period.due:
        before = snapshot(period)
        period.due = due
        period.save(update_fields=["due"])
        audit_change(actor=actor, action=AuditAction.PERIOD_DUE, obj=period, before=before)
    return period


# ------------------------------------------------------------------------ indicators


@transaction.atomic
def indicator_upsert(
    *,
    actor: Actor,
    code: str,
    name: str,
    measure: str,
    aggregation: str = Aggregation.SUM,
    source: str = Source.ENTERED,
    computed_code: str = "",
    group: str = "",
    order: int = 100,
    unit_label: str = "",
    applies_to: Iterable[str] = (),
    sentence: str = "",
    description: str = "",
    weight: Indicator | None = None,
    parts: Iterable[Indicator] = (),
) -> Indicator:
    """Create or update the indicator ``code``. Raises ``ValidationFailed`` for an unknown
    measure, aggregation or source, a computed indicator without its code, a weighted average
    without a base, or a total whose parts do not add up (not summed). Needs
    ``reporting.configure``."""
    require(actor, CONFIGURE)
    if measure not in Measure.values:
        raise ValidationFailed(
            _("Đơn vị đo không hợp lệ: %(v)s") % {"v": measure},
            code=ErrorCode.INVALID_MEASURE,
            field="measure",
        )
    if aggregation not in Aggregation.values:
        raise ValidationFailed(
            _("Cách tổng hợp không hợp lệ: %(v)s") % {"v": aggregation},
            code=ErrorCode.INVALID_AGGREGATION,
            field="aggregation",
        )
    if source not in Source.values:
        raise ValidationFailed(
            _("Nguồn số liệu không hợp lệ: %(v)s") % {"v": source},
            code=ErrorCode.INVALID_SOURCE,
            field="source",
        )
    if source == Source.COMPUTED and not computed_code:
        raise ValidationFailed(
            _("Chỉ tiêu tự tính phải nêu mã chỉ tiêu của ứng dụng cung cấp."),
            code=ErrorCode.COMPUTED_WITHOUT_CODE,
            field="computed_code",
        )
    parts = list(parts)
    if source == Source.TOTAL and (
        not parts or any(p.aggregation != Aggregation.SUM for p in parts)
    ):
        raise ValidationFailed(
            _("Chỉ tiêu tổng phải là tổng của các chỉ tiêu được cộng dồn."),
            code=ErrorCode.TOTAL_WITHOUT_PARTS,
            field="parts",
        )
    if aggregation == Aggregation.AVG and weight is not None and weight.code == code:
        raise ValidationFailed(
            _("Chỉ tiêu không thể là trọng số của chính nó."),
            code=ErrorCode.WEIGHT_IS_ITSELF,
            field="weight",
        )
    fields: dict[str, Any] = {
        "name": name,
        "measure": measure,
        "aggregation": aggregation,
        "source": source,
        "computed_code": computed_code if source == Source.COMPUTED else "",
        "group": group,
        "order": order,
        "unit_label": unit_label,
        "applies_to": sorted(set(applies_to)),
        "sentence": sentence,
        "description": description,
        "weight": weight,
        "active": True,
    }
    indicator = Indicator.objects.select_for_update().filter(code=code).first()
    before = snapshot(indicator)
    if indicator is None:
        indicator = Indicator.objects.create(code=code, **fields)
    else:
        # Saved only when something changed: an unchanged upsert (the demo run again) leaves
        # no history row.
        changed = False
        for key, value in fields.items():
            current = indicator.weight_id if key == "weight" else getattr(indicator, key)
            wanted = value.pk if key == "weight" and value is not None else value
            if current != wanted:
                setattr(indicator, key, value)
                changed = True
        if changed:
            indicator.save()
    indicator.parts.set(parts if source == Source.TOTAL else [])
    after = snapshot(indicator)
    if before != after:
        audit_record(
            actor=actor,
            action=AuditAction.INDICATOR_SAVE,
            obj=indicator,
            before=before,
            after=after,
        )
    return indicator


COMPUTED_MEASURES = {m.value: m.value for m in Measure} | {"percent": Measure.PERCENT.value}


@transaction.atomic
def indicators_sync_computed(
    *, actor: Actor, group: str = "", order_from: int = 200
) -> list[Indicator]:
    """An indicator of source "computed" for each computed indicator the apps provide
    (``core.indicators.all_computed``), with its unit (``labels.COMPUTED_UNITS``). Rows that
    exist keep their code, name, group, order, unit and sentence (an administrator may have
    edited them); their measure and rule follow the provider. Returns the rows of the providers
    found."""
    from ykien.core.indicators import all_computed

    rows = []
    for offset, (code, computed) in enumerate(sorted(all_computed().items())):
        indicator = Indicator.objects.filter(source=Source.COMPUTED, computed_code=code).first()
        measure = COMPUTED_MEASURES.get(computed.measure, Measure.COUNT.value)
        aggregation = (
            computed.aggregation
            if computed.aggregation in Aggregation.values
            else Aggregation.SUM.value
        )
        if indicator is None:
            own_code = code if not Indicator.objects.filter(code=code).exists() else f"auto.{code}"
            rows.append(
                indicator_upsert(
                    actor=actor,
                    code=own_code,
                    name=computed.name,
                    measure=measure,
                    aggregation=aggregation,
                    source=Source.COMPUTED,
                    computed_code=code,
                    group=group,
                    order=order_from + offset,
                    unit_label=COMPUTED_UNITS.get(code, ""),
                )
            )
            continue
        rows.append(
            indicator_upsert(
                actor=actor,
                code=indicator.code,
                name=indicator.name,
                measure=measure,
                aggregation=aggregation,
                source=Source.COMPUTED,
                computed_code=code,
                group=indicator.group,
                order=indicator.order,
                unit_label=indicator.unit_label or COMPUTED_UNITS.get(code, ""),
                sentence=indicator.sentence,
                description=indicator.description,
            )
        )
    return rows


@transaction.atomic
def target_set(
    *,
    actor: Actor,
    indicator: Indicator,
    unit: Unit,
    period: Period,
    value: object,
) -> Target | None:
    """Set (or with an empty ``value`` remove) the target of ``indicator`` for ``unit`` in
    ``period``; the value is checked like an entered figure. Needs ``reporting.approve_figures``
    at the unit."""
    require(actor, APPROVE, unit)
    _check_unit_in_period(unit, period.span)
    number = parse_figure(indicator, value)
    existing = Target.objects.select_for_update().filter(
        indicator=indicator, unit=unit, period=period
    )
    target = existing.first()
    before = snapshot(target)
    if number is None:
        if target is not None:
            audit_record(
                actor=actor,
                action=AuditAction.TARGET_DELETE,
                obj=target,
                unit=unit,
                before=before,
            )
            target.delete()
        return None
    if target is None:
        target = Target.objects.create(indicator=indicator, unit=unit, period=period, value=number)
    elif target.value == number:
        return target
    else:
        target.value = number
        target.save(update_fields=["value"])
    audit_change(actor=actor, action=AuditAction.TARGET_SET, obj=target, unit=unit, before=before)
    return target


# ----------------------------------------------------------------------- submissions


def entry_indicators(*, unit: Unit) -> list[Indicator]:
    """The entered indicators that ``unit`` reports, in report order."""
    return [
        ind
        for ind in Indicator.objects.filter(active=True, source=Source.ENTERED).order_by(
            "order", "code"
        )
        if ind.applies_to_unit(kind=unit.kind, level=unit.level)
    ]


def clean_figures(
    *, indicators: Iterable[Indicator], raw: Mapping[str, object]
) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    """Parse every figure in ``raw`` (by indicator code): the values and the errors by code."""
    values: dict[str, Decimal | None] = {}
    errors: dict[str, str] = {}
    for indicator in indicators:
        try:
            values[indicator.code] = parse_figure(indicator, raw.get(indicator.code))
        except ValidationFailed as exc:
            errors[indicator.code] = str(exc.message)
    return values, errors


def _unknown_indicators(unknown: list[str]) -> ValidationFailed:
    return ValidationFailed(
        _("Đơn vị này không báo cáo chỉ tiêu: %(codes)s") % {"codes": ", ".join(unknown)},
        code=ErrorCode.UNKNOWN_INDICATOR,
        field=unknown[0],
    )


@transaction.atomic
def submission_save(
    *,
    actor: Actor,
    unit: Unit,
    period: Period,
    values: Mapping[str, object],
    notes: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Save ``unit``'s figures for ``period`` (a draft, or a returned submission being corrected).

    ``values`` maps indicator codes to what was typed; codes of indicators the unit does not
    report are refused. Raises ``PermissionDenied`` unless ``actor`` may enter figures for the
    unit on the day (``now``), ``ValidationFailed`` for a unit that did not exist in the period
    or a bad figure (nothing is saved), ``InvalidTransition`` once the figures were submitted or
    approved."""
    moment = _now(now)
    with acting_on(_local_day(moment)):
        require(actor, ENTER, unit)
    _check_unit_in_period(unit, period.span)
    indicators = entry_indicators(unit=unit)
    known = {ind.code for ind in indicators}
    unknown = sorted(set(values) - known)
    if unknown:
        raise _unknown_indicators(unknown)
    parsed, errors = clean_figures(indicators=indicators, raw=values)
    if errors:
        code = next(iter(errors))
        raise ValidationFailed(errors[code], code=ErrorCode.INVALID_FIGURE, field=code)
    submission = Submission.objects.select_for_update().filter(unit=unit, period=period).first()
    if submission is not None and submission.status not in EDITABLE:
        raise InvalidTransition(
            _(
                "Số liệu của “%(unit)s” %(period)s đang ở trạng thái “%(status)s”, không sửa được nữa."
            )
            % {
                "unit": unit.name,
                "period": period.title,
                "status": submission.get_status_display(),
            },
            code=ErrorCode.LOCKED,
        )
    before = _submission_state(submission)
    if submission is None:
        submission = Submission.objects.create(
            unit=unit, period=period, notes=notes.strip(), created_at=moment, updated_at=moment
        )
    else:
        submission.notes = notes.strip()
        submission.updated_at = moment
        submission.save(update_fields=["notes", "updated_at"])
    by_code = {ind.code: ind for ind in indicators}
    existing = {v.indicator_id: v for v in Value.objects.filter(submission=submission)}
    created, changed, removed = [], [], []
    for code, value in parsed.items():
        if code not in values:
            continue
        indicator = by_code[code]
        row = existing.get(indicator.pk)
        if value is None:
            if row is not None:
                removed.append(row.pk)
        elif row is None:
            created.append(Value(submission=submission, indicator=indicator, value=value))
        elif row.value != value:
            row.value = value
            changed.append(row)
    Value.objects.bulk_create(created)
    Value.objects.bulk_update(changed, ["value"])
    Value.objects.filter(pk__in=removed).delete()
    audit_record(
        actor=actor,
        action=AuditAction.SUBMISSION_SAVE,
        obj=submission,
        unit=unit,
        before=before,
        after=_submission_state(submission),
    )
    return submission


@dataclass(frozen=True)
class ImportRow:
    unit: Unit
    values: Mapping[str, object]
    submitted_at: dt.datetime
    notes: str = ""


@transaction.atomic
def submissions_import(
    *,
    actor: Actor,
    period: Period,
    within: Unit,
    rows: Iterable[ImportRow],
    approved_at: dt.datetime,
    submitted_by: User | None = None,
) -> list[Submission]:
    """Record figures collected and approved outside the platform (the reports typed into Word
    before it) as approved submissions of ``period``, in bulk. ``actor`` must be a leader
    covering ``within`` on the day of ``approved_at``; every unit must be in ``within``'s scope,
    exist in the period and have no submission yet; every figure is checked as in
    ``submission_save``. Nothing is saved when one row is wrong."""
    with acting_on(_local_day(approved_at)):
        require(actor, APPROVE, within)
    scope = unit_scope_ids(unit=within)
    rows = list(rows)
    taken = set(
        Submission.objects.filter(period=period, unit__in=[r.unit for r in rows]).values_list(
            "unit_id", flat=True
        )
    )
    indicators_by_kind: dict[tuple[str, str], list[Indicator]] = {}
    prepared: list[tuple[ImportRow, dict[str, Decimal | None], list[Indicator]]] = []
    for row in rows:
        unit = row.unit
        if unit.pk not in scope:
            raise PermissionDenied(
                _("“%(unit)s” không thuộc phạm vi của “%(within)s”.")
                % {"unit": unit.name, "within": within.name},
                code=ErrorCode.OUT_OF_SCOPE,
            )
        _check_unit_in_period(unit, period.span)
        if unit.pk in taken:
            raise InvalidTransition(
                _("“%(unit)s” đã có số liệu %(period)s.")
                % {"unit": unit.name, "period": period.title},
                code=ErrorCode.EXISTS,
            )
        key = (unit.kind, unit.level)
        if key not in indicators_by_kind:
            indicators_by_kind[key] = entry_indicators(unit=unit)
        indicators = indicators_by_kind[key]
        unknown = sorted(set(row.values) - {i.code for i in indicators})
        if unknown:
            raise _unknown_indicators(unknown)
        parsed, errors = clean_figures(indicators=indicators, raw=row.values)
        if errors:
            code = next(iter(errors))
            raise ValidationFailed(
                f"{unit.name}: {errors[code]}", code=ErrorCode.INVALID_FIGURE, field=code
            )
        prepared.append((row, parsed, indicators))
    submitter = submitted_by or person(actor)
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                unit=row.unit,
                period=period,
                status=Status.APPROVED,
                notes=row.notes,
                created_at=row.submitted_at,
                updated_at=approved_at,
                submitted_at=row.submitted_at,
                first_submitted_at=row.submitted_at,
                submitted_by=submitter,
                decided_at=approved_at,
                decided_by=person(actor),
            )
            for row, _parsed, _inds in prepared
        ]
    )
    if any(s.pk is None for s in submissions):  # backends that do not return ids
        by_unit = {
            s.unit_id: s
            for s in Submission.objects.filter(period=period, unit__in=[r.unit for r in rows])
        }
        submissions = [by_unit[row.unit.pk] for row, _p, _i in prepared]
    values = []
    for submission, (_row, parsed, indicators) in zip(submissions, prepared, strict=True):
        by_code = {i.code: i for i in indicators}
        values += [
            Value(submission=submission, indicator=by_code[code], value=value)
            for code, value in parsed.items()
            if value is not None
        ]
    Value.objects.bulk_create(values)
    for submission, (row, parsed, _inds) in zip(submissions, prepared, strict=True):
        audit_record(
            actor=actor,
            action=AuditAction.SUBMISSION_IMPORT,
            obj=submission,
            unit=row.unit,
            after={
                "period": period.code,
                "status": Status.APPROVED.value,
                "values": {code: str(v) for code, v in parsed.items() if v is not None},
            },
        )
    return submissions


def _submission_state(submission: Submission | None) -> dict[str, Any] | None:
    if submission is None:
        return None
    state = snapshot(submission) or {}
    state["values"] = {
        code: str(value)
        for code, value in submission.values.values_list("indicator__code", "value")
    }
    return state


def _refused(submission: Submission, to: str) -> InvalidTransition:
    if submission.status == Status.APPROVED:
        message = _("Số liệu của “%(unit)s” %(period)s đã được duyệt, không thay đổi được nữa.")
    else:
        message = _(
            "Không thể chuyển số liệu của “%(unit)s” %(period)s từ “%(from)s” sang “%(to)s”."
        )
    return InvalidTransition(
        message
        % {
            "unit": submission.unit.name,
            "period": submission.period.title,
            "from": submission.get_status_display(),
            "to": Status(to).label if to in Status.values else to,
        },
        code=ErrorCode.INVALID_TRANSITION,
    )


@transaction.atomic
def submission_transition(
    *,
    actor: Actor,
    submission: Submission,
    to: str,
    comment: str = "",
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Submission:
    """Move ``submission`` to the state ``to`` along its lifecycle (``lifecycle.SUBMISSION``,
    whose actions are named after the state they lead to): submit (``reporting.enter_figures``
    at the unit; every figure must be filled), approve, or return with a comment
    (``reporting.approve_figures``); the role must hold on the day of ``now``. Raises
    ``InvalidTransition`` for a move the lifecycle does not allow (anything after approval),
    ``PermissionDenied``, ``ValidationFailed`` for missing figures or a return without reason.
    Approving or returning e-mails the officer who submitted, once committed
    (``on_submission_event``), unless ``notify`` is false."""
    moment = _now(now)
    current = Submission.objects.select_related("unit", "period").get(pk=submission.pk)
    if not any(edge.action == to for edge in SUBMISSION.edges_from(current.status)):
        raise _refused(current, to)
    comment = comment.strip()

    def apply(locked: Submission) -> None:
        if to == Status.SUBMITTED:
            filled = set(locked.values.values_list("indicator__code", flat=True))
            missing = [i.name for i in entry_indicators(unit=current.unit) if i.code not in filled]
            if missing:
                raise ValidationFailed(
                    _("Chưa nhập đủ số liệu: %(names)s.") % {"names": "; ".join(missing)},
                    code=ErrorCode.INCOMPLETE,
                )
            locked.submitted_at = moment
            locked.submitted_by = person(actor)
            if locked.first_submitted_at is None:
                locked.first_submitted_at = moment
        else:
            if to == Status.RETURNED and len(comment) < 5:
                raise ValidationFailed(
                    _("Khi trả lại phải nêu lý do (ít nhất 5 ký tự)."),
                    code=ErrorCode.REASON_REQUIRED,
                    field="comment",
                )
            locked.decided_at = moment
            locked.decided_by = person(actor)
            locked.comment = comment
        locked.updated_at = moment

    with acting_on(_local_day(moment)):
        saved: Submission = transition(
            SUBMISSION,
            actor=actor,
            obj=current,
            action=to,
            apply=apply,
            reason=comment if to == Status.RETURNED else "",
            data={"notify": notify},
        )
    return saved


DECISIONS = frozenset(
    SUBMISSION.event_name(state) for state in (Status.APPROVED.value, Status.RETURNED.value)
)


def on_submission_event(event: Event) -> None:
    """Subscriber (``reporting.submission.*``): e-mail the officer who submitted the figures
    that they were approved or returned, with the leader's comment."""
    if event.name not in DECISIONS or not event.data.get("notify", True):
        return
    submission = Submission.objects.select_related("unit", "period", "submitted_by").get(
        pk=int(event.object_id)
    )
    user = submission.submitted_by
    if user is None or not user.email:
        return
    if submission.status == Status.APPROVED:
        subject = _("Số liệu giao ban %(period)s của %(unit)s đã được duyệt")
    else:
        subject = _("Số liệu giao ban %(period)s của %(unit)s bị trả lại")
    subject = subject % {"period": submission.period.title, "unit": submission.unit.name}
    body = subject + ".\n"
    if submission.comment:
        body += _("Ý kiến của lãnh đạo: %(c)s") % {"c": submission.comment} + "\n"
    body += f"{settings.SITE_URL.rstrip('/')}/giao-ban/nhap/{submission.unit.code}/{submission.period.code}/\n"
    send_mail(subject, body, None, [user.email], fail_silently=True)


# ------------------------------------------------------------------------- reminders


def reminder_recipients(*, unit: Unit, on: dt.date) -> list[User]:
    """The officers nearest to ``unit``: those holding the officer role at the unit itself, else
    at its closest ancestor where someone does."""
    for unit_id in reversed(unit.ancestor_ids):
        grants = (
            RoleGrant.objects.valid_on(on)
            .filter(unit_id=unit_id, role=Role.OFFICER, user__is_active=True)
            .select_related("user")
            .order_by("user__username")
        )
        users = [g.user for g in grants if g.user.email]
        if users:
            return users
    return []


@transaction.atomic
def reminders_send(*, actor: Actor, today: dt.date, ahead: int = 3) -> list[Reminder]:
    """E-mail the officers of every unit that has not submitted the figures of a period whose
    due date is within ``ahead`` working days or past (once per unit and day). A job: needs
    ``reporting.configure`` (``SYSTEM``). Returns the reminders sent."""
    from ykien.reporting.selectors import expected_units

    require(actor, CONFIGURE)
    calendar = WorkingCalendar()
    horizon = calendar.add_working_days(today, ahead)
    sent: list[Reminder] = []
    open_periods = Period.objects.filter(start__lte=today, due__lte=horizon).order_by("start")
    for period in open_periods:
        if today > period.due + follow_up_after_due(on=period.due):
            continue  # long past: the briefing has been held
        done = set(
            Submission.objects.filter(
                period=period, status__in=[Status.SUBMITTED, Status.APPROVED]
            ).values_list("unit_id", flat=True)
        )
        for unit in expected_units(period=period):
            if unit.pk in done or not unit.is_valid_on(today):
                continue
            if Reminder.objects.filter(period=period, unit=unit, sent_on=today).exists():
                continue
            users = reminder_recipients(unit=unit, on=today)
            if not users:
                continue
            overdue = today > period.due
            subject = (
                _("Quá hạn nộp số liệu giao ban %(period)s — %(unit)s")
                if overdue
                else _("Nhắc nộp số liệu giao ban %(period)s — %(unit)s")
            ) % {"period": period.title, "unit": unit.name}
            body = _(
                "Đơn vị %(unit)s chưa gửi số liệu giao ban %(period)s. Hạn nộp: %(due)s "
                "(do Ban Thường trực quy định).\nNhập số liệu tại: %(url)s\n"
            ) % {
                "unit": unit.name,
                "period": period.title,
                "due": period.due.strftime("%d/%m/%Y"),
                "url": f"{settings.SITE_URL.rstrip('/')}/giao-ban/nhap/{unit.code}/{period.code}/",
            }
            emails = [u.email for u in users]
            reminder = Reminder.objects.create(
                period=period, unit=unit, sent_on=today, recipients=emails
            )
            audit_record(
                actor=actor,
                action=AuditAction.REMINDER,
                obj=reminder,
                unit=unit,
                after={"recipients": [u.username for u in users], "period": period.code},
            )
            transaction.on_commit(
                partial(send_mail, subject, body, None, emails, fail_silently=True)
            )
            sent.append(reminder)
    return sent

"""Writes of the briefing: periods, indicators, targets, units' submissions and their approval,
reminders. Every service checks its input (and the actor's role when one is given), changes
state in one transaction and leaves an audit event."""

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

from ykien.core.audit import audit_record, snapshot
from ykien.core.calendar import WorkingCalendar
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import Role, RoleGrant, Unit, User
from ykien.core.selectors import unit_scope_ids
from ykien.reporting import periods, permissions
from ykien.reporting.figures import parse_figure
from ykien.reporting.labels import COMPUTED_UNITS
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

# There is no statutory time limit for these figures: the standing committee sets it.
DUE_WORKING_DAYS = 5

Status = Submission.Status

# The lifecycle of a submission: from → {to: who may do it}.
TRANSITIONS: dict[str, dict[str, str]] = {
    Status.DRAFT: {Status.SUBMITTED: "enter"},
    Status.RETURNED: {Status.SUBMITTED: "enter"},
    Status.SUBMITTED: {Status.APPROVED: "approve", Status.RETURNED: "approve"},
    Status.APPROVED: {},
}
EDITABLE = frozenset({Status.DRAFT.value, Status.RETURNED.value})


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _check_unit_in_period(unit: Unit, span: periods.Span) -> None:
    if not span.overlaps(unit.valid_from, unit.valid_to):
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không tồn tại trong %(period)s (hiệu lực %(start)s – %(end)s).")
            % {
                "unit": unit.name,
                "period": span.title,
                "start": unit.valid_from.strftime("%d/%m/%Y"),
                "end": unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "…",
            },
            code="unit_not_in_period",
            field="unit",
        )


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này tại đơn vị này."))


# --------------------------------------------------------------------------- periods


def default_due(span: periods.Span) -> dt.date:
    """Five working days after the period ends (a setting of the standing committee, not a law)."""
    return WorkingCalendar().add_working_days(span.end, DUE_WORKING_DAYS)


@transaction.atomic
def period_ensure(*, actor: User | None, code: str, due: dt.date | None = None) -> Period:
    """The period ``code`` (``2024-Q1``, ``2024-H1``, ``2024``), created with its due date when
    missing; ``due`` given changes the due date of an existing period."""
    span = periods.parse(code)
    if due is not None and due <= span.end:
        raise ValidationFailed(
            _("Hạn nộp phải sau ngày kết thúc kỳ (%(end)s).")
            % {"end": span.end.strftime("%d/%m/%Y")},
            code="due_before_end",
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
        audit_record(
            actor=actor, action="reporting.period.create", obj=period, after=snapshot(period)
        )
    elif due is not None and due != period.due:
        before = snapshot(period)
        period.due = due
        period.save(update_fields=["due"])
        audit_record(
            actor=actor,
            action="reporting.period.due",
            obj=period,
            before=before,
            after=snapshot(period),
        )
    return period


# ------------------------------------------------------------------------ indicators


@transaction.atomic
def indicator_upsert(
    *,
    actor: User | None,
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
    without a base, or a total whose parts do not add up (not summed)."""
    if measure not in Measure.values:
        raise ValidationFailed(_("Đơn vị đo không hợp lệ: %(v)s") % {"v": measure}, field="measure")
    if aggregation not in Aggregation.values:
        raise ValidationFailed(
            _("Cách tổng hợp không hợp lệ: %(v)s") % {"v": aggregation}, field="aggregation"
        )
    if source not in Source.values:
        raise ValidationFailed(
            _("Nguồn số liệu không hợp lệ: %(v)s") % {"v": source}, field="source"
        )
    if source == Source.COMPUTED and not computed_code:
        raise ValidationFailed(
            _("Chỉ tiêu tự tính phải nêu mã chỉ tiêu của ứng dụng cung cấp."), field="computed_code"
        )
    parts = list(parts)
    if source == Source.TOTAL and (
        not parts or any(p.aggregation != Aggregation.SUM for p in parts)
    ):
        raise ValidationFailed(
            _("Chỉ tiêu tổng phải là tổng của các chỉ tiêu được cộng dồn."), field="parts"
        )
    if aggregation == Aggregation.AVG and weight is not None and weight.code == code:
        raise ValidationFailed(_("Chỉ tiêu không thể là trọng số của chính nó."), field="weight")
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
            action="reporting.indicator.save",
            obj=indicator,
            before=before,
            after=after,
        )
    return indicator


COMPUTED_MEASURES = {m.value: m.value for m in Measure} | {"percent": Measure.PERCENT.value}


@transaction.atomic
def indicators_sync_computed(
    *, actor: User | None, group: str = "", order_from: int = 200
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
    actor: User | None,
    indicator: Indicator,
    unit: Unit,
    period: Period,
    value: object,
) -> Target | None:
    """Set (or with an empty ``value`` remove) the target of ``indicator`` for ``unit`` in
    ``period``; the value is checked like an entered figure."""
    if actor is not None:
        _require(permissions.can_approve(actor, unit))
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
                actor=actor, action="reporting.target.delete", obj=target, unit=unit, before=before
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
    audit_record(
        actor=actor,
        action="reporting.target.set",
        obj=target,
        unit=unit,
        before=before,
        after=snapshot(target),
    )
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


@transaction.atomic
def submission_save(
    *,
    actor: User | None,
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
    if actor is not None:
        _require(permissions.can_enter(actor, unit, on=_local_day(moment)))
    _check_unit_in_period(unit, period.span)
    indicators = entry_indicators(unit=unit)
    known = {ind.code for ind in indicators}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValidationFailed(
            _("Đơn vị này không báo cáo chỉ tiêu: %(codes)s") % {"codes": ", ".join(unknown)},
            code="unknown_indicator",
            field=unknown[0],
        )
    parsed, errors = clean_figures(indicators=indicators, raw=values)
    if errors:
        code = next(iter(errors))
        raise ValidationFailed(errors[code], code="invalid_figure", field=code)
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
            code="locked",
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
        action="reporting.submission.save",
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
    actor: User | None,
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
    day = _local_day(approved_at)
    if actor is not None:
        _require(permissions.can_approve(actor, within, on=day))
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
                % {"unit": unit.name, "within": within.name}
            )
        _check_unit_in_period(unit, period.span)
        if unit.pk in taken:
            raise InvalidTransition(
                _("“%(unit)s” đã có số liệu %(period)s.")
                % {"unit": unit.name, "period": period.title},
                code="exists",
            )
        key = (unit.kind, unit.level)
        if key not in indicators_by_kind:
            indicators_by_kind[key] = entry_indicators(unit=unit)
        indicators = indicators_by_kind[key]
        unknown = sorted(set(row.values) - {i.code for i in indicators})
        if unknown:
            raise ValidationFailed(
                _("Đơn vị này không báo cáo chỉ tiêu: %(codes)s") % {"codes": ", ".join(unknown)},
                code="unknown_indicator",
                field=unknown[0],
            )
        parsed, errors = clean_figures(indicators=indicators, raw=row.values)
        if errors:
            code = next(iter(errors))
            raise ValidationFailed(
                f"{unit.name}: {errors[code]}", code="invalid_figure", field=code
            )
        prepared.append((row, parsed, indicators))
    submitter = submitted_by or actor
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
                decided_by=actor,
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
            action="reporting.submission.import",
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


@transaction.atomic
def submission_transition(
    *,
    actor: User | None,
    submission: Submission,
    to: str,
    comment: str = "",
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Submission:
    """Move ``submission`` along its lifecycle (``TRANSITIONS``): submit (officer or leader of the
    unit; every figure must be filled), approve or return with a comment (leader). Raises
    ``InvalidTransition`` for a move the map does not allow (anything after approval),
    ``PermissionDenied``, ``ValidationFailed`` for missing figures or a return without reason.
    Approving or returning e-mails the officer who submitted (unless ``notify`` is false)."""
    moment = _now(now)
    submission = (
        Submission.objects.select_for_update()
        .select_related("unit", "period")
        .get(pk=submission.pk)
    )
    unit = submission.unit
    allowed = TRANSITIONS.get(submission.status, {})
    if to not in allowed:
        if submission.status == Status.APPROVED:
            message = _("Số liệu của “%(unit)s” %(period)s đã được duyệt, không thay đổi được nữa.")
        else:
            message = _(
                "Không thể chuyển số liệu của “%(unit)s” %(period)s từ “%(from)s” sang “%(to)s”."
            )
        raise InvalidTransition(
            message
            % {
                "unit": unit.name,
                "period": submission.period.title,
                "from": submission.get_status_display(),
                "to": Status(to).label if to in Status.values else to,
            }
        )
    if actor is not None:
        day = _local_day(moment)
        check = permissions.can_enter if allowed[to] == "enter" else permissions.can_approve
        _require(check(actor, unit, on=day))
    before = _submission_state(submission)
    if to == Status.SUBMITTED:
        filled = set(submission.values.values_list("indicator__code", flat=True))
        missing = [ind.name for ind in entry_indicators(unit=unit) if ind.code not in filled]
        if missing:
            raise ValidationFailed(
                _("Chưa nhập đủ số liệu: %(names)s.") % {"names": "; ".join(missing)},
                code="incomplete",
            )
        submission.submitted_at = moment
        submission.submitted_by = actor
        if submission.first_submitted_at is None:
            submission.first_submitted_at = moment
    else:
        comment = comment.strip()
        if to == Status.RETURNED and len(comment) < 5:
            raise ValidationFailed(
                _("Khi trả lại phải nêu lý do (ít nhất 5 ký tự)."), code="reason", field="comment"
            )
        submission.decided_at = moment
        submission.decided_by = actor
        submission.comment = comment
    submission.status = to
    submission.updated_at = moment
    submission.save()
    audit_record(
        actor=actor,
        action=f"reporting.submission.{to}",
        obj=submission,
        unit=unit,
        before=before,
        after=_submission_state(submission),
        reason=comment if to == Status.RETURNED else "",
    )
    if notify and to in (Status.APPROVED, Status.RETURNED) and submission.submitted_by_id:
        transaction.on_commit(lambda: _notify_decision(submission.pk))
    return submission


def _notify_decision(submission_id: int) -> None:
    submission = Submission.objects.select_related("unit", "period", "submitted_by").get(
        pk=submission_id
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
def reminders_send(*, today: dt.date, ahead: int = 3) -> list[Reminder]:
    """E-mail the officers of every unit that has not submitted the figures of a period whose
    due date is within ``ahead`` working days or past (once per unit and day). Returns the
    reminders sent."""
    from ykien.reporting.selectors import expected_units

    calendar = WorkingCalendar()
    horizon = calendar.add_working_days(today, ahead)
    sent: list[Reminder] = []
    open_periods = Period.objects.filter(start__lte=today, due__lte=horizon).order_by("start")
    for period in open_periods:
        if today > period.due + dt.timedelta(days=92):
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
                actor=None,
                action="reporting.reminder",
                obj=reminder,
                unit=unit,
                after={"recipients": [u.username for u in users], "period": period.code},
            )
            transaction.on_commit(
                partial(send_mail, subject, body, None, emails, fail_silently=True)
            )
            sent.append(reminder)
    return sent

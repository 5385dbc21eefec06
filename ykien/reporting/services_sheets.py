"""Writes of the briefing done a sheet at a time: a unit's uploaded figures confirmed after their
preview, and the targets of a unit for a period set from the staff page.

(They sit beside ``services.py``, which is close to the 800-line limit of a module; both go
through the same services, checks and audit as one figure typed in the entry form.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.models import Unit
from ykien.core.permissions import Actor, require
from ykien.reporting import services
from ykien.reporting.codes import ErrorCode
from ykien.reporting.figures import parse_figure
from ykien.reporting.models import Indicator, Period, Submission, Target, Value
from ykien.reporting.permissions import APPROVE, ENTER, acting_on


@transaction.atomic
def submission_save_uploaded(
    *,
    actor: Actor,
    unit: Unit,
    period: Period,
    values: Mapping[str, str],
    base: Mapping[str, str | None],
    now: dt.datetime | None = None,
) -> Submission:
    """Save the figures of an upload the officer confirmed after its preview. ``base`` holds the
    figures saved when the preview was read (by indicator code, None for none): if any moved
    since (someone saved the form meanwhile), ``ValidationFailed`` (``upload_stale``) and nothing
    is saved. Otherwise as ``services.submission_save`` (same permission, checks, audit), the
    unit's notes kept."""
    moment = now or timezone.now()
    with acting_on(timezone.localtime(moment).date()):
        require(actor, ENTER, unit)
    submission = Submission.objects.select_for_update().filter(unit=unit, period=period).first()
    current: dict[str, Decimal] = {}
    if submission is not None:
        current = dict(
            Value.objects.filter(submission=submission).values_list("indicator__code", "value")
        )
    for code, before in base.items():
        now_value = current.get(code)
        if (None if now_value is None else Decimal(now_value)) != (
            None if before is None else Decimal(before)
        ):
            raise ValidationFailed(
                _(
                    "Số liệu của đơn vị đã thay đổi sau khi xem trước; hãy tải tệp lên lại "
                    "để xem những gì sẽ thay đổi."
                ),
                code=ErrorCode.UPLOAD_STALE,
            )
    return services.submission_save(
        actor=actor,
        unit=unit,
        period=period,
        # Plain decimal text ("12.5") from the preview: read back as numbers, not as typed text.
        values={code: Decimal(value) for code, value in values.items()},
        notes=submission.notes if submission is not None else "",
        now=moment,
    )


@transaction.atomic
def targets_set(
    *,
    actor: Actor,
    unit: Unit,
    period: Period,
    values: Mapping[str, object],
    indicators: list[Indicator],
) -> list[Target]:
    """Set the targets of ``unit`` for ``period`` (by indicator code; empty removes one) in one
    transaction: every value is checked first, and on the first bad one ``ValidationFailed``
    (``field`` = the indicator's code) with nothing saved. Each change goes through
    ``services.target_set`` (permission ``reporting.approve_figures`` at the unit, history,
    audit). Returns the targets set."""
    require(actor, APPROVE, unit)
    by_code = {ind.code: ind for ind in indicators}
    unknown = sorted(set(values) - set(by_code))
    if unknown:
        raise ValidationFailed(
            _("Chỉ tiêu không có: %(codes)s") % {"codes": ", ".join(unknown)},
            code=ErrorCode.UNKNOWN_INDICATOR,
            field=unknown[0],
        )
    for code, raw in values.items():
        parse_figure(by_code[code], raw)  # raises on the first bad one, before any write
    saved = []
    for code, raw in values.items():
        target = services.target_set(
            actor=actor, indicator=by_code[code], unit=unit, period=period, value=raw
        )
        if target is not None:
            saved.append(target)
    return saved

"""Small helpers shared by the supervision services: dates and typed texts."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.models import UnitKind
from ykien.core.selectors import today as core_today
from ykien.core.text import clean_text
from ykien.oversight.codes import ErrorCode

BOARD_KINDS = frozenset({UnitKind.INSPECTION_BOARD.value, UnitKind.INVESTMENT_BOARD.value})
MAX_ANSWER_DAYS = 365


def day_or_today(value: dt.date | None) -> dt.date:
    return value if value is not None else core_today()


def check_not_future(day: dt.date, *, field: str, what: str) -> None:
    if day > core_today():
        raise ValidationFailed(
            _("%(what)s không thể là ngày trong tương lai (%(day)s).")
            % {"what": what, "day": day.strftime("%d/%m/%Y")},
            code=ErrorCode.FUTURE_DATE,
            field=field,
        )


def required_text(value: str, *, field: str, what: str, min_length: int = 1) -> str:
    return clean_text(value, field=field, label=what, required=True, min_length=min_length)

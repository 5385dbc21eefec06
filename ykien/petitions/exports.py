"""Exports without personal data: the public statistics (small counts suppressed) and the
officer's list of petitions (numbers, kinds, units, states and dates — no sender, no text)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from ykien.core.models import Unit
from ykien.petitions.models import Petition
from ykien.petitions.selectors import SUPPRESSED, petition_statistics


def _cell(value: object) -> str:
    return str(SUPPRESSED) if value is None else str(value)


def statistics_rows(
    *, start: dt.date, end: dt.date, today: dt.date, root: Unit | None = None
) -> Iterator[list[str]]:
    rows, total = petition_statistics(start=start, end=end, today=today, root=root)
    yield [
        _("Mã đơn vị"), _("Đơn vị"), _("Từ ngày"), _("Đến ngày"), _("Tiếp nhận"), _("Thụ lý"),
        _("Giải quyết đúng hạn"), _("Quá hạn"), _("Số ngày giải quyết trung bình"),
        _("Số lượt đánh giá"), _("Mức hài lòng trung bình (1–5)"),
    ]  # fmt: skip
    for row in [*rows, total]:
        yield [
            row.code,
            str(row.label),
            start.isoformat(),
            end.isoformat(),
            _cell(row.received),
            _cell(row.accepted),
            _cell(row.settled_on_time),
            _cell(row.overdue),
            "" if row.avg_days is None else str(row.avg_days),
            _cell(row.rated),
            "" if row.satisfaction is None else str(row.satisfaction),
        ]


def staff_rows(petitions: Iterable[Petition], *, today: dt.date) -> Iterator[list[str]]:
    yield [
        _("Số"), _("Loại"), _("Lĩnh vực"), _("Đơn vị"), _("Kênh"), _("Trạng thái"),
        _("Ngày tiếp nhận"), _("Ngày thụ lý"), _("Ngày giải quyết"), _("Hạn hiện tại"),
        _("Quá hạn"), _("Cán bộ xử lý"),
    ]  # fmt: skip
    for p in petitions:
        yield [
            str(p.pk),
            str(p.get_kind_display()),
            p.category.name if p.category else "",
            p.unit.name,
            str(p.get_channel_display()),
            str(p.get_status_display()),
            p.received_on.isoformat(),
            p.accepted_on.isoformat() if p.accepted_on else "",
            p.settled_on.isoformat() if p.settled_on else "",
            p.due_date.isoformat() if p.due_date else "",
            _("có") if p.is_overdue(today) else "",
            p.handler.username if p.handler else "",
        ]

"""Open data of citizen reception: the public schedule (who receives, when, where, the state) —
never anything about the people received or registered."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from ykien.reception.models import Session


def session_json(session: Session) -> dict[str, Any]:
    head = session.head
    return {
        "id": session.pk,
        "day": session.day.isoformat(),
        "starts_at": session.starts_at.strftime("%H:%M"),
        "place": session.place,
        "head": head.name,
        "title": head.title,
        "office": head.office,
        "office_label": str(head.get_office_display()),
        "unit": head.unit.name,
        "unit_code": head.unit.code,
        "status": session.status,
        "status_label": str(session.get_status_display()),
        "deputy": session.deputy_name,
    }


def schedule_rows(sessions: Iterable[Session]) -> Iterator[list[str]]:
    yield [
        _("Ngày"), _("Giờ"), _("Địa điểm"), _("Người tiếp"), _("Chức vụ"), _("Đơn vị"),
        _("Mã đơn vị"), _("Trạng thái"), _("Cấp phó được ủy quyền"),
    ]  # fmt: skip
    for s in sessions:
        row = session_json(s)
        yield [
            row["day"], row["starts_at"], row["place"], row["head"], row["title"], row["unit"],
            row["unit_code"], row["status_label"], row["deputy"],
        ]  # fmt: skip

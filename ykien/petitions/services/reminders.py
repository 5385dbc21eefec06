"""Reminders to the handlers of petitions due soon or overdue (``ykien petitions remind``, the
``send_reminders`` task)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.models import Role, RoleGrant, Unit, User
from ykien.core.permissions import Actor, require
from ykien.core.selectors import unit_governing_ids
from ykien.petitions.codes import ErrorCode
from ykien.petitions.models import Petition
from ykien.petitions.services._base import today as _today

REMINDER_DAYS = 5


def _handlers_of(unit: Unit, day: dt.date) -> list[User]:
    ids = unit_governing_ids(unit=unit)
    grants = (
        RoleGrant.objects.valid_on(day)
        .filter(role=Role.HANDLER, unit_id__in=ids, user__is_active=True)
        .select_related("user")
    )
    return sorted({g.user for g in grants}, key=lambda u: u.pk)


def _line(p: Petition, day: dt.date) -> str:
    state = _("QUÁ HẠN") if p.is_overdue(day) else _("sắp đến hạn")
    url = settings.SITE_URL.rstrip("/") + reverse("petitions:staff_detail", args=[p.pk])
    due = f"{p.due_date:%d/%m/%Y}" if p.due_date else "—"
    return (
        f"- #{p.pk} {p.get_kind_display()} — {p.unit.name} — {p.get_status_display()} — "
        f"{_('hạn')} {due} ({state})\n  {url}"
    )


def petition_remind(*, actor: Actor, petition: Petition) -> int:
    """Mail a reminder of one open petition to its handler (or, not yet assigned, to every
    handler of its unit) — the same mail as ``reminders_send``, without sender or text. Needs
    ``petitions.handle_petition``. Raises ``ValidationFailed`` for a closed petition or when no
    handler has an e-mail address; returns the number of mails, sent after commit."""
    require(actor, "petitions.handle_petition", petition)
    if not petition.is_open:
        raise ValidationFailed(
            _("Đơn #%(id)s đã kết thúc, không cần nhắc.") % {"id": petition.pk},
            code=ErrorCode.CLOSED,
        )
    day = _today()
    recipients = [petition.handler] if petition.handler else _handlers_of(petition.unit, day)
    addresses = [u for u in recipients if u is not None and u.is_active and u.email]
    if not addresses:
        raise ValidationFailed(
            _("Đơn #%(id)s chưa có cán bộ xử lý có địa chỉ thư điện tử để nhắc.")
            % {"id": petition.pk},
            code=ErrorCode.NO_RECIPIENT,
        )
    for user in addresses:
        body = _(
            "Kính gửi %(name)s,\n\nCác đơn thư sau đang chờ xử lý:\n\n%(lines)s\n\n"
            "Thư này không chứa thông tin người gửi. Vui lòng đăng nhập để xem chi tiết.\n"
        ) % {"name": user.full_name or user.username, "lines": _line(petition, day)}
        subject = _("[Ý Kiến] %(n)s đơn thư sắp đến hạn hoặc quá hạn") % {"n": 1}
        transaction.on_commit(partial(send_mail, subject, body, None, [user.email]))
    return len(addresses)


def reminders_send(*, today: dt.date | None = None, days: int = REMINDER_DAYS) -> int:
    """Mail each handler the petitions due within ``days`` or overdue: the assigned handler, or
    every handler of the unit for petitions not yet assigned. The mail names petitions by number,
    kind, unit, step and due date only — never the sender or the text. Returns mails sent."""
    day = today or _today()
    by_user: dict[int, tuple[User, list[Petition]]] = {}
    qs = (
        Petition.objects.open()
        .filter(due_date__lte=day + dt.timedelta(days=days))
        .select_related("unit", "handler")
        .order_by("due_date", "pk")
    )
    for petition in qs:
        recipients = [petition.handler] if petition.handler else _handlers_of(petition.unit, day)
        for user in recipients:
            if user is None or not user.email:
                continue
            by_user.setdefault(user.pk, (user, []))[1].append(petition)
    sent = 0
    for user, items in by_user.values():
        lines = []
        for p in items:
            state = _("QUÁ HẠN") if p.is_overdue(day) else _("sắp đến hạn")
            url = settings.SITE_URL.rstrip("/") + reverse("petitions:staff_detail", args=[p.pk])
            lines.append(
                f"- #{p.pk} {p.get_kind_display()} — {p.unit.name} — {p.get_status_display()} — "
                f"{_('hạn')} {p.due_date:%d/%m/%Y} ({state})\n  {url}"
            )
        body = _(
            "Kính gửi %(name)s,\n\nCác đơn thư sau đang chờ xử lý:\n\n%(lines)s\n\n"
            "Thư này không chứa thông tin người gửi. Vui lòng đăng nhập để xem chi tiết.\n"
        ) % {"name": user.full_name or user.username, "lines": "\n".join(lines)}
        send_mail(
            _("[Ý Kiến] %(n)s đơn thư sắp đến hạn hoặc quá hạn") % {"n": len(items)},
            body,
            None,
            [user.email],
        )
        sent += 1
    return sent

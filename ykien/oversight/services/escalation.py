"""Following up overdue recommendations: referral to the front committee one level up, and the
weekly reminder to the addressee's respondents (a job, acting as ``SYSTEM``)."""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from ykien.core.errors import InvalidTransition
from ykien.core.models import Role, Unit
from ykien.core.permissions import Actor
from ykien.core.selectors import role_holder_emails
from ykien.oversight.lifecycle import ANSWERABLE, recommendation_refusal
from ykien.oversight.models import Recommendation
from ykien.oversight.selectors import escalation_target
from ykien.oversight.services._common import day_or_today
from ykien.oversight.services.recommendations import move

__all__ = [
    "escalation_target",
    "recommendation_escalate",
    "recommendation_remind",
    "recommendations_remind_overdue",
]


def recommendation_escalate(
    *, actor: Actor, recommendation: Recommendation, on: dt.date | None = None, note: str = ""
) -> Recommendation:
    """Refer an unanswered (or overdue in-progress) recommendation to the front committee one
    level up, which then urges the addressee (→ escalated)."""
    day = day_or_today(on)
    target = escalation_target(recommendation)
    with override(settings.LANGUAGE_CODE):  # the record is Vietnamese; pages translate it
        text = _("Chuyển %(unit)s đôn đốc.") % {"unit": target.name if target else ""}
    if note.strip():
        text = f"{text} {note.strip()}"

    def apply(locked: Recommendation) -> None:
        locked.escalated_to = target
        locked.escalated_on = day

    return move(
        actor=actor,
        recommendation=recommendation,
        action="escalate",
        day=day,
        apply=apply,
        note=text,
    )


def _respondent_emails(unit: Unit, on: dt.date) -> list[str]:
    return role_holder_emails(units=[unit], roles=[Role.RESPONDENT], on=on)


def recommendation_remind(
    *,
    actor: Actor,
    recommendation: Recommendation,
    today: dt.date | None = None,
    notify: bool = True,
) -> Recommendation:
    """Record a reminder of an overdue recommendation (at most once a week) and mail the
    respondents of the addressee on commit (unless ``notify`` is false)."""
    day = day_or_today(today)

    def apply(locked: Recommendation) -> None:
        locked.last_reminded_on = day

    rec = move(actor=actor, recommendation=recommendation, action="remind", day=day, apply=apply)
    emails = _respondent_emails(rec.addressee, day) if notify else []
    if emails:
        subject = _("Nhắc trả lời kiến nghị %(code)s quá hạn") % {"code": rec.code}
        body = _(
            "%(issuer)s đề nghị %(addressee)s trả lời kiến nghị %(code)s (hạn %(due)s):\n\n%(text)s\n\n"
            "Trả lời tại %(url)s"
        ) % {
            "issuer": rec.issuer.name,
            "addressee": rec.addressee.name,
            "code": rec.code,
            "due": rec.answer_due.strftime("%d/%m/%Y") if rec.answer_due else "",
            "text": rec.text,
            "url": f"{settings.SITE_URL.rstrip('/')}/can-bo/giam-sat/kien-nghi/{rec.pk}/tra-loi/",
        }
        transaction.on_commit(
            functools.partial(send_mail, subject, body, None, emails, fail_silently=True)
        )
    return rec


@transaction.atomic
def recommendations_remind_overdue(
    *, actor: Actor, today: dt.date | None = None, notify: bool = True
) -> int:
    """Remind every overdue recommendation not reminded in the last 7 days
    (``recommendation_remind``). Run by a job as ``SYSTEM``. Returns how many."""
    day = day_or_today(today)
    count = 0
    candidates = Recommendation.objects.filter(status__in=ANSWERABLE).select_related(
        "activity", "addressee", "issuer"
    )
    for rec in candidates:
        if recommendation_refusal("remind", rec, day) is not None:
            continue
        try:
            recommendation_remind(actor=actor, recommendation=rec, today=day, notify=notify)
        except InvalidTransition:  # answered or reminded meanwhile
            continue
        count += 1
    return count

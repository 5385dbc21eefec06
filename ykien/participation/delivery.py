"""From a domain event to the people it concerns: notifications in the site and by mail.

``on_event`` (subscribed to every event) hands the event to a background task; ``deliver`` reads
the ``core.follow`` notices of the event, finds who follows the records it reaches and who is
told directly, asks for each person whether they may see the record now (so a record that became
confidential, or a person who lost the right to see it, gets nothing), stores one notification
per person, and mails those who want it at once. Addresses that follow without an account get
a mail if the record is public. The actor is never told of their own act.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ykien.core import demo, follow
from ykien.core.events import Event
from ykien.participation.models import Delivery, Follow, Notification, Preference

logger = logging.getLogger(__name__)

BATCH = 500


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "name": event.name,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "actor_id": event.actor_id,
        "unit_id": event.unit_id,
        "before": event.before,
        "after": event.after,
        "data": event.data,
        "at": event.at.isoformat(),
    }


def event_from_dict(data: dict[str, Any]) -> Event:
    values = dict(data)
    values["at"] = dt.datetime.fromisoformat(values["at"])
    return Event(**values)


def on_event(event: Event) -> None:
    """Queue the delivery of an event that has notices (the others cost nothing)."""
    if not follow.notices_for(event.name) or demo.is_loading():
        return
    from ykien.participation.tasks import deliver_event

    try:
        payload = event_to_dict(event)
        deliver_event.enqueue(payload)
    except (TypeError, ValueError):
        # A payload the task queue cannot store (a value that is not JSON): deliver here.
        logger.warning("event %s delivered inline: its data is not JSON", event.name)
        deliver(event)


def _visible(item: follow.Followable, obj: Any, user: Any) -> bool:
    try:
        return bool(item.visible(user, obj))
    except Exception:  # a broken rule must not tell anyone anything
        logger.exception("visibility of %s %s failed", item.kind, getattr(obj, "pk", obj))
        return False


def deliver(event: Event) -> int:
    """Store and send what ``event`` tells people; returns the notifications stored."""
    stored = 0
    for notice in follow.notices_for(event.name):
        stored += _deliver_notice(notice, event)
    return stored


def _deliver_notice(notice: follow.Notice, event: Event) -> int:
    subject = notice.subject(event)
    loaded = follow.load(subject) if subject else None
    if subject is None or loaded is None:
        return 0
    item, obj = loaded
    public = _visible(item, obj, None)
    users_model = get_user_model()
    told: set[int] = set()
    if event.actor_id:
        told.add(event.actor_id)
    rows: list[Notification] = []

    # Those told directly, each about their own record (their comment, their petition).
    for user_id, ref in notice.direct(event):
        if user_id in told:
            continue
        own = follow.load(ref)
        user = users_model.objects.filter(pk=user_id, is_active=True).first()
        if own is None or user is None or not _visible(own[0], own[1], user):
            continue
        told.add(user_id)
        rows.append(
            Notification(
                user_id=user_id, event=event.name, kind=ref[0], object_id=ref[1], direct=True
            )
        )

    # Followers of every record the event reaches.
    reached = notice.followed(event)
    follows = _follows_of(reached, since=event.at)
    user_ids = sorted({f.user_id for f in follows if f.user_id and f.user_id not in told})
    for start in range(0, len(user_ids), BATCH):
        users = users_model.objects.filter(pk__in=user_ids[start : start + BATCH], is_active=True)
        for user in users:
            if public or _visible(item, obj, user):
                told.add(user.pk)
                rows.append(
                    Notification(
                        user_id=user.pk,
                        event=event.name,
                        kind=subject[0],
                        object_id=subject[1],
                    )
                )
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows, batch_size=BATCH)
    _mail_now([n.pk for n in created if n.pk is not None])

    # Addresses without an account: only ever about a public record.
    from ykien.participation import mail

    if public:
        seen: set[str] = set()
        for f in follows:
            if f.email and f.email not in seen:
                seen.add(f.email)
                mail.send_to_address(f, event.name, subject)
    for address, language, ref in notice.emails(event):
        mail.send_direct(address, language, event.name, ref)
    return len(created)


def _follows_of(refs: Iterable[follow.Ref], *, since: dt.datetime) -> list[Follow]:
    """The confirmed follows of these records made before the event: a follower hears of what
    happens after they follow, not of a step queued before (a worker catching up)."""
    found: list[Follow] = []
    by_kind: dict[str, set[str]] = {}
    for kind, object_id in refs:
        by_kind.setdefault(kind, set()).add(str(object_id))
    for kind, ids in by_kind.items():
        found.extend(
            Follow.objects.filter(
                kind=kind, object_id__in=ids, confirmed_at__isnull=False, created_at__lte=since
            )
        )
    return found


def delivery_of(user: Any) -> str:
    pref = Preference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return pref or Delivery.IMMEDIATE


def _mail_now(ids: list[int]) -> None:
    """Mail at once the new notifications of people who asked for it."""
    if not ids:
        return
    from ykien.participation import mail

    new = list(Notification.objects.filter(pk__in=ids).select_related("user"))
    digest_or_site = set(
        Preference.objects.filter(user_id__in={n.user_id for n in new})
        .exclude(delivery=Delivery.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    for n in new:
        if n.user_id in digest_or_site or not n.user.email:
            continue
        if mail.send_notification(n):
            Notification.objects.filter(pk=n.pk).update(mailed_at=timezone.now())

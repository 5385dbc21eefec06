"""Demo: the demo citizen follows the draft open for comment, a public recommendation and their
front committee's unit, and has read in the site what the demo's history told them — the draft
opened, the recommendation sent, the drafting body's answer to the point drawn from their
comment — each dated when it happened (built from the records the other apps' demos made, so it
follows whatever day the demo is loaded). Nothing is mailed while the demo loads, and the
demo's history is not delivered again by the worker: a follower hears only of what happens
after they follow (``delivery``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from ykien.core import follow
from ykien.participation.models import Follow, Notification

DEMO_CITIZEN = "congdan"
FOLLOWED = ("consultations.draft", "oversight.recommendation", "core.unit")


def load(out: TextIO) -> None:
    user = get_user_model().objects.filter(username=DEMO_CITIZEN).first()
    if user is None or Notification.objects.filter(user=user).exists():
        return
    told: list[tuple[str, str, str, bool, dt.datetime]] = []
    for kind in FOLLOWED:
        found = _first_public(kind)
        if found is None:
            continue
        object_id, event, at = found
        Follow.objects.get_or_create(
            user=user, kind=kind, object_id=object_id, defaults={"confirmed_at": at}
        )
        if event:
            told.append((event, kind, object_id, False, at))
    told.extend(_answers_to_their_comments(user))
    for event, kind, object_id, direct, at in sorted(told, key=lambda row: row[4]):
        n = Notification.objects.create(
            user=user, event=event, kind=kind, object_id=object_id, direct=direct
        )
        # As delivered then: dated when it happened, and long since mailed.
        Notification.objects.filter(pk=n.pk).update(created_at=at, mailed_at=at)
    # Follows date from before what they were told of.
    earliest = min((row[4] for row in told), default=timezone.now())
    Follow.objects.filter(user=user).update(created_at=earliest - dt.timedelta(days=1))


def _at(day: dt.date | None) -> dt.datetime:
    moment = dt.datetime.combine(day or timezone.localdate(), dt.time(8, 30))
    return timezone.make_aware(moment)


def _first_public(kind: str) -> tuple[str, str, dt.datetime] | None:
    """The record of ``kind`` the citizen follows, the event that told them of it and when."""
    item = follow.followable(kind)
    if item is None:
        return None
    model: Any
    if kind == "consultations.draft":
        model = apps.get_model("consultations", "Draft")
        rows = model.objects.filter(status="open").order_by("pk")
        event = "consultations.draft.publish"
    elif kind == "oversight.recommendation":
        model = apps.get_model("oversight", "Recommendation")
        rows = model.objects.filter(is_public=True).exclude(status="draft").order_by("pk")
        event = "oversight.recommendation.issue"
    else:
        model = apps.get_model("core", "Unit")
        rows = model.objects.filter(code="MTTQ-86").order_by("pk") or model.objects.order_by("pk")
        event = ""
    for obj in rows[:50]:
        found = item.get(str(obj.pk))
        if found is not None and item.visible(None, found):
            if kind == "consultations.draft":
                at = obj.published_at or _at(obj.comment_start)
            elif kind == "oversight.recommendation":
                at = _at(obj.issued_on)
            else:
                at = timezone.now() - dt.timedelta(days=30)
            return str(obj.pk), event, at
    return None


def _answers_to_their_comments(user: Any) -> list[tuple[str, str, str, bool, dt.datetime]]:
    """The published answers to points drawn from the citizen's comments."""
    point_model = apps.get_model("consultations", "CritiquePoint")
    rows: list[tuple[str, str, str, bool, dt.datetime]] = []
    points = point_model.objects.filter(
        comments__author=user, status="published", published_at__isnull=False
    ).distinct()
    for point in points:
        for comment in point.comments.filter(author=user):
            rows.append(
                (
                    "consultations.point.publish",
                    "consultations.comment",
                    str(comment.pk),
                    True,
                    point.published_at or timezone.now(),
                )
            )
    return rows

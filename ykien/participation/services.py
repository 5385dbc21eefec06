"""Every write of the participation app: follow and stop following, the double opt-in of an
address, unsubscribe links, reading notifications, the delivery preference and the daily digest.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.core import follow
from ykien.core.errors import NotFound, ValidationFailed
from ykien.participation import mail, tokens
from ykien.participation.codes import ErrorCode
from ykien.participation.models import Delivery, Follow, Notification, OptOut, Preference

NOT_FOLLOWABLE = gettext_lazy("Không có nội dung công khai này để theo dõi.")
BAD_LINK = gettext_lazy(
    "Đường dẫn này không hợp lệ hoặc đã bị sửa đổi. Không có thay đổi nào được thực hiện."
)
EXPIRED_LINK = gettext_lazy(
    "Đường dẫn xác nhận không hợp lệ hoặc đã hết hạn (sau 3 ngày). Hãy đăng ký theo dõi lại."
)


def _int(value: Any) -> int:
    """A key read from a signed link (0, which names nothing, if it is not one)."""
    return value if isinstance(value, int) and 0 < value < 2**63 else 0


def followable_record(*, kind: str, object_id: str, user: Any) -> tuple[follow.Followable, Any]:
    """The record a follow names, if it may be followed and ``user`` (None: anyone) may see
    it; raises ``NotFound`` otherwise."""
    loaded = follow.load((kind, object_id)) if kind and object_id else None
    if loaded is None or not loaded[0].followable or not loaded[0].visible(user, loaded[1]):
        raise NotFound(NOT_FOLLOWABLE, code=ErrorCode.NOT_FOLLOWABLE, field="object_id")
    return loaded


def follow_record(*, user: Any, kind: str, object_id: str) -> Follow:
    """A signed-in person follows a record they may see (following twice changes nothing)."""
    followable_record(kind=kind, object_id=object_id, user=user)
    with transaction.atomic():
        found, _created = Follow.objects.get_or_create(
            user=user,
            kind=kind,
            object_id=str(object_id),
            defaults={"confirmed_at": timezone.now()},
        )
    return found


def unfollow_record(*, user: Any, kind: str, object_id: str) -> int:
    deleted, _ = Follow.objects.filter(user=user, kind=kind, object_id=str(object_id)).delete()
    return deleted


def is_following(user: Any, kind: str, object_id: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, kind=kind, object_id=str(object_id)).exists()


def follow_by_email(*, email: str, kind: str, object_id: str, language: str) -> None:
    """An address asks to follow a public record: a link to confirm is mailed (double opt-in).
    Asking again mails the link again; an address that already follows is told nothing new —
    the answer is the same either way."""
    item, obj = followable_record(kind=kind, object_id=object_id, user=None)
    email = email.strip().lower()
    with transaction.atomic():
        try:
            found, _created = Follow.objects.get_or_create(
                email=email,
                kind=kind,
                object_id=str(object_id),
                defaults={"language": language if language in mail.LANGUAGES else "vi"},
            )
        except IntegrityError:
            found = Follow.objects.get(email=email, kind=kind, object_id=str(object_id))
    if found.confirmed_at is not None:
        return
    token = tokens.make(tokens.CONFIRM, {"f": found.pk, "h": _address_key(email)})
    link = mail.absolute(reverse("participation:confirm", args=[token]))
    with translation.override(found.language):
        body = render_to_string(
            "participation/mail/confirm.txt",
            {"title": item.title(obj), "link": link, "label": item.label},
        )
        send_mail(
            _("[Ý Kiến] Xác nhận theo dõi “%(title)s”")
            % {"title": textwrap.shorten(item.title(obj).rstrip(" ."), 120, placeholder=" …")},
            body,
            None,
            [email],
        )


def _address_key(email: str) -> str:
    """What a confirmation link says of the address: a keyed hash, never the address."""
    return OptOut.hash(email)[:24]


def email_follow_of(*, token: str) -> Follow:
    """The address's follow a confirmation link names (raises for a bad or expired link)."""
    data = tokens.read(tokens.CONFIRM, token, max_age=tokens.CONFIRM_MAX_AGE)
    found = Follow.objects.filter(pk=_int((data or {}).get("f"))).exclude(email="").first()
    if data is None or found is None or data.get("h") != _address_key(found.email):
        raise ValidationFailed(EXPIRED_LINK, code=ErrorCode.EXPIRED_LINK, field="token")
    return found


def confirm_email_follow(*, token: str) -> Follow:
    found = email_follow_of(token=token)
    if found.confirmed_at is None:
        Follow.objects.filter(pk=found.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        found.refresh_from_db()
    return found


def unsubscribe_target(token: str) -> dict[str, Any]:
    """What an unsubscribe link names (raises for a bad one)."""
    data = tokens.read(tokens.UNSUBSCRIBE, token)
    if data is None or not isinstance(data.get("k"), str):
        raise ValidationFailed(BAD_LINK, code=ErrorCode.BAD_LINK, field="token")
    return data


def unsubscribed(*, token: str) -> bool:
    """Has what the link names already been stopped (raises for a bad link)?"""
    data = unsubscribe_target(token)
    ref = (data["k"], str(data.get("o")))
    if "h" in data:
        return OptOut.objects.filter(
            address_hash=str(data["h"]), kind=ref[0], object_id=ref[1]
        ).exists()
    return not Follow.objects.filter(pk=_int(data.get("f")), kind=ref[0], object_id=ref[1]).exists()


def unsubscribe(*, token: str) -> bool:
    """Stop what the link names: an address's follow, or a sender's mails about their record.
    Using a link twice is harmless. Returns whether something was stopped now."""
    data = unsubscribe_target(token)
    if "h" in data:
        _found, created = OptOut.objects.get_or_create(
            address_hash=str(data["h"])[:64], kind=data["k"], object_id=str(data.get("o"))
        )
        return created
    deleted, _ = Follow.objects.filter(
        pk=_int(data.get("f")), kind=data["k"], object_id=str(data.get("o"))
    ).delete()
    return bool(deleted)


def mail_owner(*, token: str) -> Any:
    """The person a "stop mail" link was made for (raises for a bad link)."""
    from django.contrib.auth import get_user_model

    data = tokens.read(tokens.STOP_MAIL, token)
    user = get_user_model().objects.filter(pk=_int((data or {}).get("u"))).first()
    if data is None or user is None:
        raise ValidationFailed(BAD_LINK, code=ErrorCode.BAD_LINK, field="token")
    return user


def stop_mail(*, token: str) -> Any:
    """A person's one-click "no more mail": notifications stay in the site."""
    user = mail_owner(token=token)
    set_delivery(user=user, delivery=Delivery.SITE)
    return user


def set_delivery(*, user: Any, delivery: str) -> Preference:
    if delivery not in Delivery.values:
        raise ValidationFailed(
            _("Cách nhận thông báo không hợp lệ."), code=ErrorCode.BAD_DELIVERY, field="delivery"
        )
    pref, _created = Preference.objects.update_or_create(user=user, defaults={"delivery": delivery})
    return pref


def mark_read(*, user: Any, notification_id: int) -> Notification:
    n = None
    if 0 < notification_id < 2**63:
        n = Notification.objects.filter(pk=notification_id, user=user).first()
    if n is None:
        raise NotFound(
            _("Không tìm thấy thông báo."), code=ErrorCode.NO_NOTIFICATION, field="notification"
        )
    if n.read_at is None:
        n.read_at = timezone.now()
        n.save(update_fields=["read_at"])
    return n


def mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def send_digests(*, now: dt.datetime | None = None) -> int:
    """Mail each person who asked for a daily digest the notifications not yet mailed (one
    mail each). Run once a day (``ykien notifications digest``); returns mails sent."""
    now = now or timezone.now()
    users = Preference.objects.filter(delivery=Delivery.DIGEST).values_list("user_id", flat=True)
    sent = 0
    pending = (
        Notification.objects.filter(user_id__in=users, mailed_at__isnull=True, created_at__lte=now)
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for n in pending:
        by_user.setdefault(n.user_id, []).append(n)
    for group in by_user.values():
        user = group[0].user
        if user.is_active and user.email and mail.send_digest(user, group):
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in group]).update(mailed_at=now)
    return sent


def forget_person(user: Any) -> int:
    """Erase what this app holds of a person who deletes their account."""
    removed = Follow.objects.filter(user=user).delete()[0]
    removed += Notification.objects.filter(user=user).delete()[0]
    removed += Preference.objects.filter(user=user).delete()[0]
    return removed


__all__ = [
    "confirm_email_follow",
    "follow_by_email",
    "follow_record",
    "forget_person",
    "is_following",
    "mark_all_read",
    "mark_read",
    "send_digests",
    "set_delivery",
    "stop_mail",
    "unfollow_record",
    "unsubscribe",
]


def delivery_of(user: Any) -> str:
    """How a person hears of what they follow (at once by default)."""
    from ykien.participation.delivery import delivery_of as read

    return read(user)

"""Notification mails, in the recipient's language, each with a one-click unsubscribe link
(``List-Unsubscribe`` and ``List-Unsubscribe-Post``, RFC 8058)."""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ykien.core import follow
from ykien.participation import tokens
from ykien.participation.models import Follow, Notification, OptOut
from ykien.participation.text import told, written

logger = logging.getLogger(__name__)

LANGUAGES = {"vi", "en"}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path else settings.SITE_URL


def language_of(user: Any) -> str:
    """The language a person chose (their profile), Vietnamese by default."""
    from ykien.accounts.selectors import profile_language

    language = profile_language(user=user) or "vi"
    return language if language in LANGUAGES else "vi"


def _send(
    address: str, subject: str, template: str, context: dict[str, Any], unsubscribe: str
) -> bool:
    context = {**context, "unsubscribe_url": unsubscribe, "site_url": settings.SITE_URL}
    body = render_to_string(f"participation/mail/{template}.txt", context)
    message = EmailMultiAlternatives(
        # One line, at most 200 characters, cut between words with an ellipsis.
        subject=textwrap.shorten(subject, width=200, placeholder=" …"),
        body=body,
        to=[address],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    try:
        message.send()
    except Exception:  # the notification stays in the site; the mail is tried no more
        logger.exception("notification mail to one recipient failed")
        return False
    return True


def stop_mail_url(user: Any) -> str:
    token = tokens.make(tokens.STOP_MAIL, {"u": user.pk})
    return absolute(reverse("participation:stop_mail", args=[token]))


def unsubscribe_url(f: Follow) -> str:
    token = tokens.make(tokens.UNSUBSCRIBE, {"f": f.pk, "k": f.kind, "o": f.object_id})
    return absolute(reverse("participation:unsubscribe", args=[token]))


def send_notification(n: Notification) -> bool:
    """Mail one notification to its person, at once."""
    with translation.override(language_of(n.user)):
        said = told(n.event, (n.kind, n.object_id), direct=n.direct, user=n.user)
        if not said.url:
            return False
        return _send(
            n.user.email,
            _("[Ý Kiến] %(text)s") % {"text": said.text},
            "notification",
            {"items": [said], "absolute": absolute, "person": n.user},
            stop_mail_url(n.user),
        )


def send_digest(user: Any, notifications: Sequence[Notification]) -> bool:
    """One mail with a day's notifications."""
    with translation.override(language_of(user)):
        items = [
            said
            for n in notifications
            if (said := told(n.event, (n.kind, n.object_id), direct=n.direct, user=user)).url
        ]
        if not items:
            return False
        return _send(
            user.email,
            _("[Ý Kiến] %(count)s cập nhật về nội dung bạn theo dõi") % {"count": len(items)},
            "digest",
            {"items": items, "absolute": absolute, "person": user},
            stop_mail_url(user),
        )


def send_to_address(f: Follow, event: str, ref: follow.Ref) -> bool:
    """Mail an address that follows a public record."""
    with translation.override(f.language if f.language in LANGUAGES else "vi"):
        said = told(event, ref)
        if not said.url:
            return False
        return _send(
            f.email,
            _("[Ý Kiến] %(text)s") % {"text": said.text},
            "notification",
            {"items": [said], "absolute": absolute, "person": None},
            unsubscribe_url(f),
        )


def send_direct(address: str, language: str, event: str, ref: follow.Ref) -> bool:
    """Mail a sender without an account about their own record (their petition): the app that
    names them decides that they may read it, so it is told even when the record is not public.
    The unsubscribe link stops these mails for that record (``OptOut``)."""
    loaded = follow.load(ref)
    template = follow.text_of(event, direct=True)
    if loaded is None or template is None or OptOut.applies(address, ref):
        return False
    item, obj = loaded
    with translation.override(language if language in LANGUAGES else "vi"):
        said = written(template, item, obj)
        # The link names the address by its keyed hash only (as the opt-out keeps it).
        token = tokens.make(
            tokens.UNSUBSCRIBE, {"h": OptOut.hash(address), "k": ref[0], "o": ref[1]}
        )
        return _send(
            address,
            _("[Ý Kiến] %(text)s") % {"text": said.text},
            "notification",
            {"items": [said], "absolute": absolute, "person": None},
            absolute(reverse("participation:unsubscribe", args=[token])),
        )

"""A reader's own feedback under the news (``Feedback.author``: sent while signed in) on "my
page", in the download of their data, and its erasure when the account is deleted
(``core.mine``).

Erasure unlinks the account and blanks the name the reader typed: the feedback stays, with its
title, text and the unit's reply, signed "a reader" (``Feedback.display_name``). Every one of the
person's feedback is blanked, whatever its state: a pending or rejected one may still be
published, and the name serves nothing once the account is gone.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core.mine import MyItem, Section
from ykien.core.models import User
from ykien.portal.models import Feedback, FeedbackStatus

EXCERPT = 200


def _mine(user: User) -> list[Feedback]:
    if not user.is_authenticated:
        return []
    return list(
        Feedback.objects.filter(author=user)
        .select_related("article", "article__unit", "reply_unit")
        .order_by("-created_at", "-id")
    )


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _url(feedback: Feedback) -> str:
    return reverse("portal:feedback_follow", kwargs={"token": feedback.token})


def _day(moment: Any) -> str:
    return str(timezone.localtime(moment).strftime("%d/%m/%Y"))


def _replier(feedback: Feedback) -> str:
    unit = feedback.reply_unit or feedback.article.unit
    return str(unit.name)


def _fate(feedback: Feedback) -> str:
    """Whether the unit answered (and when), or why it was not published."""
    if feedback.reply:
        if feedback.replied_at is None:
            return _("%(unit)s đã trả lời.") % {"unit": _replier(feedback)}
        return _("%(unit)s đã trả lời ngày %(day)s.") % {
            "unit": _replier(feedback),
            "day": _day(feedback.replied_at),
        }
    if feedback.status == FeedbackStatus.REJECTED and feedback.moderation_note:
        return _("Lý do không đăng: %(note)s") % {"note": feedback.moderation_note}
    return _("Đơn vị chưa trả lời.")


def items(user: User) -> list[MyItem]:
    return [
        MyItem(
            section=Section.FEEDBACK,
            kind=_("Ý kiến bạn đọc"),
            title=f.article.title,
            url=_url(f),
            date=f.created_at,
            status=str(f.get_status_display()),
            fate=_fate(f),
            detail=f"{f.title}: {_excerpt(f.content)}",
        )
        for f in _mine(user)
    ]


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def export(user: User) -> dict[str, Any]:
    return {
        "feedback": [
            {
                "article": f.article.title,
                "article_url": f.article.get_absolute_url(),
                "url": _url(f),
                "name": f.name,
                "title": f.title,
                "content": f.content,
                "status": {"code": f.status, "label": str(f.get_status_display())},
                "moderation_note": f.moderation_note,
                "reply": f.reply,
                "reply_unit": _replier(f) if f.reply else "",
                "created_at": _when(f.created_at),
                "moderated_at": _when(f.moderated_at),
                "replied_at": _when(f.replied_at),
                "what_became_of_it": _fate(f),
            }
            for f in _mine(user)
        ]
    }


def erase(user: User) -> int:
    """Unlink the person's feedback and blank the name they typed on it; the titles, texts,
    states, replies and every count stay. Returns how many rows changed."""
    if not user.is_authenticated:
        return 0
    return Feedback.objects.filter(author=user).update(author=None, name="")

"""Officer tasks of the portal: readers' feedback waiting for moderation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ykien.core.models import User
from ykien.core.worklist import WorkItem


def provider(user: User, today: dt.date) -> Iterable[WorkItem]:
    if not user.has_perm("portal.moderate_feedback"):
        return []
    from ykien.portal.selectors import feedback_for_moderation

    pending = feedback_for_moderation(user=user).count()
    if not pending:
        return []
    return [
        WorkItem(
            title=ngettext(
                "%(n)d ý kiến bạn đọc chờ duyệt", "%(n)d ý kiến bạn đọc chờ duyệt", pending
            )
            % {"n": pending},
            url=reverse("portal:moderation"),
            due=None,
            unit="",
            kind=_("Tin tức"),
        )
    ]

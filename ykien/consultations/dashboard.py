"""Critique's part of the staff dashboard (``core.dashboard``): for a leader, the critique
documents submitted for their approval and issue (two queries)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.consultations.models import CritiqueDocument, DocumentStatus
from ykien.core.dashboard import Approval, Area
from ykien.core.models import Role, User
from ykien.core.selectors import user_scope_unit_ids

# The leader sees each document by name; past this many, the rest are counted in one line.
SHOWN = 10


def area(user: User, today: dt.date) -> Area | None:
    documents = CritiqueDocument.objects.filter(status=DocumentStatus.SUBMITTED)
    if not user.is_superuser:
        # consultations.issue_document: a leader at the draft's unit (its subtree).
        scope = user_scope_unit_ids(user=user, roles=[Role.LEADER], on=today)
        if not scope:
            return None
        documents = documents.filter(draft__unit_id__in=scope)
    rows = list(
        documents.order_by("draft__received_on", "pk").values("draft_id", "draft__title")[
            : SHOWN + 1
        ]
    )
    if not rows:
        return None
    approvals = [
        Approval(
            label=_("Văn bản phản biện: %(title)s") % {"title": row["draft__title"]},
            count=1,
            url=reverse("consultations:document", args=[row["draft_id"]]),
        )
        for row in rows[:SHOWN]
    ]
    if len(rows) > SHOWN:
        more = documents.count() - SHOWN
        approvals.append(
            Approval(
                label=_("Văn bản phản biện khác chờ duyệt"),
                count=more,
                url=reverse("consultations:staff_list"),
            )
        )
    return Area(key="consultations", title=_("Phản biện xã hội"), order=30, approvals=approvals)

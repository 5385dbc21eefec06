"""Critique's part of the staff dashboard (``core.dashboard``): for an officer or leader, the
drafts of their units' subtrees open for comment whose announced period ends today, within seven
days, or has ended while the draft is still open (to be closed and consolidated), and the drafts
received in the last seven days (one query); for a leader, the critique documents submitted for
their approval and issue (two queries)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.consultations.models import CritiqueDocument, DocumentStatus, Draft
from ykien.consultations.selectors import STAFF_ROLES, comment_period_due_q
from ykien.core.dashboard import WEEK_DAYS, Approval, Area, Tile, tiles
from ykien.core.models import Role, User
from ykien.core.selectors import user_scope_unit_ids

# The leader sees each document by name; past this many, the rest are counted in one line.
SHOWN = 10


def area(user: User, today: dt.date) -> Area | None:
    drafts = _draft_tiles(user, today)
    approvals = _approvals(user, today)
    if not drafts and not approvals:
        return None
    return Area(
        key="consultations",
        title=_("Phản biện xã hội"),
        order=30,
        tiles=drafts,
        approvals=approvals,
    )


def _draft_tiles(user: User, today: dt.date) -> list[Tile]:
    """The four counts of the drafts the officer's units received (``drafts_for_staff``'s
    scope), each linking to the drafts list with the same filter."""
    drafts = Draft.objects.order_by()
    if not user.is_superuser:
        scope = user_scope_unit_ids(user=user, roles=STAFF_ROLES, on=today)
        if not scope:
            return []
        drafts = drafts.filter(unit_id__in=scope)
    since = today - dt.timedelta(days=WEEK_DAYS - 1)
    counts = drafts.aggregate(
        today=Count("pk", filter=comment_period_due_q("today", today)),
        week=Count("pk", filter=comment_period_due_q("week", today)),
        overdue=Count("pk", filter=comment_period_due_q("overdue", today)),
        new=Count("pk", filter=Q(received_on__gte=since)),
    )
    params = {
        "today": {"due": "today"},
        "week": {"due": "week"},
        "overdue": {"due": "overdue"},
        "new": {"recent": "1"},
    }
    return tiles(counts, reverse("consultations:staff_list"), params)


def _approvals(user: User, today: dt.date) -> list[Approval]:
    documents = CritiqueDocument.objects.filter(status=DocumentStatus.SUBMITTED)
    if not user.is_superuser:
        # consultations.issue_document: a leader at the draft's unit (its subtree).
        scope = user_scope_unit_ids(user=user, roles=[Role.LEADER], on=today)
        if not scope:
            return []
        documents = documents.filter(draft__unit_id__in=scope)
    rows = list(
        documents.order_by("draft__received_on", "pk").values("draft_id", "draft__title")[
            : SHOWN + 1
        ]
    )
    if not rows:
        return []
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
    return approvals

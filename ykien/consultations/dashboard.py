"""Critique's part of the staff dashboard (``core.dashboard``): for an officer or leader, the
drafts of their units' subtrees open for comment whose announced period ends today, within seven
days, or has ended while the draft is still open (to be closed and consolidated), and the drafts
received in the last seven days (one query); the last twelve months: drafts received, and
critique documents issued by the end of the draft's comment period or after it (two queries); for a
leader, the critique documents submitted for their approval and issue (two queries)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.consultations.models import CritiqueDocument, DocumentStatus, Draft
from ykien.consultations.selectors import STAFF_ROLES, comment_period_due_q
from ykien.core.dashboard import (
    WEEK_DAYS,
    Approval,
    Area,
    Tile,
    last_months,
    monthly_figures,
    tiles,
)
from ykien.core.models import Role, User
from ykien.core.selectors import user_scope_unit_ids

# The leader sees each document by name; past this many, the rest are counted in one line.
SHOWN = 10


def area(user: User, today: dt.date) -> Area | None:
    drafts = _drafts(user, today)
    tiles_ = _draft_tiles(drafts, today) if drafts is not None else []
    approvals = _approvals(user, today)
    if not tiles_ and not approvals:
        return None
    first = last_months(today)[0]
    return Area(
        key="consultations",
        title=_("Phản biện xã hội"),
        order=30,
        tiles=tiles_,
        approvals=approvals,
        series=(
            _("Tiếp nhận dự thảo"),
            _("Ban hành phản biện đúng hạn"),
            _("Ban hành phản biện trễ hạn"),
        ),
        # On time: the critique document issued by the end of the draft's comment period.
        monthly=monthly_figures(
            received=drafts.filter(received_on__gte=first),
            received_on="received_on",
            done=drafts.filter(
                document__status=DocumentStatus.ISSUED, document__issue_date__gte=first
            ),
            done_on="document__issue_date",
            due="comment_end",
        )
        if drafts is not None
        else None,
    )


def _drafts(user: User, today: dt.date) -> QuerySet[Draft] | None:
    """The drafts the officer's units received (``drafts_for_staff``'s scope); None: none."""
    drafts = Draft.objects.order_by()
    if user.is_superuser:
        return drafts
    scope = user_scope_unit_ids(user=user, roles=STAFF_ROLES, on=today)
    return drafts.filter(unit_id__in=scope) if scope else None


def _draft_tiles(drafts: QuerySet[Draft], today: dt.date) -> list[Tile]:
    """The four counts of the drafts, each linking to the drafts list with the same filter."""
    since = today - dt.timedelta(days=WEEK_DAYS - 1)
    counts = drafts.aggregate(
        today=Count("pk", filter=comment_period_due_q("today", today)),
        week=Count("pk", filter=comment_period_due_q("week", today)),
        overdue=Count("pk", filter=comment_period_due_q("overdue", today)),
        new=Count("pk", filter=Q(received_on__gte=since)),
    )
    return tiles(counts, reverse("consultations:staff_list"))


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

"""The lifecycles of the portal, declared once: news articles and readers' feedback.

An action that changes the state is named after the state it leads to, so the audit log and the
event stream write ``portal.article.published``, ``portal.feedback.rejected`` … No legal period
applies to either.

Article::

    draft ──scheduled──▶ scheduled ──published──▶ published ──withdrawn──▶ withdrawn
      └──────────────published───────────────────────▲                       │
    scheduled, withdrawn ──draft──▶ draft            withdrawn ──published───┘

Feedback: pending ──published / rejected──▶; published ⇄ rejected; the unit's reply
(``reply``) keeps the state, except that replying to pending feedback publishes it
(``reply_publish``: an answered question is worth showing).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.lifecycle import Edge, Lifecycle
from ykien.portal.models import Article, ArticleStatus, Feedback, FeedbackStatus

A = ArticleStatus
MANAGE = "portal.manage_article"

ARTICLE = Lifecycle(
    name="portal.article",
    model=Article,
    states=A,
    edges=(
        Edge.to(A.SCHEDULED, {A.DRAFT}, MANAGE, pgettext_lazy("thao tác", "Hẹn giờ đăng")),
        Edge.to(A.PUBLISHED, {A.DRAFT, A.SCHEDULED, A.WITHDRAWN}, MANAGE, _("Đăng ngay")),
        Edge.to(A.WITHDRAWN, {A.PUBLISHED}, MANAGE, _("Gỡ khỏi trang công khai")),
        Edge.to(A.DRAFT, {A.SCHEDULED, A.WITHDRAWN}, MANAGE, _("Chuyển về bản nháp")),
    ),
    # The counter moves with every view, and is not part of the article's story.
    audit_exclude=("view_count", "search_text"),
)

F = FeedbackStatus
MODERATE = "portal.moderate_feedback"

FEEDBACK = Lifecycle(
    name="portal.feedback",
    model=Feedback,
    states=F,
    edges=(
        Edge.to(F.PUBLISHED, {F.PENDING, F.REJECTED}, MODERATE, _("Đăng")),
        Edge.to(F.REJECTED, {F.PENDING, F.PUBLISHED}, MODERATE, _("Không đăng")),
        Edge("reply_publish", {F.PENDING}, F.PUBLISHED, MODERATE, _("Trả lời và đăng")),
        Edge(
            "reply", {F.PUBLISHED, F.REJECTED}, None, MODERATE, pgettext_lazy("thao tác", "Trả lời")
        ),
    ),
    unit=lambda feedback: feedback.article.unit,
    # The sender's account is theirs alone: never in the log the unit's staff read.
    audit_exclude=("author", "search_text"),
)

LIFECYCLES = (ARTICLE, FEEDBACK)

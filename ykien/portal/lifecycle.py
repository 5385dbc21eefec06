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
        Edge(
            A.SCHEDULED.value,
            sources={A.DRAFT},
            target=A.SCHEDULED,
            permission=MANAGE,
            label=pgettext_lazy("thao tác", "Hẹn giờ đăng"),
        ),
        Edge(
            A.PUBLISHED.value,
            sources={A.DRAFT, A.SCHEDULED, A.WITHDRAWN},
            target=A.PUBLISHED,
            permission=MANAGE,
            label=_("Đăng ngay"),
        ),
        Edge(
            A.WITHDRAWN.value,
            sources={A.PUBLISHED},
            target=A.WITHDRAWN,
            permission=MANAGE,
            label=_("Gỡ khỏi trang công khai"),
        ),
        Edge(
            A.DRAFT.value,
            sources={A.SCHEDULED, A.WITHDRAWN},
            target=A.DRAFT,
            permission=MANAGE,
            label=_("Chuyển về bản nháp"),
        ),
    ),
    # The counter moves with every view, and is not part of the article's story.
    audit_exclude=("view_count",),
)

F = FeedbackStatus
MODERATE = "portal.moderate_feedback"

FEEDBACK = Lifecycle(
    name="portal.feedback",
    model=Feedback,
    states=F,
    edges=(
        Edge(
            F.PUBLISHED.value,
            sources={F.PENDING, F.REJECTED},
            target=F.PUBLISHED,
            permission=MODERATE,
            label=_("Đăng"),
        ),
        Edge(
            F.REJECTED.value,
            sources={F.PENDING, F.PUBLISHED},
            target=F.REJECTED,
            permission=MODERATE,
            label=_("Không đăng"),
        ),
        Edge(
            "reply_publish",
            sources={F.PENDING},
            target=F.PUBLISHED,
            permission=MODERATE,
            label=_("Trả lời và đăng"),
        ),
        Edge(
            "reply",
            sources={F.PUBLISHED, F.REJECTED},
            target=None,
            permission=MODERATE,
            label=pgettext_lazy("thao tác", "Trả lời"),
        ),
    ),
    unit=lambda feedback: feedback.article.unit,
)

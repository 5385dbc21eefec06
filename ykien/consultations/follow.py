"""What people may follow in consultations (a draft, a clause) and what each public step tells
them; the author of a comment is told each step of what became of it (``core.follow``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ykien.consultations.models import (
    Comment,
    CommentStatus,
    CritiquePoint,
    Draft,
    DraftVersion,
    Node,
    PointStatus,
)
from ykien.consultations.selectors import PUBLIC_STATUSES
from ykien.core.events import Event
from ykien.core.follow import Followable, Notice, Ref, getter, object_pk

DRAFT = "consultations.draft"
CLAUSE = "consultations.node"
COMMENT = "consultations.comment"
POINT = "consultations.point"


def _draft_public(draft: Draft) -> bool:
    return draft.status in PUBLIC_STATUSES and draft.current_version_id is not None


def _url(name: str, fallback: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return fallback


def _draft_url(draft_id: int) -> str:
    return reverse("consultations:draft", kwargs={"pk": draft_id})


def _clause_title(node: Node) -> str:
    # The stored (Vietnamese) position label in the reader's language: "Article 3, clause 1".
    where = node.label_text if node.label else " ".join(p for p in (node.number, node.title) if p)
    return f"{where} — {node.draft.title}" if where else node.draft.title


def _comment_title(comment: Comment) -> str:
    if comment.node_id is None:
        return gettext("Góp ý chung — %(draft)s") % {"draft": comment.draft.title}
    return _clause_title(comment.node) if comment.node else comment.draft.title


def _comment_visible(user: Any, comment: Comment) -> bool:
    if not _draft_public(comment.draft):
        return False
    if comment.status == CommentStatus.VISIBLE:
        return True
    return bool(user is not None and comment.author_id and comment.author_id == user.pk)


def _comment_url(comment: Comment) -> str:
    return _url(
        "consultations:comment_fate",
        _draft_url(comment.draft_id),
        pk=comment.draft_id,
        comment_id=comment.pk,
    )


def _point_url(point: CritiquePoint) -> str:
    page = _url("consultations:you_said", _draft_url(point.draft_id), pk=point.draft_id)
    return f"{page}#diem-{point.pk}"


FOLLOWABLES = (
    Followable(
        kind=DRAFT,
        label=_("dự thảo"),
        get=getter(Draft),
        title=lambda draft: draft.title,
        url=lambda draft: _draft_url(draft.pk),
        visible=lambda user, draft: _draft_public(draft),
    ),
    Followable(
        kind=CLAUSE,
        label=_("điều, khoản"),
        get=getter(Node, ("draft",)),
        title=_clause_title,
        url=lambda node: reverse(
            "consultations:node", kwargs={"pk": node.draft_id, "node_id": node.pk}
        ),
        visible=lambda user, node: _draft_public(node.draft),
    ),
    Followable(
        kind=COMMENT,
        label=_("góp ý"),
        get=getter(Comment, ("draft", "node")),
        title=_comment_title,
        url=_comment_url,
        visible=_comment_visible,
        followable=False,
    ),
    Followable(
        kind=POINT,
        label=_("điểm phản biện"),
        get=getter(CritiquePoint, ("draft",)),
        title=lambda point: point.title,
        url=_point_url,
        visible=lambda user, point: (
            point.status == PointStatus.PUBLISHED and _draft_public(point.draft)
        ),
        followable=False,
    ),
)


# --- who an event reaches ---------------------------------------------------------------------


def _draft(event: Event) -> Ref:
    return (DRAFT, event.object_id)


def _version_draft(event: Event) -> Ref | None:
    pk = object_pk(event.object_id)
    draft_id = DraftVersion.objects.filter(pk=pk or 0).values_list("draft_id", flat=True).first()
    return None if draft_id is None else (DRAFT, str(draft_id))


def _version_reaches(event: Event) -> list[Ref]:
    """A new version reaches the draft's followers and those of its clauses in earlier versions."""
    draft = _version_draft(event)
    if draft is None:
        return []
    clauses = Node.objects.filter(draft_id=int(draft[1])).values_list("pk", flat=True)
    return [draft, *((CLAUSE, str(pk)) for pk in clauses)]


def _commenters(comments: Iterable[Comment]) -> list[tuple[int, Ref]]:
    """The authors (with an account) of these visible comments, each about their own comment."""
    return [
        (c.author_id, (COMMENT, str(c.pk)))
        for c in comments
        if c.author_id and c.status == CommentStatus.VISIBLE
    ]


def _draft_commenters(draft_id: int | None) -> list[tuple[int, Ref]]:
    """Authors of the draft's comments that a critique point drew on."""
    if draft_id is None:
        return []
    comments = Comment.objects.filter(draft_id=draft_id, points__isnull=False).distinct()
    return _commenters(comments.only("pk", "author_id", "status"))


def _point(event: Event) -> Ref:
    return (POINT, event.object_id)


def _point_reaches(event: Event) -> list[Ref]:
    point = CritiquePoint.objects.filter(pk=object_pk(event.object_id) or 0).first()
    if point is None:
        return []
    # The draft's followers hear once that the answers are published (``draft.answer``); a
    # point's answer reaches those who follow its clauses (and, directly, its commenters).
    return [(CLAUSE, str(pk)) for pk in point.nodes.values_list("pk", flat=True)]


def _point_commenters(event: Event) -> list[tuple[int, Ref]]:
    point = CritiquePoint.objects.filter(pk=object_pk(event.object_id) or 0).first()
    if point is None:
        return []
    return _commenters(point.comments.only("pk", "author_id", "status"))


def _version_commenters(event: Event) -> list[tuple[int, Ref]]:
    draft = _version_draft(event)
    return _draft_commenters(None if draft is None else int(draft[1]))


NOTICES = (
    Notice(
        "consultations.draft.publish",
        _("Dự thảo “%(title)s” đã được công khai và mở lấy ý kiến Nhân dân."),
        subject=_draft,
    ),
    Notice(
        "consultations.draft.close",
        _("Đã kết thúc lấy ý kiến về dự thảo “%(title)s”."),
        subject=_draft,
    ),
    Notice(
        "consultations.draft.reopen",
        _("Dự thảo “%(title)s” được mở lại để lấy ý kiến."),
        subject=_draft,
    ),
    Notice(
        "consultations.draft.issue",
        _("Văn bản phản biện xã hội về dự thảo “%(title)s” đã được ban hành."),
        subject=_draft,
        direct=lambda event: _draft_commenters(object_pk(event.object_id)),
        direct_text=_(
            "Văn bản phản biện đã được ban hành, có ý kiến rút ra từ góp ý của bạn (%(title)s)."
        ),
    ),
    Notice(
        "consultations.draft.answer",
        _("Cơ quan soạn thảo đã công khai trả lời phản biện về dự thảo “%(title)s”."),
        subject=_draft,
    ),
    Notice(
        "consultations.version.publish",
        _("Dự thảo “%(title)s” có phiên bản mới."),
        subject=_version_draft,
        reaches=_version_reaches,
        direct=_version_commenters,
        direct_text=_(
            "Dự thảo có phiên bản mới: xem điều, khoản bạn góp ý đã thay đổi thế nào (%(title)s)."
        ),
    ),
    Notice(
        "consultations.point.publish",
        _("Cơ quan soạn thảo đã trả lời điểm phản biện “%(title)s”."),
        subject=_point,
        reaches=_point_reaches,
        direct=_point_commenters,
        direct_text=_(
            "Cơ quan soạn thảo đã trả lời điểm phản biện rút ra từ góp ý của bạn (%(title)s)."
        ),
    ),
)

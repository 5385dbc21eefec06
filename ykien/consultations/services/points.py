"""Consolidation: the critique points, each linked to clauses of the draft, to supporting
comments and to experts' opinions; written while the draft is being consolidated and the
document not yet submitted."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from ykien.consultations.codes import AuditAction, ErrorCode
from ykien.consultations.models import (
    Comment,
    CritiqueDocument,
    CritiquePoint,
    DocumentStatus,
    Draft,
    ExpertOpinion,
    Node,
)
from ykien.consultations.services.common import MAX_COMMENT_CHARS, S, require_staff
from ykien.consultations.services.common import clean_text as _text
from ykien.core.audit import audit_change, audit_record, snapshot
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.permissions import Actor


def _consolidating(draft: Draft) -> None:
    draft.status = Draft.objects.filter(pk=draft.pk).values_list("status", flat=True).get()
    if draft.status != S.CONSOLIDATING:
        raise InvalidTransition(
            _("Chỉ lập điểm phản biện khi dự thảo đang được tổng hợp."),
            code=ErrorCode.NOT_CONSOLIDATING,
        )
    document = CritiqueDocument.objects.filter(draft=draft).first()
    if document is not None and document.status != DocumentStatus.DRAFT:
        raise InvalidTransition(
            _("Văn bản phản biện đã trình lãnh đạo; không sửa điểm phản biện."),
            code=ErrorCode.DOCUMENT_SUBMITTED,
        )


def _keys(ids: Sequence[int]) -> list[int]:
    return [pk for pk in ids if 0 < pk < 2**63]


@transaction.atomic
def point_save(
    *,
    actor: Actor,
    draft: Draft,
    title: str,
    text: str,
    node_ids: Sequence[int] = (),
    comment_ids: Sequence[int] = (),
    opinion_ids: Sequence[int] = (),
    from_conference: bool = False,
    point: CritiquePoint | None = None,
) -> CritiquePoint:
    """Create or change a critique point, linked to nodes of the draft, supporting comments and
    expert opinions (all of this draft)."""
    require_staff(actor, draft)
    _consolidating(draft)
    title = _text(title, field="title", label=_("Vấn đề"), required=True, limit=300)
    text = _text(
        text, field="text", label=_("Nội dung phản biện"), required=True, limit=MAX_COMMENT_CHARS
    )
    # A number past 64 bits names no record (and no database could look it up): not found.
    nodes = list(Node.objects.filter(draft=draft, pk__in=_keys(node_ids)))
    comments = list(Comment.objects.filter(draft=draft, pk__in=_keys(comment_ids)))
    opinions = list(ExpertOpinion.objects.filter(draft=draft, pk__in=_keys(opinion_ids)))
    if (
        len(nodes) != len(set(node_ids))
        or len(comments) != len(set(comment_ids))
        or len(opinions) != len(set(opinion_ids))
    ):
        raise ValidationFailed(
            _("Có điều, khoản, góp ý hoặc ý kiến chuyên gia không thuộc dự thảo này.")
        )
    before = snapshot(point) if point else None
    if point is None:
        last = draft.points.order_by("-position").first()
        point = CritiquePoint(draft=draft, position=(last.position + 1) if last else 1)
    point.title, point.text, point.from_conference = title, text, from_conference
    point.save()
    point.nodes.set(nodes)
    point.comments.set(comments)
    point.opinions.set(opinions)
    audit_change(
        actor=actor, action=AuditAction.POINT_SAVE, obj=point, unit=draft.unit, before=before
    )
    return point


@transaction.atomic
def point_remove(*, actor: Actor, point: CritiquePoint) -> None:
    """Drop a point from a document still being drafted (points of an issued document stay)."""
    require_staff(actor, point.draft)
    _consolidating(point.draft)
    audit_record(
        actor=actor,
        action=AuditAction.POINT_REMOVE,
        obj=point,
        unit=point.draft.unit,
        before=snapshot(point),
    )
    point.delete()

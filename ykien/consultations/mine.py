"""A person's own comments, votes, statements and expert opinions on drafts, for "my page", the
download of their data and the erasure of their account (``core.mine``).

A signed-in participant's comments, statements, votes and reports carry the key ``u:<user id>``
(``services.Participant.of_user``). Erasure gives all of them one new anonymous key, the form an
anonymous session's key has, so every count and the opinion groups stay as they were (the same
person still voted those ways, no one knows who); the pseudonym the last opinion-groups run keeps
of the old key is replaced by the new one's, so the next run carries the person on in their group.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from ykien.consultations.models import (
    AnalysisKind,
    AnalysisRun,
    Comment,
    CommentReport,
    CritiquePoint,
    DocumentStatus,
    ExpertOpinion,
    Invitation,
    PointStatus,
    Statement,
    Vote,
)
from ykien.consultations.services.analysis_results import _pseudonym
from ykien.core.mine import MyItem, Section
from ykien.core.models import User
from ykien.experts import selectors as experts

EXCERPT = 200


def _key(user: User) -> str:
    return f"u:{user.pk}"


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _comments(user: User) -> list[Comment]:
    return list(
        Comment.objects.filter(Q(participant=_key(user)) | Q(author=user))
        .select_related("draft", "draft__document", "node")
        .prefetch_related("points")
        .order_by("-created_at", "-id")
    )


def _statements(user: User) -> list[Statement]:
    return list(
        Statement.objects.filter(Q(participant=_key(user)) | Q(author=user))
        .select_related("draft")
        .order_by("-created_at", "-id")
    )


def _votes(user: User) -> list[Vote]:
    return list(
        Vote.objects.filter(participant=_key(user))
        .select_related("statement", "draft")
        .order_by("-updated_at", "-id")
    )


def _opinions(user: User) -> list[ExpertOpinion]:
    ids = experts.expert_ids_of_user(user_id=user.pk)
    if not ids:
        return []
    return list(
        ExpertOpinion.objects.filter(invitation__expert_id__in=ids)
        .select_related("invitation", "draft", "draft__document", "node")
        .prefetch_related("points")
        .order_by("-created_at", "-id")
    )


def _draft_url(draft_id: int, anchor: str = "") -> str:
    return reverse("consultations:draft", kwargs={"pk": draft_id}) + anchor


def _comment_url(comment: Comment) -> str:
    """The comment's own public page (``consultations:comment_fate``); until that page exists,
    the comment where its clause (or the draft's general comments) lists it."""
    try:
        return reverse(
            "consultations:comment_fate", kwargs={"pk": comment.draft_id, "comment_id": comment.pk}
        )
    except NoReverseMatch:
        anchor = f"#gop-y-{comment.pk}"
        if comment.node_id is None:
            return reverse("consultations:general", kwargs={"pk": comment.draft_id}) + anchor
        return (
            reverse(
                "consultations:node", kwargs={"pk": comment.draft_id, "node_id": comment.node_id}
            )
            + anchor
        )


def _where(draft_title: str, node: Any) -> str:
    return f"{draft_title} — {node.label_text}" if node is not None else draft_title


def _fate(draft: Any, points: list[CritiquePoint]) -> str:
    """What became of a comment or an opinion, from what is public: the points citing it once
    the critique document is issued, and each point's answer once the answers are published."""
    document = getattr(draft, "document", None)
    if document is None or document.status != DocumentStatus.ISSUED:
        return _("Văn bản phản biện chưa ban hành; ý kiến đang được tổng hợp.")
    if not points:
        return _("Văn bản phản biện đã ban hành; ý kiến này không được dẫn trong điểm nào.")
    parts = []
    for point in sorted(points, key=lambda p: (p.position, p.pk)):
        named = {"n": point.position, "title": point.title}
        if point.status == PointStatus.PUBLISHED and point.answer:
            parts.append(
                _("Điểm %(n)s “%(title)s”: %(answer)s.")
                % {**named, "answer": point.get_answer_display()}
            )
        else:
            parts.append(_("Điểm %(n)s “%(title)s”: chờ cơ quan soạn thảo trả lời.") % named)
    return " ".join(parts)


def items(user: User) -> list[MyItem]:
    out = [
        MyItem(
            section=Section.DRAFTS,
            kind=_("Góp ý"),
            title=_where(c.draft.title, c.node),
            url=_comment_url(c),
            date=c.created_at,
            status=str(c.get_status_display()),
            fate=_fate(c.draft, list(c.points.all())),
            # A proposal to reword is shown by the wording proposed (the reasons follow it).
            detail=f"{c.get_stance_display()}: {_excerpt(c.proposed_wording or c.reasons)}",
        )
        for c in _comments(user)
    ]
    out += [
        MyItem(
            section=Section.DRAFTS,
            kind=_("Nhận định"),
            title=s.text,
            url=_draft_url(s.draft_id, "#bieu-quyet"),
            date=s.created_at,
            status=str(s.get_status_display()),
            detail=s.draft.title,
        )
        for s in _statements(user)
    ]
    out += [
        MyItem(
            section=Section.DRAFTS,
            kind=_("Biểu quyết"),
            title=v.statement.text,
            url=_draft_url(v.draft_id, "#bieu-quyet"),
            date=v.updated_at,
            status=str(v.statement.get_status_display()),
            detail=_("Bạn chọn: %(value)s — %(draft)s")
            % {"value": v.get_value_display(), "draft": v.draft.title},
        )
        for v in _votes(user)
    ]
    out += [
        MyItem(
            section=Section.EXPERT,
            kind=_("Ý kiến chuyên gia"),
            title=_where(o.draft.title, o.node),
            url=_draft_url(o.draft_id),
            date=o.created_at,
            status=str(o.invitation.get_status_display()),
            fate=_fate(o.draft, list(o.points.all())),
            detail=_excerpt(o.text),
        )
        for o in _opinions(user)
    ]
    return out


def _labelled(code: Any, label: Any) -> dict[str, Any]:
    return {"code": code, "label": str(label)}


def export(user: User) -> dict[str, Any]:
    return {
        "comments": [
            {
                "id": c.pk,
                "draft": c.draft.title,
                "clause": c.node.label_text if c.node is not None else "",
                "stance": _labelled(c.stance, c.get_stance_display()),
                "proposed_wording": c.proposed_wording,
                "reasons": c.reasons,
                "status": _labelled(c.status, c.get_status_display()),
                "created_at": c.created_at,
                "url": _comment_url(c),
                "what_became_of_it": _fate(c.draft, list(c.points.all())),
            }
            for c in _comments(user)
        ],
        "statements": [
            {
                "id": s.pk,
                "draft": s.draft.title,
                "text": s.text,
                "status": _labelled(s.status, s.get_status_display()),
                "created_at": s.created_at,
            }
            for s in _statements(user)
        ],
        "votes": [
            {
                "draft": v.draft.title,
                "statement": v.statement.text,
                "value": _labelled(v.value, v.get_value_display()),
                "created_at": v.created_at,
                "updated_at": v.updated_at,
            }
            for v in _votes(user)
        ],
        "reports": [
            {"comment": r.comment_id, "reason": r.reason, "created_at": r.created_at}
            for r in CommentReport.objects.filter(participant=_key(user)).order_by("id")
        ],
        "expert_opinions": [
            {
                "draft": o.draft.title,
                "clause": o.node.label_text if o.node is not None else "",
                "text": o.text,
                "signed_name": o.invitation.signed_name,
                "invitation": _labelled(o.invitation.status, o.invitation.get_status_display()),
                "created_at": o.created_at,
                "what_became_of_it": _fate(o.draft, list(o.points.all())),
            }
            for o in _opinions(user)
        ],
    }


def _replace(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    if isinstance(value, dict):
        return {_replace(k, old, new): _replace(v, old, new) for k, v in value.items()}
    return value


def erase(user: User) -> int:
    """Give the person's comments, statements, votes and reports one new anonymous key and no
    author, rename them in the opinion-groups runs, and blank the e-mail their invitations as an
    expert copied; the texts, stances, votes and every count stay. Returns how many rows
    changed."""
    old = _key(user)
    new = f"a:{secrets.token_hex(16)}"
    changed = 0
    drafts = set(Vote.objects.filter(participant=old).values_list("draft_id", flat=True))
    changed += Comment.objects.filter(Q(participant=old) | Q(author=user)).update(
        participant=new, author=None
    )
    changed += Statement.objects.filter(Q(participant=old) | Q(author=user)).update(
        participant=new, author=None
    )
    changed += Vote.objects.filter(participant=old).update(participant=new)
    changed += CommentReport.objects.filter(participant=old).update(participant=new)
    old_pseudonym, new_pseudonym = _pseudonym(old), _pseudonym(new)
    for run in AnalysisRun.objects.filter(
        draft_id__in=drafts, kind=AnalysisKind.OPINION_GROUPS
    ).only("pk", "result"):
        result = _replace(run.result, old_pseudonym, new_pseudonym)
        if result != run.result:
            AnalysisRun.objects.filter(pk=run.pk).update(result=result)
            changed += 1
    ids = experts.expert_ids_of_user(user_id=user.pk)
    if ids:
        changed += Invitation.objects.filter(expert_id__in=ids).exclude(email="").update(email="")
    return changed

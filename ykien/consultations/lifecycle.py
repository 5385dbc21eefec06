"""The lifecycles of the consultations app, each declared once: its states, the allowed
transitions, the permission each needs and the deadline rule it starts. Only
``core.lifecycle.transition`` moves them (from the services); pages ask ``actions`` / ``can``.

```
draft:      received ─upload→ review ─publish→ open ─close→ closed ─consolidate→ consolidating
            ─issue→ issued ─answer→ answered;   closed ─reopen→ open
version:    review ─publish→ published ─supersede→ superseded
comment:    visible ─hold (readers' reports)→ pending;  pending|hidden ─approve→ visible;
            visible|pending ─hide→ hidden
statement:  pending|rejected ─approve→ active;  pending|active ─withdraw→ rejected
document:   draft ─submit→ submitted ─return→ draft;  submitted ─issue→ issued
point:      pending|answered ─answer→ answered ─publish (every point answered)→ published
invitation: sent ─open→ opened;  sent|opened ─answer→ answered
```

Creating a record (registering a draft, uploading a version, posting a comment, proposing a
statement, writing a point or the document, sending an invitation) is not a transition: the
creating service writes it, and comment intake keeps its one conditional INSERT (ADR 0004).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from ykien.consultations.counts import count_step
from ykien.consultations.models import (
    Comment,
    CommentStatus,
    CritiqueDocument,
    CritiquePoint,
    DocumentStatus,
    Draft,
    DraftStatus,
    DraftVersion,
    Invitation,
    InvitationStatus,
    PointStatus,
    Statement,
    StatementStatus,
    VersionStatus,
)
from ykien.consultations.permissions import ANSWER, HOLD, ISSUE, MANAGE, USE_LINK
from ykien.core.lifecycle import Edge, Lifecycle
from ykien.core.permissions import Actor, allows


def _draft_unit(obj: Any) -> Any:
    return obj.draft.unit


D = DraftStatus
DRAFT = Lifecycle(
    name="consultations.draft",
    model=Draft,
    states=D,
    edges=(
        Edge("upload", {D.RECEIVED}, D.REVIEW, MANAGE, _("Tải lên văn bản dự thảo")),
        Edge("publish", {D.REVIEW}, D.OPEN, MANAGE, _("Công khai dự thảo, mở lấy ý kiến")),
        Edge("close", {D.OPEN}, D.CLOSED, MANAGE, _("Kết thúc lấy ý kiến")),
        Edge("reopen", {D.CLOSED}, D.OPEN, MANAGE, _("Mở lại lấy ý kiến")),
        Edge("consolidate", {D.CLOSED}, D.CONSOLIDATING, MANAGE, _("Bắt đầu tổng hợp")),
        Edge(
            "issue",
            {D.CONSOLIDATING},
            D.ISSUED,
            ISSUE,
            _("Ban hành văn bản phản biện"),
            rule="answer.default",
        ),
        Edge(
            "answer", {D.ISSUED}, D.ANSWERED, ANSWER, _("Công khai trả lời của cơ quan soạn thảo")
        ),
    ),
    audit_exclude=("created_at", "updated_at", "search_text"),
)
#: The moves an officer makes on the draft's overview (the others follow from another service:
#: uploading, publishing a version, issuing the document, answering the last point).
DRAFT_MANUAL = ("close", "reopen", "consolidate")

V = VersionStatus
VERSION = Lifecycle(
    name="consultations.version",
    model=DraftVersion,
    states=V,
    edges=(
        Edge("publish", {V.REVIEW}, V.PUBLISHED, MANAGE, _("Công khai phiên bản dự thảo")),
        Edge("supersede", {V.PUBLISHED}, V.SUPERSEDED, MANAGE, _("Thay bằng phiên bản mới")),
    ),
    unit=_draft_unit,
    # The text and its tree do not change on a move, and are large: never copied to the log.
    audit_exclude=("text", "tree", "warnings", "created_at"),
)

C = CommentStatus
COMMENT = Lifecycle(
    name="consultations.comment",
    model=Comment,
    states=C,
    edges=(
        Edge("hold", {C.VISIBLE}, C.PENDING, HOLD, _("Tạm ẩn góp ý bị báo cáo vi phạm")),
        Edge("approve", {C.PENDING, C.HIDDEN}, C.VISIBLE, MANAGE, _("Cho hiển thị")),
        Edge("hide", {C.VISIBLE, C.PENDING}, C.HIDDEN, MANAGE, _("Ẩn")),
    ),
    unit=_draft_unit,
    # Keeps the visible-comment counters exact, in the transition's transaction.
    history=count_step,
    audit_exclude=("created_at", "search_text"),
)

ST = StatementStatus
STATEMENT = Lifecycle(
    name="consultations.statement",
    model=Statement,
    states=ST,
    edges=(
        Edge("approve", {ST.PENDING, ST.REJECTED}, ST.ACTIVE, MANAGE, _("Đưa ra biểu quyết")),
        Edge(
            "withdraw", {ST.PENDING, ST.ACTIVE}, ST.REJECTED, MANAGE, _("Không đưa ra biểu quyết")
        ),
    ),
    unit=_draft_unit,
    audit_exclude=("created_at",),
)

DS = DocumentStatus
DOCUMENT = Lifecycle(
    name="consultations.document",
    model=CritiqueDocument,
    states=DS,
    edges=(
        Edge("submit", {DS.DRAFT}, DS.SUBMITTED, MANAGE, _("Trình lãnh đạo duyệt")),
        Edge("return", {DS.SUBMITTED}, DS.DRAFT, ISSUE, _("Trả lại để soạn lại")),
        Edge(
            "issue", {DS.SUBMITTED}, DS.ISSUED, ISSUE, _("Duyệt và ban hành"), rule="answer.default"
        ),
    ),
    unit=_draft_unit,
    audit_exclude=("docx", "created_at", "updated_at"),
)

P = PointStatus
POINT = Lifecycle(
    name="consultations.point",
    model=CritiquePoint,
    states=P,
    edges=(
        Edge("answer", {P.PENDING, P.ANSWERED}, P.ANSWERED, ANSWER, _("Trả lời điểm phản biện")),
        Edge("publish", {P.ANSWERED}, P.PUBLISHED, ANSWER, _("Công khai trả lời điểm phản biện")),
    ),
    # The answer is the drafting body's: its unit's log shows it.
    unit=lambda point: point.draft.drafting_unit,
    audit_exclude=("created_at",),
)

IS = InvitationStatus
INVITATION = Lifecycle(
    name="consultations.invitation",
    model=Invitation,
    states=IS,
    edges=(
        Edge("open", {IS.SENT}, IS.OPENED, USE_LINK, _("Chuyên gia mở lời mời")),
        Edge("answer", {IS.SENT, IS.OPENED}, IS.ANSWERED, USE_LINK, _("Chuyên gia gửi ý kiến")),
    ),
    unit=_draft_unit,
    audit_exclude=("digest", "sent_at"),
)

LIFECYCLES = (DRAFT, VERSION, COMMENT, STATEMENT, DOCUMENT, POINT, INVITATION)


def actions_by_state(lifecycle: Lifecycle, actor: Actor, sample: Any) -> dict[str, list[Edge]]:
    """The edges ``actor`` may take from each state, for a list of records that share
    ``sample``'s permission object (the comments or statements of one draft): each permission is
    checked once, not once per record and edge."""
    granted: dict[str, bool] = {}
    by_state: dict[str, list[Edge]] = {str(state): [] for state in lifecycle.states.values}
    for edge in lifecycle.edges:
        if edge.permission not in granted:
            granted[edge.permission] = allows(actor, edge.permission, sample)
        if granted[edge.permission]:
            for state in edge.sources:
                by_state[state].append(edge)
    return by_state


def with_actions(
    lifecycle: Lifecycle,
    actor: Actor,
    records: Iterable[Any],
    sample: Any,
    *,
    only: Iterable[str] = (),
) -> list[Any]:
    """``records`` (of one draft), each given ``actions``: the edges ``actor`` may take on it
    (of those named in ``only``, when given: the moves a page offers)."""
    by_state = actions_by_state(lifecycle, actor, sample)
    wanted = set(only)
    listed = list(records)
    for record in listed:
        edges = by_state[str(getattr(record, lifecycle.field))]
        record.actions = [e for e in edges if e.action in wanted] if wanted else edges
    return listed

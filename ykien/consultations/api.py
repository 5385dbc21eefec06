"""The consultations API (django-ninja), mounted at /api/v1/consultations/.

Reading is public. Posting a comment or a vote needs either a personal token
(``Authorization: Bearer yk_…``, created at /tai-khoan/khoa-api/) or a browser session that has
passed a captcha on the site in the last 30 minutes (session cookie + CSRF header).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query
from ninja.responses import Status
from ninja.security import APIKeyCookie, HttpBearer

from ykien.api.schemas import (
    MAX_OFFSET,
    MAX_QUERY,
    OFFSET_HELP,
    Body,
    Id,
    Text,
    Vote,
    errors,
    limit_help,
)
from ykien.consultations import selectors, selectors_analysis, services
from ykien.consultations.models import Comment, DraftStatus, Node
from ykien.core import apikeys
from ykien.core.errors import DomainError, InvalidTransition, NotFound, PermissionDenied
from ykien.core.models import User
from ykien.core.pickers import record_id
from ykien.core.redact import redact

router = Router()


# ---------------------------------------------------------------------------- security


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <personal API key>`` (``core.apikeys``): one indexed read of the
    key and its owner, on the intake path (see services.comment_post)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        owner = apikeys.personal_key_owner(raw=token)
        if owner is None:
            return None
        user_id, kind = owner
        return services.Participant.of_user(User(pk=user_id, kind=kind))


class CaptchaSession(APIKeyCookie):
    """A site session: signed in, or anonymous after a captcha in the last 30 minutes."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        """Without a session cookie this is not the credential in use: no CSRF check, the
        request ends in 401 like one without a token. With the cookie, the CSRF token is
        required (403 otherwise), as for any form on the site."""
        if not request.COOKIES.get(self.param_name):
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request.user.is_authenticated:
            user: User = request.user  # type: ignore[assignment]
            return services.Participant.of_user(user)
        until = request.session.get("captcha_ok_until", 0)
        if key and request.session.session_key and until > timezone.now().timestamp():
            return services.Participant.anonymous(request.session.session_key)
        return None


WRITE_AUTH = [TokenAuth(), CaptchaSession()]


def _fail(exc: DomainError) -> HttpError:
    status = 400
    if isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, PermissionDenied):
        status = 403
    elif isinstance(exc, InvalidTransition):
        status = 409
    return HttpError(status, f"{exc.code}: {exc.message}")


# ----------------------------------------------------------------------------- schemas


class ClosedEarlyOut(Schema):
    """The comment period ended before its announced end: the day (Vietnam time) and why."""

    date: dt.date
    reason: str


class DraftOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    unit: str
    drafting_unit: str
    received_on: dt.date
    comment_start: dt.date | None
    #: The announced end; kept when the period is ended early (``closed_early``).
    comment_end: dt.date | None
    closed_early: ClosedEarlyOut | None
    version: int | None
    url: str


class NodeOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    text: str
    label: str
    comments: int
    #: Takes comments (Điều, khoản, điểm; or the one block of a text without structure).
    commentable: bool
    children: list[NodeOut]


class CommentOut(Schema):
    """A public comment; phone numbers, e-mail addresses and ID numbers typed in its texts are
    replaced by a label (``core.redact``), as in the open-data exports."""

    id: int
    node_id: int | None
    stance: str
    proposed_wording: str
    reasons: str
    author_kind: str
    created_at: dt.datetime

    @staticmethod
    def resolve_proposed_wording(obj: Comment) -> str:
        return redact(obj.proposed_wording)

    @staticmethod
    def resolve_reasons(obj: Comment) -> str:
        return redact(obj.reasons)


class CommentIn(Body):
    node_id: Id | None = None
    stance: Literal["agree", "disagree", "reword"]
    proposed_wording: str = ""
    reasons: str = ""


class CreatedOut(Schema):
    id: int
    created_at: dt.datetime


class StatementOut(Schema):
    id: int
    text: str
    agree: int
    disagree: int
    passed: int


class VoteIn(Body):
    value: Vote


class VoteOut(Schema):
    statement_id: int
    value: int


def _draft_out(d: Any) -> DraftOut:
    return DraftOut(
        id=d.pk,
        title=d.title,
        kind=d.kind,
        status=d.status,
        unit=d.unit.name,
        drafting_unit=d.drafting_unit.name,
        received_on=d.received_on,
        comment_start=d.comment_start,
        comment_end=d.comment_end,
        closed_early=(
            ClosedEarlyOut(date=d.closed_early_on, reason=d.closed_early_reason)
            if d.closed_early_at
            else None
        ),
        version=d.current_version.number if d.current_version_id else None,
        url=f"/du-thao/{d.pk}/",
    )


def _public_draft(draft_id: int) -> Any:
    draft = selectors.draft_get(pk=draft_id)
    if draft is None or not draft.is_public:
        raise HttpError(404, "not_found: " + _("Không tìm thấy dự thảo."))
    return draft


# ----------------------------------------------------------------------------- reading

#: The most rows one page of a list returns (``limit``).
MAX_LIMIT = 200
LIMIT_HELP = limit_help(MAX_LIMIT)


@router.get(
    "/drafts",
    response={200: list[DraftOut], **errors(400)},
    summary="Các dự thảo đã công khai",
)
def list_drafts(
    request: HttpRequest,
    status: Annotated[DraftStatus | None, Query(None, description="Trạng thái đã lưu")] = None,
    q: Annotated[Text, Query("", max_length=MAX_QUERY, description="Tìm trong tên dự thảo")] = "",
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=LIMIT_HELP),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=OFFSET_HELP),
) -> list[DraftOut]:
    qs = selectors.drafts_public(query=q, status=status or "").select_related("current_version")
    return [_draft_out(d) for d in qs[offset : offset + limit]]


@router.get(
    "/drafts/{draft_id}", response={200: DraftOut, **errors(400, 404)}, summary="Một dự thảo"
)
def get_draft(request: HttpRequest, draft_id: Id) -> DraftOut:
    return _draft_out(_public_draft(draft_id))


@router.get(
    "/drafts/{draft_id}/tree",
    response={200: list[NodeOut], **errors(400, 404)},
    summary="Cấu trúc dự thảo (Chương, Điều, Khoản, Điểm) với số góp ý",
)
def draft_tree(request: HttpRequest, draft_id: Id) -> list[NodeOut]:
    draft = _public_draft(draft_id)
    rows = selectors.version_rows(version=draft.current_version)
    by_id: dict[int, NodeOut] = {}
    roots: list[NodeOut] = []
    for r in rows:
        n = r.node
        out = NodeOut(
            id=n.pk,
            kind=n.kind,
            number=n.number,
            title=n.title,
            text=n.text,
            label=n.label,
            comments=r.comments,
            commentable=n.commentable,
            children=[],
        )
        by_id[n.pk] = out
        parent = by_id.get(n.parent_id) if n.parent_id else None
        (parent.children if parent else roots).append(out)
    return roots


#: The most comments ``offset`` skips on a node's comments: the former paging, kept for the
#: first pages; deeper, ``cursor`` reads a page from the index without walking what it skips.
MAX_COMMENT_OFFSET = 10_000
#: A cursor is ``older:<comment id>`` or ``newer:<comment id>``, as the ``Link`` header gives it.
MAX_CURSOR = 40
CURSOR_HELP = (
    'Con trỏ trang lấy từ tiêu đề `Link` của trang trước (`rel="next"`: cũ hơn, '
    '`rel="prev"`: mới hơn); bỏ trống: trang mới nhất. Không dùng cùng `offset`.'
)
LINK_HELP = (
    'Trang kế tiếp và trang trước (RFC 8288): `<…?cursor=older:123&limit=50>; rel="next", '
    '<…?cursor=newer:456&limit=50>; rel="prev"`; không có khi không còn trang nào'
)


def _cursor(raw: str) -> tuple[str, int] | None:
    """``older:<id>`` / ``newer:<id>`` as (direction, id), or None (not a cursor)."""
    direction, _sep, number = raw.strip().partition(":")
    pk = record_id(number)
    if direction not in ("older", "newer") or pk is None:
        return None
    return direction, pk


def _bad_cursor() -> HttpError:
    return HttpError(
        400,
        "bad_cursor: "
        + _(
            "Con trỏ trang không hợp lệ: hãy dùng đúng con trỏ trong tiêu đề Link của trang "
            "trước, hoặc bỏ nó để đọc trang mới nhất."
        ),
    )


def _links(request: HttpRequest, page: selectors.CommentPage, limit: int) -> str:
    links = []
    for rel, direction, pk in (("next", "older", page.older), ("prev", "newer", page.newer)):
        if pk is not None:
            query = urlencode({"cursor": f"{direction}:{pk}", "limit": limit})
            links.append(f'<{request.build_absolute_uri(request.path)}?{query}>; rel="{rel}"')
    return ", ".join(links)


@router.get(
    "/nodes/{node_id}/comments",
    response={200: list[CommentOut], **errors(400, 404)},
    summary="Góp ý công khai về một điều, khoản",
    openapi_extra={
        "responses": {
            200: {"headers": {"Link": {"description": LINK_HELP, "schema": {"type": "string"}}}}
        }
    },
)
def node_comments(
    request: HttpRequest,
    response: HttpResponse,
    node_id: Id,
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=LIMIT_HELP),
    cursor: str = Query("", max_length=MAX_CURSOR, description=CURSOR_HELP),
    offset: int = Query(
        0,
        ge=0,
        le=MAX_COMMENT_OFFSET,
        description="Bỏ qua bấy nhiêu góp ý mới nhất (0–10.000); sâu hơn, dùng `cursor`",
    ),
) -> list[Any]:
    """The node's visible comments, newest first, ``limit`` a page. The ``Link`` header gives
    the cursors of the older (``next``) and newer (``prev``) pages; each page is read from the
    index at its cursor, however deep. A cursor that is not one of this node's comments (or
    not a cursor) is 400 ``bad_cursor``."""
    node = Node.objects.select_related("draft").filter(pk=node_id).first()
    if node is None or not node.draft.is_public:
        raise HttpError(404, "not_found: " + _("Không tìm thấy điều, khoản."))
    if not cursor:
        page = selectors.comments_public_page(
            draft=node.draft, node=node, size=limit, offset=offset
        )
    else:
        found = _cursor(cursor) if not offset else None
        page = found and selectors.comments_public_page(
            draft=node.draft,
            node=node,
            size=limit,
            older_than=found[1] if found[0] == "older" else None,
            newer_than=found[1] if found[0] == "newer" else None,
        )
    if page is None:
        raise _bad_cursor()
    if links := _links(request, page, limit):
        response.headers["Link"] = links
    return page.comments


@router.get(
    "/drafts/{draft_id}/statements",
    response={200: list[StatementOut], **errors(400, 404)},
    summary="Nhận định đang biểu quyết",
)
def draft_statements(request: HttpRequest, draft_id: Id) -> list[StatementOut]:
    draft = _public_draft(draft_id)
    return [
        StatementOut(
            id=s.statement.pk,
            text=redact(s.statement.text),
            agree=s.agree,
            disagree=s.disagree,
            passed=s.passed,
        )
        for s in selectors.statements(draft=draft)
    ]


@router.get(
    "/drafts/{draft_id}/statements/next",
    auth=WRITE_AUTH,
    response={200: StatementOut, 204: None, **errors(400, 401, 404)},
    summary="Nhận định tiếp theo để biểu quyết",
)
def draft_next_statement(request: HttpRequest, draft_id: Id) -> Any:
    """The statement this participant should vote on next, as the voting page shows it: new,
    little-voted and informative statements first (204 when they have voted on every one, or
    voting is not open)."""
    draft = _public_draft(draft_id)
    if draft.phase_on(timezone.localdate()) != "open":
        return Status(204, None)
    me = request.auth.key  # type: ignore[attr-defined]
    rows = selectors.statements(draft=draft, participant=me)
    routed = selectors_analysis.next_statement(draft_id=draft.pk, participant=me, rows=rows)
    row = next((r for r in rows if r.statement.pk == routed), None)
    if row is None:
        return Status(204, None)
    return StatementOut(
        id=row.statement.pk,
        text=redact(row.statement.text),
        agree=row.agree,
        disagree=row.disagree,
        passed=row.passed,
    )


class ThresholdsOut(Schema):
    """What makes a statement common ground or a difference."""

    #: Every group agrees (or every group disagrees) at least this share: common ground.
    common_ground: float
    #: The most and the least agreeing groups are at least this far apart: a difference.
    difference: float
    #: Each group counted saw the statement (or wrote on the clause) at least this often.
    min_seen: int


class GroupSizeOut(Schema):
    id: int
    size: int


class StandingOut(Schema):
    """A statement's standing across the groups; lists are per group, in the order of
    ``groups``; agreement is ``(agrees + 1) / (seen + 2)``."""

    statement_id: int
    text: str
    kind: Literal["common_ground", "common_ground_against", "difference"]
    agree: list[float]
    disagree: list[float]
    seen: list[int]
    #: The most minus the least agreeing group.
    spread: float
    #: Agreement left once the side each voter is on is factored out (None: too few votes).
    bridging: float | None


def _when_seen(shares: list[float], seen: list[int]) -> list[float | None]:
    """Each group's share, or None for a group with no comment (``seen`` 0)."""
    return [share if n else None for share, n in zip(shares, seen, strict=True)]


class ClauseStandingOut(Schema):
    """Where the groups' comments on one clause stand (``node_id`` None: on the whole
    draft); per group: agreement, disagreement, counts of other wordings and comments. A group
    with no comment on the clause (``seen`` 0) has no agreement nor disagreement (null), not
    the prior's 0.5."""

    node_id: int | None
    label: str
    kind: Literal["common_ground", "common_ground_against", "difference", ""]
    agree: list[float | None]
    disagree: list[float | None]
    reword: list[int]
    seen: list[int]


class GroupsOut(Schema):
    computed_at: dt.datetime | None
    groups: list[GroupSizeOut]
    common_ground: list[StandingOut]
    differences: list[StandingOut]
    clauses: list[ClauseStandingOut]


class SummarySentenceOut(Schema):
    """A sentence quoted as a citizen wrote it, and the visible comments it comes from."""

    text: str
    comment_ids: list[int]


class StanceSummaryOut(Schema):
    stance: str
    sentences: list[SummarySentenceOut]


class TopicSummaryOut(Schema):
    topic: int
    size: int
    key_phrases: list[str]
    by_stance: list[StanceSummaryOut]


class ClauseSummaryOut(Schema):
    """One clause's comments summarised on their own (``node_id`` None: the comments on the
    whole draft of that version)."""

    version: int
    node_id: int | None
    #: As the law writes it, in Vietnamese ("Điều 3, khoản 1").
    label: str
    #: Its comments that were analysed.
    size: int
    key_phrases: list[str]
    by_stance: list[StanceSummaryOut]


class SummariesOut(Schema):
    computed_at: dt.datetime | None
    topics: list[TopicSummaryOut]
    #: Per clause, in document order, each from that clause's comments only.
    clauses: list[ClauseSummaryOut]
    #: Clauses with comments but fewer than ``clause_minimum`` analysed: not summarised.
    clauses_skipped: int
    clause_minimum: int


class CommonGroundOut(Schema):
    """The public part of a draft's latest analyses; no participant appears in it."""

    thresholds: ThresholdsOut
    #: None until an opinion-groups analysis has found groups.
    groups: GroupsOut | None
    #: None until a topics analysis has summarised the comments.
    summaries: SummariesOut | None


def _number(x: Any) -> float | None:
    return None if x is None or x != x else float(x)  # NaN is not a number a client can read


def _standing(s: dict[str, Any]) -> StandingOut:
    return StandingOut(
        statement_id=s["comment"],
        text=redact(s.get("text", "")),
        kind=s["kind"],
        agree=s["agree"],
        disagree=s["disagree"],
        seen=s["seen"],
        spread=s.get("spread", 0.0),
        bridging=_number(s.get("bridging")),
    )


def _by_stance(parts: list[dict[str, Any]]) -> list[StanceSummaryOut]:
    return [
        StanceSummaryOut(
            stance=part["stance"],
            sentences=[
                SummarySentenceOut(text=x["text"], comment_ids=x["sources"])
                for x in part["sentences"]
            ],
        )
        for part in parts
    ]


@router.get(
    "/drafts/{draft_id}/common-ground",
    response={200: CommonGroundOut, **errors(400, 404)},
    summary="Điểm chung, khác biệt giữa các nhóm ý kiến và tóm tắt góp ý theo quan điểm",
)
def draft_common_ground(request: HttpRequest, draft_id: Id) -> CommonGroundOut:
    """From the draft's latest finished analyses, as the "you said — we did" page shows them:
    statements every opinion group agrees on (or rejects), statements the groups differ on,
    where the groups' comments stand on each clause, and the comments' summaries kept apart by
    stance (agree, disagree, another wording), per topic and per clause. ``groups`` and ``summaries`` are null before
    the analysis has run."""
    draft = _public_draft(draft_id)
    found = selectors_analysis.common_ground_of(draft_id=draft.pk)
    ground = found["groups"] if found else None
    summaries = found["summaries"] if found else None
    return CommonGroundOut(
        thresholds=ThresholdsOut(
            **(found["thresholds"] if found else selectors_analysis.thresholds())
        ),
        groups=(
            GroupsOut(
                computed_at=ground["computed_at"],
                groups=[GroupSizeOut(id=g["id"], size=g["size"]) for g in ground["groups"]],
                common_ground=[_standing(s) for s in ground["common_ground"]],
                differences=[_standing(s) for s in ground["differences"]],
                clauses=[
                    ClauseStandingOut(
                        node_id=c["node"],
                        label=c["label"],
                        kind=c["kind"],
                        agree=_when_seen(c["agree"], c["seen"]),
                        disagree=_when_seen(c["disagree"], c["seen"]),
                        reword=c["reword"],
                        seen=c["seen"],
                    )
                    for c in ground["clauses"]
                ],
            )
            if ground
            else None
        ),
        summaries=(
            SummariesOut(
                computed_at=summaries["computed_at"],
                topics=[
                    TopicSummaryOut(
                        topic=t["topic"],
                        size=t["size"],
                        key_phrases=t["key_phrases"],
                        by_stance=_by_stance(t["by_stance"]),
                    )
                    for t in summaries["topics"]
                ],
                clauses=[
                    ClauseSummaryOut(
                        version=c["version"],
                        node_id=c["node"],
                        label=c["label"],
                        size=c["size"],
                        key_phrases=c["key_phrases"],
                        by_stance=_by_stance(c["by_stance"]),
                    )
                    for c in summaries["clauses"]
                ],
                clauses_skipped=summaries["clauses_skipped"],
                clause_minimum=summaries["clause_minimum"],
            )
            if summaries
            else None
        ),
    )


# ----------------------------------------------------------------------------- writing


@router.post(
    "/drafts/{draft_id}/comments",
    auth=WRITE_AUTH,
    response={201: CreatedOut, **errors(400, 401, 403, 404, 409)},
    summary="Gửi góp ý",
)
def post_comment(request: HttpRequest, draft_id: Id, payload: CommentIn) -> Status[CreatedOut]:
    """Acknowledged (201) only once the comment is committed to the database."""
    try:
        comment = services.comment_post(
            draft_id=draft_id,
            node_id=payload.node_id,
            participant=request.auth,  # type: ignore[attr-defined]
            stance=payload.stance,
            proposed_wording=payload.proposed_wording,
            reasons=payload.reasons,
        )
    except DomainError as exc:
        raise _fail(exc) from exc
    return Status(201, CreatedOut(id=comment.pk, created_at=comment.created_at))


@router.post(
    "/statements/{statement_id}/votes",
    auth=WRITE_AUTH,
    response={200: VoteOut, **errors(400, 401, 403, 404, 409)},
    summary="Biểu quyết một nhận định",
)
def post_vote(request: HttpRequest, statement_id: Id, payload: VoteIn) -> VoteOut:
    try:
        vote = services.vote_cast(
            statement_id=statement_id,
            participant=request.auth,  # type: ignore[attr-defined]
            value=payload.value,
        )
    except DomainError as exc:
        raise _fail(exc) from exc
    return VoteOut(statement_id=vote.statement_id, value=vote.value)

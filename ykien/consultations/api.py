"""The consultations API (django-ninja), mounted at /api/v1/consultations/.

Reading is public. Posting a comment or a vote needs either a personal token
(``Authorization: Bearer yk_…``, created at /tai-khoan/khoa-api/) or a browser session that has
passed a captcha on the site in the last 30 minutes (session cookie + CSRF header).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query
from ninja.responses import Status
from ninja.security import APIKeyCookie, HttpBearer

from ykien.consultations import selectors, services
from ykien.consultations.models import ApiToken, Comment, CommentStatus, Node
from ykien.core import prepared
from ykien.core.errors import DomainError, InvalidTransition, NotFound, PermissionDenied
from ykien.core.models import User
from ykien.core.redact import redact

router = Router()


# ---------------------------------------------------------------------------- security


# Plain SQL on the intake path (see services.comment_post): one indexed read per request.
_BEARER_LOOKUP = (
    "SELECT u.id, u.kind FROM {token} t JOIN {user} u ON u.id = t.user_id "
    "WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active = %s"
)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: one indexed read of the token and its user."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        digest = hashlib.sha256(token.encode()).hexdigest()
        with prepared.cursor() as cursor:
            cursor.execute(
                _BEARER_LOOKUP.format(
                    token=_q(ApiToken._meta.db_table), user=_q(User._meta.db_table)
                ),
                [digest, True],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        user_id, kind = row
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

# The errors of a write, in the OpenAPI document (bodies: see ykien/api/urls.py).
WRITE_ERRORS = {
    "responses": {
        "400": {
            "description": "Dữ liệu không hợp lệ: sai lược đồ "
            '(`{"code": "invalid", "message", "detail": [...]}`) '
            'hoặc bị từ chối (`{"detail": "too_long: …"}`)'
        },
        "401": {"description": "Không có hoặc sai khoá API, không có phiên hợp lệ"},
        "403": {"description": "Phiên trình duyệt không kèm mã CSRF"},
        "404": {"description": "Không tìm thấy"},
        "409": {"description": "Dự thảo không còn trong thời gian lấy ý kiến"},
    }
}


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


class DraftOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    unit: str
    drafting_unit: str
    received_on: dt.date
    comment_start: dt.date | None
    comment_end: dt.date | None
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


class CommentIn(Schema):
    node_id: int | None = None
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


class VoteIn(Schema):
    value: Literal[-1, 0, 1]


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
LIMIT_HELP = "Số dòng tối đa trả về (1–200)"
OFFSET_HELP = "Bỏ qua bấy nhiêu dòng đầu (từ 0)"


@router.get("/drafts", response=list[DraftOut], summary="Các dự thảo đã công khai")
def list_drafts(
    request: HttpRequest,
    status: str = "",
    q: str = "",
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=LIMIT_HELP),
    offset: int = Query(0, ge=0, description=OFFSET_HELP),
) -> list[DraftOut]:
    qs = selectors.drafts_public(query=q[:200], status=status).select_related("current_version")
    return [_draft_out(d) for d in qs[offset : offset + limit]]


@router.get("/drafts/{draft_id}", response=DraftOut, summary="Một dự thảo")
def get_draft(request: HttpRequest, draft_id: int) -> DraftOut:
    return _draft_out(_public_draft(draft_id))


@router.get(
    "/drafts/{draft_id}/tree",
    response=list[NodeOut],
    summary="Cấu trúc dự thảo (Chương, Điều, Khoản, Điểm) với số góp ý",
)
def draft_tree(request: HttpRequest, draft_id: int) -> list[NodeOut]:
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


@router.get(
    "/nodes/{node_id}/comments",
    response=list[CommentOut],
    summary="Góp ý công khai về một điều, khoản",
)
def node_comments(
    request: HttpRequest,
    node_id: int,
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=LIMIT_HELP),
    offset: int = Query(0, ge=0, description=OFFSET_HELP),
) -> list[Any]:
    node = Node.objects.select_related("draft").filter(pk=node_id).first()
    if node is None or not node.draft.is_public:
        raise HttpError(404, "not_found: " + _("Không tìm thấy điều, khoản."))
    qs = Comment.objects.filter(node=node, status=CommentStatus.VISIBLE).order_by(
        "-created_at", "-id"
    )
    return list(qs[offset : offset + limit])


@router.get(
    "/drafts/{draft_id}/statements",
    response=list[StatementOut],
    summary="Nhận định đang biểu quyết",
)
def draft_statements(request: HttpRequest, draft_id: int) -> list[StatementOut]:
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


# ----------------------------------------------------------------------------- writing


@router.post(
    "/drafts/{draft_id}/comments",
    auth=WRITE_AUTH,
    response={201: CreatedOut},
    summary="Gửi góp ý",
    openapi_extra=WRITE_ERRORS,
)
def post_comment(request: HttpRequest, draft_id: int, payload: CommentIn) -> Status[CreatedOut]:
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
    response=VoteOut,
    summary="Biểu quyết một nhận định",
    openapi_extra=WRITE_ERRORS,
)
def post_vote(request: HttpRequest, statement_id: int, payload: VoteIn) -> VoteOut:
    try:
        vote = services.vote_cast(
            statement_id=statement_id,
            participant=request.auth,  # type: ignore[attr-defined]
            value=payload.value,
        )
    except DomainError as exc:
        raise _fail(exc) from exc
    return VoteOut(statement_id=vote.statement_id, value=vote.value)

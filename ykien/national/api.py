"""The national ballot API (django-ninja), mounted at /api/v1/national/.

``POST drafts/{id}/ballot`` takes an OpenID Connect ID token of the configured identity provider
(``Authorization: Bearer <ID token>``, ``ykien.identity.verify_identity_token``) and the ballot:
201 the person's first ballot, 200 a ballot that replaced their previous one (kept in the
history). ``GET drafts/{id}/results`` is public and cached (``Cache-Control: max-age=30``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query
from ninja.responses import Status
from ninja.security import HttpBearer
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from ykien.api.schemas import Body, Id, errors
from ykien.core.errors import DomainError, InvalidTransition, NotFound, PermissionDenied
from ykien.core.numbers import format_int
from ykien.national import identity, selectors, services
from ykien.national.models import ModeStatus
from ykien.national.provinces import by_code

router = Router()

StanceIn = Literal["agree", "disagree", "none"]
ArticleKey = Annotated[str, StringConstraints(min_length=1, max_length=40)]


class BallotAuth(HttpBearer):
    """An OIDC ID token of the identity provider. The body's size is checked first, on its
    ``Content-Length``, so that an oversized ballot is refused before it is read."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            length = int(request.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > services.MAX_BALLOT_BYTES:
            raise HttpError(
                400,
                "too_big: "
                + _("Phiếu quá lớn (tối đa %(n)s KB).")
                % {"n": format_int(services.MAX_BALLOT_BYTES // 1024)},
            )
        return identity.verify_token(token)


def _fail(exc: DomainError) -> HttpError:
    status = 400
    if isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, PermissionDenied):
        status = 403
    elif isinstance(exc, InvalidTransition):
        status = 409
    return HttpError(status, f"{exc.code}: {exc.message}")


class ArticleIn(BaseModel):
    """One article of a ballot. A plain pydantic model, strict like ``Body``: a ballot has up to
    120 of them, validated in pydantic's core without a Python call each (django-ninja's
    ``Schema`` and ``Body`` wrap every model in a Python validator; a non-object is refused
    with the same ``model_type`` error)."""

    model_config = ConfigDict(strict=True)

    stance: StanceIn = Field(description="agree | disagree | none")
    comment: str = Field(default="", max_length=services.COMMENT_MAX)


class BallotIn(Body):
    overall: StanceIn = Field(description="Ý kiến về toàn bộ dự thảo")
    articles: dict[ArticleKey, ArticleIn] = Field(
        default_factory=dict,
        description="Theo số điều của dự thảo (chuỗi): ý kiến và góp ý (tùy chọn); "
        f"điều không nêu là không có ý kiến; tối đa {services.MAX_ARTICLES} điều",
    )

    @field_validator("articles", mode="before")
    @classmethod
    def _not_too_many(cls, value: Any) -> Any:
        # Before the articles are read one by one: a ballot naming thousands is refused at once.
        if isinstance(value, dict) and len(value) > services.MAX_ARTICLES:
            raise PydanticCustomError(
                "too_many_articles", "A ballot names at most {most} articles", {"most": 0}
            )
        return value


class BallotOut(Schema):
    draft_id: int
    revision: int
    #: True: this ballot replaced the person's previous one (kept in the history).
    replaced: bool
    submitted_at: dt.datetime


class TallyOut(Schema):
    agree: int
    disagree: int
    none: int
    total: int
    agree_share: float
    disagree_share: float
    none_share: float


class ArticleResultOut(TallyOut):
    number: str
    title: str


class ProvinceResultOut(TallyOut):
    code: str
    name: str
    lat: float
    lng: float


class ResultsOut(Schema):
    draft_id: int
    status: str
    start: dt.date
    end: dt.date
    ballots: int
    rolled_up_at: dt.datetime | None
    province: str | None
    overall: TallyOut
    articles: list[ArticleResultOut]
    provinces: list[ProvinceResultOut]


@router.post(
    "/drafts/{draft_id}/ballot",
    auth=BallotAuth(),
    response={200: BallotOut, 201: BallotOut, **errors(400, 401, 404, 409)},
    summary="Gửi phiếu ý kiến (lấy phiếu toàn quốc)",
)
def post_ballot(request: HttpRequest, draft_id: Id, payload: BallotIn) -> Status[BallotOut]:
    """The ballot of the person the ID token names: 201 their first, 200 one that replaced
    their previous ballot (kept in the history). Refused, with nothing stored: 400 bad body,
    unknown article, too many articles; 401 forged or expired token; 404 no such draft; 409 the
    draft is not in national mode, or its ballot has not started or has ended."""
    try:
        result = services.ballot_submit(
            draft_id=draft_id,
            voter=request.auth,  # type: ignore[attr-defined]
            overall=payload.overall,
            articles=payload.articles,
        )
    except DomainError as exc:
        raise _fail(exc) from exc
    out = BallotOut(
        draft_id=draft_id,
        revision=result.revision,
        replaced=not result.created,
        submitted_at=result.submitted_at,
    )
    return Status(201 if result.created else 200, out)


@router.get(
    "/drafts/{draft_id}/results",
    response={200: ResultsOut, **errors(400, 404)},
    summary="Kết quả lấy phiếu toàn quốc",
)
def get_results(
    request: HttpRequest,
    draft_id: Id,
    province: Annotated[
        str | None,
        Query(
            None,
            description="Mã tỉnh, thành phố (34 đơn vị sau sắp xếp 2025): số các điều "
            "của riêng tỉnh ấy",
            pattern=r"^[0-9]{2}$",
        ),
    ] = None,
) -> HttpResponse:
    """Counts and shares (per cent) for the whole draft and each article, nationally or in one
    province, and the whole-draft counts of each of the 34 provinces; rolled up at most a
    minute after the ballots (``rolled_up_at``)."""
    mode = selectors.mode_of(draft_id=draft_id)
    if mode is None or mode.status == ModeStatus.PLANNED:
        raise HttpError(404, "not_found: " + _("Dự thảo này không lấy phiếu toàn quốc."))
    if province is not None and province not in by_code():
        raise HttpError(400, "unknown_province: " + _("Không có tỉnh, thành phố mã này."))
    # The same bytes for everyone: built once per ``RESULTS_TTL`` seconds per process (forgotten
    # at a rollup, like the results page), so 200 requests a second cost what /healthz does.
    from ykien.api.urls import api  # the API this router is mounted on (imports this module)

    renderer = api.renderer
    key = f"api:{province or ''}"
    content = selectors.shared_page(draft_id=draft_id, province=key, language="")
    if content is None:
        data = _results_out(mode, province).model_dump()
        content = renderer.render(request, data, response_status=200)
        selectors.keep_shared_page(draft_id=draft_id, province=key, language="", content=content)
    return HttpResponse(
        content,
        content_type=f"{renderer.media_type}; charset={renderer.charset}",
        headers={"Cache-Control": "public, max-age=30"},
    )


def _results_out(mode: Any, province: str | None) -> ResultsOut:
    draft_id = mode.draft_id
    found = selectors.results(mode=mode)
    cells = found.by_province.get(province or "") if province else found.national
    width = len(found.articles) + 1
    cells = cells or [selectors.Tally() for _ in range(width)]
    return ResultsOut(
        draft_id=draft_id,
        status=mode.status,
        start=mode.start,
        end=mode.end,
        ballots=found.ballots,
        rolled_up_at=found.rolled_up_at,
        province=province,
        overall=TallyOut(**cells[0].as_dict()),
        articles=[
            ArticleResultOut(number=a["number"], title=a["title"], **cells[i + 1].as_dict())
            for i, a in enumerate(found.articles)
        ],
        provinces=[ProvinceResultOut(**row) for row in found.province_rows(0)],
    )

"""Public pages of the national ballot (/tham-van-quoc-gia/…): the list, the ballot form of the
signed-in citizen (identity through OpenID Connect, ``ykien.identity``), the results with the
map of the 34 provinces; and the staff page that sets up, opens and closes the ballot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ykien.consultations.models import Draft
from ykien.core.codes import ErrorCode as CoreErrorCode
from ykien.core.errors import DomainError, ValidationFailed
from ykien.core.numbers import format_count
from ykien.core.permissions import allows
from ykien.national import identity, selectors, services
from ykien.national.codes import ErrorCode
from ykien.national.lifecycle import MODE
from ykien.national.models import ModeStatus, NationalMode, Stance
from ykien.national.permissions import MANAGE
from ykien.national.provinces import by_code, province_name


def _public_mode(draft_id: int) -> NationalMode:
    mode = selectors.mode_of(draft_id=draft_id)
    if mode is None or mode.status == ModeStatus.PLANNED:
        raise Http404(_("Dự thảo này không lấy phiếu toàn quốc."))
    return mode


def ballot_list(request: HttpRequest) -> HttpResponse:
    return render(request, "national/list.html", {"modes": selectors.modes_public()})


def _rows(mode: NationalMode, current: Any, posted: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per article: number, title, the stance and comment to show (as posted, else the
    current ballot's, else none)."""
    rows = []
    for article in mode.articles:
        number = str(article["number"])
        if posted is not None:
            stance, comment = (
                posted["stances"].get(number, Stance.NONE),
                posted["comments"].get(number, ""),
            )
        elif current is not None:
            stance, comment = (
                current.stances.get(number, Stance.NONE),
                current.comments.get(number, ""),
            )
        else:
            stance, comment = Stance.NONE, ""
        rows.append(
            {"number": number, "title": article["title"], "stance": stance, "comment": comment}
        )
    return rows


@require_http_methods(["GET", "POST"])
def ballot_form(request: HttpRequest, draft_id: int) -> HttpResponse:
    """The ballot of the signed-in citizen: overall and each article, an optional comment on
    each; shows their current ballot. Without a sign-in, says so with a link to sign in."""
    mode = _public_mode(draft_id)
    voter = identity.current(request)
    status = 200
    error = ""
    posted: dict[str, Any] | None = None
    if request.method == "POST":
        if voter is None:
            error = _("Bạn cần đăng nhập bằng tài khoản định danh để gửi phiếu.")
            status = 403
        else:
            numbers = [str(a["number"]) for a in mode.articles]
            stances = {n: request.POST.get(f"stance-{n}", Stance.NONE) for n in numbers}
            comments = {n: request.POST.get(f"comment-{n}", "") for n in numbers}
            posted = {
                "overall": request.POST.get("overall", Stance.NONE),
                "stances": stances,
                "comments": comments,
            }
            try:
                result = services.ballot_submit(
                    draft_id=draft_id,
                    voter=voter,
                    overall=posted["overall"],
                    articles={n: services.ArticleChoice(stances[n], comments[n]) for n in numbers},
                )
            except DomainError as exc:
                error = str(exc.message)
                status = 409 if exc.code in (ErrorCode.ENDED, ErrorCode.NOT_STARTED) else 400
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận phiếu của bạn.")
                    if result.created
                    else _("Đã cập nhật phiếu của bạn; phiếu trước được lưu vào lịch sử."),
                )
                return redirect("national:ballot", draft_id=draft_id)
    current = selectors.ballot_of(mode=mode, subject_hash=voter.subject_hash) if voter else None
    context = {
        "mode": mode,
        "draft": mode.draft,
        "phase": mode.phase,
        "voter": voter,
        "voter_province": province_name(getattr(voter, "province_code", "") or ""),
        "current": current,
        "overall": (posted or {}).get("overall") or (current.overall if current else Stance.NONE),
        "rows": _rows(mode, current, posted),
        "stances": Stance.choices,
        "error": error,
        "identity_available": identity.available(),
        "sign_in_url": identity.sign_in_url(request.get_full_path()),
        "comment_max": services.COMMENT_MAX,
        "comment_max_text": format_count(services.COMMENT_MAX),
    }
    response = render(request, "national/ballot.html", context, status=status)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _shareable(request: HttpRequest) -> bool:
    """The page is the same for everyone who sends it: not signed in, and no cookie but the
    language (no session, no message waiting, no CSRF token: the language switch is a GET form
    for them, ADR 0010)."""
    return not request.user.is_authenticated and set(request.COOKIES) <= {
        settings.LANGUAGE_COOKIE_NAME
    }


def results(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Counts and shares per article, nationally or in one province (``?tinh=``), the provinces'
    table and map. Read from the rolled-up counts, kept in memory a few seconds. For a visitor
    who is not signed in the page is rendered once per few seconds per process and marked
    ``public``: a caching proxy (nginx's proxy_cache, a CDN) may serve it; it varies by the
    language cookie only."""
    mode = _public_mode(draft_id)
    province = request.GET.get("tinh", "")
    if province and province not in by_code():
        province = ""
    shared = _shareable(request)
    language = translation.get_language()
    content = (
        selectors.shared_page(draft_id=draft_id, province=province, language=language)
        if shared
        else None
    )
    if content is not None:
        response = HttpResponse(content)
    else:
        response = render(request, "national/results.html", _results_context(mode, province))
        if shared:
            selectors.keep_shared_page(
                draft_id=draft_id, province=province, language=language, content=response.content
            )
    if shared:
        # The counts change at most every rollup; half a minute old is still "live".
        patch_cache_control(response, public=True, max_age=30)
    else:  # the header carries the reader's name and a CSRF token of their own
        patch_cache_control(response, private=True, max_age=30)
    return response


def _results_context(mode: NationalMode, province: str) -> dict[str, Any]:
    found = selectors.results(mode=mode)
    cells = found.by_province.get(province) if province else found.national
    width = len(found.articles) + 1
    cells = cells or [selectors.Tally() for _ in range(width)]
    articles = [{**a, **cells[i + 1].as_dict()} for i, a in enumerate(found.articles)]
    late = (
        mode.phase == "open"
        and found.rolled_up_at is not None
        and (timezone.now() - found.rolled_up_at).total_seconds() > services.STALE_AFTER
    )
    return {
        "mode": mode,
        "draft": mode.draft,
        "found": found,
        "late": late,
        "overall": cells[0].as_dict(),
        "articles": articles,
        "provinces": found.province_rows(0),
        "province": province,
        "province_label": province_name(province),
        "api_url": reverse("api:get_results", kwargs={"draft_id": mode.draft_id}),
    }


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, draft_id: int) -> HttpResponse:
    """Staff: set up the national ballot of a draft, open it, close it, reopen it (the moves
    ``MODE.actions`` offers this person)."""
    draft = get_object_or_404(Draft.objects.select_related("unit"), pk=draft_id)
    if not allows(request.user, MANAGE, draft):
        raise Http404
    mode = selectors.mode_of(draft_id=draft_id)
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "setup" and mode is None:
                start, end = (
                    _date(request.POST.get("start", "")),
                    _date(request.POST.get("end", "")),
                )
                services.mode_setup(actor=request.user, draft=draft, start=start, end=end)  # type: ignore[arg-type]
            elif mode is not None and action == "open":
                services.mode_open(actor=request.user, mode=mode)
            elif mode is not None and action == "close":
                services.mode_close(
                    actor=request.user, mode=mode, reason=request.POST.get("reason", "")[:500]
                )
            elif mode is not None and action == "reopen":
                end = _date(request.POST.get("end", ""))
                if end is None:
                    raise ValidationFailed(
                        _("Cần ngày kết thúc lấy phiếu mới."), code=ErrorCode.BAD_PERIOD
                    )
                services.mode_reopen(actor=request.user, mode=mode, end=end)
            else:
                raise ValidationFailed(
                    _("Thao tác không hợp lệ."), code=CoreErrorCode.UNKNOWN_ACTION
                )
        except DomainError as exc:
            error = str(exc.message)
            status = 400
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("national:manage", draft_id=draft_id)
    context = {
        "draft": draft,
        "mode": mode,
        "actions": MODE.actions(request.user, mode) if mode else [],
        "error": error,
        "today": timezone.localdate(),
    }
    return render(request, "national/manage.html", context, status=status)

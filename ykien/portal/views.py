"""The public site (home, news, feedback, search, audio) and the officers' pages for news."""

from __future__ import annotations

import re
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ykien.core import lists, navigation, ratelimit
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import Unit, User
from ykien.portal import selectors, services
from ykien.portal.forms import (
    ArticleForm,
    FeedbackForm,
    ModerationForm,
    PetitionLookupForm,
    PhotoForm,
    SearchForm,
    TransitionForm,
)
from ykien.portal.forms_lists import ArticleListForm
from ykien.portal.lifecycle import ARTICLE
from ykien.portal.models import Article, ArticlePhoto, ArticleStatus, Feedback
from ykien.portal.tasks import schedule_views_flush

FEEDBACK_LIMIT = 5  # feedback posts per address …
FEEDBACK_WINDOW = 600  # … per 10 minutes
VISITOR_COOKIE = "ykv"
BOT_UA = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|curl|wget|python|httpclient|okhttp|java/|go-http|"
    r"headless|lighthouse|phantom|preview|facebookexternalhit|monitor|check|scan",
    re.IGNORECASE,
)
# Where the petitions app lets a citizen send feedback and follow it by code (names tried in
# order; the links appear when one exists).
PETITION_FORM_URLS = ("petitions:submit", "petitions:create", "petitions:new")
PETITION_TRACK_URLS = ("petitions:lookup", "petitions:track", "petitions:status")


def _first_url(names: tuple[str, ...], **kwargs: Any) -> str:
    for name in names:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return ""


# --- home ---------------------------------------------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    """Open consultations, the latest news, accountability figures, feedback and petitions."""
    sections = []
    for section in navigation.home_sections():
        data = dict(section.context(request) or {})
        # Merged into the context, and also as ``ctx`` for templates written that way.
        html = render_to_string(section.template, {**data, "ctx": data}, request=request)
        sections.append({"key": section.key, "html": html})
    keys = {s["key"] for s in sections}
    lookup_url = _first_url(PETITION_TRACK_URLS)
    return render(
        request,
        "portal/home.html",
        {
            # Drafts open for comment lead the page; the other apps' blocks go beside the news.
            "main_sections": [s for s in sections if s["key"].startswith("consultations")],
            "side_sections": [s for s in sections if not s["key"].startswith("consultations")],
            "has_consultations": any(k.startswith("consultations") for k in keys),
            "has_petitions": any(k.startswith("petitions") for k in keys),
            "has_accountability": any(k.startswith(("oversight", "accountability")) for k in keys),
            "latest": selectors.latest_articles(limit=5),
            "figures": selectors.feedback_figures(),
            "petition_form_url": _first_url(PETITION_FORM_URLS),
            "petition_lookup_url": lookup_url or reverse("portal:petition_lookup"),
            "petition_lookup": PetitionLookupForm(),
        },
    )


@require_GET
def petition_lookup(request: HttpRequest) -> HttpResponse:
    """ "Follow a petition by code": forwards to the petitions app's status page."""
    form = PetitionLookupForm(request.GET)
    if form.is_valid():
        code = form.cleaned_data["ma"].strip().upper()
        url = _first_url(PETITION_TRACK_URLS, code=code)
        if url:
            return redirect(url)
        base = _first_url(PETITION_TRACK_URLS)
        if base:
            return redirect(f"{base}?{urlencode({'ma': code})}")
        messages.error(request, _("Chức năng tra cứu phản ánh, kiến nghị chưa sẵn sàng."))
    else:
        messages.error(request, _("Xin nhập mã tra cứu."))
    return redirect("portal:home")


# --- news ---------------------------------------------------------------------------------------


def article_list(request: HttpRequest) -> HttpResponse:
    tag = request.GET.get("chu-de", "")[:90]
    unit_code = request.GET.get("don-vi", "")[:40]
    page = Paginator(selectors.articles_public(tag=tag, unit_code=unit_code), 10).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "portal/article_list.html",
        {
            "page": page,
            "tags": selectors.tags_in_use(),
            "units": selectors.units_with_articles(),
            "tag": tag,
            "unit_code": unit_code,
        },
    )


def _is_bot(request: HttpRequest) -> bool:
    ua = request.META.get("HTTP_USER_AGENT", "")
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") or request.META.get("HTTP_PURPOSE", "")
    return not ua or bool(BOT_UA.search(ua)) or "prefetch" in purpose


def _count_view(request: HttpRequest, response: HttpResponse, article: Article) -> None:
    """One view per visitor, article and day; bots and prefetches are not people."""
    if request.method != "GET" or _is_bot(request):
        return
    basis = request.COOKIES.get(VISITOR_COOKIE, "")
    if not re.fullmatch(r"[0-9a-f]{32}", basis):
        # First visit: derive the id from address and browser, so that the cookie set now and
        # this first view share one key (and clients refusing cookies still count once a day).
        raw = f"{ratelimit.client_ip(request)}|{request.META.get('HTTP_USER_AGENT', '')}"
        basis = services.visitor_digest(raw, services.timezone.localdate())
        response.set_cookie(
            VISITOR_COOKIE, basis, max_age=365 * 86400, samesite="Lax", httponly=True
        )
    if services.view_record(article=article, visitor_basis=basis):
        schedule_views_flush()


def _article_page(
    request: HttpRequest,
    article: Article,
    form: FeedbackForm,
    *,
    status: int = 200,
    audio: selectors.AudioInfo | None = None,
) -> HttpResponse:
    return render(
        request,
        "portal/article_detail.html",
        {
            "article": article,
            "blocks": services.markup.blocks(article.body),
            "photos": list(article.photos.all()),
            "tags": list(article.tags.all()),
            "links": selectors.article_links(article=article),
            "feedback_list": selectors.article_feedback_public(article=article),
            "audio": audio or selectors.audio_for(key=article.audio_key),
            "form": form,
            "related": [a for a in selectors.latest_articles(limit=4) if a.pk != article.pk][:3],
        },
        status=status,
    )


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.article_public_get(slug=slug)
    if article is None:
        raise Http404
    response = _article_page(request, article, FeedbackForm())
    _count_view(request, response, article)
    return response


@require_POST
def feedback_submit(request: HttpRequest, slug: str) -> HttpResponse:
    """The feedback form under an article: captcha, rate limit, held for moderation. On any
    error the page comes back with everything the reader typed."""
    article = selectors.article_public_get(slug=slug)
    if article is None:
        raise Http404
    form = FeedbackForm(request.POST)
    if not ratelimit.allow(
        request, "portal.feedback", limit=FEEDBACK_LIMIT, window=FEEDBACK_WINDOW
    ):
        form.is_valid()  # show field errors too, keep the text
        form.add_error(
            None,
            _(
                "Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Xin đợi khoảng 10 phút rồi gửi lại; "
                "nội dung bạn viết vẫn được giữ nguyên dưới đây."
            ),
        )
        return _article_page(request, article, form, status=429)
    if not form.is_valid():
        return _article_page(request, article, form, status=400)
    try:
        feedback = services.feedback_submit(
            article=article,
            name=form.cleaned_data["name"],
            title=form.cleaned_data["title"],
            content=form.cleaned_data["content"],
            author=request.user if isinstance(request.user, User) else None,
        )
    except DomainError as exc:
        form_error(form, exc)
        return _article_page(request, article, form, status=400)
    messages.success(
        request,
        _(
            "Cảm ơn bạn đã góp ý. Ý kiến sẽ được đăng sau khi đơn vị duyệt. Hãy lưu đường dẫn "
            "của trang này để theo dõi ý kiến và câu trả lời."
        ),
    )
    return redirect("portal:feedback_follow", token=feedback.token)


def feedback_follow(request: HttpRequest, token: str) -> HttpResponse:
    feedback = selectors.feedback_by_token(token=token)
    if feedback is None:
        raise Http404
    response = render(request, "portal/feedback_follow.html", {"feedback": feedback})
    response["X-Robots-Tag"] = "noindex"
    # The address holds the secret code: never sent to another site, but sent to ours, whose forms
    # on this page need it (with "no-referrer" Chromium sends "Origin: null" and the CSRF check
    # refuses the rating and the language switch).
    response["Referrer-Policy"] = "same-origin"
    return response


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


@require_GET
def audio(request: HttpRequest, key: str) -> HttpResponseBase:
    """The spoken version, with byte ranges so that the player can seek."""
    if key.startswith("article:"):
        article = Article.objects.filter(pk=key.partition(":")[2] or 0).first()
        if article is None or not services.article_is_public(article):
            raise Http404
    found = selectors.audio_file(key=key)
    if found is None:
        raise Http404
    path, mime = found
    size = path.stat().st_size
    match = _RANGE.match(request.META.get("HTTP_RANGE", ""))
    response: HttpResponseBase
    if match and (match.group(1) or match.group(2)):
        if match.group(1):
            start = int(match.group(1))
            end = int(match.group(2)) if match.group(2) else size - 1
        else:
            start, end = max(0, size - int(match.group(2))), size - 1
        end = min(end, size - 1)
        if start >= size or start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with path.open("rb") as handle:
            handle.seek(start)
            data = handle.read(end - start + 1)
        response = HttpResponse(data, status=206, content_type=mime)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(path.open("rb"), content_type=mime)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- search -------------------------------------------------------------------------------------


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    page = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        per_page = 20
        try:
            number = max(1, int(request.GET.get("trang", "1")))
        except ValueError:
            number = 1
        results = selectors.search(
            query=form.cleaned_data["q"],
            kind=form.cleaned_data.get("loai", ""),
            offset=(number - 1) * per_page,
            limit=per_page,
        )
        pages = max(1, (results.total + per_page - 1) // per_page)
        page = {
            "number": number,
            "pages": pages,
            "start": (number - 1) * per_page + 1,
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < pages else None,
        }
    return render(
        request,
        "portal/search.html",
        {"form": form, "results": results, "page": page, "kind": request.GET.get("loai", "")},
    )


# --- officers -----------------------------------------------------------------------------------


def _editor(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.has_perm("portal.manage_article"):
        raise DjangoPermissionDenied
    return user


def _unit_choices(user: User) -> list[tuple[str, str]]:
    return [(u.code, u.name) for u in selectors.editor_units(user=user)]


def _article_form(user: User, data: Any = None, initial: Any = None) -> ArticleForm:
    return ArticleForm(
        data,
        initial=initial,
        units=_unit_choices(user),
        linkable=selectors.linkable_documents(),
    )


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    """The articles of the editor's units: search (diacritics ignored), filters, sort and pages
    kept in the URL (``core.lists``); bad input is a translated 400."""
    user = _editor(request)
    form = ArticleListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, selectors.articles_for_editor(user=user, **form.filters()))
    headers = [
        ("title", _("Tiêu đề")), ("", _("Đơn vị")), ("status", _("Trạng thái")),
        ("published", _("Thời điểm đăng")), ("views", _("Lượt xem")),
        ("pending", _("Ý kiến chờ duyệt")),
    ]  # fmt: skip
    return render(
        request,
        "portal/manage_list.html",
        {
            "form": form,
            "page": page,
            "columns": lists.sort_columns(form, headers),
            "sorted_by": form.sorted_by(),
            "pending": selectors.feedback_for_moderation(user=user).count(),
        },
        status=200 if page is not None else 400,
    )


@login_required
def manage_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered articles (every page) as CSV or XLSX."""
    user = _editor(request)
    form = ArticleListForm(request.GET)
    if not form.is_valid():
        return manage_list(request)
    rows = [
        [
            a.pk,
            a.title,
            a.unit.name,
            str(a.get_status_display()),
            localtime(a.publish_at).strftime("%d/%m/%Y %H:%M") if a.publish_at else "",
            a.view_count,
            a.pending,  # type: ignore[attr-defined]
        ]
        for a in selectors.articles_for_editor(user=user, **form.filters()).iterator(
            chunk_size=1000
        )
    ]
    header = [
        _("Số"), _("Tiêu đề"), _("Đơn vị"), _("Trạng thái"), _("Thời điểm đăng"), _("Lượt xem"),
        _("Ý kiến chờ duyệt"),
    ]  # fmt: skip
    return lists.export(fmt, filename="tin-bai", title=_("Tin bài"), header=header, rows=rows)


@login_required
def manage_create(request: HttpRequest) -> HttpResponse:
    user = _editor(request)
    form = _article_form(user, request.POST or None, initial={"byline": str(user)})
    if request.method == "POST" and form.is_valid():
        unit = Unit.objects.filter(code=form.cleaned_data["unit"]).first()
        try:
            if unit is None:
                raise DjangoPermissionDenied
            article = services.article_create(actor=user, unit=unit, **form.article())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu bản nháp. Hãy thêm ảnh rồi đăng bài."))
            return redirect("portal:manage_edit", pk=article.pk)
    return render(request, "portal/manage_edit.html", {"form": form, "article": None})


def _editable(request: HttpRequest, pk: int) -> tuple[User, Article]:
    user = _editor(request)
    article = get_object_or_404(Article.objects.select_related("unit"), pk=pk)
    if not user.has_perm("portal.manage_article", article):
        raise DjangoPermissionDenied
    return user, article


def _edit_page(
    request: HttpRequest,
    article: Article,
    form: ArticleForm,
    *,
    photo_form: PhotoForm | None = None,
    transition_form: TransitionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "portal/manage_edit.html",
        {
            "form": form,
            "article": article,
            "photos": article.photos.all(),
            "photo_form": photo_form or PhotoForm(),
            "transition_form": transition_form or TransitionForm(),
            "transitions": ARTICLE.actions(request.user, article),
            "is_public": services.article_is_public(article),
            "audio": selectors.audio_for(key=article.audio_key),
        },
        status=status,
    )


def _initial(article: Article) -> dict[str, Any]:
    return {
        "unit": article.unit.code,
        "title": article.title,
        "byline": article.byline,
        "summary": article.summary,
        "body": article.body,
        "tags": ", ".join(t.name for t in article.tags.all()),
        "links": [f"{link['kind']}:{link['key']}" for link in article.links or []],
    }


@login_required
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, article = _editable(request, pk)
    form = _article_form(user, request.POST or None, initial=_initial(article))
    form.fields.pop("unit")  # an article stays with the unit that wrote it
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(actor=user, article=article, **form.article())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu tin bài."))
            return redirect("portal:manage_edit", pk=article.pk)
    return _edit_page(request, article, form, status=400 if form.errors else 200)


@login_required
@require_POST
def manage_photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    user, article = _editable(request, pk)
    photo_form = PhotoForm(request.POST, request.FILES)
    if photo_form.is_valid():
        upload = photo_form.cleaned_data["image"]
        try:
            services.photo_add(
                actor=user,
                article=article,
                upload=upload,
                size=upload.size,
                alt=photo_form.cleaned_data["alt"],
                caption=photo_form.cleaned_data["caption"],
                credit=photo_form.cleaned_data["credit"],
            )
        except DomainError as exc:
            form_error(photo_form, exc)
        else:
            messages.success(request, _("Đã thêm ảnh."))
            return redirect("portal:manage_edit", pk=article.pk)
    form = _article_form(user, initial=_initial(article))
    form.fields.pop("unit")
    return _edit_page(request, article, form, photo_form=photo_form, status=400)


@login_required
@require_POST
def manage_photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_object_or_404(ArticlePhoto.objects.select_related("article"), pk=pk)
    user, article = _editable(request, photo.article_id)
    services.photo_remove(actor=user, photo=photo)
    messages.success(request, _("Đã xóa ảnh."))
    return redirect("portal:manage_edit", pk=article.pk)


@login_required
@require_POST
def manage_transition(request: HttpRequest, pk: int) -> HttpResponse:
    user, article = _editable(request, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.article_transition(
                actor=user,
                article=article,
                to=form.cleaned_data["to"],
                publish_at=form.cleaned_data.get("publish_at"),
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("Tin bài đã chuyển sang “%(s)s”.")
                % {"s": ArticleStatus(form.cleaned_data["to"]).label},
            )
    else:
        messages.error(request, _("Yêu cầu không hợp lệ."))
    return redirect("portal:manage_edit", pk=article.pk)


@login_required
def manage_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """How the article will look, before it is published (feedback form disabled). The audio
    version is made when the article becomes public and served only then: before that the
    preview says so instead of offering a player (a file kept from an earlier publication
    would not be served, and would read an older text)."""
    _user, article = _editable(request, pk)
    audio = None
    if not services.article_is_public(article):
        audio = selectors.AudioInfo(
            False, reason=_("Bản nghe được tạo tự động khi tin bài được đăng.")
        )
    response = _article_page(request, article, FeedbackForm(), audio=audio)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    feedback = get_object_or_404(Feedback.objects.select_related("article__unit"), pk=pk)
    if not user.has_perm("portal.moderate_feedback", feedback):
        raise DjangoPermissionDenied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ."))
    else:
        data = form.cleaned_data
        try:
            if data["action"] == "reply":
                services.feedback_reply(actor=user, feedback=feedback, reply=data["reply"])
                messages.success(request, _("Đã đăng câu trả lời."))
            else:
                services.feedback_moderate(
                    actor=user, feedback=feedback, to=data["action"], note=data["note"]
                )
                messages.success(request, _("Đã cập nhật ý kiến."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("portal:moderation")

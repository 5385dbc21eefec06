"""Following records, notifications in the site, and the links of notification mails."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ykien.core import follow, ratelimit
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import User
from ykien.participation import services
from ykien.participation.delivery import delivery_of
from ykien.participation.forms import EmailFollowForm, FollowForm, PreferenceForm
from ykien.participation.models import Delivery, Follow, Notification
from ykien.participation.text import told

EMAIL_FOLLOW_LIMIT = 5  # per address of the sender, per window
EMAIL_FOLLOW_WINDOW = 600


def _back(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200):
    response = render(request, f"participation/{template}", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def follow_toggle(request: HttpRequest) -> HttpResponse:
    """Follow or stop following (signed in); without an account, go to the e-mail form."""
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _page(request, "problem.html", {"problem": _("Yêu cầu không hợp lệ.")}, 400)
    kind, object_id = form.cleaned_data["kind"], form.cleaned_data["object_id"]
    back = _back(request)
    if not request.user.is_authenticated:
        query = urlencode({"kind": kind, "id": object_id})
        return redirect(f"{_url('participation:follow_email')}?{query}")
    try:
        if request.POST.get("action") == "unfollow":
            services.unfollow_record(user=request.user, kind=kind, object_id=object_id)
            messages.success(request, _("Bạn đã ngừng theo dõi."))
        else:
            services.follow_record(user=request.user, kind=kind, object_id=object_id)
            messages.success(
                request,
                _("Bạn đang theo dõi. Mỗi cập nhật công khai sẽ được báo trong mục Thông báo."),
            )
    except DomainError as exc:
        return _page(request, "problem.html", {"problem": exc.message}, 404)
    return HttpResponseRedirect(back)


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


@require_http_methods(["GET", "POST"])
def follow_email(request: HttpRequest) -> HttpResponse:
    """Follow a public record by e-mail, without an account (double opt-in, captcha)."""
    source = request.POST if request.method == "POST" else request.GET
    kind = str(source.get("kind", ""))[:60]
    object_id = str(source.get("object_id") or source.get("id") or "")[:40]
    try:
        item, obj = services.followable_record(kind=kind, object_id=object_id, user=None)
    except DomainError as exc:
        return _page(request, "problem.html", {"problem": exc.message}, 404)
    if request.user.is_authenticated:
        messages.info(request, _("Bạn đã đăng nhập: bấm nút “Theo dõi” trên trang này."))
        return redirect(item.url(obj))
    context: dict[str, Any] = {"item": item, "obj": obj, "title": item.title(obj)}
    if request.method == "GET":
        context["form"] = EmailFollowForm(initial={"kind": kind, "object_id": object_id})
        return _page(request, "follow_email.html", context)
    form = EmailFollowForm(request.POST)
    context["form"] = form
    if not ratelimit.allow(
        request, "participation.follow_email", limit=EMAIL_FOLLOW_LIMIT, window=EMAIL_FOLLOW_WINDOW
    ):
        form.is_valid()
        form.add_error(None, _("Bạn đã gửi nhiều yêu cầu trong thời gian ngắn. Xin đợi ít phút."))
        return _page(request, "follow_email.html", context, 429)
    if not form.is_valid():
        return _page(request, "follow_email.html", context, 400)
    try:
        services.follow_by_email(
            email=form.cleaned_data["email"],
            kind=kind,
            object_id=object_id,
            language=get_language() or "vi",
        )
    except DomainError as exc:
        form_error(form, exc)
        return _page(request, "follow_email.html", context, 400)
    context["sent"] = True
    return _page(request, "follow_email.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a mail scanner opening the link confirms nothing); the button confirms."""
    try:
        if request.method == "GET":
            found = services.email_follow_of(token=token)
            return _page(request, "confirm.html", {"follow": found})
        found = services.confirm_email_follow(token=token)
    except DomainError as exc:
        return _page(request, "problem.html", {"problem": exc.message}, 400)
    loaded = follow.load((found.kind, found.object_id))
    title = url = ""
    if loaded is not None and loaded[0].visible(None, loaded[1]):
        title, url = loaded[0].title(loaded[1]), loaded[0].url(loaded[1])
    return _page(request, "confirmed.html", {"follow": found, "title": title, "url": url})


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link scanner must not unsubscribe anyone); POST stops. A tampered link: 400."""
    try:
        if request.method == "POST":
            services.unsubscribe(token=token)
            done = True
        else:
            done = services.unsubscribed(token=token)
    except DomainError as exc:
        return _page(request, "problem.html", {"problem": exc.message}, 400)
    return _page(request, "unsubscribe.html", {"done": done})


@csrf_exempt  # RFC 8058, as above
@require_http_methods(["GET", "POST"])
def stop_mail(request: HttpRequest, token: str) -> HttpResponse:
    from ykien.participation import tokens

    if tokens.read(tokens.STOP_MAIL, token) is None:
        return _page(request, "problem.html", {"problem": services.BAD_LINK}, 400)
    try:
        if request.method == "POST":
            services.stop_mail(token=token)
            done = True
        else:
            done = services.delivery_of(services.mail_owner(token=token)) == Delivery.SITE
    except DomainError as exc:
        return _page(request, "problem.html", {"problem": exc.message}, 400)
    return _page(request, "stop_mail.html", {"done": done})


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        count = services.mark_all_read(user=request.user)
        messages.success(
            request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count}
        )
        return redirect("participation:list")
    rows = Notification.objects.filter(user=cast(User, request.user))
    unread_only = request.GET.get("chua-doc") == "1"
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, 30).get_page(request.GET.get("trang"))
    entries = [
        {
            "n": n,
            "told": told(n.event, (n.kind, n.object_id), direct=n.direct, user=request.user),
        }
        for n in page.object_list
    ]
    # "Mark all read" only while something is unread (on any page of the list).
    any_unread = (
        any(n.read_at is None for n in page.object_list)
        or Notification.objects.filter(user=cast(User, request.user), read_at__isnull=True).exists()
    )
    return render(
        request,
        "participation/list.html",
        {"page": page, "entries": entries, "unread_only": unread_only, "any_unread": any_unread},
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to its record (a link opened directly does the same:
    reading it changes nothing else)."""
    try:
        n = services.mark_read(user=request.user, notification_id=pk)
    except DomainError as exc:
        return _page(request, "problem.html", {"problem": exc.message}, 404)
    said = told(n.event, (n.kind, n.object_id), direct=n.direct, user=request.user)
    return redirect(said.url or "participation:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = delivery_of(request.user)
    form = PreferenceForm(request.POST or None, initial={"delivery": current})
    if request.method == "POST":
        if not form.is_valid():
            return _settings_page(request, form, 400)
        services.set_delivery(user=request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        return redirect("participation:settings")
    return _settings_page(request, form, 200)


def _settings_page(request: HttpRequest, form: PreferenceForm, status: int) -> HttpResponse:
    follows = []
    for f in Follow.objects.filter(user=cast(User, request.user)).order_by("-created_at"):
        loaded = follow.load((f.kind, f.object_id))
        if loaded is None or not loaded[0].visible(request.user, loaded[1]):
            follows.append({"f": f, "title": "", "url": "", "label": ""})
            continue
        item, obj = loaded
        follows.append(
            {"f": f, "title": item.title(obj), "url": item.url(obj), "label": item.label}
        )
    return render(
        request, "participation/settings.html", {"form": form, "follows": follows}, status=status
    )

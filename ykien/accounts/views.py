"""The accounts' pages: allauth's views where they fit (a bad confirmation or reset link answers
4xx with a page that says why), the profile, asking for the confirmation link again, and
deleting one's own account."""

from __future__ import annotations

from typing import Any, cast

from allauth.account import views as allauth_views
from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ykien.accounts import selectors, services
from ykien.accounts.forms import (
    CommuneSearchForm,
    DeleteAccountForm,
    ProfileForm,
    ResendConfirmationForm,
)
from ykien.core import ratelimit
from ykien.core.errors import DomainError, PermissionDenied
from ykien.core.forms import form_error
from ykien.core.locale_middleware import set_language_cookie
from ykien.core.models import User
from ykien.core.permissions import allows

RESEND_LIMIT, RESEND_WINDOW = 5, 3600


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """The link in the confirmation mail. A valid one shows a button (confirming on GET would let
    a mail scanner confirm); one already used, expired or altered answers 400 with a page that
    says which, and changes nothing."""

    def get(self, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(*args, **kwargs)
        if self.object is None:
            return self._bad_link()
        return response

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object_or_none()
        if self.object is None:
            return self._bad_link()
        return super().post(*args, **kwargs)

    def get_object_or_none(self) -> Any:
        from allauth.account.models import get_emailconfirmation_model

        return get_emailconfirmation_model().from_key(self.kwargs["key"])

    def _bad_link(self) -> HttpResponse:
        return render(
            self.request,
            "account/email_confirm_failed.html",
            {"reason": _link_problem(self.kwargs["key"])},
            status=400,
        )


def _link_problem(key: str) -> str:
    """Why a confirmation link no longer works: "used" (the address is confirmed already),
    "expired" or "invalid" (altered, or its address is gone)."""
    from allauth.account import app_settings

    try:
        pk = signing.loads(key, salt=app_settings.SALT)
    except signing.BadSignature:
        return "invalid"
    address = EmailAddress.objects.filter(pk=pk).first()
    if address is None:
        return "invalid"
    if address.verified:
        return "used"
    return "expired"


confirm_email = ConfirmEmailView.as_view()


class _InvalidIs400:
    """A form sent back with errors answers 400 (allauth's views answer 200)."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return cast(HttpResponse, response)


class SignupView(_InvalidIs400, allauth_views.SignupView):
    pass


class PasswordResetView(_InvalidIs400, allauth_views.PasswordResetView):
    pass


signup = SignupView.as_view()
password_reset = PasswordResetView.as_view()


class PasswordResetFromKeyView(_InvalidIs400, allauth_views.PasswordResetFromKeyView):
    """The link in the reset mail; a used, expired or altered one answers 400 (allauth's page
    says so)."""

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        if context.get("token_fail"):
            response.status_code = 400
        return cast(HttpResponse, response)


password_reset_from_key = PasswordResetFromKeyView.as_view()


@never_cache
def resend_confirmation(request: HttpRequest) -> HttpResponse:
    """Ask for the confirmation link again: the address and a captcha. The answer is the same
    whether or not the address has an account waiting for confirmation (no enumeration)."""
    form = ResendConfirmationForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.allow(
            request, "accounts.resend", limit=RESEND_LIMIT, window=RESEND_WINDOW
        ):
            form.is_valid()
            form.add_error(
                None,
                _("Bạn đã yêu cầu nhiều lần trong thời gian ngắn. Xin đợi một giờ rồi thử lại."),
            )
            return render(request, "accounts/resend.html", {"form": form}, status=429)
        if not form.is_valid():
            return render(request, "accounts/resend.html", {"form": form}, status=400)
        email = form.cleaned_data["email"]
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=False)
            .select_related("user")
            .first()
        )
        if address is not None and address.user.is_active:
            send_verification_email_to_address(request, address)
        messages.info(
            request,
            _(
                "Nếu địa chỉ này thuộc một tài khoản chưa xác nhận, chúng tôi đã gửi lại liên kết "
                "xác nhận. Xin xem hộp thư (cả thư mục thư rác)."
            ),
        )
        return redirect("account_email_verification_sent")
    return render(request, "accounts/resend.html", {"form": form})


def _profile_page(
    request: HttpRequest, form: ProfileForm, search: CommuneSearchForm, *, status: int = 200
) -> HttpResponse:
    user = cast(User, request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "search": search,
            "profile": selectors.profile_of(user=user),
            "addresses": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
            "can_delete": allows(user, "accounts.delete_account", user),
        },
        status=status,
    )


@login_required
@never_cache
def profile(request: HttpRequest) -> HttpResponse:
    """The person's name, commune (a list of today's communes grouped by province, narrowed by
    a search that knows the names from before the mergers) and language."""
    user = cast(User, request.user)
    current = selectors.profile_of(user=user)
    search = CommuneSearchForm(request.GET or None)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                saved = services.profile_update(
                    actor=user,
                    full_name=form.cleaned_data["full_name"],
                    commune_id=form.cleaned_data["commune"],
                    language=form.cleaned_data["language"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                translation.activate(saved.language)
                messages.success(request, _("Đã lưu hồ sơ của bạn."))
                response = redirect("accounts:profile")
                set_language_cookie(response, saved.language)
                return response
        return _profile_page(request, form, search, status=400)
    choices = None
    if search.is_valid() and search.cleaned_data["tim"]:
        choices = selectors.commune_search(query=search.cleaned_data["tim"])
        # The commune saved stays in the list, whatever was searched for.
        kept = current.commune_id if current is not None else None
        if kept is not None and all(c.unit.pk != kept for c in choices):
            choices = [c for c in selectors.commune_choices() if c.unit.pk == kept] + choices
    initial = {
        "full_name": user.full_name,
        "commune": current.commune_id if current else None,
        "language": (current.language if current and current.language else None)
        or translation.get_language()
        or settings.LANGUAGE_CODE,
    }
    form = ProfileForm(initial=initial, choices=choices)
    return _profile_page(request, form, search)


@login_required
@never_cache
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete my account: the password and a tick to confirm. Staff are refused (403, with the
    reason); a wrong password answers 400 and changes nothing."""
    user = cast(User, request.user)
    if not allows(user, "accounts.delete_account", user):
        raise _staff_refusal()
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.account_delete(actor=user, password=form.cleaned_data["password"])
            except PermissionDenied as exc:
                raise _staff_refusal() from exc
            except DomainError as exc:
                form_error(form, exc)
            else:
                logout(request)
                return redirect("accounts:deleted")
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})


def _staff_refusal() -> Exception:
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

    return DjangoPermissionDenied(
        _(
            "Tài khoản cán bộ không tự xóa được: những việc cán bộ đã làm là hồ sơ công vụ. "
            "Xin liên hệ quản trị viên của đơn vị."
        )
    )


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")

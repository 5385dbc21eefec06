"""The petitions' part of "my page" (``core.mine``): attaching a petition sent without an account."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from ykien.core import ratelimit
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import User
from ykien.core.views_mine import render_mine
from ykien.petitions import forms, services

# Tries per address, and per account, per hour (a right pair is given back).
ATTACH_LIMIT = (10, 3600)


def _allowed(request: HttpRequest, user: User) -> bool:
    # Both counters take the hit (no short-circuit), so neither can be dodged.
    by_address = ratelimit.allow(
        request, "petitions.attach", limit=ATTACH_LIMIT[0], window=ATTACH_LIMIT[1]
    )
    by_account = ratelimit.hit(
        "petitions.attach.account", str(user.pk), limit=ATTACH_LIMIT[0], window=ATTACH_LIMIT[1]
    )
    return by_address and by_account


def _give_back(request: HttpRequest, user: User) -> None:
    ratelimit.release(request, "petitions.attach", window=ATTACH_LIMIT[1])
    ratelimit.give_back("petitions.attach.account", str(user.pk), window=ATTACH_LIMIT[1])


@login_required
@require_POST
@sensitive_post_parameters("email")
def attach(request: HttpRequest) -> HttpResponse:
    """Attach a petition to the signed-in account by its tracking code and the sender's e-mail.
    A wrong pair (whatever was wrong) gets one message and counts against the limit."""
    user = cast(User, request.user)
    form = forms.AttachForm(request.POST)
    if not _allowed(request, user):
        form.is_valid()
        form.add_error(None, _("Bạn đã thử gắn đơn quá nhiều lần. Xin thử lại sau một giờ."))
        return _again(request, form, status=429)
    if not form.is_valid():
        return _again(request, form, status=400)
    try:
        petition = services.petition_attach(
            user=user, code=form.cleaned_data["code"], email=form.cleaned_data["email"]
        )
    except DomainError as exc:
        form_error(form, exc)
        return _again(request, form, status=400)
    _give_back(request, user)
    messages.success(
        request, _("Đã gắn đơn %(code)s vào tài khoản của bạn.") % {"code": petition.display_code}
    )
    return redirect(reverse("core:mine") + "#muc-petitions")


def _again(request: HttpRequest, form: forms.AttachForm, *, status: int) -> HttpResponse:
    # Read by ``petitions.mine.panels`` when the page is drawn again.
    request.petitions_attach_form = form  # type: ignore[attr-defined]
    response = render_mine(request, status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    return response

"""Regulation 124: a citizen's feedback on the ethics and lifestyle of the holder of a position;
each item for the front committee (the inbox is a staff list: ``views.lists``); revealing the
sender (handler or the handler's leader, with a reason, logged)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ykien.core.errors import NotFound
from ykien.core.models import Role, RoleGrant, User
from ykien.core.permissions import allows
from ykien.core.pii import SenderIdentity, confidential
from ykien.core.ratelimit import allow, client_ip
from ykien.core.selectors import today
from ykien.oversight import selectors, services
from ykien.oversight.forms import FeedbackForm, FeedbackLookupForm
from ykien.oversight.lifecycle import FEEDBACK, feedback_moves
from ykien.oversight.models import ConductFeedback
from ykien.oversight.permissions import can_reveal_feedback_sender
from ykien.oversight.views.common import attempt, current_user


@confidential
@sensitive_post_parameters("full_name", "address", "phone", "email")
def submit(request: HttpRequest) -> HttpResponse:
    """Public form (captcha, rate limit); shows the tracking code once on success."""
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if not allow(request, "oversight.feedback", limit=5, window=3600):
            form.add_error(
                None, _("Bạn đã gửi quá nhiều phản ánh trong một giờ. Vui lòng thử lại sau.")
            )
            return render(request, "oversight/feedback_form.html", {"form": form}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            identity = SenderIdentity(
                name=data["full_name"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
            )
            ok, feedback = attempt(
                form,
                lambda: services.feedback_submit(
                    position=data["position"],
                    content=data["content"],
                    identity=identity,
                    ip=client_ip(request),
                ),
            )
            if ok:
                return render(
                    request,
                    "oversight/feedback_done.html",
                    {
                        "code": feedback.tracking_code,
                        "front": feedback.front,
                        "lookup_form": FeedbackLookupForm(),
                    },
                )
    return render(request, "oversight/feedback_form.html", {"form": form})


LOOKUP_LIMIT = (20, 3600)  # tracking-code look-ups per address per hour, as for petitions


@never_cache
def lookup(request: HttpRequest) -> HttpResponse:
    """The status of a feedback by its tracking code: the dated steps and the outcome, never the
    sender, the content or the officers' notes. Unknown and malformed codes get the same
    message; look-ups are rate limited per address."""
    form = FeedbackLookupForm(request.GET or None)
    found = None
    if form.is_bound:
        if not allow(
            request, "oversight.feedback_lookup", limit=LOOKUP_LIMIT[0], window=LOOKUP_LIMIT[1]
        ):
            response = render(request, "oversight/feedback_lookup_limited.html", status=429)
            response["Retry-After"] = str(LOOKUP_LIMIT[1])
            return response
        not_found = _("Không tìm thấy phản ánh với mã tra cứu này.")
        if form.is_valid():
            try:
                found = selectors.feedback_by_code(code=form.cleaned_data["ma"])
            except NotFound:
                form.add_error("ma", not_found)
        else:
            form.errors.clear()
            form.add_error("ma", not_found)
    response = render(
        request,
        "oversight/feedback_lookup.html",
        {"form": form, "found": found},
        status=400 if form.is_bound and found is None else 200,
    )
    # The address holds the code: never sent to another site.
    response["Referrer-Policy"] = "same-origin"
    return response


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=gettext_lazy("Giao cho"), queryset=User.objects.none())


class StatusForm(forms.Form):
    """The next status of a feedback. Only the statuses the lifecycle lets this user reach now
    are offered, after an empty first choice: the officer must pick one (nothing is preselected);
    any other status is refused by ``services.feedback_set_status`` with a message that names
    both."""

    status = forms.ChoiceField(
        label=gettext_lazy("Chuyển sang"),
        choices=ConductFeedback.Status.choices,
        error_messages={"required": gettext_lazy("Hãy chọn trạng thái mới.")},
    )
    conclusion = forms.CharField(
        label=gettext_lazy("Kết quả xem xét"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, offered: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.choices = [
            ("", gettext_lazy("— Chọn trạng thái —")),
            *((value, ConductFeedback.Status(value).label) for value in offered),
        ]


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do xem thông tin người phản ánh"), max_length=500
    )


@login_required
@never_cache
@confidential
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(
        ConductFeedback.objects.select_related("position__unit", "front", "handler"), pk=pk
    )
    user = current_user(request)
    if not allows(user, "oversight.view_feedback", feedback):
        raise DjangoPermissionDenied
    handlers = User.objects.filter(
        pk__in=RoleGrant.objects.valid_on(today())
        .filter(unit=feedback.front, role=Role.HANDLER)
        .values("user_id")
    )
    assign_form = AssignForm(prefix="assign")
    assign_form.fields["handler"].queryset = handlers  # type: ignore[attr-defined]
    offered = [str(edge.target) for edge in feedback_moves(user, feedback)]
    status_form = StatusForm(prefix="status", offered=offered)
    reveal_form = RevealForm(prefix="reveal")
    identity = None
    status = 200
    action = request.POST.get("action", "")
    if request.method == "POST":
        form: forms.Form
        call: Callable[[], Any]
        if action == "assign":
            form = assign_form = AssignForm(request.POST, prefix="assign")
            assign_form.fields["handler"].queryset = handlers  # type: ignore[attr-defined]
            call = lambda: services.feedback_assign(  # noqa: E731
                actor=user, feedback=feedback, handler=form.cleaned_data["handler"]
            )
        elif action == "status":
            # Only the assigned handler or a leader changes an item (oversight.handle_feedback);
            # another officer who opens it is refused before anything is read from the form.
            if not allows(user, "oversight.handle_feedback", feedback):
                raise DjangoPermissionDenied(
                    _(
                        "Chỉ cán bộ được giao xem xét phản ánh này hoặc lãnh đạo Ủy ban MTTQ "
                        "tiếp nhận được cập nhật kết quả."
                    )
                )
            form = status_form = StatusForm(request.POST, prefix="status", offered=offered)
            call = lambda: services.feedback_set_status(  # noqa: E731
                actor=user,
                feedback=feedback,
                status=form.cleaned_data["status"],
                conclusion=form.cleaned_data["conclusion"],
            )
        elif action == "reveal":
            form = reveal_form = RevealForm(request.POST, prefix="reveal")
            call = lambda: services.feedback_sender_reveal(  # noqa: E731
                actor=user,
                feedback=feedback,
                reason=form.cleaned_data["reason"],
                ip=client_ip(request),
            )
        else:
            raise DjangoPermissionDenied
        ok = False
        if form.is_valid():
            ok, result = attempt(form, call)
            if ok and action == "reveal":
                identity = result  # shown once, in this response only (never cached)
            elif ok:
                messages.success(request, _("Đã cập nhật."))
                return redirect("oversight:feedback_detail", pk=pk)
        if not ok:
            status = 400  # refused: the page again with the reason, nothing changed
    return render(
        request,
        "oversight/feedback_detail.html",
        {
            "feedback": feedback,
            "assign_form": assign_form,
            "status_form": status_form,
            "reveal_form": reveal_form,
            "identity": identity,
            "can_assign": FEEDBACK.can(user, feedback, "assign"),
            "can_reveal": can_reveal_feedback_sender(user, feedback),
            "can_move": bool(offered),
            "due": selectors.feedback_deadline(feedback=feedback) if feedback.is_open else None,
        },
        status=status,
    )

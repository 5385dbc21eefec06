"""Officer and leader pages of a draft's text and its moves: registering and editing
a draft, its overview (where it stands, the moves the lifecycle allows now), uploading and
reviewing versions. Moderation, experts, the conference, points and the document are in
``views.critique``; the drafting body's answers in ``views.respondent``; the lists of drafts in
``views.lists``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.consultations import selectors, services
from ykien.consultations.forms import (
    DraftForm,
    PublishForm,
    TransitionForm,
    TreeEditForm,
    VersionUploadForm,
)
from ykien.consultations.lifecycle import DRAFT, DRAFT_MANUAL
from ykien.consultations.models import Draft, DraftStatus, NodeKind, VersionStatus
from ykien.consultations.models.draft import label_in_language
from ykien.consultations.splitter import RANK, from_json, iter_nodes, label, merge_error
from ykien.consultations.views.common import get_draft, staff_flags, user
from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.lifecycle import Edge
from ykien.core.models import Role
from ykien.core.permissions import Actor

MANAGE = "consultations.manage_draft"


def _staff_units(request: HttpRequest) -> list:
    return core_selectors.user_units(user=user(request), roles=[Role.OFFICER, Role.LEADER])


@login_required
def draft_register(request: HttpRequest) -> HttpResponse:
    me = user(request)
    units = [u for u in _staff_units(request) if u.is_valid_on(core_selectors.today())]
    if not units:
        raise DjangoPermissionDenied
    form = DraftForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        on=core_selectors.today(),
        initial={"received_on": core_selectors.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file", None)
        try:
            draft = services.draft_register(
                actor=me,
                filename=upload.name if upload else "",
                data=upload.read() if upload else None,
                **data,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tiếp nhận dự thảo."))
            if draft.status == DraftStatus.REVIEW:
                return redirect("consultations:review", pk=draft.pk, number=1)
            return redirect("consultations:staff_draft", pk=draft.pk)
    return render(request, "consultations/draft_form.html", {"form": form, "draft": None})


@login_required
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft(pk, request, MANAGE)
    initial = {
        k: getattr(draft, k)
        for k in ("title", "kind", "form", "received_on", "comment_start", "comment_end", "summary")
    }
    form = DraftForm(
        request.POST or None, units=[draft.unit], on=None, editing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_update(actor=user(request), draft=draft, data=form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã cập nhật thông tin dự thảo."))
            return redirect("consultations:staff_draft", pk=draft.pk)
    return render(request, "consultations/draft_form.html", {"form": form, "draft": draft})


@login_required
def staff_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The officer's overview of one draft: where it stands and what can be done next."""
    draft = get_draft(pk, request, "consultations.view_document")
    return _overview(request, draft)


def manual_moves(actor: Actor, draft: Draft) -> list[Edge]:
    """The moves the officer makes on the overview that the lifecycle allows ``actor`` now."""
    return [edge for edge in DRAFT.actions(actor, draft) if edge.action in DRAFT_MANUAL]


def _transition_forms(
    request: HttpRequest, draft: Draft, today: dt.date, bound: TransitionForm | None = None
) -> list[tuple[str, TransitionForm, str]]:
    """One form per move the officer can make now, with its label (``bound``: the one sent,
    with its errors)."""
    early = services.closes_early(draft, on=today)
    forms: list[tuple[str, TransitionForm, str]] = []
    for edge in manual_moves(user(request), draft):
        to = str(edge.target)
        if bound is not None and bound.data.get("to") == to:
            forms.append((to, bound, str(edge.label)))
        else:
            form = TransitionForm(draft=draft, early=early, auto_id=f"tr-{to}-%s")
            forms.append((to, form, str(edge.label)))
    return forms


def _overview(
    request: HttpRequest, draft: Draft, bound: TransitionForm | None = None, status: int = 200
) -> HttpResponse:
    flags = staff_flags(request, draft)
    if not flags["can_manage"]:
        raise DjangoPermissionDenied
    today = core_selectors.today()
    document = selectors.document_get(draft=draft)
    values = list(DraftStatus.values)
    here = values.index(draft.status)
    steps = [
        (v, label_, "done" if i < here else "current" if i == here else "")
        for i, (v, label_) in enumerate(DraftStatus.choices)
    ]
    return render(
        request,
        "consultations/staff_draft.html",
        {
            "draft": draft,
            "versions": draft.versions.order_by("number"),
            "review": draft.versions.filter(status=VersionStatus.REVIEW).first(),
            "upload_refusal": services.version_upload_refusal(draft),
            "counts": selectors.moderation_counts(draft=draft),
            "invitations": selectors.invitation_counts(draft=draft),
            "conferences": draft.conferences.all(),
            "points": selectors.points(draft=draft),
            "document": document,
            "overdue": selectors.overdue_points(draft=draft, on=today),
            "transition_forms": _transition_forms(request, draft, today, bound),
            "history": selectors.draft_history(draft=draft),
            "today": today,
            "steps": steps,
            **flags,
        },
        status=status,
    )


@login_required
@require_POST
def draft_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Close, reopen or consolidate; a refusal shows the overview again with the form's errors
    (400) and changes nothing."""
    draft = get_draft(pk, request, MANAGE)
    to = request.POST.get("to", "")
    form = TransitionForm(
        request.POST,
        draft=draft,
        early=to == DraftStatus.CLOSED and services.closes_early(draft, on=core_selectors.today()),
        auto_id=f"tr-{to}-%s" if to in DraftStatus.values else "tr-%s",
    )
    if form.is_valid():
        try:
            services.draft_transition(
                actor=user(request),
                draft=draft,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
                comment_end=form.cleaned_data["comment_end"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã chuyển dự thảo sang: %(s)s.")
                % {"s": DraftStatus(form.cleaned_data["to"]).label},
            )
            return redirect("consultations:staff_draft", pk=draft.pk)
    draft.refresh_from_db()
    if to not in {str(edge.target) for edge in manual_moves(user(request), draft)}:
        # Not a move offered on the page (sent twice, or forged): say so above the page.
        errors = [str(e) for e in form.non_field_errors()] or [_("Yêu cầu không hợp lệ.")]
        for error in errors:
            messages.error(request, error)
    return _overview(request, draft, bound=form, status=400)


@login_required
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft(pk, request, MANAGE)
    refusal = services.version_upload_refusal(draft)
    if refusal:  # no form: the page says why (a form sent anyway is not read)
        return render(
            request, "consultations/version_upload.html", {"draft": draft, "refusal": refusal}
        )
    form = VersionUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = services.version_upload(
                actor=user(request),
                draft=draft,
                filename=upload.name,
                data=upload.read(),
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã tải lên và tách cấu trúc phiên bản %(n)s; hãy rà soát trước khi công khai.")
                % {"n": version.number},
            )
            return redirect("consultations:review", pk=draft.pk, number=version.number)
    return render(request, "consultations/version_upload.html", {"draft": draft, "form": form})


@login_required
def review(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Review the split: the tree with merge / split / re-type on every node, then publish."""
    draft = get_draft(pk, request, MANAGE)
    version = selectors.version_get(draft=draft, number=number)
    if version is None:
        raise Http404
    edit_form = TreeEditForm(request.POST or None) if request.POST.get("op") else TreeEditForm()
    publish_form = PublishForm(
        request.POST if request.POST.get("publish") else None,
        initial={
            "comment_start": draft.comment_start or core_selectors.today(),
            "comment_end": draft.comment_end,
        },
    )
    if request.method == "POST":
        try:
            if request.POST.get("publish"):
                if publish_form.is_valid():
                    services.version_publish(
                        actor=user(request), version=version, **publish_form.cleaned_data
                    )
                    messages.success(
                        request, _("Đã công khai phiên bản %(n)s.") % {"n": version.number}
                    )
                    return redirect("consultations:draft", pk=draft.pk)
            elif edit_form.is_valid():
                data = edit_form.cleaned_data
                services.version_tree_edit(
                    actor=user(request),
                    version=version,
                    op=data["op"],
                    path=data["path"],
                    other=data["other"],
                    offset=data["offset"],
                    kind=data["kind"] or "",
                    number=data["number"],
                    title=data["title"] if data["op"] == "retype" else None,
                )
                messages.success(request, _("Đã sửa cấu trúc."))
                return redirect(request.path + f"#n-{'-'.join(map(str, data['path']))}")
            else:
                messages.error(request, _("Thao tác không hợp lệ."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
    tree = from_json(version.tree)
    items = list(iter_nodes(tree))
    rows = []
    for path, node in items:
        # Merge only with the next sibling (never of a higher level) or with the first child.
        sibling = (*path[:-1], path[-1] + 1)
        nxt = sibling if merge_error(tree, path, sibling) is None else None
        first = (*path, 0) if merge_error(tree, path, (*path, 0)) is None else None
        lines = node.text.split("\n") if node.text else []
        offsets = []
        pos = 0
        for line in lines:
            offsets.append((pos, line))
            pos += len(line) + 1
        rows.append(
            {
                "path": ".".join(map(str, path)),
                "anchor": "-".join(map(str, path)),
                "depth": len(path) - 1,
                "node": node,
                "label": label_in_language(label(node)),
                "next": ".".join(map(str, nxt)) if nxt else "",
                "first_child": ".".join(map(str, first)) if first else "",
                "lines": offsets,
            }
        )
    kinds = [(k.value, k.label) for k in NodeKind]
    previous = (
        draft.current_version
        if draft.current_version_id and draft.current_version_id != version.pk
        else None
    )
    return render(
        request,
        "consultations/review.html",
        {
            "draft": draft,
            "version": version,
            "rows": rows,
            "kinds": kinds,
            "editable": version.status == VersionStatus.REVIEW,
            "publish_form": publish_form,
            "opening": draft.status in (DraftStatus.RECEIVED, DraftStatus.REVIEW),
            "previous": previous,
            "warnings": version.warnings,
            "ranks": RANK,
        },
    )

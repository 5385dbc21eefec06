"""Officer, leader and respondent pages: register and review a draft, moderate, invite experts,
record the conference, consolidate points, prepare and issue the document, answer the points."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.consultations import selectors, services
from ykien.consultations.forms import (
    AnswerForm,
    AttachmentForm,
    ConferenceForm,
    DocumentForm,
    DraftForm,
    InviteForm,
    IssueForm,
    ModerateForm,
    PointForm,
    PublishForm,
    ReasonForm,
    TransitionForm,
    TreeEditForm,
    VersionUploadForm,
)
from ykien.consultations.models import (
    CommentStatus,
    Conference,
    ConferenceAttachment,
    DocumentStatus,
    Draft,
    DraftStatus,
    NodeKind,
    PointStatus,
    Statement,
    VersionStatus,
)
from ykien.consultations.models.draft import label_in_language
from ykien.consultations.splitter import RANK, from_json, iter_nodes, label, merge_error
from ykien.consultations.views.common import form_error, get_draft, staff_flags, user
from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.models import Role
from ykien.core.text import title_in_sentence
from ykien.experts import selectors as expert_selectors

MANAGE = "consultations.manage_draft"


def _staff_units(request: HttpRequest) -> list:
    return core_selectors.user_units(user=user(request), roles=[Role.OFFICER, Role.LEADER])


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    me = user(request)
    units = _staff_units(request)
    if not units and not me.is_superuser:
        raise DjangoPermissionDenied
    status = request.GET.get("trang-thai", "")
    if status not in DraftStatus.values:
        status = ""
    page = Paginator(selectors.drafts_for_staff(user=me, status=status), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/staff_list.html",
        {
            "page": page,
            "status": status,
            "statuses": DraftStatus.choices,
            "today": core_selectors.today(),
        },
    )


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
        data = form.cleaned_data
        upload = data.get("file")
        try:
            draft = services.draft_register(
                actor=me,
                unit=data["unit"],
                drafting_unit=data["drafting_unit"],
                title=data["title"],
                kind=data["kind"],
                form=data["form"],
                received_on=data["received_on"],
                comment_start=data["comment_start"],
                comment_end=data["comment_end"],
                summary=data["summary"],
                filename=upload.name if upload else "",
                data=upload.read() if upload else None,
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


def _transition_forms(
    draft: Draft, today: dt.date, bound: TransitionForm | None = None
) -> list[tuple[str, TransitionForm]]:
    """One form per move the officer can make now (``bound``: the one sent, with its errors)."""
    early = services.closes_early(draft, on=today)
    forms: list[tuple[str, TransitionForm]] = []
    for _src, to in sorted(t for t in services.MANUAL if t[0] == draft.status):
        if bound is not None and bound.data.get("to") == to:
            forms.append((str(to), bound))
        else:
            form = TransitionForm(draft=draft, early=early, auto_id=f"tr-{to}-%s")
            forms.append((str(to), form))
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
            "transition_forms": _transition_forms(draft, today, bound),
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
    if to not in {t for src, t in services.MANUAL if src == draft.status}:
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
                        actor=user(request),
                        version=version,
                        comment_start=publish_form.cleaned_data["comment_start"],
                        comment_end=publish_form.cleaned_data["comment_end"],
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


@login_required
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_draft(pk, request, MANAGE)
    status = request.GET.get("trang-thai", CommentStatus.PENDING)
    if status not in CommentStatus.values:
        status = ""
    page = Paginator(selectors.comments_for_moderation(draft=draft, status=status), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/moderation.html",
        {
            "draft": draft,
            "page": page,
            "status": status,
            "statuses": CommentStatus.choices,
            "counts": selectors.moderation_counts(draft=draft),
            "statements": selectors.statements(draft=draft, status=""),
        },
    )


@login_required
@require_POST
def moderate_comment(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    draft = get_draft(pk, request, MANAGE)
    comment = selectors.comments_for_moderation(draft=draft).filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    form = ModerateForm(request.POST)
    if form.is_valid():
        try:
            services.comment_moderate(
                actor=user(request),
                comment=comment,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Đã xử lý góp ý số %(n)s.") % {"n": comment.pk})
    return redirect(
        reverse("consultations:moderation", args=[draft.pk]) + "?" + request.POST.get("back", "")
    )


@login_required
@require_POST
def moderate_statement(request: HttpRequest, pk: int, statement_id: int) -> HttpResponse:
    draft = get_draft(pk, request, MANAGE)
    statement = Statement.objects.filter(draft=draft, pk=statement_id).first()
    if statement is None:
        raise Http404
    form = ModerateForm(request.POST)
    if form.is_valid():
        try:
            services.statement_moderate(
                actor=user(request),
                statement=statement,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Đã xử lý nhận định."))
    return redirect(reverse("consultations:moderation", args=[draft.pk]) + "#nhan-dinh")


@login_required
def experts(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite experts: suggestions by field and past participation, the whole roster, and the
    state of every invitation (sent / opened / answered)."""
    draft = get_draft(pk, request, MANAGE)
    me = user(request)
    scope = core_selectors.unit_scope_ids(unit=draft.unit)
    invited = set(draft.invitations.values_list("expert_id", flat=True))
    field = request.GET.get("linh-vuc", "").strip()[:100]
    fields = [f for f in field.split(",") if f.strip()] or draft.title.split()
    suggested = expert_selectors.experts_suggest(unit_ids=scope, fields=fields, exclude_ids=invited)
    roster = [e for e in expert_selectors.experts_list(unit_ids=scope) if e.pk not in invited]
    contactable = [e for e in roster if e.consent_contact and e.email]
    form = InviteForm(
        request.POST or None,
        choices=[(e.pk, str(e)) for e in contactable],
        initial={"due": draft.comment_end},
    )
    links: list = []
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.invitation_send(
                actor=me,
                draft=draft,
                expert_ids=[int(x) for x in form.cleaned_data["experts"]],
                due=form.cleaned_data["due"],
                message=form.cleaned_data["message"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã gửi %(n)s lời mời qua thư điện tử.") % {"n": len(sent)})
            links = sent
    return render(
        request,
        "consultations/experts.html",
        {
            "draft": draft,
            "form": form,
            "suggested": [e for e in suggested if e in contactable],
            "invitations": selectors.invitations(draft=draft),
            "opinions": selectors.opinions(draft=draft),
            "links": links,
            "field": field,
            "uncontactable": [e for e in roster if e not in contactable],
        },
    )


@login_required
def conference(request: HttpRequest, pk: int, conference_id: int | None = None) -> HttpResponse:
    draft = get_draft(pk, request, MANAGE)
    conf: Conference | None = None
    if conference_id is not None:
        conf = draft.conferences.filter(pk=conference_id).first()
        if conf is None:
            raise Http404
    initial = {}
    if conf:
        initial = {
            k: getattr(conf, k)
            for k in ("form", "held_at", "place", "participants", "minutes", "conclusions")
        }
    else:
        initial = {"form": "dialogue" if draft.form == "dialogue" else "conference"}
    is_attach = request.method == "POST" and "attach" in request.POST
    form = ConferenceForm(
        request.POST if request.method == "POST" and not is_attach else None, initial=initial
    )
    attach_form = AttachmentForm(
        request.POST if is_attach else None, request.FILES if is_attach else None
    )
    if request.method == "POST":
        try:
            if is_attach and conf is not None:
                if attach_form.is_valid():
                    upload = attach_form.cleaned_data["file"]
                    services.conference_attach(
                        actor=user(request),
                        conference=conf,
                        filename=upload.name,
                        data=upload.read(),
                    )
                    messages.success(request, _("Đã đính kèm tài liệu."))
                    return redirect(request.path)
            elif form.is_valid():
                conf = services.conference_save(
                    actor=user(request), draft=draft, data=form.cleaned_data, conference=conf
                )
                messages.success(request, _("Đã lưu thông tin hội nghị."))
                return redirect("consultations:conference_edit", pk=draft.pk, conference_id=conf.pk)
        except DomainError as exc:
            form_error(attach_form if is_attach else form, exc)
    return render(
        request,
        "consultations/conference.html",
        {
            "draft": draft,
            "conference": conf,
            "form": form,
            "attach_form": attach_form,
            "conferences": draft.conferences.all(),
        },
    )


@login_required
def conference_attachment(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    draft = get_draft(pk, request, MANAGE)
    attachment = ConferenceAttachment.objects.filter(
        conference__draft=draft, pk=attachment_id
    ).first()
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )


def _point_form(request: HttpRequest, draft, point=None) -> PointForm:  # type: ignore[no-untyped-def]
    node_choices = [
        (
            n.pk,
            f"{n} (v{n.version.number})" if n.version_id != draft.current_version_id else str(n),
        )
        for n in selectors.commentable_nodes(draft=draft)
    ]
    opinion_choices = [
        (
            o.pk,
            f"{o.invitation.expert_name} — {o.node.label_text if o.node else _('ý kiến chung')}: {o.text[:80]}",
        )
        for o in selectors.opinions(draft=draft)
    ]
    initial = None
    if point is not None:
        initial = {
            "title": point.title,
            "text": point.text,
            "nodes": [n.pk for n in point.nodes.all()],
            "comments": ", ".join(str(c) for c in point.comments.values_list("pk", flat=True)),
            "opinions": [o.pk for o in point.opinions.all()],
            "from_conference": point.from_conference,
        }
    return PointForm(
        request.POST or None,
        initial=initial,
        node_choices=node_choices,
        opinion_choices=opinion_choices,
    )


@login_required
def points(request: HttpRequest, pk: int, point_id: int | None = None) -> HttpResponse:
    """Consolidate: the critique points with their clauses and supporting comments; the most
    commented clauses and their comments to pick from."""
    draft = get_draft(pk, request, MANAGE)
    point = None
    if point_id is not None:
        point = selectors.point_get(draft=draft, pk=point_id)
        if point is None:
            raise Http404
    form = _point_form(request, draft, point)
    if request.method == "POST":
        if request.POST.get("remove") and point is not None:
            try:
                services.point_remove(actor=user(request), point=point)
            except DomainError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("Đã bỏ điểm phản biện."))
            return redirect("consultations:points", pk=draft.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.point_save(
                    actor=user(request),
                    draft=draft,
                    title=data["title"],
                    text=data["text"],
                    node_ids=[int(x) for x in data["nodes"]],
                    comment_ids=data["comments"],
                    opinion_ids=[int(x) for x in data["opinions"]],
                    from_conference=data["from_conference"],
                    point=point,
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã lưu điểm phản biện."))
                return redirect("consultations:points", pk=draft.pk)
    node_filter = request.GET.get("dieu-khoan")
    comments = selectors.comments_public(draft=draft)
    if node_filter and node_filter.isdigit():
        comments = comments.filter(node_id=int(node_filter))
    hot = selectors.most_commented(draft=draft, limit=10)
    listed = list(selectors.points(draft=draft))
    supports = selectors.points_support(points=listed)
    rows = [(p, supports[p.pk]) for p in listed]
    return render(
        request,
        "consultations/points.html",
        {
            "draft": draft,
            "form": form,
            "point": point,
            "rows": rows,
            "comments": Paginator(comments, 25).get_page(request.GET.get("page")),
            "page": Paginator(comments, 25).get_page(request.GET.get("page")),
            "hot": hot,
            "conferences": draft.conferences.all(),
            "editable": draft.status == DraftStatus.CONSOLIDATING,
        },
    )


@login_required
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """Prepare the critique document, submit it; a leader returns or issues it."""
    draft = get_draft(pk, request, "consultations.view_document")
    flags = staff_flags(request, draft)
    if not flags["can_manage"]:
        raise DjangoPermissionDenied
    doc = selectors.document_get(draft=draft)
    action = request.POST.get("action", "save")
    reason_form = ReasonForm(request.POST if action == "return" else None)
    issue_form = IssueForm(
        request.POST if action == "issue" else None,
        prefix="issue",
        initial={"number_symbol": doc.number_symbol} if doc is not None else None,
    )
    initial = None
    if doc is not None:
        initial = {
            k: getattr(doc, k)
            for k in (
                "number_symbol",
                "place",
                "intro",
                "conclusion",
                "recipients",
                "signer_authority",
                "signer_title",
                "signer_name",
                "answer_days",
            )
        }
    else:
        initial = {
            "number_symbol": "…/VB-MTTQ-BTT",
            "place": draft.unit.name.split("tỉnh")[-1].strip() if "tỉnh" in draft.unit.name else "",
            "intro": _(
                "Thực hiện Luật Mặt trận Tổ quốc Việt Nam và Quy chế giám sát, phản biện xã hội, "
                "Ban Thường trực %(unit)s đã tổ chức phản biện xã hội đối với %(title)s do %(drafting)s "
                "soạn thảo. Trên cơ sở ý kiến của Nhân dân, chuyên gia và kết luận hội nghị, Ban "
                "Thường trực có ý kiến phản biện như sau:"
            )
            % {
                "unit": draft.unit.name,
                "title": title_in_sentence(draft.title),
                "drafting": draft.drafting_unit.name,
            },
            "recipients": f"{draft.drafting_unit.name}\nThường trực Hội đồng nhân dân tỉnh\nLưu: VT, BTT",
            "signer_authority": "TM. BAN THƯỜNG TRỰC",
            "signer_title": "CHỦ TỊCH",
            "answer_days": 30,
        }
    form = DocumentForm(
        request.POST if request.method == "POST" and action == "save" else None, initial=initial
    )
    if request.method == "POST":
        me = user(request)
        try:
            if action == "save" and form.is_valid():
                services.document_save(actor=me, draft=draft, data=form.cleaned_data)
                messages.success(request, _("Đã lưu văn bản phản biện."))
                return redirect(request.path)
            if action == "submit" and doc is not None:
                services.document_submit(actor=me, document=doc)
                messages.success(request, _("Đã trình lãnh đạo duyệt văn bản."))
                return redirect(request.path)
            if action == "return" and doc is not None and reason_form.is_valid():
                services.document_return(
                    actor=me, document=doc, reason=reason_form.cleaned_data["reason"]
                )
                messages.success(request, _("Đã trả lại văn bản để soạn lại."))
                return redirect(request.path)
            if action == "issue" and doc is not None and issue_form.is_valid():
                services.document_issue(
                    actor=me, document=doc, number_symbol=issue_form.cleaned_data["number_symbol"]
                )
                messages.success(request, _("Đã duyệt và ban hành văn bản phản biện."))
                return redirect(request.path)
        except DomainError as exc:
            if action == "save":
                form_error(form, exc)
            elif action == "issue" and exc.field == "number_symbol":
                form_error(issue_form, exc)
            else:
                messages.error(request, str(exc.message))
    return render(
        request,
        "consultations/document.html",
        {
            "draft": draft,
            "doc": doc,
            "form": form,
            "reason_form": reason_form,
            "issue_form": issue_form,
            "editable": draft.status == DraftStatus.CONSOLIDATING
            and (doc is None or doc.status == DocumentStatus.DRAFT),
            "points": selectors.points(draft=draft),
            **flags,
        },
    )


# ---------------------------------------------------------------------------- respondent


@login_required
def respondent_list(request: HttpRequest) -> HttpResponse:
    me = user(request)
    drafts = list(selectors.drafts_for_respondent(user=me))
    if (
        not drafts
        and not core_selectors.role_grants_valid(user=me, roles=[Role.RESPONDENT]).exists()
    ):
        raise DjangoPermissionDenied
    today = core_selectors.today()
    rows = [
        (
            d,
            d.points.filter(status=PointStatus.PENDING).count(),
            selectors.overdue_points(draft=d, on=today),
        )
        for d in drafts
    ]
    return render(request, "consultations/respondent_list.html", {"rows": rows, "today": today})


@login_required
def respondent_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafting body answers every point: accepted / explained / rejected, with text."""
    draft = get_draft(pk, request, "consultations.answer_points")
    doc = selectors.document_get(draft=draft)
    if doc is None or doc.status != DocumentStatus.ISSUED:
        raise Http404
    today = core_selectors.today()
    target = request.POST.get("point") if request.method == "POST" else None
    forms_by_point = {}
    rows = []
    listed = list(selectors.points(draft=draft))
    supports = selectors.points_support(points=listed)
    for p in listed:
        bound = request.POST if target == str(p.pk) else None
        form = AnswerForm(
            bound, prefix=f"p{p.pk}", initial={"answer": p.answer, "answer_text": p.answer_text}
        )
        forms_by_point[p.pk] = form
        rows.append(
            {
                "point": p,
                "form": form,
                "support": supports[p.pk],
                "overdue": selectors.is_point_overdue(document=doc, point=p, on=today),
            }
        )
    if target and target.isdigit() and int(target) in forms_by_point:
        form = forms_by_point[int(target)]
        point = selectors.point_get(draft=draft, pk=int(target))
        if point is not None and form.is_valid():
            try:
                services.point_answer(
                    actor=user(request),
                    point=point,
                    answer=form.cleaned_data["answer"],
                    text=form.cleaned_data["answer_text"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request, _("Đã ghi nhận trả lời điểm %(n)s.") % {"n": point.position}
                )
                return redirect(request.path + f"#diem-{point.pk}")
    return render(
        request,
        "consultations/respondent_draft.html",
        {"draft": draft, "doc": doc, "rows": rows, "today": today},
    )

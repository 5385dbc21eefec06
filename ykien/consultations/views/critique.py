"""Officer and leader pages of the critique itself: moderating comments and statements,
inviting experts, the conference, consolidating points, and the critique document (prepared,
submitted, returned or issued). The buttons offered are the moves the lifecycle allows the
reader now (``lifecycle.COMMENT``, ``STATEMENT``, ``DOCUMENT``)."""

from __future__ import annotations

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
    AttachmentForm,
    ConferenceForm,
    DocumentForm,
    InviteForm,
    IssueForm,
    ModerateForm,
    PointForm,
    ReasonForm,
)
from ykien.consultations.lifecycle import DOCUMENT
from ykien.consultations.models import (
    Conference,
    ConferenceAttachment,
    DocumentStatus,
    DraftStatus,
    Statement,
)
from ykien.consultations.views.common import get_draft, staff_flags, user
from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.pickers import record_id
from ykien.core.text import title_in_sentence
from ykien.experts import selectors as expert_selectors

MANAGE = "consultations.manage_draft"


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
            services.comment_moderate(actor=user(request), comment=comment, **form.cleaned_data)
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
                actor=user(request), statement=statement, **form.cleaned_data
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
            "comments": list(point.comments.values_list("pk", flat=True)),
            "opinions": [o.pk for o in point.opinions.all()],
            "from_conference": point.from_conference,
        }
    return PointForm(
        request.POST or None,
        initial=initial,
        node_choices=node_choices,
        opinion_choices=opinion_choices,
        draft=draft,
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
    node_id = record_id(node_filter)
    if node_id is not None:
        comments = comments.filter(node_id=node_id)
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
            # As the service allows: consolidating, and the document not yet with the leader.
            "editable": draft.status == DraftStatus.CONSOLIDATING
            and getattr(selectors.document_get(draft=draft), "status", DocumentStatus.DRAFT)
            == DocumentStatus.DRAFT,
        },
        status=400 if request.method == "POST" and form.errors else 200,
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
            "answer_days": services.default_answer_days(on=core_selectors.today()),
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
    moves = DOCUMENT.actions(user(request), doc) if doc is not None else []
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
            "can_issue": False,
            # The document's moves the lifecycle allows the reader now.
            **{f"can_{edge.action}": True for edge in moves},
        },
    )

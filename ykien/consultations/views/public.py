"""Public pages: drafts, the text with comment counts, comments on a clause, votes, statistics,
versions compared, open-data exports, the critique document once issued, the expert's link."""

from __future__ import annotations

from html import escape
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ykien.consultations import exports, selectors, selectors_analysis, services
from ykien.consultations.documents import document_docx, document_pdf
from ykien.consultations.forms import (
    CommentForm,
    ExpertOpinionForm,
    ReportForm,
    StatementForm,
    TokenForm,
    VoteForm,
)
from ykien.consultations.models import (
    AnalysisKind,
    AnalysisRun,
    Comment,
    CommentStatus,
    DocumentStatus,
    Draft,
    DraftStatus,
    Node,
    Statement,
    VersionStatus,
)
from ykien.consultations.models.draft import label_in_language
from ykien.consultations.views.analysis import public_common_ground
from ykien.consultations.views.common import (
    get_draft,
    participant,
    staff_flags,
    user,
)
from ykien.core import apikeys, ratelimit
from ykien.core import selectors as core_selectors
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.pickers import record_id

VIEW = "consultations.view_draft"
#: Anonymous comments and statements per address per hour; votes per hour.
ANON_COMMENTS_PER_HOUR = 20
VOTES_PER_HOUR = 300
#: Reports of comments per address per hour.
REPORTS_PER_HOUR = 30
CAPTCHA_SESSION_MINUTES = 30


def text_html(rows: list[selectors.NodeRow], node_base: str, is_open: bool) -> SafeString:
    """The draft's text as list items, a comment count (and link) on every commentable node.

    Built with ``html.escape`` on every value (what ``format_html`` does, without its per-call
    cost) rather than a template loop: a law of a few hundred nodes renders in a few
    milliseconds instead of a hundred. Every value here is plain text, never already-safe HTML.
    """
    action = escape(_("Góp ý") + " ") if is_open else ""
    base = escape(node_base)
    article = _("Điều")
    said: dict[int, str] = {}  # the "%(n)s góp ý" of each count, translated once
    items = []
    for r in rows:
        n = r.node
        classes = f"d{n.depth} k-{n.kind}" + (f" heat-{r.heat}" if r.heat else "")
        link = ""
        if n.commentable:
            if r.comments not in said:
                said[r.comments] = escape(
                    ngettext("%(n)s góp ý", "%(n)s góp ý", r.comments) % {"n": r.comments}
                )
            link = (
                f'<a class="count" href="{base}{n.pk}/" aria-label="{escape(n.label_text)}: '
                f'{said[r.comments]}">{action}({r.comments})</a>'
            )
        if n.kind == "article":
            head = f"{article} {n.number}."
        elif n.kind == "clause":
            head = f"{n.number}." if n.number else ""
        elif n.kind == "point":
            head = f"{n.number})" if n.number else ""
        elif n.number:  # "Chương I. QUY ĐỊNH CHUNG", as "Điều 1. Phạm vi"
            head = f"{n.get_kind_display()} {n.number}" + ("." if n.title else "")
        else:
            head = ""
        body = f' <span class="node-text">{escape(n.text)}</span>' if n.text else ""
        items.append(
            f'<li class="{escape(classes)}" id="n{n.pk}">{link}<span class="head">'
            f"{escape(head)} {escape(n.title)}</span>{body}</li>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 (every value escaped above)


def _node_base(draft_pk: int) -> str:
    """The URL of a node page without the node's id: one ``reverse`` per page, not per node."""
    return reverse("consultations:node", args=[draft_pk, 0]).removesuffix("0/")


def draft_list(request: HttpRequest) -> HttpResponse:
    """Published drafts; the status filter matches the label each draft shows today (an open
    draft before its period is "Sắp lấy ý kiến", after it "Đã hết hạn góp ý")."""
    query = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("trang-thai", "")
    if status not in selectors.PUBLIC_STAGES:
        status = ""
    today = core_selectors.today()
    drafts = selectors.drafts_public(query=query, stage=status, on=today)
    page = Paginator(drafts, 20).get_page(request.GET.get("page"))
    labels = {"upcoming": _("Sắp lấy ý kiến"), **dict(DraftStatus.choices)}
    return render(
        request,
        "consultations/draft_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "statuses": [(s, labels[s]) for s in selectors.PUBLIC_STAGES],
            "today": today,
        },
    )


def _voting(draft: Draft, me: str, is_open: bool, run: AnalysisRun | None) -> dict[str, Any]:
    """The statements to vote on; while voting is open, the one routed to this participant
    first (new, little-voted and informative statements are preferred, as Polis does) and
    the others after it. ``run``: the latest finished opinion-groups run, read once."""
    rows = selectors.statements(draft=draft, participant=me)
    routed = (
        selectors_analysis.next_statement(
            draft_id=draft.pk,
            participant=me,
            rows=rows,
            extremity=selectors_analysis.extremity_of(run),
        )
        if is_open
        else None
    )
    first = next((r for r in rows if r.statement.pk == routed), None)
    return {"next_statement": first, "statements": [r for r in rows if r is not first]}


def _comments_page(
    request: HttpRequest, draft: Draft, *, node: Node | None = None, general: bool = False
) -> tuple[selectors.CommentPage, bool]:
    """The page of comments the query asks for (``?cu-hon=<id>``: older than that comment,
    ``?moi-hon=<id>``: newer) — of the whole draft, of one ``node`` or (``general``) on the
    whole draft only — and whether a cursor was given that leads nowhere (not a number, not a
    comment of this draft and node): then the newest page. The former ``?page=<n>`` links are
    answered with the newest page."""
    older = request.GET.get("cu-hon")
    newer = request.GET.get("moi-hon")
    raw = older if older is not None else newer
    number = record_id(raw.strip()) if raw is not None else None
    page = None
    if number is not None:
        page = selectors.comments_public_page(
            draft=draft,
            node=node,
            general=general,
            older_than=number if older is not None else None,
            newer_than=number if older is None else None,
        )
    lost = raw is not None and page is None
    if page is None:
        page = selectors.comments_public_page(draft=draft, node=node, general=general)
    assert page is not None  # noqa: S101 (the newest page is always there, maybe empty)
    return page, lost


def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's page: the text with a comment count on every node, the latest comments
    (paginated), the statements to vote on, the critique points and answers."""
    draft = get_draft(pk, request, VIEW)
    if not draft.is_public:
        return redirect("consultations:staff_draft", pk=draft.pk)
    assert draft.current_version is not None  # noqa: S101 (is_public implies it)
    rows = selectors.version_rows(version=draft.current_version)
    comments, cursor_lost = _comments_page(request, draft)
    me = (
        participant(request).key
        if request.session.session_key or request.user.is_authenticated
        else ""
    )
    document = selectors.document_get(draft=draft)
    show_points = draft.status in (DraftStatus.ISSUED, DraftStatus.ANSWERED)
    today = core_selectors.today()
    phase = draft.phase_on(today)
    points = list(selectors.points(draft=draft)) if show_points else []
    supports = selectors.points_support(points=points)
    for point in points:
        overdue = selectors.is_point_overdue(document=document, point=point, on=today)
        point.overdue = overdue  # type: ignore[attr-defined]
        point.support = supports[point.pk]  # type: ignore[attr-defined]
    versions = list(draft.versions.exclude(status=VersionStatus.REVIEW).order_by("number"))
    # read once: it routes the next statement and shows the groups' common ground
    groups_run = selectors_analysis.latest_done(draft_id=draft.pk, kind=AnalysisKind.OPINION_GROUPS)
    return render(
        request,
        "consultations/draft_detail.html",
        {
            "node_base": _node_base(draft.pk),
            "audio_key": f"draft:{draft.pk}",
            "text_html": text_html(rows, _node_base(draft.pk), phase == "open"),
            "draft": draft,
            "rows": rows,
            "comments": comments.comments,
            "comment_page": comments,
            "comment_total": selectors.comments_visible_count(draft=draft),
            "cursor_lost": cursor_lost,
            **_voting(draft, me, phase == "open", groups_run),
            "own_statements": selectors.statements_proposed_by(draft=draft, participant=me),
            "points": points,
            "document": document if document and document.status == DocumentStatus.ISSUED else None,
            "versions": versions,
            "is_open": phase == "open",
            "phase": phase,
            "statement_form": StatementForm(),
            "today": today,
            "groups": public_common_ground(draft, groups_run),
            **staff_flags(request, draft),
        },
    )


def _comment_page(request: HttpRequest, pk: int, node_id: int | None) -> HttpResponse:
    draft = get_draft(pk, request, VIEW)
    if not draft.is_public:
        raise Http404
    node: Node | None = None
    if node_id is not None:
        node = selectors.node_get(draft=draft, pk=node_id)
        if node is None:
            raise Http404
    anonymous = not request.user.is_authenticated
    form = CommentForm(request.POST or None, anonymous=anonymous)
    current = node is None or node.version_id == draft.current_version_id
    # A part, chapter, section or the preamble takes no comments (Node.commentable): no form.
    commentable = node is None or node.commentable
    phase = draft.phase_on(core_selectors.today())
    status = 200
    if request.method == "POST" and not commentable:
        messages.error(
            request, _("Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm.")
        )
        status = 400
    elif request.method == "POST":
        if anonymous and not ratelimit.allow(
            request, "consultations.comment", limit=ANON_COMMENTS_PER_HOUR, window=3600
        ):
            form.add_error(None, _("Bạn đã gửi quá nhiều góp ý trong một giờ; xin thử lại sau."))
        elif form.is_valid():
            try:
                comment = services.comment_post(
                    draft_id=draft.pk,
                    node_id=node.pk if node else None,
                    participant=participant(request),
                    stance=form.cleaned_data["stance"],
                    proposed_wording=form.cleaned_data["proposed_wording"],
                    reasons=form.cleaned_data["reasons"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                if anonymous:
                    _captcha_passed(request)
                messages.success(
                    request, _("Cảm ơn bạn! Góp ý số %(n)s đã được ghi nhận.") % {"n": comment.pk}
                )
                return redirect(request.path + f"#gop-y-{comment.pk}")
    page, cursor_lost = _comments_page(request, draft, node=node, general=node is None)
    children = list(Node.objects.filter(parent=node).order_by("position")) if node else []
    return render(
        request,
        "consultations/node.html",
        {
            "draft": draft,
            "node": node,
            "children": children,
            "form": form,
            "comment_page": page,
            "comment_total": selectors.comments_visible_count(
                draft=draft, node=node, general=node is None
            ),
            "cursor_lost": cursor_lost,
            "current": current,
            "commentable": commentable,
            "is_open": phase == "open",
            "phase": phase,
            "report_form": ReportForm(),
        },
        status=status,
    )


def node_detail(request: HttpRequest, pk: int, node_id: int) -> HttpResponse:
    return _comment_page(request, pk, node_id)


def general_comments(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment_page(request, pk, None)


@require_POST
def comment_report(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    draft = get_draft(pk, request, VIEW)
    comment = Comment.objects.filter(
        draft=draft, pk=comment_id, status=CommentStatus.VISIBLE
    ).first()
    if comment is None:
        raise Http404
    form = ReportForm(request.POST)
    if not ratelimit.allow(request, "consultations.report", limit=REPORTS_PER_HOUR, window=3600):
        messages.error(request, _("Bạn đã báo cáo quá nhiều trong một giờ; xin thử lại sau."))
    elif form.is_valid():
        try:
            services.comment_report(
                comment=comment,
                participant=participant(request),
                reason=form.cleaned_data["reason"],
                address=ratelimit.client_ip(request),
            )
        except DomainError as exc:  # a reason holding a bidirectional control
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Cảm ơn bạn đã báo cáo; cán bộ sẽ xem xét góp ý này."))
    target = (
        reverse("consultations:node", args=[draft.pk, comment.node_id])
        if comment.node_id
        else reverse("consultations:general", args=[draft.pk])
    )
    return redirect(target)


def _captcha_needed(request: HttpRequest) -> bool:
    """Anonymous, and no captcha passed in the last ``CAPTCHA_SESSION_MINUTES`` (a comment, a
    vote or a statement with a captcha sets ``captcha_ok_until``; the API accepts the same
    session)."""
    return (
        not request.user.is_authenticated
        and request.session.get("captcha_ok_until", 0) <= timezone.now().timestamp()
    )


def _captcha_passed(request: HttpRequest) -> None:
    request.session["captcha_ok_until"] = timezone.now().timestamp() + CAPTCHA_SESSION_MINUTES * 60


def _ask_captcha(
    request: HttpRequest,
    draft: Draft,
    form: VoteForm | StatementForm,
    statement: Statement | None = None,
) -> HttpResponse:
    """The vote (``statement`` given) or the statement proposal of an anonymous session that
    has not passed a captcha: nothing is stored; the same form again, with the captcha."""
    minutes = {"minutes": CAPTCHA_SESSION_MINUTES}
    if statement is not None:
        notice = (
            _(
                "Biểu quyết của bạn chưa được ghi nhận: khi chưa đăng nhập, xin nhập mã xác nhận "
                "rồi gửi lại. Sau đó bạn biểu quyết tiếp trong %(minutes)s phút mà không phải "
                "nhập lại mã."
            )
            % minutes
        )
        choices = dict(VoteForm.base_fields["value"].choices)  # type: ignore[attr-defined]
        choice = choices.get(form["value"].value())
    else:
        notice = (
            _(
                "Nhận định của bạn chưa được gửi: khi chưa đăng nhập, xin nhập mã xác nhận rồi "
                "gửi lại. Sau đó bạn không phải nhập lại mã trong %(minutes)s phút."
            )
            % minutes
        )
        choice = None
    return render(
        request,
        "consultations/captcha_confirm.html",
        {"draft": draft, "form": form, "statement": statement, "choice": choice, "notice": notice},
    )


@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    """A vote; an anonymous session that has not passed a captcha in the last 30 minutes is
    first shown the vote again with a captcha (nothing stored until it is answered)."""
    draft = get_draft(pk, request, VIEW)
    needs_captcha = _captcha_needed(request)
    answered = "captcha_0" in request.POST  # sent from the form with the captcha
    ask = needs_captcha and not answered and draft.phase_on(core_selectors.today()) == "open"
    form = VoteForm(request.POST, captcha=needs_captcha and not ask)
    if ask:
        if form.is_valid():
            statement = draft.statements.filter(pk=form.cleaned_data["statement"]).first()
            if statement is None:
                raise Http404
            return _ask_captcha(
                request, draft, VoteForm(initial=form.cleaned_data, captcha=True), statement
            )
        messages.error(request, _("Biểu quyết không hợp lệ."))
    elif not ratelimit.allow(request, "consultations.vote", limit=VOTES_PER_HOUR, window=3600):
        messages.error(request, _("Bạn đã biểu quyết quá nhiều trong một giờ; xin thử lại sau."))
    elif not form.is_valid():
        if set(form.errors) == {"captcha"}:
            statement = draft.statements.filter(pk=form.cleaned_data["statement"]).first()
            if statement is None:
                raise Http404
            return _ask_captcha(request, draft, form, statement)
        messages.error(request, _("Biểu quyết không hợp lệ."))
    else:
        if not draft.statements.filter(pk=form.cleaned_data["statement"]).exists():
            raise Http404
        try:
            services.vote_cast(
                statement_id=form.cleaned_data["statement"],
                participant=participant(request),
                value=form.cleaned_data["value"],
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            if needs_captcha:
                _captcha_passed(request)
            messages.success(request, _("Đã ghi nhận biểu quyết của bạn."))
    return redirect(reverse("consultations:draft", args=[draft.pk]) + "#bieu-quyet")


@require_POST
def statement_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """A statement to vote on; an anonymous session asked for a captcha as for a vote."""
    draft = get_draft(pk, request, VIEW)
    needs_captcha = _captcha_needed(request)
    answered = "captcha_0" in request.POST
    ask = needs_captcha and not answered and draft.phase_on(core_selectors.today()) == "open"
    form = StatementForm(request.POST, captcha=needs_captcha and not ask)
    if ask and form.is_valid():
        return _ask_captcha(request, draft, StatementForm(initial=form.cleaned_data, captcha=True))
    if ask:
        messages.error(request, _("Hãy ghi nhận định (tối đa 300 ký tự)."))
    elif not request.user.is_authenticated and not ratelimit.allow(
        request, "consultations.statement", limit=5, window=3600
    ):
        messages.error(
            request, _("Bạn đã đề xuất quá nhiều nhận định trong một giờ; xin thử lại sau.")
        )
    elif form.is_valid():
        try:
            statement = services.statement_propose(
                draft=draft, participant=participant(request), text=form.cleaned_data["text"]
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            if needs_captcha:
                _captcha_passed(request)
            if statement.status == "active":
                messages.success(request, _("Nhận định đã được đưa ra biểu quyết."))
            else:
                messages.success(
                    request,
                    _("Cảm ơn bạn! Nhận định sẽ được đưa ra biểu quyết sau khi cán bộ duyệt."),
                )
    elif set(form.errors) == {"captcha"}:
        return _ask_captcha(request, draft, form)
    else:
        messages.error(request, _("Hãy ghi nhận định (tối đa 300 ký tự)."))
    return redirect(reverse("consultations:draft", args=[draft.pk]) + "#bieu-quyet")


def draft_stats(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft-wide figures, and the heat map of one published version (``?phien-ban=<n>``,
    default the current one; a number that is not a published version is a 404)."""
    draft = get_draft(pk, request, VIEW)
    if not draft.is_public:
        raise Http404
    version = None
    wanted = request.GET.get("phien-ban", "")
    if wanted:
        number = record_id(wanted, digits=5)
        version = selectors.version_get(draft=draft, number=number) if number is not None else None
        if version is None or version.status == VersionStatus.REVIEW:
            raise Http404
    stats = selectors.draft_stats(draft=draft, version=version)
    return render(
        request,
        "consultations/stats.html",
        {"draft": draft, "stats": stats, "node_base": _node_base(draft.pk)},
    )


def version_compare(request: HttpRequest, pk: int, old: int, new: int) -> HttpResponse:
    draft = get_draft(pk, request, VIEW)
    a = selectors.version_get(draft=draft, number=old)
    b = selectors.version_get(draft=draft, number=new)
    staff = request.user.has_perm("consultations.manage_draft", draft)
    if a is None or b is None or (not staff and VersionStatus.REVIEW in (a.status, b.status)):
        raise Http404
    result = selectors.version_diff(old=a, new=b)
    show_all = request.GET.get("tat-ca") == "1"
    changes = (
        result["changes"]
        if show_all
        else [c for c in result["changes"] if c["status"] != "unchanged"]
    )
    for change in changes:  # positions in the reader's language
        for side in ("old", "new"):
            if change.get(side):
                change[side] = {
                    **change[side],
                    "ref": [label_in_language(r) for r in change[side]["ref"]],
                }
    return render(
        request,
        "consultations/compare.html",
        {
            "draft": draft,
            "old": a,
            "new": b,
            "summary": result["summary"],
            "changes": changes,
            "show_all": show_all,
        },
    )


def version_file(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    draft = get_draft(pk, request, VIEW)
    version = selectors.version_get(draft=draft, number=number)
    staff = request.user.has_perm("consultations.manage_draft", draft)
    if version is None or (version.status == VersionStatus.REVIEW and not staff):
        raise Http404
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.filename)


def export_comments(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    """Open data: the visible comments without personal data (CSV or JSON)."""
    if fmt not in exports.FORMATS:
        raise Http404
    draft = get_draft(pk, request, VIEW)
    if not draft.is_public:
        raise Http404
    rows = exports.comment_rows(draft=draft)
    name = f"gop-y-du-thao-{draft.pk}"
    if fmt == "json":
        as_json = JsonResponse(
            {"draft": exports.draft_meta(draft), "comments": rows},
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        as_json["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return as_json
    response = HttpResponse(exports.comments_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def document_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The critique document: public once issued; officers and leaders see the draft."""
    if fmt not in ("docx", "pdf"):
        raise Http404
    draft = get_draft(pk, request, "consultations.view_document")
    document = selectors.document_get(draft=draft)
    if document is None:
        raise Http404
    name = f"van-ban-phan-bien-{draft.pk}"
    if fmt == "docx":
        if document.status == DocumentStatus.ISSUED and document.docx:
            data = document.docx.open("rb").read()
        else:
            data = document_docx(document)
        return HttpResponse(
            data,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            headers={"Content-Disposition": f'attachment; filename="{name}.docx"'},
        )
    return HttpResponse(
        document_pdf(document),
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}.pdf"'},
    )


# ------------------------------------------------------------------------- experts' link


def expert_link(request: HttpRequest, token: str) -> HttpResponse:
    """The invited expert's page (no account): every commentable node of the current version
    (articles, clauses, points), one field each, and the overall opinion, signed with the
    typed name."""
    try:
        invitation = (
            services.invitation_open(raw=token)
            if request.method == "GET"
            else services.invitation_by_link(raw=token)
        )
    except DomainError as exc:
        return render(
            request, "consultations/expert_link_error.html", {"message": exc.message}, status=404
        )
    draft = invitation.draft
    # Every node of the current version that takes comments (Node.commentable): articles,
    # clauses, points, or the one node of a text without structure.
    nodes = [
        n
        for n in selectors.commentable_nodes(draft=draft)
        if n.version_id == draft.current_version_id
    ]
    form = ExpertOpinionForm(
        request.POST or None, nodes=nodes, initial={"signed_name": invitation.expert_name}
    )
    if request.method == "POST" and invitation.answered_at is not None:
        # A second use of the link: nothing is stored, and the expert is told why.
        messages.error(
            request, _("Ý kiến theo lời mời này đã được gửi; mỗi đường dẫn chỉ dùng một lần.")
        )
    elif request.method == "POST" and form.is_valid():
        try:
            services.opinion_submit(
                raw=token,
                overall=form.cleaned_data["overall"],
                per_node=form.per_node(),
                signed_name=form.cleaned_data["signed_name"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except DomainError as exc:
            if exc.code == "already_answered":  # sent from another tab in the meantime
                messages.error(request, str(exc.message))
                invitation.refresh_from_db()
            else:
                form_error(form, exc)
        else:
            messages.success(
                request,
                _("Cảm ơn ông/bà! Ý kiến đã được ký và gửi đến %(unit)s.")
                % {"unit": draft.unit.name},
            )
            return redirect(request.path)
    closed = invitation.answered_at is None and (
        core_selectors.today() > invitation.due
        or draft.status in (DraftStatus.ISSUED, DraftStatus.ANSWERED)
    )
    closed_early = (
        services.invitation_closed_early_message(invitation)
        if invitation.answered_at is None and services.invitation_closed_early(invitation)
        else ""
    )
    return render(
        request,
        "consultations/expert_link.html",
        {
            "invitation": invitation,
            "draft": draft,
            "form": form,
            "opinions": invitation.opinions.select_related("node").order_by("id"),
            "closed": closed,
            "closed_early": closed_early,
        },
    )


# ----------------------------------------------------------------------------- API tokens


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """A person's own API keys (``core.apikeys``): make one (shown once), revoke one."""
    me = user(request)
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST":
        revoke = request.POST.get("revoke")
        if revoke:
            number = record_id(revoke)
            key = (
                apikeys.personal_keys(user=me).filter(pk=number).first()
                if number is not None
                else None
            )
            if key is None:
                raise Http404
            apikeys.apikey_revoke(actor=me, key=key)
            messages.success(request, _("Đã thu hồi khóa API."))
            return redirect("consultations:api_tokens")
        if form.is_valid():
            try:
                _key, raw = apikeys.apikey_create(actor=me, name=form.cleaned_data["name"])
            except DomainError as exc:
                form_error(form, exc)
            else:
                form = TokenForm()
    tokens = apikeys.personal_keys(user=me)
    return render(
        request, "consultations/api_tokens.html", {"form": form, "tokens": tokens, "raw": raw}
    )

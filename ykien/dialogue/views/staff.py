"""Officers' pages: the dialogues of their front committees, planning one, moving it along its
lifecycle, the questions grouped for the head (printable), answers, questions raised on the spot,
commitments and their follow-up; the head's office reporting on commitments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_POST

from ykien.core import lists
from ykien.core.documents import issuing
from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.selectors import today
from ykien.dialogue import documents, selectors, services
from ykien.dialogue.forms import (
    AnswerForm,
    CancelForm,
    CommitmentAnswerForm,
    CommitmentForm,
    DialogueForm,
    DialogueListForm,
    HideForm,
    MinutesForm,
    RaiseForm,
)
from ykien.dialogue.lifecycle import (
    DIALOGUE,
    commitment_actions,
    dialogue_actions,
    may_record,
    question_actions,
)
from ykien.dialogue.models import Commitment, Dialogue, Question, QuestionStatus


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _require(request: HttpRequest, perm: str, obj: Any) -> User:
    user = _user(request)
    if not user.is_authenticated or not allows(user, perm, obj):
        raise DjangoPermissionDenied
    return user


def _attempt(form: forms.Form, call: Callable[[], Any]) -> bool:
    try:
        call()
    except DomainError as exc:
        form_error(form, exc)
        return False
    return True


def _desk_reader(request: HttpRequest) -> User:
    user = _user(request)
    if not user.is_superuser and not selectors.front_units_for(user=user):
        raise DjangoPermissionDenied
    return user


def _desk_headers() -> list[tuple[str, str]]:
    return [
        ("day", _("Ngày")),
        ("topic", _("Chủ đề")),
        ("", _("Người đứng đầu")),
        ("unit", _("Đơn vị tổ chức")),
        ("questions", pgettext("tiêu đề danh sách", "Câu hỏi")),
        ("commitments", pgettext("tiêu đề danh sách", "Cam kết")),
        ("status", _("Trạng thái")),
    ]


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """The dialogues of the reader's front committees: search (diacritics ignored), filters, sort
    and pages kept in the URL; bad input is a translated 400 (``core.lists``)."""
    user = _desk_reader(request)
    form = DialogueListForm(request.GET)
    page = None
    if form.is_valid():
        page = lists.page_of(form, selectors.dialogues_desk_list(user=user, **form.filters()))
    return render(
        request,
        "dialogue/desk.html",
        {
            "form": form,
            "page": page,
            "columns": lists.sort_columns(form, _desk_headers()),
            "sorted_by": form.sorted_by(),
        },
        status=200 if page is not None else 400,
    )


@login_required
def desk_export(request: HttpRequest, fmt: str = "csv") -> HttpResponse:
    """The filtered list (every page) as CSV or XLSX, formula-safe: no personal data (no asker,
    no officer; the head is named as an office holder, as on the public page)."""
    user = _desk_reader(request)
    form = DialogueListForm(request.GET)
    if not form.is_valid():
        return desk(request)
    rows = [
        [
            d.code,
            d.held_on.strftime("%d/%m/%Y"),
            d.topic,
            d.head_name,
            d.head_title,
            d.head_unit.name,
            d.unit.name,
            d.place,
            str(d.get_status_display()),
            cast(Any, d).n_questions,
            cast(Any, d).n_commitments,
        ]
        for d in selectors.dialogues_desk_list(user=user, **form.filters()).iterator(2000)
    ]
    header = [
        _("Số"), _("Ngày đối thoại"), _("Chủ đề"), _("Người đứng đầu"), _("Chức vụ"),
        _("Cơ quan của người đứng đầu"), _("Ủy ban MTTQ tổ chức"), _("Địa điểm"), _("Trạng thái"),
        _("Số câu hỏi"), _("Số cam kết"),
    ]  # fmt: skip
    return lists.export(
        fmt, filename="doi-thoai", title=_("Cuộc đối thoại"), header=header, rows=rows
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    units = selectors.front_units_for(user=user)
    if not units:
        raise DjangoPermissionDenied
    form = DialogueForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result: list[Dialogue] = []
        ok = _attempt(form, lambda: result.append(services.dialogue_create(actor=user, **data)))
        if ok:
            return redirect("dialogue:manage", pk=result[0].pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "dialogue/create.html", {"form": form}, status=status)


def _manage_context(user: User, dialogue: Dialogue, **forms_: Any) -> dict[str, Any]:
    questions = list(dialogue.questions.select_related("dialogue", "dialogue__unit"))
    twins = _waiting_twins(dialogue, questions)
    day = today()
    commitments = list(
        dialogue.commitments.select_related("dialogue", "dialogue__unit", "addressee")
    )
    return {
        "dialogue": dialogue,
        "actions": dialogue_actions(user, dialogue),
        # Each question's forms have their own field ids (one page holds them all).
        "questions": [
            (
                q,
                question_actions(user, q),
                forms_.get(f"{_q(q)}-answer") or AnswerForm(prefix=_q(q), twins=twins[q.pk]),
                forms_.get(f"{_q(q)}-hide") or HideForm(prefix=_q(q)),
            )
            for q in questions
        ],
        "commitments": [
            (c, commitment_actions(user, c, day), c.is_overdue(day)) for c in commitments
        ],
        "minutes_form": forms_.get("minutes") or MinutesForm(),
        "cancel_form": forms_.get("cancel") or CancelForm(prefix="cancel"),
        "raise_form": forms_.get("raise") or RaiseForm(prefix="raise"),
        "commitment_form": forms_.get("commitment")
        or CommitmentForm(dialogue=dialogue, prefix="commitment"),
        "may_manage": allows(user, "dialogue.manage", dialogue),
        # Said above the minutes' form: they are refused while these wait (``services``).
        "waiting": ", ".join(str(n) for n in selectors.unanswered_numbers(dialogue)),
        # The forms of the session's record (questions raised, commitments): only while it is
        # written, never once the minutes are issued (``lifecycle.record_refusal``).
        "may_record": may_record(dialogue),
    }


def _waiting_twins(dialogue: Dialogue, questions: list[Question]) -> dict[int, list[int]]:
    """For each question awaiting an answer, the numbers on the page (from 1, in the order
    received) of the others awaiting one that ask the same (``selectors.question_twins``)."""
    number = {q.pk: n for n, q in enumerate(questions, 1)}
    waiting = {q.pk for q in questions if q.status == QuestionStatus.RECEIVED}
    twins = selectors.question_twins(dialogue=dialogue) if len(waiting) > 1 else {}
    return {
        q.pk: sorted(number[t.pk] for t in twins.get(q.pk, []) if t.pk in waiting)
        if q.pk in waiting
        else []
        for q in questions
    }


def _q(question: Question) -> str:
    """The prefix of a question's forms on the page."""
    return f"q{question.pk}"


def _dialogue_for(request: HttpRequest, pk: int) -> tuple[User, Dialogue]:
    dialogue = get_object_or_404(Dialogue.objects.select_related("unit", "head_unit"), pk=pk)
    return _require(request, "dialogue.manage", dialogue), dialogue


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    user, dialogue = _dialogue_for(request, pk)
    return render(request, "dialogue/manage.html", _manage_context(user, dialogue))


def _bad(request: HttpRequest, user: User, dialogue: Dialogue, **forms_: Any) -> HttpResponse:
    if not may_record(dialogue):
        # The forms of the session's record are no longer on the page (the minutes are issued):
        # their refusal is said in a message instead of beside a form that is not shown.
        for key in ("raise", "commitment"):
            if key in forms_:
                messages.error(request, " ".join(str(e) for e in forms_[key].non_field_errors()))
    return render(
        request, "dialogue/manage.html", _manage_context(user, dialogue, **forms_), status=400
    )


#: What the officer is told once a step of the dialogue is taken.
DONE = {
    "announce": gettext_lazy("Đã thông báo công khai cuộc đối thoại."),
    "open_questions": gettext_lazy("Đã mở nhận câu hỏi gửi trước."),
    "hold": gettext_lazy("Đã ghi nhận cuộc đối thoại đã được tổ chức."),
    "issue_minutes": gettext_lazy("Đã ban hành biên bản đối thoại."),
    "close": gettext_lazy("Đã kết thúc cuộc đối thoại."),
    "cancel": gettext_lazy("Đã hủy cuộc đối thoại."),
}


@login_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """A step of the dialogue's lifecycle (the buttons the lifecycle offered)."""
    user, dialogue = _dialogue_for(request, pk)
    if name not in {edge.action for edge in DIALOGUE.edges}:
        raise Http404
    calls: dict[str, Callable[[], Any]] = {
        "announce": lambda: services.dialogue_announce(actor=user, dialogue=dialogue),
        "open_questions": lambda: services.dialogue_open_questions(actor=user, dialogue=dialogue),
        "hold": lambda: services.dialogue_hold(actor=user, dialogue=dialogue),
        "close": lambda: services.dialogue_close(actor=user, dialogue=dialogue),
    }
    form: forms.Form = forms.Form(request.POST)
    key = ""
    if name == "issue_minutes":
        form, key = MinutesForm(request.POST), "minutes"
        if form.is_valid():
            calls[name] = lambda: services.dialogue_issue_minutes(
                actor=user,
                dialogue=dialogue,
                number=form.cleaned_data["number"],
                summary=form.cleaned_data["summary"],
            )
    elif name == "cancel":
        form, key = CancelForm(request.POST, prefix="cancel"), "cancel"
        if form.is_valid():
            calls[name] = lambda: services.dialogue_cancel(
                actor=user, dialogue=dialogue, reason=form.cleaned_data["reason"]
            )
    if form.is_valid() and name in calls and _attempt(form, calls[name]):
        messages.success(request, str(DONE[name]))
        return redirect("dialogue:manage", pk=dialogue.pk)
    if not form.errors:
        messages.error(request, _("Không thể thực hiện thao tác này."))
        return redirect("dialogue:manage", pk=dialogue.pk)
    return _bad(request, user, dialogue, **({key: form} if key else {}))


@login_required
@require_POST
def question_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("dialogue__unit", "dialogue__head_unit"), pk=pk
    )
    user = _require(request, "dialogue.manage", question.dialogue)
    form: forms.Form
    twins: list[Question] = []
    if name == "answer":
        dialogue = question.dialogue
        questions = list(dialogue.questions.all())
        numbers = _waiting_twins(dialogue, questions)[question.pk]
        form = AnswerForm(request.POST, prefix=_q(question), twins=numbers)
        twins = [questions[n - 1] for n in numbers]
        call = lambda: services.question_answer(  # noqa: E731
            actor=user,
            question=question,
            answer=form.cleaned_data["answer"],
            twins=twins if form.cleaned_data.get("twins") else (),
        )
    elif name == "hide":
        form = HideForm(request.POST, prefix=_q(question))
        call = lambda: services.question_hide(  # noqa: E731
            actor=user, question=question, reason=form.cleaned_data["reason"]
        )
    else:
        raise Http404
    if form.is_valid() and _attempt(form, call):
        # The twins were all waiting (``_waiting_twins``): those answered now took this answer.
        answered = (
            1
            + Question.objects.filter(
                pk__in=[t.pk for t in twins] if form.cleaned_data.get("twins") else [],
                status=QuestionStatus.ANSWERED,
            ).count()
        )
        if answered > 1:
            messages.success(
                request,
                ngettext(
                    "Đã ghi nội dung trả lời cho %(n)s câu hỏi.",
                    "Đã ghi nội dung trả lời cho %(n)s câu hỏi.",
                    answered,
                )
                % {"n": answered},
            )
        elif name == "answer":
            messages.success(request, _("Đã ghi nội dung trả lời."))
        else:
            messages.success(request, _("Đã ghi lý do không đưa ra đối thoại."))
        return redirect("dialogue:manage", pk=question.dialogue_id)
    # Refused: the page again (400) with what was typed, the error beside the field, and a
    # message that names the question among the many on the page.
    reasons = " ".join(str(e) for errs in form.errors.values() for e in errs)
    messages.error(request, f"{question_named(question)}: {reasons}")
    return _bad(request, user, question.dialogue, **{f"{_q(question)}-{name}": form})


def question_named(question: Question) -> str:
    """ "Câu hỏi số 3 (“Đường liên ấp bị sạt lở, bao giờ…”)": the question's number on the
    dialogue's page (in the order received) and its first words."""
    keys = list(question.dialogue.questions.values_list("pk", flat=True))
    start = Truncator(" ".join(question.text.split())).words(8, truncate="…")
    return _("Câu hỏi số %(n)s (“%(start)s”)") % {"n": keys.index(question.pk) + 1, "start": start}


@login_required
@require_POST
def question_raise(request: HttpRequest, pk: int) -> HttpResponse:
    user, dialogue = _dialogue_for(request, pk)
    form = RaiseForm(request.POST, prefix="raise")
    if form.is_valid() and _attempt(
        form,
        lambda: services.question_raise(
            actor=user,
            dialogue=dialogue,
            text=form.cleaned_data["text"],
            answer=form.cleaned_data["answer"],
        ),
    ):
        messages.success(request, _("Đã ghi câu hỏi nêu tại buổi đối thoại."))
        return redirect("dialogue:manage", pk=dialogue.pk)
    return _bad(request, user, dialogue, **{"raise": form})


@login_required
@require_POST
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A commitment the head made: no addressee, or a due date not after the session, is a form
    error (400) and nothing is written."""
    user, dialogue = _dialogue_for(request, pk)
    form = CommitmentForm(request.POST, dialogue=dialogue, prefix="commitment")
    if form.is_valid() and _attempt(
        form,
        lambda: services.commitment_create(
            actor=user,
            dialogue=dialogue,
            text=form.cleaned_data["text"],
            addressee=form.cleaned_data["addressee"],
            due_on=form.cleaned_data["due_on"],
            question=form.cleaned_data["question"],
        ),
    ):
        messages.success(request, _("Đã ghi nhận cam kết."))
        return redirect("dialogue:manage", pk=dialogue.pk)
    return _bad(request, user, dialogue, commitment=form)


@login_required
@require_POST
def commitment_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Follow-up of a commitment by the front: escalate (overdue) or close."""
    commitment = get_object_or_404(
        Commitment.objects.select_related("dialogue__unit", "addressee", "escalated_to"), pk=pk
    )
    if name not in ("escalate", "close"):
        raise Http404
    user = _require(request, "dialogue.follow_up", commitment)
    form = forms.Form(request.POST)
    call = (
        (lambda: services.commitment_escalate(actor=user, commitment=commitment))
        if name == "escalate"
        else (lambda: services.commitment_close(actor=user, commitment=commitment))
    )
    if _attempt(form, call):
        messages.success(request, _("Đã cập nhật cam kết."))
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    if allows(user, "dialogue.manage", commitment.dialogue):
        return redirect("dialogue:manage", pk=commitment.dialogue_id)
    return redirect("dialogue:commitment", pk=commitment.pk)


@login_required
def grouped(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    """The questions grouped for the head (near-duplicates, topics, counts); DOCX/PDF to print."""
    user, dialogue = _dialogue_for(request, pk)
    del user
    grouping = selectors.questions_grouped(dialogue=dialogue)
    if fmt:
        return issuing.respond(
            documents.grouped_spec(dialogue=dialogue, grouping=grouping),
            fmt=fmt,
            filename=f"cau-hoi-{dialogue.code}",
        )
    return render(request, "dialogue/grouped.html", {"dialogue": dialogue, "grouping": grouping})


@login_required
def to_answer(request: HttpRequest) -> HttpResponse:
    """Commitments addressed to the units of the head's office (or respondent) signed in; for
    anyone else (a superuser too: none is addressed to them) 403, as the staff menu shows."""
    from ykien.dialogue.apps import _answers_commitments

    user = _user(request)
    if not _answers_commitments(user):
        raise DjangoPermissionDenied
    rows = selectors.commitments_to_answer(user=user)
    day = today()
    items = [(c, c.is_overdue(day)) for c in rows.order_by("status", "due_on")]
    return render(request, "dialogue/to_answer.html", {"items": items})


@login_required
def commitment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.select_related("dialogue__unit", "addressee"), pk=pk
    )
    user = _require(request, "dialogue.answer_commitment", commitment)
    form = CommitmentAnswerForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form,
            lambda: services.commitment_answer(
                actor=user,
                commitment=commitment,
                kept=form.cleaned_data["kept"],
                text=form.cleaned_data["text"],
            ),
        )
    ):
        messages.success(request, _("Đã báo cáo kết quả thực hiện cam kết."))
        return redirect("dialogue:to_answer")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "dialogue/commitment_answer.html",
        {"commitment": commitment, "form": form},
        status=status,
    )

"""The critique document (Decree 30/2020): written while the draft is consolidated, submitted
to a leader, returned or issued. Issuing numbers and dates it, computes the answer due date
(``answer.default``), keeps the DOCX as issued, moves the draft to "issued" and mails the
drafting body's respondents. Moves go through ``core.lifecycle.transition``
(``lifecycle.DOCUMENT``, and ``lifecycle.DRAFT`` for the draft's issue)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from ykien.consultations.codes import AuditAction, ErrorCode
from ykien.consultations.lifecycle import DOCUMENT, DRAFT
from ykien.consultations.models import CritiqueDocument, DocumentStatus, Draft
from ykien.consultations.services.common import (
    MAX_COMMENT_CHARS,
    S,
    TextRule,
    notify_search,
    person,
    remove_files,
    require_leader,
    require_staff,
    set_texts,
    typed_text,
)
from ykien.consultations.services.common import clean_text as _text
from ykien.core.audit import audit_change, snapshot
from ykien.core.calendar import deadline
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Role
from ykien.core.permissions import Actor
from ykien.core.selectors import role_holder_emails, today, unit_successors
from ykien.core.text import nfc, title_in_sentence

#: The texts of the critique document: label, required, longest.
DOCUMENT_TEXTS: dict[str, TextRule] = {
    "number_symbol": (gettext_lazy("Số, ký hiệu"), True, 60),
    "place": (gettext_lazy("Địa danh"), True, 100),
    "intro": (gettext_lazy("Phần mở đầu"), True, MAX_COMMENT_CHARS),
    "conclusion": (gettext_lazy("Phần kết luận"), False, MAX_COMMENT_CHARS),
    "recipients": (gettext_lazy("Nơi nhận"), True, 2000),
    "signer_authority": (gettext_lazy("Thẩm quyền ký"), False, 100),
    "signer_title": (gettext_lazy("Chức vụ người ký"), True, 200),
    "signer_name": (gettext_lazy("Người ký"), True, 150),
}


def default_answer_days(*, on: dt.date) -> int:
    """The days the drafting body has to answer when the document sets no other number: the
    rule table's ``answer.default`` in force ``on``."""
    return deadline("answer.default", on).length


@transaction.atomic
def document_save(*, actor: Actor, draft: Draft, data: dict[str, Any]) -> CritiqueDocument:
    """Write the critique document (number and symbol, place, intro, conclusion, recipients,
    signer, days to answer) while it is being drafted."""
    require_staff(actor, draft)
    if draft.status != S.CONSOLIDATING:
        raise InvalidTransition(_("Chỉ soạn văn bản phản biện khi dự thảo đang được tổng hợp."))
    document = CritiqueDocument.objects.select_for_update().filter(draft=draft).first()
    if document is not None and document.status != DocumentStatus.DRAFT:
        raise InvalidTransition(_("Văn bản đã trình lãnh đạo; không sửa được nữa."))
    before = snapshot(document, exclude=("docx",)) if document else None
    document = document or CritiqueDocument(draft=draft)
    set_texts(document, data, DOCUMENT_TEXTS)
    days = int(data.get("answer_days") or default_answer_days(on=today()))
    if not 1 <= days <= 365:
        raise ValidationFailed(_("Số ngày để trả lời phải từ 1 đến 365."), field="answer_days")
    document.answer_days = days
    document.prepared_by = person(actor)
    document.save()
    audit_change(
        actor=actor,
        action=AuditAction.DOCUMENT_SAVE,
        obj=document,
        unit=draft.unit,
        before=before,
        exclude=("docx",),
    )
    return document


@transaction.atomic
def document_submit(*, actor: Actor, document: CritiqueDocument) -> CritiqueDocument:
    """The officer submits the document to a leader (it needs at least one point)."""

    def apply(locked: CritiqueDocument) -> None:
        if not locked.draft.points.exists():
            raise ValidationFailed(
                _("Văn bản phản biện cần ít nhất một điểm phản biện."), code=ErrorCode.NO_POINTS
            )
        locked.submitted_at = timezone.now()
        locked.return_reason = ""

    transition(DOCUMENT, actor=actor, obj=document, action="submit", apply=apply)
    return document


@transaction.atomic
def document_return(*, actor: Actor, document: CritiqueDocument, reason: str) -> CritiqueDocument:
    """A leader sends the document back to be redrafted (a reason of at least 5 characters is
    required)."""
    reason = typed_text(reason, field="reason", label=_("Lý do"))

    def apply(locked: CritiqueDocument) -> None:
        if len(reason) < 5:
            raise ValidationFailed(_("Phải nêu lý do trả lại (ít nhất 5 ký tự)."), field="reason")
        locked.return_reason = reason[:500]

    transition(DOCUMENT, actor=actor, obj=document, action="return", apply=apply, reason=reason)
    return document


#: A number given in the unit's register: digits (not all zeros), then "/" and the symbol, as
#: ``12/VB-MTTQ-BTT`` or ``05/2025/VB-MTTQ``; the draft's "…/VB-MTTQ-BTT" is not one.
ISSUED_NUMBER_RE = re.compile(r"(?!0+/)\d{1,6}(?:/[\w\-]+)+")


def is_issued_number(value: str) -> bool:
    """Is ``value`` a real number and symbol (not a placeholder such as ``…/VB-MTTQ-BTT``)?"""
    return ISSUED_NUMBER_RE.fullmatch(nfc(value).strip()) is not None


@transaction.atomic
def document_issue(
    *,
    actor: Actor,
    document: CritiqueDocument,
    issue_date: dt.date | None = None,
    number_symbol: str | None = None,
) -> CritiqueDocument:
    """A leader approves and issues the document: it gets its number (``number_symbol`` if given,
    else the one written while drafting; it must be a real number, not the "…" placeholder), it
    is dated, its answer due date is computed (``answer.default``, the number of days set on the
    document), the DOCX is kept as issued, the draft becomes "issued" and its points await the
    drafting body's answers; the drafting body's respondents are mailed on commit."""
    from ykien.consultations.documents import document_docx

    draft = Draft.objects.select_for_update().get(pk=document.draft_id)
    require_leader(actor, draft)
    day = issue_date or today()
    written: list[Any] = []

    def issue(locked: CritiqueDocument) -> None:
        if number_symbol is not None and nfc(number_symbol).strip():
            locked.number_symbol = _text(
                number_symbol,
                field="number_symbol",
                label=_("Số, ký hiệu"),
                limit=60,
                one_line=True,
            )
        if not is_issued_number(locked.number_symbol):
            raise ValidationFailed(
                _(
                    "Văn bản chưa có số: hãy ghi số, ký hiệu theo sổ đăng ký văn bản của đơn vị "
                    "(ví dụ 12/VB-MTTQ-BTT) trước khi ban hành."
                ),
                code=ErrorCode.NUMBER_MISSING,
                field="number_symbol",
            )
        due = deadline("answer.default", day, length=locked.answer_days)
        locked.issue_date = day
        locked.answer_due = due.due
        with override(settings.LANGUAGE_CODE):  # the record is Vietnamese; pages translate it
            locked.answer_basis = due.describe()[:300]
        locked.issued_by = person(actor)
        locked.issued_at = timezone.now()
        locked.draft = draft
        locked.docx.save(
            f"van-ban-phan-bien-{draft.pk}.docx", ContentFile(document_docx(locked)), save=False
        )
        written.append(locked.docx)

    try:
        transition(
            DOCUMENT,
            actor=actor,
            obj=document,
            action="issue",
            apply=issue,
            data={"issue_date": day.isoformat()},
        )
        transition(DRAFT, actor=actor, obj=draft, action="issue")
    except BaseException:
        remove_files(written)  # the DOCX written before the rows that point to it
        raise
    notify_search(draft)
    _mail_issued(document, draft, day)
    return document


def _mail_issued(document: CritiqueDocument, draft: Draft, day: dt.date) -> None:
    """On commit, tell the respondents of the drafting unit (or of the unit it became) that the
    critique document is issued: its number, the answer due date and its basis, and the link to
    their answer page. Written in Vietnamese, like the document."""
    drafting = draft.drafting_unit
    units = {drafting.pk: drafting, **{u.pk: u for u in unit_successors(unit=drafting, on=day)}}
    emails = role_holder_emails(units=units.values(), roles=[Role.RESPONDENT], on=day)
    if not emails:
        return
    with override(settings.LANGUAGE_CODE):
        subject = _("Văn bản phản biện xã hội số %(number)s: %(title)s") % {
            "number": document.number_symbol,
            "title": draft.title[:150],
        }
        body = _(
            "%(unit)s đã ban hành Văn bản phản biện xã hội số %(number)s ngày %(date)s đối với "
            "%(title)s.\n\nĐề nghị %(drafting)s trả lời từng điểm phản biện trước ngày %(due)s "
            "(%(basis)s).\n\nXem văn bản và trả lời tại %(url)s"
        ) % {
            "unit": draft.unit.name,
            "number": document.number_symbol,
            "date": day.strftime("%d/%m/%Y"),
            "title": title_in_sentence(draft.title),
            "drafting": drafting.name,
            "due": document.answer_due.strftime("%d/%m/%Y") if document.answer_due else "",
            "basis": document.answer_basis,
            "url": settings.SITE_URL.rstrip("/")
            + reverse("consultations:respondent_draft", args=[draft.pk]),
        }
    transaction.on_commit(
        functools.partial(send_mail, subject, body, None, emails, fail_silently=True)
    )

"""Work items of the consultations app on the officer's and the respondent's workspace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ykien.consultations.models import (
    CritiqueDocument,
    DocumentStatus,
    Draft,
    DraftStatus,
    PointStatus,
)
from ykien.core.models import Role, User
from ykien.core.selectors import user_scope_unit_ids
from ykien.core.worklist import WorkItem

ANSWER_BASIS = gettext_lazy("Thời hạn trả lời do văn bản phản biện ấn định (mặc định 30 ngày)")


def _answers_item(document: CritiqueDocument, url: str, title: str, unit: str) -> WorkItem:
    return WorkItem(
        title=title,
        url=url,
        due=document.answer_due,
        unit=unit,
        kind="consultations.answer",
        basis=document.answer_basis_text or str(ANSWER_BASIS),
    )


def provider(user: User, today: dt.date) -> Iterable[WorkItem]:
    if not user.is_authenticated:
        return []
    items: list[WorkItem] = []
    staff_units = user_scope_unit_ids(user=user, roles=[Role.OFFICER, Role.LEADER])
    if staff_units:
        drafts = (
            Draft.objects.filter(unit_id__in=staff_units)
            .exclude(status=DraftStatus.ANSWERED)
            .select_related("unit")
        )
        for d in drafts:
            url = reverse("consultations:staff_draft", args=[d.pk])
            unit = d.unit.name
            if d.status in (DraftStatus.RECEIVED, DraftStatus.REVIEW):
                items.append(
                    WorkItem(
                        _("Rà soát và công khai dự thảo: %(t)s") % {"t": d.title},
                        url,
                        d.comment_start,
                        unit,
                        "consultations.review",
                    )
                )
            elif d.status == DraftStatus.OPEN:
                phase = d.phase_on(today)
                if phase == "upcoming":
                    title = _("Sắp lấy ý kiến, từ ngày %(start)s: %(t)s") % {
                        "start": d.comment_start.strftime("%d/%m/%Y") if d.comment_start else "",
                        "t": d.title,
                    }
                elif phase == "ended":
                    title = _("Đã hết hạn góp ý, cần kết thúc: %(t)s") % {"t": d.title}
                else:
                    title = _("Đang lấy ý kiến: %(t)s") % {"t": d.title}
                items.append(WorkItem(title, url, d.comment_end, unit, "consultations.open"))
            elif d.status in (DraftStatus.CLOSED, DraftStatus.CONSOLIDATING):
                document = CritiqueDocument.objects.filter(draft=d).first()
                if document is not None and document.status == DocumentStatus.SUBMITTED:
                    title = _("Duyệt văn bản phản biện: %(t)s") % {"t": d.title}
                else:
                    title = _("Tổng hợp, soạn văn bản phản biện: %(t)s") % {"t": d.title}
                items.append(
                    WorkItem(
                        title,
                        reverse("consultations:document", args=[d.pk]),
                        None,
                        unit,
                        "consultations.consolidate",
                    )
                )
            elif d.status == DraftStatus.ISSUED:
                document = CritiqueDocument.objects.filter(draft=d).first()
                pending = d.points.filter(status=PointStatus.PENDING).count()
                if document is not None and pending:
                    late = document.answer_due is not None and today > document.answer_due
                    text = (
                        ngettext(
                            "Quá hạn trả lời %(n)s điểm phản biện: %(t)s",
                            "Quá hạn trả lời %(n)s điểm phản biện: %(t)s",
                            pending,
                        )
                        if late
                        else ngettext(
                            "Chờ cơ quan soạn thảo trả lời %(n)s điểm: %(t)s",
                            "Chờ cơ quan soạn thảo trả lời %(n)s điểm: %(t)s",
                            pending,
                        )
                    )
                    items.append(
                        _answers_item(
                            document, url, text % {"n": pending, "t": d.title}, d.drafting_unit.name
                        )
                    )
    respondent_units = user_scope_unit_ids(user=user, roles=[Role.RESPONDENT])
    if respondent_units:
        for d in Draft.objects.filter(
            drafting_unit_id__in=respondent_units, status=DraftStatus.ISSUED
        ).select_related("unit"):
            document = CritiqueDocument.objects.filter(draft=d).first()
            pending = d.points.filter(status=PointStatus.PENDING).count()
            if document is None or not pending:
                continue
            late = document.answer_due is not None and today > document.answer_due
            text = (
                ngettext(
                    "Quá hạn: trả lời %(n)s điểm phản biện — %(t)s",
                    "Quá hạn: trả lời %(n)s điểm phản biện — %(t)s",
                    pending,
                )
                if late
                else ngettext(
                    "Trả lời %(n)s điểm phản biện — %(t)s",
                    "Trả lời %(n)s điểm phản biện — %(t)s",
                    pending,
                )
            )
            items.append(
                _answers_item(
                    document,
                    reverse("consultations:respondent_draft", args=[d.pk]),
                    text % {"n": pending, "t": d.title},
                    d.unit.name,
                )
            )
    return items

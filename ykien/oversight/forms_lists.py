"""Filter forms of the supervision staff lists (``core.lists.ListForm``: search without
diacritics, filters, a whitelisted sort, pages kept in the URL) and the bulk reminder."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.lists import BulkForm, IdsField, ListForm
from ykien.oversight.models import ConductFeedback, RecommendationStatus

MAX_BULK = 200  # recommendations in one bulk reminder


DUE_CHOICES = [
    ("", _("Tất cả")),
    ("overdue", _("Quá hạn")),
    ("today", pgettext_lazy("bảng điều khiển", "Đến hạn hôm nay")),
    ("week", pgettext_lazy("bảng điều khiển", "Đến hạn trong 7 ngày")),
]


class RecommendationListForm(ListForm):
    """The recommendations of the officer's activities. ``due``: the dashboard's counts
    (``oversight.dashboard``) — awaiting an answer due today or within seven days, overdue."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "number": ("id",),
        "activity": ("activity__title",),
        "addressee": ("addressee__name",),
        "due": ("answer_due",),
        "issued": ("issued_on",),
        "status": ("status",),
    }
    DEFAULT_SORT: ClassVar[str] = "-number"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *RecommendationStatus.choices],
        required=False,
    )
    due = forms.ChoiceField(label=_("Hạn trả lời"), choices=DUE_CHOICES, required=False)
    recent = forms.BooleanField(
        label=pgettext_lazy("bảng điều khiển", "Mới trong 7 ngày qua"), required=False
    )


class FeedbackInboxForm(ListForm):
    """The Regulation 124 inbox: search (tracking code, position, its unit), status, review due
    date (overdue, today, within seven days), received in the last seven days, open and not
    assigned to a handler (what a leader decides: the dashboard's approvals)."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "received": ("received_on",),
        "position": ("position__title",),
        "status": ("status",),
        "due": ("review_due",),
    }
    DEFAULT_SORT: ClassVar[str] = "-received"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *ConductFeedback.Status.choices],
        required=False,
    )
    due = forms.ChoiceField(label=_("Hạn xem xét"), choices=DUE_CHOICES, required=False)
    recent = forms.BooleanField(
        label=pgettext_lazy("bảng điều khiển", "Mới trong 7 ngày qua"), required=False
    )
    unassigned = forms.BooleanField(label=_("Chưa giao cán bộ xem xét"), required=False)


class RemindForm(BulkForm):
    """The recommendations ticked in the list, to remind their addressees one by one."""

    ids = IdsField(label=_("Kiến nghị đã chọn"), limit=MAX_BULK)


class RespondentRecommendationListForm(ListForm):
    """The recommendations sent to the respondent's units: search (number, text, issuer,
    activity), status, answer due (overdue, today, within seven days); by default those
    awaiting an answer first, then in progress, each by the answer date."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "priority": ("priority", "answer_due"),
        "number": ("id",),
        "issuer": ("issuer__name",),
        "issued": ("issued_on",),
        "due": ("answer_due",),
        "status": ("status",),
    }
    DEFAULT_SORT: ClassVar[str] = "priority"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[
            ("", _("Tất cả")),
            *[(v, lbl) for v, lbl in RecommendationStatus.choices if v != "draft"],
        ],
        required=False,
    )
    due = forms.ChoiceField(label=_("Hạn trả lời"), choices=DUE_CHOICES, required=False)


class PositionListForm(ListForm):
    """The positions in use: search (title, unit; diacritics ignored), sort by unit or title."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "unit": ("unit__name", "title"),
        "title": ("title", "unit__name"),
    }
    DEFAULT_SORT: ClassVar[str] = "unit"

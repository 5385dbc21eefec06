"""Forms of the consultations' staff lists (``core.lists.ListForm``): the drafts received, the
drafts awaiting the drafting body's answers, a draft's comments for moderation; and the bulk
moderation of the comments and statements ticked."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.consultations.models import CommentStatus, DraftKind, DraftStatus, Stance
from ykien.core.lists import IdsField, ListForm, translated_choices


class DraftListForm(ListForm):
    """The drafts received by the officer's units."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "received": ("received_on",),
        "deadline": ("comment_end",),
        "status": ("status",),
    }
    DEFAULT_SORT: ClassVar[str] = "-received"
    STATUSES: ClassVar[list[tuple[str, Any]]] = DraftStatus.choices

    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại văn bản"), choices=[("", _("Tất cả")), *DraftKind.choices], required=False
    )
    # The dashboard's counts (``consultations.dashboard``): drafts open for comment whose
    # announced period ends today, within seven days, or has ended while still open.
    due = forms.ChoiceField(
        label=_("Hạn góp ý"),
        choices=[
            ("", _("Tất cả")),
            ("overdue", _("Đã hết hạn, chưa kết thúc lấy ý kiến")),
            ("today", _("Hết hạn góp ý hôm nay")),
            ("week", _("Hết hạn góp ý trong 7 ngày")),
        ],
        required=False,
    )
    recent = forms.BooleanField(
        label=pgettext_lazy("bảng điều khiển", "Mới trong 7 ngày qua"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Tất cả")), *self.STATUSES]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.drafts_for_staff`` for a valid form."""
        d = self.cleaned_data
        out = {
            "status": d.get("status") or "",
            "kind": d.get("kind") or "",
            "terms": self.terms,
            "ordering": self.ordering(),
        }
        if "due" in self.fields:
            out.update(due=d.get("due") or "", recent=bool(d.get("recent")))
        return out


class RespondentListForm(DraftListForm):
    """The drafts whose critique document awaits the drafting body's answers."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "received": ("received_on",),
        "due": ("document__answer_due",),
        "pending": ("pending",),
    }
    DEFAULT_SORT: ClassVar[str] = "due"
    STATUSES: ClassVar[list[tuple[str, Any]]] = [
        (DraftStatus.ISSUED.value, DraftStatus.ISSUED.label),
        (DraftStatus.ANSWERED.value, DraftStatus.ANSWERED.label),
    ]
    due = None  # type: ignore[assignment]  # the comment period is the Front's, not theirs
    recent = None  # type: ignore[assignment]


class CommentListForm(ListForm):
    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "number": ("id",),
        "created": ("created_at",),
        "reports": ("report_count",),
        "status": ("status",),
        "stance": ("stance",),
    }
    DEFAULT_SORT: ClassVar[str] = "-reports"

    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *CommentStatus.choices], required=False
    )
    stance = forms.ChoiceField(
        label=_("Ý kiến"), choices=[("", _("Tất cả")), *Stance.choices], required=False
    )
    reported = forms.BooleanField(label=_("Chỉ góp ý bị báo cáo vi phạm"), required=False)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.comments_for_moderation`` for a valid form."""
        d = self.cleaned_data
        return {
            "status": d.get("status") or "",
            "stance": d.get("stance") or "",
            "reported": bool(d.get("reported")),
            "terms": self.terms,
            "ordering": self.ordering(),
        }


#: Bulk action on comments → the status ``services.comment_moderate`` is asked for.
COMMENT_ACTIONS = {
    "approve": (
        CommentStatus.VISIBLE, pgettext_lazy("thao tác", "Cho hiển thị"), _("Đã cho hiển thị."),
    ),
    "hide": (CommentStatus.HIDDEN, pgettext_lazy("thao tác", "Ẩn góp ý"), _("Đã ẩn.")),
}  # fmt: skip
#: Bulk action on statements → the status ``services.statement_moderate`` is asked for.
STATEMENT_ACTIONS = {
    "approve": (
        "active", pgettext_lazy("thao tác", "Đưa ra biểu quyết"), _("Đã đưa ra biểu quyết."),
    ),
    "withdraw": (
        "rejected", pgettext_lazy("thao tác", "Không đưa ra biểu quyết"),
        _("Đã không đưa ra biểu quyết."),
    ),
}  # fmt: skip
#: The actions whose edge needs a reason (the service refuses one shorter than 5 characters).
NEEDS_REASON = {"hide", "withdraw"}


class BulkModerateForm(forms.Form):
    """One moderation action on the ticked rows; ``confirm`` is set by the confirmation page."""

    #: action → (the status asked of the service, the label, the line of the report when done)
    ACTIONS: ClassVar[dict[str, tuple[str, Any, Any]]] = {}

    ids = IdsField(label=_("Mục đã chọn"))
    action = forms.ChoiceField(label=_("Thao tác"))
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=300,
        required=False,
        help_text=_("Bắt buộc khi ẩn hoặc không đưa ra biểu quyết (ít nhất 5 ký tự)."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, prefix_id: str = "bulk", **kwargs: Any) -> None:
        # Its own ids: the page holds the filter form and two bulk forms.
        kwargs.setdefault("auto_id", prefix_id + "_%s")
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(k, a[1]) for k, a in self.ACTIONS.items()]  # type: ignore[attr-defined]
        translated_choices(self)

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if d.get("action") in NEEDS_REASON and len((d.get("reason") or "").strip()) < 5:
            self.add_error("reason", _("Cần ghi lý do (ít nhất 5 ký tự)."))
        return d

    @property
    def target(self) -> str:
        return str(self.ACTIONS[self.cleaned_data["action"]][0])

    @property
    def action_label(self) -> str:
        return str(self.ACTIONS[self.cleaned_data["action"]][1])

    @property
    def done_message(self) -> str:
        return str(self.ACTIONS[self.cleaned_data["action"]][2])


class CommentBulkForm(BulkModerateForm):
    ACTIONS: ClassVar[dict[str, tuple[str, Any, Any]]] = COMMENT_ACTIONS  # type: ignore[assignment]


class StatementBulkForm(BulkModerateForm):
    ACTIONS: ClassVar[dict[str, tuple[str, Any, Any]]] = STATEMENT_ACTIONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix_id", "sbulk")
        super().__init__(*args, **kwargs)

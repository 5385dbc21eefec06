"""Forms of the portal's staff lists: the editors' articles and the moderation list of readers'
feedback (search, filters and sort: ``core.lists.ListForm``), and the bulk moderation (publish,
do not publish) of the feedback ticked."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.lists import IdsField, ListForm, translated_choices
from ykien.portal.models import ArticleStatus, FeedbackStatus


class ArticleListForm(ListForm):
    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "title": ("title",),
        "updated": ("updated_at",),
        "published": ("publish_at",),
        "status": ("status",),
        "views": ("view_count",),
        "pending": ("pending",),
    }
    DEFAULT_SORT: ClassVar[str] = "-updated"  # the last edited first

    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *ArticleStatus.choices], required=False
    )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.articles_for_editor`` for a valid form."""
        return {
            "status": self.cleaned_data.get("status") or "",
            "terms": self.terms,
            "ordering": self.ordering(),
        }


class FeedbackListForm(ListForm):
    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "number": ("id",),
        "created": ("created_at",),
        "status": ("status",),
        "article": ("article__title",),
    }
    DEFAULT_SORT: ClassVar[str] = "created"  # a queue: the oldest first

    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *FeedbackStatus.choices], required=False
    )
    answered = forms.ChoiceField(
        label=_("Trả lời"),
        choices=[("", _("Tất cả")), ("yes", _("Đã trả lời")), ("no", _("Chưa trả lời"))],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.feedback_for_moderation`` for a valid form."""
        d = self.cleaned_data
        answered = {"yes": True, "no": False}.get(d.get("answered") or "")
        return {
            "status": d.get("status") or "",
            "answered": answered,
            "terms": self.terms,
            "ordering": self.ordering(),
        }


#: action → (the state asked of ``services.feedback_moderate``, its label, the report's line)
ACTIONS = {
    FeedbackStatus.PUBLISHED.value: (pgettext_lazy("thao tác", "Đăng"), _("Đã đăng.")),
    FeedbackStatus.REJECTED.value: (pgettext_lazy("thao tác", "Không đăng"), _("Đã không đăng.")),
}


class FeedbackBulkForm(forms.Form):
    ids = IdsField(label=_("Mục đã chọn"))
    action = forms.ChoiceField(
        label=_("Thao tác"), choices=[(k, label) for k, (label, _done) in ACTIONS.items()]
    )
    note = forms.CharField(label=_("Lý do không đăng"), max_length=255, required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bulk_%s")  # the filter form on the page has a "status"
        super().__init__(*args, **kwargs)
        translated_choices(self)

    @property
    def action_label(self) -> str:
        return str(ACTIONS[self.cleaned_data["action"]][0])

    @property
    def done_message(self) -> str:
        return str(ACTIONS[self.cleaned_data["action"]][1])

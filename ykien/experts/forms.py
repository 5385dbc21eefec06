from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from ykien.core.lists import ListForm
from ykien.core.models import Unit
from ykien.experts.models import Expert


class ExpertForm(forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("Đơn vị quản lý danh sách"), queryset=Unit.objects.none())

    class Meta:
        model = Expert
        fields = [
            "unit",
            "full_name",
            "title",
            "kind",
            "fields",
            "organisation",
            "community_consent",
            "community",
            "email",
            "phone",
            "consent_contact",
            "active",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("community") and not data.get("community_consent"):
            self.add_error(
                "community",
                _("Chỉ ghi cộng đồng dân tộc, tôn giáo khi người đó đồng ý cung cấp."),
            )
        if data.get("consent_contact") and not (data.get("email") or data.get("phone")):
            self.add_error("email", _("Cần thư điện tử hoặc số điện thoại để liên hệ."))
        return data


class ExpertListForm(ListForm):
    """Search, filters and sort of the roster (``core.lists``)."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "name": ("full_name",),
        "kind": ("kind",),
        "organisation": ("organisation",),
        "participations": ("participation_count",),
        "last": ("last_participation",),
    }
    DEFAULT_SORT: ClassVar[str] = "name"

    kind = forms.ChoiceField(
        label=_("Thành phần"), choices=[("", _("Tất cả")), *Expert.Kind.choices], required=False
    )
    active = forms.ChoiceField(
        label=_("Còn trong danh sách"),
        choices=[("", _("Tất cả")), ("yes", _("Còn")), ("no", _("Đã ngừng"))],
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.experts_list`` for a valid form."""
        d = self.cleaned_data
        return {
            "terms": self.terms,
            "kind": d.get("kind") or "",
            "active_only": False,
            "active": {"yes": True, "no": False}.get(d.get("active") or ""),
            "ordering": self.ordering(),
        }

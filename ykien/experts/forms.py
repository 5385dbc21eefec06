from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

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


class ExpertFilterForm(forms.Form):
    q = forms.CharField(label=_("Tên hoặc cơ quan"), required=False)
    field = forms.CharField(label=_("Lĩnh vực"), required=False)

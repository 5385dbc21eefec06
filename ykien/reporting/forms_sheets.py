"""Forms of the sheet-at-a-time pages: a unit's figures uploaded as XLSX or CSV, its targets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ykien.core.errors import ValidationFailed
from ykien.reporting.figures import parse_figure
from ykien.reporting.models import Indicator


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp số liệu (XLSX hoặc CSV)"),
        help_text=_("Dùng tệp mẫu của đơn vị và kỳ này; tối đa 2 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,text/csv,application/vnd.openxmlformats-"
                "officedocument.spreadsheetml.sheet"
            }
        ),
    )


class ConfirmForm(forms.Form):
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)


class TargetsForm(forms.Form):
    """One field per indicator: the target typed the Vietnamese way (1.068; 5,8), empty for
    none."""

    def __init__(
        self, *args: Any, indicators: list[Indicator], initial_values: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            self.fields[self.field_name(ind.code)] = forms.CharField(
                label=ind.name_text,
                required=False,
                max_length=40,
                initial=initial_values.get(ind.code, ""),
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "autocomplete": "off", "class": "figure-input"}
                ),
            )

    @staticmethod
    def field_name(code: str) -> str:
        return f"chi_tieu__{code}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for ind in self.indicators:
            name = self.field_name(ind.code)
            if name in data:
                try:
                    parse_figure(ind, data[name])
                except ValidationFailed as exc:
                    self.add_error(name, str(exc.message))
        return data

    def values(self) -> dict[str, str]:
        """What was typed, by indicator code, for the fields that changed."""
        return {
            ind.code: self.cleaned_data.get(self.field_name(ind.code), "")
            for ind in self.indicators
            if self.field_name(ind.code) in self.changed_data
        }

    def rows(self) -> list[tuple[Indicator, forms.BoundField]]:
        return [(ind, self[self.field_name(ind.code)]) for ind in self.indicators]

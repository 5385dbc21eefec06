"""Forms of the briefing: a unit's figures for a period, a leader's decision, the report picker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ykien.core.errors import ValidationFailed
from ykien.core.lists import BulkForm, IdsField, ListForm
from ykien.core.models import Unit
from ykien.core.numbers import format_decimal, format_int
from ykien.core.pickers import PickerField, unit_picker_field, units_offered
from ykien.core.selectors import today as core_today
from ykien.reporting.figures import parse_figure
from ykien.reporting.models import Measure, Submission
from ykien.reporting.selectors import EntryLine


def _initial(line: EntryLine) -> str:
    if line.value is None:
        return ""
    if line.value == line.value.to_integral_value():
        return format_int(line.value)
    return format_decimal(line.value, 4, trim=True)


class EntryForm(forms.Form):
    """One text field per entered indicator (numbers typed the Vietnamese way: 1.068 or 5,8)
    and the unit's notes. Cleaned figures are Decimals (or None when left empty)."""

    notes = forms.CharField(
        label=_("Ghi chú, thuyết minh số liệu"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, lines: list[EntryLine], notes: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        if not self.is_bound:
            self.initial["notes"] = notes
        for line in lines:
            indicator = line.indicator
            attrs = {"inputmode": "decimal", "autocomplete": "off", "class": "figure-input"}
            if indicator.measure == Measure.MONEY:
                attrs["placeholder"] = "580.000.000"
            self.fields[self.field_name(indicator.code)] = forms.CharField(
                label=indicator.name_text,
                required=False,
                max_length=40,
                initial=_initial(line),
                help_text=indicator.description_text,
                widget=forms.TextInput(attrs=attrs),
            )

    @staticmethod
    def field_name(code: str) -> str:
        return f"chi_tieu__{code}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for line in self.lines:
            name = self.field_name(line.indicator.code)
            if name not in data:
                continue
            try:
                parse_figure(line.indicator, data[name])
            except ValidationFailed as exc:
                self.add_error(name, str(exc.message))
        return data

    def figures(self) -> dict[str, str]:
        """What was typed, by indicator code (the service parses and checks it again)."""
        return {
            line.indicator.code: self.cleaned_data.get(self.field_name(line.indicator.code), "")
            for line in self.lines
        }

    def rows(self) -> list[tuple[EntryLine, forms.BoundField]]:
        return [(line, self[self.field_name(line.indicator.code)]) for line in self.lines]


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến (bắt buộc khi trả lại)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BriefingPickForm(forms.Form):
    unit = PickerField(
        label=_("Đơn vị"),
        noun=_("đơn vị"),
        help_text=_("Gõ vài chữ của tên đơn vị (không cần dấu), rồi chọn trong danh sách."),
    )

    def __init__(self, *args: Any, offered: Sequence[Unit] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(PickerField, self.fields["unit"])
        field.set_url(reverse("core:suggest_units"))
        # A former unit has the briefings it sent before the merger: it may be chosen.
        unit_picker_field(field, on=core_today(), current_only=False)
        # The officer's own units and those under them, offered at the first click.
        field.offer(units_offered(units=offered, on=core_today()))

    period = forms.CharField(label=_("Kỳ báo cáo"), max_length=10)


class PeriodListForm(ListForm):
    """Search (unit name, diacritics ignored), the status filter and the sort of the units'
    submissions for a period. ``late`` and ``missing`` are states of the list, not of a
    submission: late = sent after the due date or not sent once it passed; missing = nothing
    entered."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "unit": ("unit",),
        "status": ("status",),
        "sent": ("sent",),
        "decided": ("decided",),
    }
    DEFAULT_SORT: ClassVar[str] = "unit"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("late", _("Muộn hạn")),
            *Submission.Status.choices,
            ("missing", _("Chưa nhập")),
        ],
    )


class BulkApproveForm(BulkForm):
    """The submissions ticked in a period's list, to approve each in turn."""

    ids = IdsField(label=_("Số liệu đã chọn"))

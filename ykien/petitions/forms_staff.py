"""Forms of the officer's petition list: search, filters and sort (``core.lists.ListForm``), and
the bulk actions (assign a handler, transfer, remind) on the petitions ticked in it."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.dashboard import WEEK_DAYS
from ykien.core.lists import ListForm, translated_choices
from ykien.core.models import User
from ykien.core.pickers import PickerField, unit_picker_field, units_offered
from ykien.core.selectors import today, user_units
from ykien.petitions import selectors
from ykien.petitions.models import Kind, Status

MAX_ID = 2**31 - 1
MAX_BULK = 200  # petitions in one bulk action


class StaffListForm(ListForm):
    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "number": ("id",),
        "received": ("received_on",),
        "due": ("due_date",),
        "status": ("status",),
        "kind": ("kind",),
        "unit": ("unit__name",),
    }
    DEFAULT_SORT: ClassVar[str] = "-received"

    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *Kind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *Status.choices], required=False
    )
    unit = PickerField(
        label=_("Đơn vị (cả các đơn vị trực thuộc)"),
        noun=_("đơn vị"),
        required=False,
        help_text=_("Gõ vài chữ của tên đơn vị (không cần dấu); để trống: tất cả."),
    )
    handler = forms.ModelChoiceField(
        label=_("Cán bộ xử lý"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )
    due = forms.ChoiceField(
        label=_("Thời hạn"),
        choices=[
            ("", _("Tất cả")),
            ("overdue", _("Quá hạn")),
            ("soon", _("Sắp đến hạn")),
            # The dashboard's counts (core.dashboard): due today, within seven days.
            ("today", pgettext_lazy("bảng điều khiển", "Đến hạn hôm nay")),
            ("week", pgettext_lazy("bảng điều khiển", "Đến hạn trong 7 ngày")),
        ],
        required=False,
    )
    mine = forms.BooleanField(label=_("Chỉ đơn tôi xử lý"), required=False)
    recent = forms.BooleanField(
        label=pgettext_lazy("bảng điều khiển", "Mới trong 7 ngày qua"), required=False
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        day = today()
        scoped_unit_picker(self, user=user, on=day)
        self.fields["handler"].queryset = selectors.handlers_in_scope(user=user, on=day)  # type: ignore[attr-defined]
        self.fields["handler"].label_from_instance = lambda u: u.full_name or u.username  # type: ignore[attr-defined]

    def number(self) -> int | None:
        """The petition number typed in the search box: "#123" (that one only) or "123" (that
        one, and the texts with the word "123"), if any."""
        text = (self.cleaned_data.get("q") or "").strip().removeprefix("#")
        return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.petitions_for_staff`` for a valid form."""
        d = self.cleaned_data
        day = today()
        return {
            "status": d.get("status") or "",
            "kind": d.get("kind") or "",
            "unit": d.get("unit"),
            "handler": d.get("handler"),
            "mine": bool(d.get("mine")),
            "overdue_on": day if d.get("due") == "overdue" else None,
            "due_soon_on": day if d.get("due") == "soon" else None,
            "due_between": _due_between(d.get("due"), day),
            "received_from": day - dt.timedelta(days=WEEK_DAYS - 1) if d.get("recent") else None,
            "terms": [] if (d.get("q") or "").strip().startswith("#") else self.terms,
            "number": self.number(),
            "ordering": self.ordering(),
        }


def scoped_unit_picker(form: forms.Form, *, user: User, on: dt.date) -> None:
    """Make ``form``'s "unit" field pick a unit in force in ``user``'s scope, by its name; the
    officer's own units and those under them are offered at the first click."""
    field = cast(PickerField, form.fields["unit"])
    field.set_url(f"{reverse('core:suggest_units')}?pham-vi=cua-toi&hien-hanh=1")
    unit_picker_field(field, on=on, within=selectors.staff_scope_ids(user=user))
    field.offer(units_offered(units=user_units(user=user, on=on), on=on))


def _due_between(due: str | None, day: dt.date) -> tuple[dt.date, dt.date] | None:
    if due == "today":
        return (day, day)
    if due == "week":
        return (day, day + dt.timedelta(days=WEEK_DAYS - 1))
    return None


class PetitionIdsField(forms.Field):
    """Petition numbers ticked in the list (``ids=1&ids=2``), each a positive 32-bit number."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        if len(value) > MAX_BULK:
            raise ValidationError(
                _("Chọn tối đa %(n)s đơn cho một thao tác.") % {"n": MAX_BULK}, code="too_many"
            )
        out: list[int] = []
        for item in value:
            text = str(item).strip()
            if (
                not (text.isascii() and text.isdigit())
                or len(text) > 10
                or not 1 <= int(text) <= MAX_ID
            ):
                raise ValidationError(_("Số đơn không hợp lệ."), code="invalid")
            if int(text) not in out:
                out.append(int(text))
        return out

    def validate(self, value: Any) -> None:
        if not value:
            raise ValidationError(_("Hãy chọn ít nhất một đơn."), code="required")


ACTIONS = {
    "assign": pgettext_lazy("thao tác", "Giao cán bộ xử lý"),
    "transfer": pgettext_lazy("thao tác", "Chuyển đơn"),
    "remind": pgettext_lazy("thao tác", "Nhắc cán bộ xử lý"),
}


class BulkForm(forms.Form):
    ids = PetitionIdsField(label=_("Đơn đã chọn"))
    action = forms.ChoiceField(label=_("Thao tác"), choices=list(ACTIONS.items()))
    handler = forms.ModelChoiceField(
        label=_("Cán bộ xử lý"), queryset=User.objects.none(), required=False
    )
    unit = PickerField(label=_("Chuyển đến đơn vị"), noun=_("đơn vị"), required=False)
    note = forms.CharField(label=_("Lý do chuyển"), max_length=2000, required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        # Its own ids: the list's filter form on the same page has a "handler" and a "unit" too.
        kwargs.setdefault("auto_id", "bulk_%s")
        super().__init__(*args, **kwargs)
        day = today()
        scoped_unit_picker(self, user=user, on=day)
        self.fields["handler"].queryset = selectors.handlers_in_scope(user=user, on=day)  # type: ignore[attr-defined]
        self.fields["handler"].label_from_instance = lambda u: u.full_name or u.username  # type: ignore[attr-defined]
        translated_choices(self)

    def picked(self) -> list[int]:
        """The petitions ticked when the form was sent (kept ticked if it is shown again)."""
        return self.cleaned_data.get("ids", []) if self.is_bound and self.errors else []

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if d.get("action") == "assign" and "handler" not in self.errors and not d.get("handler"):
            self.add_error("handler", _("Hãy chọn cán bộ xử lý."))
        if d.get("action") == "transfer":
            if "unit" not in self.errors and not d.get("unit"):
                self.add_error("unit", _("Hãy chọn đơn vị nhận đơn."))
            # One error per field: a note refused already (too long) is not also "missing".
            if "note" not in self.errors and len((d.get("note") or "").strip()) < 5:
                self.add_error("note", _("Cần ghi lý do chuyển đơn (ít nhất 5 ký tự)."))
        return d

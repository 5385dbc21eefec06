"""Forms of citizen reception. They parse input and keep what was typed; the services check it."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.forms import CaptchaField, DateField, PeriodListForm
from ykien.core.selectors import today
from ykien.reception.models import SessionStatus, Visit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

# The kinds of petition the petitions domain receives (its own values and labels).
PETITION_KINDS = [
    ("", _("— Không tạo đơn thư —")),
    ("report", _("Phản ánh")),
    ("request", pgettext_lazy("loại đơn thư", "Kiến nghị")),
    ("complaint", _("Khiếu nại")),
    ("denunciation", _("Tố cáo")),
]


class RegistrationForm(forms.Form):
    """A citizen's registration ahead of a session. A signed-in citizen is asked no captcha
    (the registration is linked to the account), as on the dialogue's question form."""

    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        help_text=_("Văn phòng dùng số này để báo nếu lịch tiếp thay đổi."),
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (không bắt buộc)"), max_length=20, required=False
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    subject = forms.CharField(
        label=_("Nội dung cần trình bày"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tối đa 1.000 ký tự. Thông tin cá nhân của bạn được mã hóa khi lưu."),
    )
    captcha = CaptchaField(label=_("Mã xác nhận"), help_text=_("Nhập các ký tự trong hình."))

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        if signed_in:
            del self.fields["captcha"]
        else:
            self.fields["captcha"].widget.attrs.update(
                {"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
            )


class SessionForm(forms.Form):
    head = forms.ChoiceField(label=_("Người tiếp"))
    day = DateField(label=_("Ngày tiếp"), widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    starts_at = forms.TimeField(
        label=_("Giờ bắt đầu"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=255)

    def __init__(self, *args: Any, heads: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["head"]).choices = heads

    def clean_day(self) -> dt.date:
        """A new session is planned for today or a day to come (its status is "scheduled")."""
        day = cast(dt.date, self.cleaned_data["day"])
        if day < today():
            raise forms.ValidationError(
                _("Không lên lịch buổi tiếp vào ngày đã qua (%(day)s)."),
                params={"day": day.strftime("%d/%m/%Y")},
            )
        return day


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=20)
    deputy_name = forms.CharField(label=_("Cấp phó được ủy quyền"), max_length=160, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class EntryForm(forms.Form):
    """One line of the reception log, for a walk-in or a registered citizen."""

    head = forms.ChoiceField(label=_("Người tiếp"))
    day = DateField(label=_("Ngày tiếp"), widget=DATE_WIDGET, input_formats=DATE_FORMATS)
    visit = forms.ChoiceField(label=_("Hình thức"), choices=Visit.choices)
    name = forms.CharField(label=_("Họ và tên người được tiếp"), max_length=120)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    id_number = forms.CharField(label=_("Số định danh cá nhân"), max_length=20, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    group_size = forms.IntegerField(label=_("Số người"), min_value=1, max_value=5000, initial=1)
    representatives = forms.CharField(
        label=_("Người đại diện (mỗi người một dòng)"),
        required=False,
        max_length=1300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    content = forms.CharField(
        label=_("Nội dung trình bày"), max_length=20000, widget=forms.Textarea(attrs={"rows": 5})
    )
    conclusion = forms.CharField(
        label=_("Kết luận của người tiếp"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    petition_kind = forms.ChoiceField(
        label=_("Tạo đơn thư từ nội dung này"), choices=PETITION_KINDS, required=False
    )
    petition_subject = forms.CharField(label=_("Tiêu đề đơn thư"), max_length=200, required=False)

    def __init__(self, *args: Any, heads: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["head"]).choices = heads

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("petition_kind") and not data.get("petition_subject"):
            self.add_error("petition_subject", _("Xin ghi tiêu đề của đơn thư."))
        return data

    def representative_names(self) -> list[str]:
        return list(self.cleaned_data.get("representatives", "").splitlines())


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("Lý do xem"), min_length=5, max_length=255)


class SessionListForm(PeriodListForm):
    """Search (diacritics ignored), filters, sort and page of the office's session list
    (``core.lists``); every value is checked, a bad one is a 400 with the form's message."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "day": ("day", "starts_at"),
        "head": ("head__name",),
        "place": ("place",),
        "status": ("status",),
        "registrations": ("n_registrations",),
        "entries": ("n_entries",),
    }
    DEFAULT_SORT: ClassVar[str] = "-day"

    head = forms.ChoiceField(label=_("Người tiếp"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả")), *SessionStatus.choices], required=False
    )

    def __init__(self, *args: Any, heads: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["head"]).choices = [("", _("Tất cả")), *heads]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.sessions_list`` for a valid form."""
        d = self.cleaned_data
        return {
            "terms": self.terms,
            "head_id": int(d["head"]) if d.get("head") else None,
            "status": d.get("status") or "",
            **self.period(),
            "ordering": self.ordering(),
        }

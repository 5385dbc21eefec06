from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from ykien.core.errors import ValidationFailed
from ykien.core.forms import CaptchaField, DateField, form_error
from ykien.core.models import Unit, UnitKind, UnitLevel, User
from ykien.core.pickers import PickerField, unit_picker_field
from ykien.core.pii import SenderIdentity
from ykien.core.selectors import today
from ykien.petitions import files, lifecycle, selectors
from ykien.petitions.codes import ErrorCode
from ykien.petitions.models import Channel, Kind, Petition, ServiceCategory
from ykien.petitions.validation import check_sender

KIND_HELP = {
    Kind.REPORT: _("Phản ánh: cho biết một việc, một vấn đề (đường hư hỏng, ô nhiễm …)."),
    Kind.REQUEST: _("Kiến nghị: đề nghị sửa đổi chính sách, cách làm."),
    Kind.COMPLAINT: _(
        "Khiếu nại: đề nghị xem xét lại quyết định, hành vi hành chính ảnh hưởng đến quyền lợi của "
        "bạn. Phải ghi họ tên, địa chỉ."
    ),
    Kind.DENUNCIATION: _(
        "Tố cáo: báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật. Phải ghi họ tên, "
        "địa chỉ và cách liên hệ; danh tính người tố cáo được giữ bí mật."
    ),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def intake_units(scope: set[int] | None = None) -> QuerySet[Unit]:
    """Front committees in force today (province and commune level), where petitions are sent."""
    qs = Unit.objects.valid_on(today()).filter(
        kind=UnitKind.FRONT, level__in=[UnitLevel.PROVINCE, UnitLevel.COMMUNE, UnitLevel.CENTRAL]
    )
    if scope is not None:
        qs = qs.filter(pk__in=scope)
    return qs.order_by("depth", "name")


def _uploads(uploaded: list[Any], *, is_identity: bool = False) -> list[files.Upload]:
    result = []
    for f in uploaded:
        if f.size > files.MAX_BYTES:  # before reading it into memory
            raise ValidationFailed(
                _("Tệp “%(name)s” lớn hơn 10 MB.") % {"name": f.name[:80]},
                code=ErrorCode.TOO_LARGE,
                field="attachments",
            )
        result.append(files.check_upload(f.name, f.read(), is_identity=is_identity))
    return result


class PetitionForm(forms.Form):
    """The public form (and the base of the officer's intake form)."""

    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Kind.choices, widget=forms.RadioSelect)
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=ServiceCategory.objects.none(),
        required=False,
        empty_label=_("— Không chọn —"),
    )
    unit = forms.ModelChoiceField(label=_("Gửi đến"), queryset=Unit.objects.none())
    subject = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000
    )
    place_address = forms.CharField(
        label=_("Địa điểm xảy ra (nếu có)"), max_length=255, required=False
    )
    lat = forms.DecimalField(
        label=_("Vĩ độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    lng = forms.DecimalField(
        label=_("Kinh độ"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    attachments = MultipleFileField(
        label=_("Tệp đính kèm (ảnh JPEG, PNG hoặc PDF; tối đa 5 tệp, mỗi tệp 10 MB)"),
        required=False,
    )
    anonymous = forms.BooleanField(
        label=_("Gửi nặc danh (không ghi thông tin cá nhân)"), required=False
    )
    name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"), max_length=20, required=False
    )
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=255, required=False)
    publish = forms.BooleanField(
        label=_("Đồng ý công khai nội dung và câu trả lời (không kèm thông tin cá nhân)"),
        required=False,
    )

    channel = Channel.WEB

    def __init__(self, *args: Any, scope: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = intake_units(scope)  # type: ignore[attr-defined]
        self.fields["category"].queryset = ServiceCategory.objects.filter(active=True)  # type: ignore[attr-defined]
        self.uploads: list[files.Upload] = []

    @sensitive_variables()
    def identity(self) -> SenderIdentity:
        d = self.cleaned_data
        return SenderIdentity(
            name=d.get("name", ""),
            id_number=d.get("id_number", ""),
            phone=d.get("phone", ""),
            email=d.get("email", ""),
            address=d.get("address", ""),
        )

    @sensitive_variables()
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind:
            try:
                check_sender(
                    kind=kind,
                    channel=self.channel_value(),
                    anonymous=bool(data.get("anonymous")),
                    identity=self.identity(),
                )
            except ValidationFailed as exc:
                form_error(self, exc)
        try:
            self.uploads = _uploads(data.get("attachments") or [])
        except ValidationFailed as exc:
            self.add_error("attachments", str(exc.message))
        if (data.get("lat") is None) != (data.get("lng") is None):
            self.add_error("lat", _("Cần cả vĩ độ và kinh độ, hoặc để trống cả hai."))
        return data

    def channel_value(self) -> str:
        return self.channel


class PublicPetitionForm(PetitionForm):
    captcha = CaptchaField(label=_("Mã xác nhận (nhập các ký tự trong hình)"))


class IntakeForm(PetitionForm):
    """An officer records a petition received at a citizen-reception session or by post."""

    intake_channel = forms.ChoiceField(
        label=_("Kênh tiếp nhận"),
        choices=[(Channel.RECEPTION, Channel.RECEPTION.label), (Channel.POST, Channel.POST.label)],
    )
    reception_date = DateField(
        label=_("Ngày tiếp / ngày nhận đơn"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reception_place = forms.CharField(label=_("Nơi tiếp công dân"), max_length=255, required=False)
    reception_note = forms.CharField(
        label=_("Ghi chú buổi tiếp (người tiếp, thành phần …)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    identity_files = MultipleFileField(
        label=_(
            "Ảnh chữ ký, chữ viết tay hoặc giấy tờ tùy thân (được mã hóa, chỉ người có thẩm quyền xem)"
        ),
        required=False,
    )

    def channel_value(self) -> str:
        return str(self.data.get("intake_channel") or Channel.RECEPTION)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            self.uploads += _uploads(data.get("identity_files") or [], is_identity=True)
        except ValidationFailed as exc:
            self.add_error("identity_files", str(exc.message))
        return data


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "K7M-4QX-9TR"}),
    )


class AttachForm(forms.Form):
    """ "My page": attach a petition sent without an account, by its tracking code and the
    e-mail given with it."""

    code = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "K7M-4QX-9TR"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử đã ghi khi gửi đơn"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class RateForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=20)
    rating = forms.TypedChoiceField(
        label=_("Mức hài lòng với kết quả"),
        coerce=int,
        choices=[
            (5, _("5 — Rất hài lòng")),
            (4, _("4 — Hài lòng")),
            (3, _("3 — Bình thường")),
            (2, _("2 — Chưa hài lòng")),
            (1, _("1 — Không hài lòng")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Ý kiến thêm"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Kind.choices)
    category = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=ServiceCategory.objects.filter(active=True),
        required=False,
        empty_label=_("— Không chọn —"),
    )
    is_second_complaint = forms.BooleanField(label=_("Khiếu nại lần hai"), required=False)
    is_remote = forms.BooleanField(label=_("Vùng sâu, vùng xa, đi lại khó khăn"), required=False)


class AssignForm(forms.Form):
    handler = forms.ChoiceField(label=_("Cán bộ xử lý"))

    def __init__(self, *args: Any, handlers: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [(u.pk, str(u)) for u in handlers]  # type: ignore[attr-defined]


class RefuseForm(forms.Form):
    #: Asked before the form is sent (``data-confirm``): the step cannot be undone.
    confirm = _("Không thụ lý đơn này? Bước này không thể hoàn tác.")

    ground = forms.ChoiceField(label=_("Lý do không thụ lý (theo luật)"))
    note = forms.CharField(
        label=_("Ghi chú nội bộ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # no ground is chosen for the handler: refusing is final, so it takes an explicit choice
        self.fields["ground"].choices = [  # type: ignore[attr-defined]
            ("", _("— Chọn lý do —")),
            *((g.code, f"{g.label} — {g.basis}") for g in lifecycle.grounds_for(kind)),
        ]


class TransferForm(forms.Form):
    confirm = _("Chuyển đơn này đến đơn vị đã chọn? Việc chuyển đơn không thể hoàn tác.")

    unit = PickerField(
        label=_("Đơn vị nhận"),
        noun=_("đơn vị"),
        help_text=_(
            "Gõ vài chữ của tên đơn vị (không cần dấu), rồi chọn trong danh sách. Đơn vị đã "
            "sáp nhập năm 2025 được gợi ý kèm đơn vị kế thừa."
        ),
    )
    note = forms.CharField(
        label=_("Lý do chuyển"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(PickerField, self.fields["unit"])
        field.set_url(f"{reverse('core:suggest_units')}?hien-hanh=1")
        unit_picker_field(field, on=today(), current_only=True)


class MergeForm(forms.Form):
    confirm = _("Gộp đơn này vào đơn đã chọn? Việc gộp đơn không thể hoàn tác.")

    into = PickerField(
        label=_("Gộp vào đơn"),
        noun=_("đơn"),
        help_text=_("Gõ số đơn hoặc vài chữ của tiêu đề, rồi chọn trong danh sách."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)

    def __init__(self, *args: Any, user: User | None, petition: Petition, **kwargs: Any) -> None:
        from ykien.petitions.pickers import merge_target_field

        super().__init__(*args, **kwargs)
        if user is None:  # the view always says who is merging
            raise TypeError("MergeForm needs the user")
        field = cast(PickerField, self.fields["into"])
        field.set_url(f"{reverse('petitions:suggest')}?mo=1&tru={petition.pk}")
        merge_target_field(field, user=user, petition=petition)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), min_length=5, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SettleForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Kết quả giải quyết (nội bộ)"), widget=forms.Textarea(attrs={"rows": 4})
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Trả lời người gửi (hiển thị trên trang tra cứu)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class StaffFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả"))],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *Kind.choices], required=False
    )
    mine = forms.BooleanField(label=_("Chỉ đơn tôi xử lý"), required=False)
    due = forms.ChoiceField(
        label=_("Thời hạn"),
        choices=[("", _("Tất cả")), ("overdue", _("Quá hạn")), ("soon", _("Sắp đến hạn"))],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from ykien.petitions.models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Tất cả")), *Status.choices]  # type: ignore[attr-defined]


class StatsForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label=_("Quý"),
        coerce=int,
        empty_value=None,
        choices=[("", _("Cả năm")), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        required=False,
    )
    unit = PickerField(
        label=_("Đơn vị (để trống: tất cả)"),
        noun=_("đơn vị"),
        required=False,
        help_text=_("Gõ tên đơn vị, không cần dấu; ví dụ: tỉnh Vĩnh Long."),
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # The year box shows the year the heading says: this year when none was given.
        this_year = today().year
        if data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = str(this_year)
        kwargs.setdefault("initial", {"year": this_year})
        super().__init__(data, *args, **kwargs)
        # A former unit keeps its statistics: it may be chosen here.
        unit_picker_field(cast(PickerField, self.fields["unit"]), on=today(), current_only=False)


class PublishedFilterForm(forms.Form):
    """The filters of the published reports' list and map: unit (by code), kind, status."""

    unit = forms.ModelChoiceField(
        label=_("Đơn vị xử lý"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả"),
    )
    kind = forms.ChoiceField(label=_("Loại"), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.published_units()  # type: ignore[attr-defined]
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", _("Tất cả")),
            *((k.value, k.label) for k in selectors.PUBLISHED_KINDS),
        ]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", _("Tất cả")),
            *((s.value, s.label) for s in selectors.PUBLISHED_STATUSES),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters, for ``selectors.published_petitions`` (an invalid one is left out
        and its error shown on the form)."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "unit": data.get("unit"),
            "kind": data.get("kind") or "",
            "status": data.get("status") or "",
        }

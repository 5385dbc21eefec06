"""Forms of the supervision pages (validation of shape; the rules live in services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ykien.core.calendar import quarter_or_year
from ykien.core.forms import CaptchaField, DateField
from ykien.core.models import Unit, UnitKind
from ykien.core.permissions import allows
from ykien.core.pickers import PickerField
from ykien.core.selectors import prime_governing, today
from ykien.oversight.models import (
    Activity,
    ActivityDocument,
    ActivityForm,
    AnswerKind,
    BoardMember,
    Finding,
    OfficialPosition,
    ProgrammeItem,
    Recommendation,
    RecommendationStatus,
)
from ykien.oversight.pickers import addressee_field

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return DateField(label=label, required=required, widget=DATE, help_text=help_text)


def _quarter() -> forms.TypedChoiceField:
    """A quarter of the year (1–4), or the whole year when left empty."""
    return forms.TypedChoiceField(
        label=_("Quý"),
        choices=[("", _("Cả năm")), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.code})"


def subject_units() -> QuerySet[Unit]:
    """Units that can be supervised or receive a recommendation: in force today, not the mass
    organisations (state agencies, party committees, front committees, boards)."""
    return (
        Unit.objects.valid_on(today())
        .exclude(kind__in=[k.value for k in UnitKind.mass_organisations()])
        .order_by("depth", "name")
    )


class ProgrammeForm(forms.Form):
    unit = UnitChoiceField(label=_("Ủy ban MTTQ"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm thực hiện"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=255)
    made_on = _date(_("Ngày xây dựng"), help_text=_("Thường trong quý IV của năm trước."))

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]


class ProgrammeItemForm(forms.Form):
    content = forms.CharField(
        label=_("Nội dung giám sát"), widget=forms.Textarea(attrs={"rows": 3})
    )
    form = forms.ChoiceField(label=_("Hình thức"), choices=ActivityForm.choices)
    subject = UnitChoiceField(label=_("Đối tượng giám sát"), queryset=Unit.objects.none())
    time_text = forms.CharField(label=_("Thời gian"), max_length=120)
    planned_quarter = forms.TypedChoiceField(
        label=_("Quý"),
        choices=[("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    lead_unit = UnitChoiceField(label=_("Đơn vị chủ trì"), queryset=Unit.objects.none())
    participants = forms.CharField(
        label=_("Tổ chức phối hợp"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = subject_units()
        self.fields["subject"].queryset = units  # type: ignore[attr-defined]
        self.fields["lead_unit"].queryset = Unit.objects.valid_on(today()).order_by("depth", "name")  # type: ignore[attr-defined]


class AgreeForm(forms.Form):
    agreed_with = forms.CharField(
        label=_("Thống nhất với"),
        max_length=255,
        help_text=_("Ví dụ: Thường trực HĐND, UBND tỉnh tại hội nghị liên tịch."),
    )
    agreed_on = _date(_("Ngày thống nhất"))


class ActivityCreateForm(forms.Form):
    unit = UnitChoiceField(label=_("Ủy ban MTTQ chủ trì"), queryset=Unit.objects.none())
    form = forms.ChoiceField(label=_("Hình thức giám sát"), choices=ActivityForm.choices)
    title = forms.CharField(label=_("Tên cuộc giám sát"), max_length=255)
    content = forms.CharField(
        label=_("Nội dung giám sát"), widget=forms.Textarea(attrs={"rows": 4})
    )
    subject = UnitChoiceField(label=_("Đối tượng giám sát"), queryset=Unit.objects.none())
    planned_on = _date(_("Ngày lập kế hoạch"))
    plan = forms.CharField(
        label=_("Kế hoạch (mục đích, yêu cầu, thời gian, thành phần)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    programme_item = forms.ModelChoiceField(
        label=_("Theo nội dung chương trình"), queryset=ProgrammeItem.objects.none(), required=False
    )
    board = UnitChoiceField(
        label=_("Ban thực hiện (khi giám sát thông qua Ban)"),
        queryset=Unit.objects.none(),
        required=False,
    )
    led_by = forms.CharField(
        label=_("Cơ quan chủ trì (khi tham gia giám sát)"), max_length=255, required=False
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [u.pk for u in units]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=ids).order_by("depth", "name")  # type: ignore[attr-defined]
        self.fields["subject"].queryset = subject_units()  # type: ignore[attr-defined]
        self.fields["programme_item"].queryset = ProgrammeItem.objects.filter(  # type: ignore[attr-defined]
            programme__unit_id__in=ids, status=ProgrammeItem.Status.ACTIVE
        ).select_related("programme")
        within = Q(pk__in=[])
        for unit in units:
            within |= Q(path__startswith=unit.path)
        self.fields["board"].queryset = (  # type: ignore[attr-defined]
            Unit.objects.filter(kind__in=[UnitKind.INSPECTION_BOARD, UnitKind.INVESTMENT_BOARD])
            .filter(within)
            .order_by("name")
        )


class DecideForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = _date(_("Ngày quyết định"))
    team_members = forms.CharField(
        label=_("Thành phần đoàn"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ShortNoticeMixin(forms.Form):
    confirm_short_notice = forms.BooleanField(
        label=_("Lãnh đạo xác nhận tổ chức buổi làm việc dù thời hạn thông báo ngắn hơn quy định"),
        required=False,
    )
    reason = forms.CharField(label=_("Lý do xác nhận"), required=False, max_length=500)


class NotifyForm(ShortNoticeMixin):
    session_date = _date(_("Ngày làm việc với đối tượng"))
    notice_sent_on = _date(_("Ngày gửi kế hoạch, thông báo"))

    field_order = ["session_date", "notice_sent_on", "confirm_short_notice", "reason"]


class SubjectReportForm(forms.Form):
    received_on = _date(_("Ngày nhận báo cáo của đối tượng"))


class SessionForm(ShortNoticeMixin):
    held_on = _date(_("Ngày làm việc"))
    minutes = forms.CharField(
        label=_("Biên bản làm việc"), widget=forms.Textarea(attrs={"rows": 4})
    )
    field_visits = forms.CharField(
        label=_("Khảo sát thực tế"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = ["held_on", "minutes", "field_visits", "confirm_short_notice", "reason"]


class StartForm(forms.Form):
    on = _date(_("Ngày bắt đầu"))


class ReportForm(forms.Form):
    report_number = forms.CharField(label=_("Số, ký hiệu báo cáo"), max_length=60)
    report_date = _date(_("Ngày báo cáo"))
    summary = forms.CharField(label=_("Tóm tắt kết quả"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseActivityForm(forms.Form):
    on = _date(_("Ngày kết thúc"))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=500)


class ProgrammeItemEditForm(ProgrammeItemForm):
    reason = forms.CharField(label=_("Lý do sửa (nếu có)"), max_length=500, required=False)


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Nội dung phát hiện"), widget=forms.Textarea(attrs={"rows": 3}))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=ActivityDocument.Kind.choices)
    file = forms.FileField(
        label=_("Tệp"), help_text=_("PDF, DOCX, XLSX, PNG hoặc JPEG; tối đa 10 MB.")
    )


class RecommendationForm(forms.Form):
    finding = forms.ModelChoiceField(label=_("Căn cứ (phát hiện)"), queryset=Finding.objects.none())
    addressee = PickerField(label=_("Cơ quan nhận kiến nghị"), noun=_("đơn vị"))
    addressee_position = forms.ModelChoiceField(
        label=_("Chức danh người có trách nhiệm (nếu có)"),
        queryset=OfficialPosition.objects.none(),
        required=False,
    )
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 3}))
    answer_days = forms.IntegerField(
        label=_("Số ngày để trả lời"),
        min_value=1,
        max_value=365,
        required=False,
        help_text=_("Luật không quy định; để trống dùng mặc định 30 ngày."),
    )
    is_public = forms.BooleanField(label=_("Công khai"), required=False, initial=True)
    previous = forms.ModelChoiceField(
        label=_("Kiến nghị lần trước về cùng nội dung (giám sát lại)"),
        queryset=Recommendation.objects.none(),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        findings: QuerySet[Finding],
        activity: Activity,
        previous: QuerySet[Recommendation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The subject's own units first (``oversight.pickers``), any other by typing its name.
        addressee_field(self.fields["addressee"], activity=activity)  # type: ignore[arg-type]
        self.fields["finding"].queryset = findings  # type: ignore[attr-defined]
        if previous is None:
            del self.fields["previous"]
        else:
            self.fields["previous"].queryset = previous  # type: ignore[attr-defined]
        self.fields["addressee_position"].queryset = OfficialPosition.objects.filter(  # type: ignore[attr-defined]
            active=True
        ).select_related("unit")


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kết quả"), choices=AnswerKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 5}))
    plan = forms.CharField(
        label=_("Kế hoạch thực hiện (khi đang thực hiện)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    planned_date = _date(_("Thời hạn hoàn thành (khi đang thực hiện)"), required=False)
    answered_on = _date(_("Ngày trả lời"))
    document_number = forms.CharField(label=_("Số văn bản trả lời"), max_length=60, required=False)
    documents = MultipleFileField(
        label=_("Văn bản kèm theo"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PNG hoặc JPEG; mỗi tệp tối đa 10 MB."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = today


class EscalateForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class CloseRecommendationForm(forms.Form):
    note = forms.CharField(
        label=_("Đánh giá kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 2})
    )


class BoardMemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position = forms.ChoiceField(label=_("Chức danh"), choices=BoardMember.Position.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
    valid_from = _date(_("Từ ngày"))


class PositionForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Chức danh"), max_length=200)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # only the units this officer may add a position to (the service's own check)
        units = list(subject_units())
        if user is not None and user.is_authenticated:
            prime_governing(user=user, units=units)
        allowed = [
            u.pk for u in units if allows(user, "oversight.manage_activity", Activity(unit=u))
        ]
        self.fields["unit"].queryset = subject_units().filter(pk__in=allowed)  # type: ignore[attr-defined]


class BoardFilterForm(forms.Form):
    addressee = forms.ModelChoiceField(
        label=_("Cơ quan nhận kiến nghị"), queryset=Unit.objects.none(), required=False
    )
    issuer = forms.ModelChoiceField(
        label=_("Đơn vị kiến nghị"), queryset=Unit.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    quarter = _quarter()
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả"))]
        + [c for c in RecommendationStatus.choices if c[0] != RecommendationStatus.DRAFT],
        required=False,
    )
    overdue = forms.BooleanField(label=_("Chỉ kiến nghị quá hạn"), required=False)
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=100)

    def __init__(
        self, *args: Any, addressees: QuerySet[Unit], issuers: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = addressees  # type: ignore[attr-defined]
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        data = self.cleaned_data if self.is_valid() else {}
        year = data.get("year")
        if not year:
            return None, None
        span = quarter_or_year(year, data.get("quarter"))
        return span.start, span.end


class PeriodReportForm(forms.Form):
    unit = UnitChoiceField(label=_("Ủy ban MTTQ"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    quarter = _quarter()
    fmt = forms.ChoiceField(
        label=_("Định dạng"), choices=[("docx", "DOCX"), ("pdf", "PDF")], initial="docx"
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    """Regulation 124: feedback on the ethics and lifestyle of the holder of a position."""

    position = forms.ModelChoiceField(
        label=_("Chức danh được phản ánh"), queryset=OfficialPosition.objects.none()
    )
    content = forms.CharField(
        label=_("Nội dung phản ánh"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=20,
        max_length=10000,
    )
    full_name = forms.CharField(label=_("Họ và tên người gửi"), max_length=150)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    captcha = CaptchaField(label=_("Mã xác nhận"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = OfficialPosition.objects.filter(  # type: ignore[attr-defined]
            active=True
        ).select_related("unit")


class MapFilterForm(forms.Form):
    """The year of the supervision map (activities by their report's date, recommendations by
    the day they were sent)."""

    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)


class FeedbackLookupForm(forms.Form):
    """The tracking code of a Regulation 124 feedback (``PA124-…``), as the sender was given it."""

    ma = forms.CharField(
        label=_("Mã phản ánh"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "PA124-K7M4QX9T"}),
    )

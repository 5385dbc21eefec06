"""Forms of the dialogue app: the public question form, and the officers' forms."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ykien.core.forms import CaptchaField, DateField
from ykien.core.lists import ListForm
from ykien.core.models import Unit, UnitKind
from ykien.core.pickers import PickerField, unit_picker_field, units_offered
from ykien.core.selectors import today
from ykien.dialogue.models import DialogueStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})


UNIT_HELP = _("Gõ vài chữ của tên cơ quan (không cần dấu), rồi chọn trong danh sách.")


def _unit_picker(form: forms.Form, name: str, *, kinds: Any, offered: list[Unit]) -> None:
    """Make ``name`` pick a unit in force whose kind is in ``kinds`` (``core.pickers``), offering
    ``offered`` and the units under them first."""
    day = today()
    within = set(Unit.objects.valid_on(day).filter(kind__in=kinds).values_list("pk", flat=True))
    field = cast(PickerField, form.fields[name])
    field.set_url(reverse("core:suggest_units") + "?hien-hanh=1")
    unit_picker_field(field, on=day, within=within)
    field.offer([s for s in units_offered(units=offered, on=day) if s.id in within])


class QuestionForm(forms.Form):
    """A citizen's question sent ahead. No length limit here: a long question is accepted whole
    and flagged for the officer (the request's own size limit still applies)."""

    text = forms.CharField(
        label=_("Câu hỏi của bạn"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Câu hỏi dài hoặc không viết bằng tiếng Việt vẫn được nhận và được cán bộ xem xét."
        ),
    )
    email = forms.EmailField(
        label=_("Thư điện tử để nhận thông báo trả lời (không bắt buộc)"),
        required=False,
        help_text=_("Chỉ dùng để báo cho bạn khi câu hỏi được trả lời; không công khai."),
    )
    captcha = CaptchaField(label=_("Mã xác nhận"))

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:  # a signed-in citizen is told in the site and by mail, no captcha asked
            del self.fields["email"]
            del self.fields["captcha"]


class DialogueForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Ủy ban MTTQ tổ chức"), queryset=Unit.objects.none())
    head_unit = PickerField(
        label=_("Cơ quan của người đứng đầu"), noun=_("cơ quan"), help_text=UNIT_HELP
    )
    head_name = forms.CharField(label=_("Người đứng đầu"), max_length=150)
    head_title = forms.CharField(label=_("Chức vụ"), max_length=200)
    topic = forms.CharField(label=_("Chủ đề đối thoại"), max_length=300)
    description = forms.CharField(label=_("Nội dung"), widget=TEXT, required=False)
    held_on = DateField(label=_("Ngày đối thoại"), widget=DATE)
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    invited_groups = forms.CharField(label=_("Thành phần mời"), widget=TEXT, required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
        # The head of a People's Committee or of a Party committee.
        kinds = (UnitKind.STATE, UnitKind.PARTY)
        _unit_picker(self, "head_unit", kinds=kinds, offered=units)

    def clean_held_on(self) -> Any:
        """A new dialogue is planned for today or a day to come."""
        day = self.cleaned_data["held_on"]
        if day < today():
            raise forms.ValidationError(
                _("Không lập kế hoạch đối thoại vào ngày đã qua (%(day)s)."),
                params={"day": day.strftime("%d/%m/%Y")},
            )
        return day


class MinutesForm(forms.Form):
    number = forms.CharField(label=_("Số biên bản"), max_length=60, required=False)
    summary = forms.CharField(label=_("Tóm tắt diễn biến buổi đối thoại"), widget=TEXT)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=500)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=TEXT)


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không đưa ra đối thoại"), max_length=500)


class RaiseForm(forms.Form):
    text = forms.CharField(label=_("Câu hỏi nêu tại buổi đối thoại"), widget=TEXT)
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=TEXT, required=False)


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Nội dung cam kết"), widget=TEXT)
    addressee = PickerField(
        label=_("Cơ quan, đơn vị thực hiện"),
        noun=_("cơ quan"),
        help_text=UNIT_HELP,
        error_messages={"required": _("Chọn cơ quan, đơn vị thực hiện cam kết.")},
    )
    due_on = DateField(label=_("Hạn thực hiện"), widget=DATE)
    question = forms.ModelChoiceField(
        label=_("Câu hỏi liên quan"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, dialogue: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any body that is not the Front itself; the head's own body first.
        kinds = [k for k in UnitKind.values if k != UnitKind.FRONT]
        _unit_picker(self, "addressee", kinds=kinds, offered=[dialogue.head_unit])
        self.fields["question"].queryset = dialogue.questions.all()  # type: ignore[attr-defined]


class CommitmentAnswerForm(forms.Form):
    kept = forms.TypedChoiceField(
        label=_("Kết quả"),
        choices=[("1", _("Đã thực hiện cam kết")), ("0", _("Không thực hiện cam kết"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=TEXT)


class DialogueListForm(ListForm):
    """Search (diacritics ignored), filters, sort and page of the officers' dialogue list
    (``core.lists``); every value is checked, a bad one is a 400 with the form's message."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "day": ("held_on",),
        "topic": ("topic",),
        "unit": ("unit__name",),
        "status": ("status",),
        "questions": ("n_questions",),
        "commitments": ("n_commitments",),
    }
    DEFAULT_SORT: ClassVar[str] = "-day"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *DialogueStatus.choices],
        required=False,
    )
    date_from = DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc trùng “Từ ngày”."))
        return data

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.dialogues_desk_list`` for a valid form."""
        d = self.cleaned_data
        return {
            "terms": self.terms,
            "status": d.get("status") or "",
            "start": d.get("date_from"),
            "end": d.get("date_to"),
            "ordering": self.ordering(),
        }

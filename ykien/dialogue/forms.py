"""Forms of the dialogue app: the public question form, and the officers' forms."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, cast

from django import forms
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ykien.core.forms import CaptchaField, DateField, PeriodListForm
from ykien.core.lists import MAX_ID
from ykien.core.models import Unit, UnitKind
from ykien.core.pickers import PickerField, unit_picker_field, units_offered
from ykien.core.selectors import today
from ykien.dialogue.models import CommitmentStatus, DialogueStatus, QuestionStatus

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
    answer = forms.CharField(
        label=_("Nội dung trả lời"),
        widget=TEXT,
        error_messages={"required": _("Nhập nội dung trả lời.")},
    )

    def __init__(self, *args: Any, twins: Sequence[int] = (), **kwargs: Any) -> None:
        """``twins``: the numbers of the questions still awaiting an answer that ask the same
        (near-duplicates); the officer may give them this answer too (ticked by default)."""
        super().__init__(*args, **kwargs)
        if twins:
            self.fields["twins"] = forms.BooleanField(
                label=ngettext(
                    "Trả lời chung cho câu hỏi số %(numbers)s (cùng nội dung)",
                    "Trả lời chung cho các câu hỏi số %(numbers)s (cùng nội dung)",
                    len(twins),
                )
                % {"numbers": ", ".join(str(n) for n in twins)},
                required=False,
                initial=True,
            )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không đưa ra đối thoại"),
        max_length=500,
        error_messages={"required": _("Nhập lý do.")},
    )


class RaiseForm(forms.Form):
    text = forms.CharField(label=_("Câu hỏi nêu tại buổi đối thoại"), widget=TEXT)
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=TEXT, required=False)


class QuestionChoiceField(forms.ModelChoiceField):
    """A question of the dialogue, each named by its number on the officer's page and its first
    words ("Câu hỏi số 3: Đường liên ấp bị sạt lở, bao giờ…"): near-duplicates read alike."""

    numbers: dict[int, int]

    def label_from_instance(self, obj: Any) -> str:
        start = Truncator(" ".join(obj.text.split())).words(20, truncate="…")
        number = getattr(self, "numbers", {}).get(obj.pk, "")
        return str(_("Câu hỏi số %(n)s: %(start)s") % {"n": number, "start": start})


class CommitmentForm(forms.Form):
    text = forms.CharField(label=_("Nội dung cam kết"), widget=TEXT)
    addressee = PickerField(
        label=_("Cơ quan, đơn vị thực hiện"),
        noun=_("cơ quan"),
        help_text=UNIT_HELP,
        error_messages={"required": _("Chọn cơ quan, đơn vị thực hiện cam kết.")},
    )
    due_on = DateField(label=_("Hạn thực hiện"), widget=DATE)
    question = QuestionChoiceField(
        label=_("Câu hỏi liên quan"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args: Any, dialogue: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any body that is not the Front itself; the head's own body first.
        kinds = [k for k in UnitKind.values if k != UnitKind.FRONT]
        _unit_picker(self, "addressee", kinds=kinds, offered=[dialogue.head_unit])
        field = cast(QuestionChoiceField, self.fields["question"])
        # Not a question left out of the dialogue (numbered as on the page, among them all).
        field.queryset = dialogue.questions.exclude(status=QuestionStatus.HIDDEN)
        field.numbers = {
            pk: n for n, pk in enumerate(dialogue.questions.values_list("pk", flat=True), 1)
        }


class CommitmentAnswerForm(forms.Form):
    kept = forms.TypedChoiceField(
        label=_("Kết quả"),
        choices=[("1", _("Đã thực hiện cam kết")), ("0", _("Không thực hiện cam kết"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=_("Nội dung báo cáo"), widget=TEXT)


class DialogueListForm(PeriodListForm):
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

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of ``selectors.dialogues_desk_list`` for a valid form."""
        d = self.cleaned_data
        return {
            "terms": self.terms,
            "status": d.get("status") or "",
            **self.period(),
            "ordering": self.ordering(),
        }


class PlaceField(forms.ModelChoiceField):
    """A unit of ``selectors.public_places`` by its number; anything but a positive 32-bit
    number ("abc", "NaN", a number past 64 bits) is the translated "not a valid choice", never
    a query."""

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= MAX_ID):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(text)

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PublicListForm(PeriodListForm):
    """What the two public lists share (``core.lists``): a place (a unit and what lies under
    it) and a period; every value checked, a bad one a 400 with the form's message."""

    place = PlaceField(
        label=_("Địa bàn, đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from ykien.dialogue.selectors import public_places

        cast(PlaceField, self.fields["place"]).queryset = public_places()

    def filters(self) -> dict[str, Any]:
        """Keyword arguments of the list's selector for a valid form."""
        d = self.cleaned_data
        return {
            "terms": self.terms,
            "status": d.get("status") or "",
            "place": d.get("place"),
            **self.period(),
            "ordering": self.ordering(),
        }


class PublicDialogueListForm(PublicListForm):
    """The public list of dialogues: search over number, topic, head, place, units and invited
    groups; status (public ones only); the place; the session's day."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "day": ("held_on",),
        "topic": ("topic",),
        "unit": ("unit__name",),
        "status": ("status",),
    }
    DEFAULT_SORT: ClassVar[str] = "-day"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[
            ("", _("Tất cả")),
            *[(v, label) for v, label in DialogueStatus.choices if v in DialogueStatus.public()],
        ],
        required=False,
    )
    field_order = ("q", "status", "place", "date_from", "date_to")


class PublicCommitmentListForm(PublicListForm):
    """The public list of commitments: search over number, text, addressee and dialogue;
    status, overdue only, the place (addressee or organiser), the due date."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "due": ("due_on",),
        "addressee": ("addressee__name",),
        "status": ("status",),
        "day": ("dialogue__held_on",),
    }
    DEFAULT_SORT: ClassVar[str] = "due"

    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *CommitmentStatus.choices],
        required=False,
    )
    overdue = forms.BooleanField(label=_("Chỉ cam kết quá hạn"), required=False)
    field_order = ("q", "status", "overdue", "place", "date_from", "date_to")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_from"].label = _("Hạn từ ngày")
        self.fields["date_to"].label = _("Hạn đến ngày")

    def filters(self) -> dict[str, Any]:
        return {**super().filters(), "overdue": bool(self.cleaned_data.get("overdue"))}

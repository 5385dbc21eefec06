from __future__ import annotations

from typing import Any, ClassVar, cast

from captcha.fields import CaptchaField as _LibraryCaptchaField
from captcha.fields import CaptchaTextInput as _LibraryCaptchaTextInput
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from ykien.core.codes import RULE_VARIANTS
from ykien.core.errors import DomainError
from ykien.core.lists import ListForm
from ykien.core.models import AuditEvent
from ykien.core.pickers import PickerField

# Dates people type into the platform's forms: a record of the Front's work, never before 1900 nor
# after 2100. Outside that range a date is a typing slip (or an attack: year 1 overflows when a
# time is converted to UTC), refused with a clear message before anything is saved.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def _check_year(value: Any) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Năm phải từ %(first)s đến %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class DateField(forms.DateField):
    """``forms.DateField`` for a plausible year (``FIRST_YEAR``–``LAST_YEAR``)."""

    default_validators = [_check_year]


#: The browser's date picker, and the ways a date may be typed without it.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateTimeField(forms.DateTimeField):
    """``forms.DateTimeField`` for a plausible year (``FIRST_YEAR``–``LAST_YEAR``)."""

    default_validators = [_check_year]


def form_error(form: forms.BaseForm, exc: DomainError, *, field: str | None = None) -> None:
    """Show a service's refusal on a form: its translated message on the field it names
    (``field``, else ``exc.field``) when the form has that field, else above the form. The one
    way every view turns a ``DomainError`` into a form error; the templates render it."""
    name = field if field is not None else exc.field
    form.add_error(name if name in form.fields else None, str(exc.message))


class CaptchaTextInput(_LibraryCaptchaTextInput):
    """The library's widget drawn by our template: the image's ``alt`` (and the audio link's
    title) translated, where the library writes "captcha" in English."""

    template_name = "core/widgets/captcha.html"


class CaptchaField(_LibraryCaptchaField):
    """django-simple-captcha's field with our own translated messages (the library has no
    Vietnamese catalogue: its "Invalid CAPTCHA" would show on a Vietnamese form) and our
    widget (a translated ``alt``). A form may still pass its own ``error_messages`` or widget."""

    default_error_messages = {
        "invalid": _("Mã xác nhận không đúng, xin nhập lại."),
        "required": _("Xin nhập mã xác nhận."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["error_messages"] = {
            **self.default_error_messages,
            **kwargs.get("error_messages", {}),
        }
        if "widget" not in kwargs:
            kwargs["widget"] = CaptchaTextInput(
                id_prefix=kwargs.pop("id_prefix", None), generator=kwargs.pop("generator", None)
            )
        super().__init__(*args, **kwargs)


class OTPTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số) hoặc mã dự phòng"),
        max_length=16,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip().replace(" ", "").lower()
        if not token.isalnum():
            raise forms.ValidationError(_("Mã xác thực chỉ gồm chữ và số."))
        return token


def _object_types() -> list[tuple[str, Any]]:
    """The kinds of record the log holds events about, by their names in the reader's language
    (the log stores ``app.model``). Only those: a kind nothing was logged about (a search
    index entry, a page view count, the history tables) would only ever find nothing, and a
    kind whose model is gone has no name to show."""
    from django.apps import apps

    from ykien.core.audit import object_type_label

    stored = AuditEvent.objects.exclude(object_type="").values_list("object_type", flat=True)
    kinds = []
    for object_type in stored.order_by().distinct():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        if getattr(model, "instance_type", None) is None:  # simple-history's tables have one
            kinds.append((object_type_label(object_type), object_type))
    return [("", _("Tất cả")), *((value, label) for label, value in sorted(kinds))]


def _actions() -> list[tuple[str, Any]]:
    """Every labelled audit action, by its label in the reader's language (never its code)."""
    from ykien.core.audit import action_choices

    return [("", _("Tất cả")), *action_choices()]


class PeriodListForm(ListForm):
    """A list filtered by a period too: ``date_from`` to ``date_to``, both optional and both
    included (typed as 2026-03-01 or 1/3/2026); an end before the start is an error beside
    "Đến ngày". ``period()`` gives them as ``start`` and ``end``."""

    date_from = DateField(
        label=_("Từ ngày"), required=False, widget=DATE_INPUT, input_formats=DATE_INPUT_FORMATS
    )
    date_to = DateField(
        label=_("Đến ngày"), required=False, widget=DATE_INPUT, input_formats=DATE_INPUT_FORMATS
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("“Đến ngày” phải sau hoặc trùng “Từ ngày”."))
        return data

    def period(self) -> dict[str, Any]:
        return {
            "start": self.cleaned_data.get("date_from"),
            "end": self.cleaned_data.get("date_to"),
        }


MAX_OBJECT_ID = 18  # digits of a record's number


class AuditFilterForm(ListForm):
    """The audit log's search (the record's name, the reason, the person; diacritics ignored),
    filters, sort and page. Every value is checked: an unknown action, a record number that is
    not a number, a page past the end are errors the view answers with 400."""

    SORTS: ClassVar[dict[str, tuple[str, ...]]] = {
        "at": ("at",),
        "action": ("action",),
        "unit": ("unit__name",),
        "actor": ("actor__full_name", "actor__username"),
    }
    DEFAULT_SORT: ClassVar[str] = "-at"

    unit = PickerField(
        label=_("Đơn vị (gồm cấp dưới)"),
        required=False,
        noun=gettext_lazy("đơn vị"),
        help_text=_("Gõ vài chữ của tên đơn vị, rồi chọn."),
    )
    person = PickerField(
        label=_("Người thực hiện"),
        required=False,
        noun=gettext_lazy("cán bộ"),
        help_text=_("Gõ vài chữ của họ tên, rồi chọn."),
    )
    object_type = forms.ChoiceField(
        label=_("Loại đối tượng"), required=False, choices=lambda: _object_types()
    )
    object_id = forms.CharField(
        label=_("Số của đối tượng"),
        required=False,
        max_length=40,
        help_text=_("Số ghi trên hồ sơ, ví dụ số đơn 12."),
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *AuditEvent.Kind.choices], required=False
    )
    action = forms.ChoiceField(label=_("Hành động"), required=False, choices=lambda: _actions())
    date_from = DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, within: set[int] | None = None, **kwargs: Any) -> None:
        """``within``: the units whose log the reader may read (None: all)."""
        from django.urls import reverse

        from ykien.core import pickers
        from ykien.core.selectors import today

        super().__init__(*args, **kwargs)
        unit = cast(PickerField, self.fields["unit"])
        unit.set_url(reverse("core:suggest_units") + ("?pham-vi=cua-toi" if within else ""))
        pickers.unit_picker_field(unit, on=today(), within=within, current_only=False)
        person = cast(PickerField, self.fields["person"])
        person.set_url(reverse("core:suggest_people"))
        pickers.person_picker_field(person, on=today(), within=within)

    def clean_object_id(self) -> str:
        value = (self.cleaned_data.get("object_id") or "").strip().removeprefix("#")
        if value and not (value.isascii() and value.isdigit() and len(value) <= MAX_OBJECT_ID):
            raise forms.ValidationError(
                _("Số của đối tượng phải là một số nguyên dương, ví dụ 12."), code="object_id"
            )
        return str(int(value)) if value else ""

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("“Đến ngày” phải sau “Từ ngày”."))
        return data


class DeadlineForm(forms.Form):
    rule = forms.CharField(label=_("Mã quy tắc"))
    start = DateField(label=_("Ngày bắt đầu"), widget=forms.DateInput(attrs={"type": "date"}))
    variant = forms.ChoiceField(
        label=_("Trường hợp"),
        required=False,
        choices=[("", _("Thông thường")), *RULE_VARIANTS.items()],
    )


class LoginForm(AuthenticationForm):
    """The one sign-in form: officers type their user name, citizens their e-mail address."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Tên đăng nhập (hoặc thư điện tử) hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập hoặc thư điện tử")

from __future__ import annotations

from typing import Any

from captcha.fields import CaptchaField as _LibraryCaptchaField
from captcha.fields import CaptchaTextInput as _LibraryCaptchaTextInput
from django import forms
from django.utils.translation import gettext_lazy as _

from ykien.core.codes import RULE_VARIANTS
from ykien.core.errors import DomainError
from ykien.core.models import AuditEvent


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
    """The kinds of record of the platform's apps, by name (the log stores ``app.model``)."""
    from django.apps import apps
    from django.utils.text import capfirst

    kinds = sorted(
        (str(capfirst(model._meta.verbose_name)), model._meta.label_lower)
        for model in apps.get_models()
        if model.__module__.startswith("ykien.")
    )
    return [("", _("Tất cả")), *((value, label) for label, value in kinds)]


class AuditFilterForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), required=False)
    person = forms.CharField(label=_("Người thực hiện (tên đăng nhập)"), required=False)
    object_type = forms.ChoiceField(
        label=_("Loại đối tượng"), required=False, choices=lambda: _object_types()
    )
    object_id = forms.CharField(label=_("Mã đối tượng"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *AuditEvent.Kind.choices], required=False
    )
    date_from = forms.DateField(
        label=_("Từ ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Đến ngày"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise forms.ValidationError(_("“Đến ngày” phải sau “Từ ngày”."))
        return data


class DeadlineForm(forms.Form):
    rule = forms.CharField(label=_("Mã quy tắc"))
    start = forms.DateField(label=_("Ngày bắt đầu"), widget=forms.DateInput(attrs={"type": "date"}))
    variant = forms.ChoiceField(
        label=_("Trường hợp"),
        required=False,
        choices=[("", _("Thông thường")), *RULE_VARIANTS.items()],
    )

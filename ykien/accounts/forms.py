"""The accounts' forms: allauth's sign-up and password reset with our labels and a captcha, the
profile, the deletion of an account and asking for the confirmation link again."""

from __future__ import annotations

from typing import Any, cast

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from ykien.accounts import selectors
from ykien.accounts.models import Language
from ykien.core.forms import CaptchaField
from ykien.core.models import User

CAPTCHA_LABEL = _("Mã xác nhận (nhập các ký tự trong hình)")
EMAIL_LABEL = _("Địa chỉ e-mail")


def _plain(field: forms.Field, label: Any, *, autocomplete: str | None = None) -> None:
    """Our label on one of allauth's fields, without allauth's English placeholder."""
    field.label = label
    field.widget.attrs.pop("placeholder", None)
    if autocomplete:
        field.widget.attrs["autocomplete"] = autocomplete


class _SamePasswordTwice:
    """allauth writes its "type the same password" error in English (it has no Vietnamese
    catalogue): ours instead."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        form = cast(forms.Form, self)
        one, two = form.data.get("password1"), form.data.get("password2")
        if one and two and one != two:
            form.errors["password2"] = form.error_class([str(_("Hai mật khẩu không giống nhau."))])
            form.cleaned_data.pop("password2", None)
        return cast(dict[str, Any], cleaned)


class SignupForm(_SamePasswordTwice, allauth_forms.SignupForm):
    """Sign-up: name, e-mail, password twice, captcha. An address that already has an account
    passes like any other (allauth then mails its owner instead of making a second account)."""

    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    captcha = CaptchaField(label=CAPTCHA_LABEL)

    field_order = ["full_name", "email", "password1", "password2", "captcha"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["email"], EMAIL_LABEL, autocomplete="email")
        _plain(self.fields["password1"], _("Mật khẩu"), autocomplete="new-password")
        _plain(self.fields["password2"], _("Nhập lại mật khẩu"), autocomplete="new-password")
        self.fields["password1"].help_text = _(
            "Ít nhất 10 ký tự; không dùng mật khẩu quá phổ biến, không chỉ gồm chữ số."
        )
        self.order_fields(self.field_order)

    def clean_full_name(self) -> str:
        from ykien.core.text import nfc

        name = " ".join(nfc(self.cleaned_data["full_name"]).split())
        if not name:
            raise forms.ValidationError(_("Xin nhập họ và tên."))
        return name


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    """ "Quên mật khẩu": the address and a captcha. Always the same answer (no enumeration)."""

    captcha = CaptchaField(label=CAPTCHA_LABEL)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["email"], EMAIL_LABEL, autocomplete="email")


class ResetPasswordKeyForm(_SamePasswordTwice, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["password1"], _("Mật khẩu mới"), autocomplete="new-password")
        _plain(self.fields["password2"], _("Nhập lại mật khẩu mới"), autocomplete="new-password")


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=EMAIL_LABEL, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    captcha = CaptchaField(label=CAPTCHA_LABEL)


class CommuneSearchForm(forms.Form):
    """The search field above the commune list: a name today or a name before the mergers."""

    tim = forms.CharField(
        label=_("Tìm xã, phường (cả tên cũ trước khi sáp nhập)"),
        max_length=80,
        required=False,
    )


class CommuneSelect(forms.Select):
    """The communes grouped by province (``<optgroup>``), each option its place name."""


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    commune = forms.TypedChoiceField(
        label=_("Xã, phường nơi bạn sinh sống"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=CommuneSelect,
        error_messages={
            "invalid_choice": _("Xã, phường không có trong danh sách hiện hành. Xin chọn lại."),
        },
    )
    language = forms.ChoiceField(
        label=_("Ngôn ngữ của trang và thư gửi bạn"), choices=Language.choices
    )

    def __init__(
        self, *args: Any, choices: list[selectors.CommuneChoice] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        options = choices if choices is not None else selectors.commune_choices()
        self.commune_count = len(options)
        groups: dict[str, list[tuple[int, str]]] = {}
        for choice in options:
            label = choice.label
            if choice.formerly:
                label = _("%(name)s (trước đây thuộc %(former)s)") % {
                    "name": choice.label,
                    "former": ", ".join(choice.formerly),
                }
            groups.setdefault(choice.province, []).append((choice.unit.pk, label))
        field = self.fields["commune"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 (declared above)
        field.choices = [("", _("— Chưa chọn —")), *groups.items()]

    def clean_full_name(self) -> str:
        from ykien.core.text import nfc

        name = " ".join(nfc(self.cleaned_data["full_name"]).split())
        if not name:
            raise forms.ValidationError(_("Xin nhập họ và tên."))
        return name


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Mật khẩu hiện tại"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Tôi hiểu rằng tài khoản và dữ liệu cá nhân sẽ bị xóa và không khôi phục được."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

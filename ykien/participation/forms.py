from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ykien.core.forms import CaptchaField
from ykien.participation.models import Delivery


class FollowForm(forms.Form):
    kind = forms.CharField(max_length=60, widget=forms.HiddenInput)
    object_id = forms.CharField(max_length=40, widget=forms.HiddenInput)
    next = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)


class EmailFollowForm(FollowForm):
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        help_text=_(
            "Chúng tôi gửi một thư có đường dẫn xác nhận (hiệu lực 3 ngày). Mỗi thư thông báo "
            "đều có đường dẫn để ngừng nhận."
        ),
    )
    captcha = CaptchaField(
        label=_("Mã xác nhận"),
        help_text=_("Nhập các ký tự trong hình."),
        error_messages={
            "invalid": _("Mã xác nhận không đúng; xin nhập mã trong hình mới."),
            "required": _("Xin nhập mã xác nhận."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["captcha"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        )


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Nhận thông báo qua thư điện tử"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )

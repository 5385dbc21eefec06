"""Forms of the portal. Validation of content (lengths, images) is the services'; the forms
parse input and keep what the user typed when something is wrong."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ykien.core.forms import CaptchaField, DateTimeField
from ykien.portal.models import ArticleStatus


class FeedbackForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(
        label=_("Nội dung"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tối đa 5.000 ký tự. Ý kiến được đăng sau khi đơn vị duyệt."),
    )
    captcha = CaptchaField(
        label=_("Mã xác nhận"),
        help_text=_("Nhập các ký tự trong hình."),
        error_messages={
            "invalid": _(
                "Mã xác nhận không đúng. Nội dung bạn viết vẫn được giữ nguyên; "
                "xin nhập mã trong hình mới."
            ),
            "required": _("Xin nhập mã xác nhận."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["captcha"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        )


class ArticleForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị"))
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    byline = forms.CharField(label=_("Tác giả"), max_length=150)
    summary = forms.CharField(
        label=_("Tóm tắt"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    body = forms.CharField(
        label=_("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Các đoạn cách nhau một dòng trống; dòng bắt đầu bằng “## ” là tiêu đề mục."),
    )
    tags = forms.CharField(
        label=_("Chủ đề"),
        required=False,
        max_length=500,
        help_text=_("Cách nhau bằng dấu phẩy, ví dụ: Giám sát, Phản biện xã hội"),
    )
    links = forms.MultipleChoiceField(
        label=_("Liên kết đến dự thảo, hoạt động giám sát"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(
        self,
        *args: Any,
        units: list[tuple[str, str]],
        linkable: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["unit"]).choices = units
        cast(forms.MultipleChoiceField, self.fields["links"]).choices = linkable

    def tag_names(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("tags", "").split(",") if t.strip()]

    def link_dicts(self) -> list[dict[str, str]]:
        result = []
        for value in self.cleaned_data.get("links", []):
            kind, _sep, key = value.partition(":")
            result.append({"kind": kind, "key": key})
        return result

    def article(self) -> dict[str, Any]:
        """What the article services take from the form (``article_create``, ``article_update``)."""
        texts = {key: self.cleaned_data[key] for key in ("title", "summary", "body", "byline")}
        return texts | {"tags": self.tag_names(), "links": self.link_dicts()}


class PhotoForm(forms.Form):
    # A plain FileField: the service checks the content with Pillow (never the extension).
    image = forms.FileField(
        label=_("Tệp ảnh"),
        help_text=_("JPEG, PNG, WebP hoặc GIF, tối đa 8 MB; thông tin EXIF được xóa khi lưu."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    alt = forms.CharField(
        label=_("Mô tả ảnh cho người khiếm thị"),
        max_length=255,
        help_text=_("Ảnh cho thấy điều gì, viết ngắn gọn."),
    )
    caption = forms.CharField(label=_("Chú thích"), max_length=500, required=False)
    credit = forms.CharField(label=_("Người chụp"), max_length=150, required=False)


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Chuyển sang"), choices=ArticleStatus.choices)
    publish_at = DateTimeField(
        label=_("Thời điểm hẹn đăng"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("published", _("Đăng")), ("rejected", _("Không đăng")), ("reply", _("Trả lời"))]
    )
    note = forms.CharField(label=_("Lý do không đăng"), max_length=255, required=False)
    reply = forms.CharField(
        label=_("Trả lời của đơn vị"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), max_length=200, required=False)
    loai = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class PetitionLookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã tra cứu phản ánh, kiến nghị"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

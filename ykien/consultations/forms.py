"""Forms of the consultations app. Length limits on free text are checked by the services so
that an over-long text is refused with a message and kept in the form."""

from __future__ import annotations

import contextlib
from collections import Counter
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ykien.consultations.models import (
    Answer,
    CritiqueForm,
    Draft,
    DraftKind,
    NodeKind,
    Stance,
)
from ykien.consultations.services import MAX_UPLOAD_BYTES, early_close_reason_message
from ykien.core.forms import CaptchaField, DateField, DateTimeField
from ykien.core.models import Unit, UnitKind
from ykien.core.pickers import PickerField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _size_mb(size: int) -> str:
    return f"{size / 1048576:.1f}".replace(".", ",")


class UploadField(forms.FileField):
    """A file field that refuses an over-size upload before anything reads it."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile) and value.size and value.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp có dung lượng %(size)s MB, vượt quá giới hạn %(limit)s MB.")
                % {"size": _size_mb(value.size), "limit": MAX_UPLOAD_BYTES // 1048576},
                code="too_large",
            )
        return value


def unit_labels(units: list[Unit]) -> list[tuple[int, str]]:
    """``(id, label)`` of ``units``: the name, followed by the parent unit's name where two
    listed units share a name (and by the code if that still does not tell them apart)."""
    names = Counter(u.name for u in units)
    labels = {
        u.pk: f"{u.name} ({u.parent.name})" if names[u.name] > 1 and u.parent else u.name
        for u in units
    }
    repeated = Counter(labels.values())
    return [
        (u.pk, f"{labels[u.pk]} — {u.code}" if repeated[labels[u.pk]] > 1 else labels[u.pk])
        for u in units
    ]


class DraftForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị tiếp nhận"), queryset=Unit.objects.none())
    drafting_unit = forms.ModelChoiceField(
        label=_("Cơ quan soạn thảo"), queryset=Unit.objects.none()
    )
    title = forms.CharField(label=_("Tên dự thảo"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DraftKind.choices)
    form = forms.ChoiceField(label=_("Hình thức phản biện"), choices=CritiqueForm.choices)
    received_on = DateField(label=_("Ngày nhận"), widget=DATE)
    comment_start = DateField(label=_("Bắt đầu lấy ý kiến"), required=False, widget=DATE)
    comment_end = DateField(label=_("Hết hạn góp ý"), required=False, widget=DATE)
    summary = forms.CharField(
        label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = UploadField(
        label=_("Văn bản dự thảo (.docx, .pdf hoặc .txt, tối đa 20 MB)"),
        required=False,
    )

    def __init__(
        self, *args: Any, units: list[Unit], on: Any, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])  # type: ignore[attr-defined]
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
        if editing:
            for name in ("unit", "drafting_unit", "file"):
                del self.fields[name]
            return
        # Any drafting body is accepted here (the service refuses, with its reason, one not in
        # force on the received date); the list offers those in force on that date (or ``on``).
        field = cast(forms.ModelChoiceField, self.fields["drafting_unit"])
        bodies = Unit.objects.filter(
            kind__in=[UnitKind.STATE, UnitKind.PARTY],
            level__in=["central", "province", "district"],
        )
        field.queryset = bodies
        day = on
        if self.is_bound:
            with contextlib.suppress(forms.ValidationError):
                day = self.fields["received_on"].clean(self.data.get("received_on")) or on
        listed = list(bodies.valid_on(day).select_related("parent").order_by("name"))
        cast(forms.Select, field.widget).choices = [
            ("", field.empty_label or ""),
            *unit_labels(listed),
        ]


class VersionUploadForm(forms.Form):
    file = UploadField(label=_("Văn bản (.docx, .pdf hoặc .txt, tối đa 20 MB)"))
    note = forms.CharField(label=_("Ghi chú phiên bản"), required=False, max_length=500)


class PublishForm(forms.Form):
    comment_start = DateField(label=_("Bắt đầu lấy ý kiến"), required=False, widget=DATE)
    comment_end = DateField(label=_("Hết hạn góp ý"), required=False, widget=DATE)


class TreeEditForm(forms.Form):
    op = forms.ChoiceField(choices=[("merge", "merge"), ("split", "split"), ("retype", "retype")])
    path = forms.CharField(max_length=100)
    other = forms.CharField(max_length=100, required=False)
    offset = forms.IntegerField(required=False, min_value=1)
    kind = forms.ChoiceField(label=_("Loại"), choices=NodeKind.choices, required=False)
    number = forms.CharField(label=_("Số"), max_length=40, required=False)
    title = forms.CharField(label=_("Tiêu đề"), max_length=1000, required=False)

    @staticmethod
    def parse_path(value: str) -> list[int]:
        try:
            return [int(p) for p in value.split(".") if p != ""]
        except ValueError as exc:
            raise forms.ValidationError(_("Vị trí không hợp lệ.")) from exc

    def clean_path(self) -> list[int]:
        return self.parse_path(self.cleaned_data["path"])

    def clean_other(self) -> list[int]:
        return self.parse_path(self.cleaned_data.get("other") or "")


class CommentForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Ý kiến của bạn"), choices=Stance.choices, widget=forms.RadioSelect
    )
    proposed_wording = forms.CharField(
        label=_("Cách viết đề xuất"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ghi nội dung điều, khoản theo cách bạn đề xuất (nếu có)."),
    )
    reasons = forms.CharField(
        label=_("Lý do, ý kiến cụ thể"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tối đa 20.000 ký tự."),
    )

    def __init__(self, *args: Any, anonymous: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if anonymous:
            self.fields["captcha"] = CaptchaField(
                label=_("Mã xác nhận"), help_text=_("Nhập các ký tự trong hình.")
            )


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("Lý do báo cáo"), required=False, max_length=300)


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Nhận định ngắn về dự thảo"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Tối đa 300 ký tự; nhận định của người dân được cán bộ duyệt trước khi biểu quyết."
        ),
    )

    def __init__(self, *args: Any, captcha: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if captcha:
            self.fields["captcha"] = CaptchaField(
                label=_("Mã xác nhận"), help_text=_("Nhập các ký tự trong hình.")
            )


class VoteForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.TypedChoiceField(
        coerce=int, choices=[(1, _("Đồng ý")), (-1, _("Không đồng ý")), (0, _("Bỏ qua"))]
    )

    def __init__(self, *args: Any, captcha: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if captcha:
            self.fields["captcha"] = CaptchaField(
                label=_("Mã xác nhận"), help_text=_("Nhập các ký tự trong hình.")
            )


class ModerateForm(forms.Form):
    to = forms.ChoiceField(
        choices=[
            ("visible", _("Hiển thị")),
            ("hidden", _("Ẩn")),
            ("active", _("Đưa ra biểu quyết")),
            ("rejected", _("Không đưa ra biểu quyết")),
        ]
    )
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=500)


class TransitionForm(forms.Form):
    """A move of the draft an officer makes (``lifecycle.DRAFT_MANUAL``). Closing before the announced
    end (``early``) needs a reason and the confirmation box ticked; the service checks the
    reason again."""

    to = forms.ChoiceField(
        choices=[("open", "open"), ("closed", "closed"), ("consolidating", "consolidating")]
    )
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)
    comment_end = DateField(label=_("Hạn góp ý mới"), required=False, widget=DATE)
    confirm_early = forms.BooleanField(required=False)

    def __init__(self, *args: Any, draft: Any = None, early: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.early = early

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        if data.get("to") == "closed" and self.early:
            if not any(ch.isalnum() for ch in data.get("reason") or ""):
                self.add_error("reason", early_close_reason_message(self.draft))
            if not data.get("confirm_early"):
                self.add_error(
                    "confirm_early",
                    _("Hãy đánh dấu ô xác nhận để kết thúc lấy ý kiến trước hạn."),
                )
        return data


class InviteForm(forms.Form):
    experts = forms.MultipleChoiceField(
        label=_("Chuyên gia"), widget=forms.CheckboxSelectMultiple, choices=[]
    )
    due = DateField(label=_("Hạn gửi ý kiến"), widget=DATE)
    message = forms.CharField(
        label=_("Lời mời"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experts"].choices = choices  # type: ignore[attr-defined]


class ExpertOpinionForm(forms.Form):
    overall = forms.CharField(
        label=_("Ý kiến chung về dự thảo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    signed_name = forms.CharField(label=_("Họ tên người ký"), max_length=300)
    confirmed = forms.BooleanField(
        label=_("Tôi xác nhận đây là ý kiến của tôi và ký tên dưới đây."), required=False
    )

    def __init__(self, *args: Any, nodes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.node_fields: list[tuple[Any, str]] = []
        for node in nodes:
            name = f"node_{node.pk}"
            self.fields[name] = forms.CharField(
                label=_("Ý kiến về %(label)s") % {"label": node.label_text},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.node_fields.append((node, name))

    @property
    def node_rows(self) -> list[tuple[Any, forms.BoundField]]:
        """Each commentable node with its field, in reading order (the page shows the node's
        heading and text above its box)."""
        return [(node, self[name]) for node, name in self.node_fields]

    def per_node(self) -> dict[int, str]:
        return {
            node.pk: self.cleaned_data.get(name) or ""
            for node, name in self.node_fields
            if self.cleaned_data.get(name)
        }


class ConferenceForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[("conference", _("Hội nghị phản biện")), ("dialogue", _("Đối thoại trực tiếp"))],
    )
    held_at = DateTimeField(
        label=_("Thời gian"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    participants = forms.CharField(
        label=_("Thành phần tham dự"), widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = forms.CharField(
        label=_("Biên bản"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    conclusions = forms.CharField(
        label=_("Kết luận"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class AttachmentForm(forms.Form):
    file = UploadField(label=_("Tài liệu (PDF, DOCX, PNG, JPEG; tối đa 20 MB)"))


class PointForm(forms.Form):
    title = forms.CharField(label=_("Vấn đề"), max_length=300)
    text = forms.CharField(
        label=_("Nội dung phản biện, kiến nghị"), widget=forms.Textarea(attrs={"rows": 6})
    )
    nodes = forms.MultipleChoiceField(
        label=_("Điều, khoản liên quan"),
        required=False,
        choices=[],
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    comments = PickerField(
        label=_("Các góp ý dẫn chứng"),
        required=False,
        multiple=True,
        noun=_("góp ý"),
        help_text=_("Gõ vài chữ của góp ý (hoặc số góp ý #) rồi chọn; có thể chọn nhiều góp ý."),
    )
    opinions = forms.MultipleChoiceField(
        label=_("Ý kiến chuyên gia"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )
    from_conference = forms.BooleanField(label=_("Từ kết luận hội nghị phản biện"), required=False)

    def __init__(
        self,
        *args: Any,
        node_choices: list[tuple[int, str]],
        opinion_choices: list[tuple[int, str]],
        draft: Draft | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nodes"].choices = node_choices  # type: ignore[attr-defined]
        self.fields["opinions"].choices = opinion_choices  # type: ignore[attr-defined]
        if draft is not None:
            from django.urls import reverse

            from ykien.consultations import pickers

            field = cast(PickerField, self.fields["comments"])
            field.set_url(reverse("consultations:suggest_comments", args=[draft.pk]))
            pickers.comment_field(field, draft=draft)
            if not self.is_bound and self.initial.get("comments"):
                picked = [field.get(pk) for pk in self.initial["comments"]]
                field.widget.picked = [field.describe(c) for c in picked if c is not None]  # type: ignore[attr-defined]

    def clean_comments(self) -> list[int]:
        """The ids of the picked comments (the service checks they belong to the draft)."""
        return [c.pk for c in self.cleaned_data.get("comments") or []]


class DocumentForm(forms.Form):
    number_symbol = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        help_text=_("Khi soạn có thể để “…”; phải ghi số thật trước khi ban hành."),
    )
    place = forms.CharField(label=_("Địa danh"), max_length=100)
    intro = forms.CharField(label=_("Phần mở đầu"), widget=forms.Textarea(attrs={"rows": 5}))
    conclusion = forms.CharField(
        label=_("Phần kết luận"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một nơi nhận."),
    )
    signer_authority = forms.CharField(label=_("Thẩm quyền ký"), required=False, max_length=100)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    answer_days = forms.IntegerField(
        label=_("Số ngày để cơ quan soạn thảo trả lời"),
        min_value=1,
        max_value=365,
        initial=30,
        help_text=_("Luật không quy định thời hạn trả lời văn bản phản biện; mặc định 30 ngày."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=500)


class IssueForm(forms.Form):
    """The leader issues the document with its number in the unit's register."""

    number_symbol = forms.CharField(
        label=_("Số, ký hiệu"),
        max_length=60,
        required=False,
        help_text=_("Số theo sổ đăng ký văn bản của đơn vị, ví dụ 12/VB-MTTQ-BTT."),
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Kết quả"), choices=Answer.choices, widget=forms.RadioSelect)
    answer_text = forms.CharField(
        label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 4})
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên khóa (để bạn nhận ra)"), max_length=100)

"""The codes of the petitions app, each listed once with its translated label: the steps of a
petition, the texts a step shows the sender (stored as a code and its values, written out in the
reader's language when shown) and the audit actions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PetitionAction(models.TextChoices):
    """A step of a petition (``PetitionEvent.action``; the lifecycle's action names)."""

    SUBMIT = "submit", _("Tiếp nhận đơn")
    CLASSIFY = "classify", _("Phân loại")
    ASSIGN = "assign", _("Giao cán bộ xử lý")
    ACCEPT = "accept", _("Thụ lý")
    REFUSE = "refuse", _("Không thụ lý")
    TRANSFER = "transfer", _("Chuyển đơn")
    MERGE = "merge", _("Gộp đơn trùng")
    EXTEND = "extend", _("Gia hạn")
    SETTLE = "settle", _("Giải quyết")
    ANSWER = "answer", _("Trả lời người gửi")
    RATE = "rate", _("Người gửi đánh giá")


class StepText(models.TextChoices):
    """What a step says to the sender on the status page. The label is the Vietnamese text with
    ``%(name)s`` placeholders; the values are stored with the step (``PetitionEvent.params``)
    and written in when the text is shown (``PetitionEvent.text``)."""

    RECEIVED = "received", _("Đã tiếp nhận đơn.")
    RECEIVED_AS_INFORMATION = (
        "received_as_information",
        _(
            "Đã tiếp nhận. Tố cáo không rõ họ tên, địa chỉ người tố cáo được tiếp nhận như thông "
            "tin phản ánh, không xử lý theo thủ tục giải quyết tố cáo (Luật Tố cáo 2018, Điều 25)."
        ),
    )
    CLASSIFIED = "classified", _("Phân loại: %(kind)s.")
    ACCEPTED = "accepted", _("Đã thụ lý; hạn giải quyết %(due)s.")
    REFUSED = "refused", _("Không thụ lý: %(ground)s (%(basis)s).")
    TRANSFERRED = "transferred", _("Chuyển đơn từ %(from)s đến %(to)s.")
    MERGED = (
        "merged",
        _("Đơn trùng nội dung với đơn khác của cùng người gửi; được gộp để giải quyết chung."),
    )
    EXTENDED = "extended", _("Gia hạn đến %(due)s.")
    SETTLED = "settled", _("Đã có kết quả giải quyết.")
    RATED = "rated", _("Người gửi đánh giá mức hài lòng: %(n)s/5.")


# Sentences added to a step's text or internal note when its values say so.
REROUTED = _("Đơn vị đã chọn không còn hoạt động; đơn được chuyển tới %(unit)s.")
TRANSFERRED_TO_SUCCESSOR = _("(%(unit)s đã sáp nhập vào đơn vị này.)")
TRANSFERRED_LATE = _("Chuyển quá hạn %(due)s.")
MERGED_FROM = _("Gộp đơn #%(id)s vào đơn này.")


class AuditAction(models.TextChoices):
    """The actions the petitions app writes to the audit log."""

    SUBMIT = "petition.submit", _("Tiếp nhận đơn thư")
    CLASSIFY = "petition.classify", _("Phân loại đơn thư")
    ASSIGN = "petition.assign", _("Giao cán bộ xử lý đơn thư")
    ACCEPT = "petition.accept", _("Thụ lý đơn thư")
    REFUSE = "petition.refuse", _("Không thụ lý đơn thư")
    TRANSFER = "petition.transfer", _("Chuyển đơn thư")
    MERGE = "petition.merge", _("Gộp đơn thư trùng")
    EXTEND = "petition.extend", _("Gia hạn giải quyết đơn thư")
    SETTLE = "petition.settle", _("Ghi kết quả giải quyết đơn thư")
    ANSWER = "petition.answer", _("Trả lời người gửi đơn")
    RATE = "petition.rate", _("Người gửi đánh giá kết quả")
    APIKEY_CREATE = "petition.apikey.create", _("Cấp khóa ứng dụng Open311")
    APIKEY_REVOKE = "petition.apikey.revoke", _("Thu hồi khóa ứng dụng Open311")
    ROTATE_KEYS = "petition.rotate_keys", _("Đổi khóa mã hóa thông tin người gửi")


# Audit details that are not fields of the audited record, or fields without a label.
AUDIT_DETAIL_LABELS = {
    "petitions": _("Số đơn thư"),
    "attachments": _("Số tệp đính kèm"),
    "accept_rule": _("Quy tắc thời hạn thụ lý"),
    "accept_variant": _("Trường hợp của thời hạn thụ lý"),
    "settle_rule": _("Quy tắc thời hạn giải quyết"),
    "settle_variant": _("Trường hợp của thời hạn giải quyết"),
    "settle_length": _("Số ngày giải quyết"),
    "rated_at": _("Thời điểm đánh giá"),
    "api_client": _("Ứng dụng Open311"),
}

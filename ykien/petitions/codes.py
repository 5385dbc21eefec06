"""The codes of the petitions app, each listed once with its translated label: the steps of a
petition, the texts a step shows the sender (stored as a code and its values, written out in the
reader's language when shown) and the audit actions."""

from __future__ import annotations

from typing import Any

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


class ErrorCode(models.TextChoices):
    """The ``code`` of every ``DomainError`` the petitions app raises (besides the engine's
    ``forbidden``, ``invalid_transition`` and ``unknown_action``, and the codes of
    ``core.files`` and ``core.validation`` it passes on); the label says what went wrong."""

    NOT_FOUND = "not_found", _("Không tìm thấy đơn với mã tra cứu")
    BAD_KIND = "bad_kind", _("Loại đơn không hợp lệ")
    BAD_CHANNEL = "bad_channel", _("Kênh tiếp nhận không hợp lệ")
    REQUIRED = "required", _("Thiếu thông tin bắt buộc")
    BAD_POINT = "bad_point", _("Tọa độ không hợp lệ")
    TOO_MANY = "too_many", _("Quá nhiều tệp đính kèm")
    FUTURE = "future", _("Ngày ở tương lai")
    NO_CODE = "no_code", _("Không tạo được mã tra cứu")
    MARKUP = "markup", _("Có mã HTML hoặc mã lệnh")
    CONTROL = "control", _("Có ký tự không hợp lệ")
    TOO_LONG = "too_long", _("Quá dài")
    BAD_ID_NUMBER = "bad_id_number", _("Số định danh cá nhân không hợp lệ")
    BAD_EMAIL = "bad_email", _("Địa chỉ thư điện tử không hợp lệ")
    ANONYMOUS_COMPLAINT = "anonymous_complaint", _("Khiếu nại nặc danh")
    ANONYMOUS = "anonymous", _("Đơn nặc danh không thể là khiếu nại, tố cáo")
    TOO_LARGE = "too_large", _("Tệp quá lớn")
    EMPTY_FILE = "empty_file", _("Tệp rỗng")
    BAD_TYPE = "bad_type", _("Loại tệp không được nhận")
    TYPE_MISMATCH = "type_mismatch", _("Nội dung tệp không khớp với tên tệp")
    NO_SUCCESSOR = "no_successor", _("Đơn vị không còn hoạt động, không có đơn vị kế thừa")
    AMBIGUOUS_SUCCESSOR = "ambiguous_successor", _("Đơn vị đã sáp nhập vào nhiều đơn vị")
    NOT_HANDLER = "not_handler", _("Không phải cán bộ xử lý đơn thư của đơn vị")
    BAD_DATE = "bad_date", _("Ngày thụ lý trước ngày tiếp nhận")
    NOT_ACCEPTED = "not_accepted", _("Đơn chưa được thụ lý")
    BAD_GROUND = "bad_ground", _("Lý do không thụ lý không phù hợp với loại đơn")
    SAME_UNIT = "same_unit", _("Đơn đã ở đơn vị này")
    SELF = "self", _("Gộp một đơn vào chính nó")
    CLOSED_TARGET = "closed_target", _("Đơn được gộp vào đã kết thúc")
    DIFFERENT_SENDER = "different_sender", _("Hai đơn không cùng người gửi")
    NO_EXTENSION = "no_extension", _("Luật không cho phép gia hạn thêm")
    ALREADY_RATED = "already_rated", _("Đơn đã được đánh giá")
    BAD_RATING = "bad_rating", _("Mức đánh giá không hợp lệ")
    DUPLICATE = "duplicate", _("Tên ứng dụng đã có")
    NO_MATCH = "no_match", _("Mã tra cứu và thư điện tử không khớp")
    CLOSED = "closed", _("Đơn đã kết thúc")
    NO_RECIPIENT = "no_recipient", _("Không có cán bộ xử lý nhận thư nhắc")
    PENDING_LOST = "pending_lost", _("Tệp đã tải lên không còn đọc được")


# The audit labels of the lifecycle's steps (``petitions.petition.<action>``).
STEP_AUDIT_LABELS: dict[str, Any] = {
    PetitionAction.SUBMIT: _("Tiếp nhận đơn thư"),
    PetitionAction.CLASSIFY: _("Phân loại đơn thư"),
    PetitionAction.ASSIGN: _("Giao cán bộ xử lý đơn thư"),
    PetitionAction.ACCEPT: _("Thụ lý đơn thư"),
    PetitionAction.REFUSE: _("Không thụ lý đơn thư"),
    PetitionAction.TRANSFER: _("Chuyển đơn thư"),
    PetitionAction.MERGE: _("Gộp đơn thư trùng"),
    PetitionAction.EXTEND: _("Gia hạn giải quyết đơn thư"),
    PetitionAction.SETTLE: _("Ghi kết quả giải quyết đơn thư"),
    PetitionAction.ANSWER: _("Trả lời người gửi đơn"),
    PetitionAction.RATE: _("Người gửi đánh giá kết quả"),
}


class AuditAction(models.TextChoices):
    """The actions the petitions app writes to the audit log besides its lifecycle's steps."""

    APIKEY_CREATE = "petition.apikey.create", _("Cấp khóa ứng dụng Open311")
    APIKEY_REVOKE = "petition.apikey.revoke", _("Thu hồi khóa ứng dụng Open311")
    ATTACH = "petitions.petition.attach", _("Người gửi gắn đơn vào tài khoản của mình")
    DETACH = "petitions.petition.detach", _("Gỡ đơn khỏi tài khoản đã xóa của người gửi")


# Actions written before the lifecycle engine (``petition.<action>``) and before key rotation
# moved to ``core.pii``: still labelled, for the rows already in the log.
LIFECYCLE_LABELS = {"petitions.petition": STEP_AUDIT_LABELS}

FORMER_AUDIT_ACTIONS = {
    **{f"petition.{action}": label for action, label in STEP_AUDIT_LABELS.items()},
    "petition.rotate_keys": _("Đổi khóa mã hóa thông tin người gửi"),
}


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

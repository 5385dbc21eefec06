"""The codes of the identity app, each with its translated label: why a sign-in or an identity
token was refused. Stored and logged as codes; a person reads the label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    NOT_CONFIGURED = (
        "not_configured",
        _("Chưa có nhà cung cấp định danh điện tử nào được cấu hình cho trang này"),
    )
    PROVIDER_UNREACHABLE = (
        "provider_unreachable",
        _("Không kết nối được với nhà cung cấp định danh điện tử; hãy thử lại sau ít phút"),
    )
    MALFORMED = "malformed", _("Mã định danh không đúng định dạng")
    BAD_SIGNATURE = "bad_signature", _("Chữ ký của mã định danh không hợp lệ")
    UNSUPPORTED_ALGORITHM = (
        "unsupported_algorithm",
        _("Mã định danh dùng thuật toán ký không được chấp nhận"),
    )
    UNKNOWN_KEY = "unknown_key", _("Mã định danh được ký bằng khóa không rõ nguồn gốc")
    EXPIRED = "expired", _("Mã định danh đã hết hạn; hãy đăng nhập lại")
    NOT_YET_VALID = "not_yet_valid", _("Mã định danh chưa có hiệu lực")
    WRONG_ISSUER = "wrong_issuer", _("Mã định danh không do nhà cung cấp đã cấu hình cấp")
    WRONG_AUDIENCE = "wrong_audience", _("Mã định danh không cấp cho trang này")
    MISSING_CLAIM = "missing_claim", _("Mã định danh thiếu thông tin bắt buộc")
    UNKNOWN_PROVINCE = (
        "unknown_province",
        _("Tỉnh, thành phố trong mã định danh không thuộc 34 tỉnh, thành phố hiện hành"),
    )
    # The sign-in in the browser.
    BAD_STATE = (
        "bad_state",
        _("Phiên đăng nhập không khớp hoặc đã hết hạn; hãy bắt đầu đăng nhập lại từ trang này"),
    )
    CODE_REJECTED = (
        "code_rejected",
        _("Nhà cung cấp định danh từ chối mã xác thực (đã dùng hoặc hết hạn); hãy đăng nhập lại"),
    )
    PROVIDER_REFUSED = (
        "provider_refused",
        _("Việc đăng nhập đã bị hủy hoặc bị nhà cung cấp định danh từ chối"),
    )
    PROVIDER_ERROR = (
        "provider_error",
        _("Nhà cung cấp định danh trả lời không hợp lệ; hãy thử lại sau"),
    )

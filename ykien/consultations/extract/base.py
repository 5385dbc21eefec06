"""What every reader shares: the limits, the error and warning codes with their English and
Vietnamese messages, the error raised and the result returned."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from ykien.core.errors import DomainError

DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024
#: Most a .docx may unpack to (all its parts), and the longest text read from any file.
DEFAULT_MAX_UNPACKED: Final = 50 * 1024 * 1024
#: Most parts a .docx may hold (Word writes a few dozen).
MAX_MEMBERS: Final = 1000

SourceType = Literal["docx", "pdf", "txt"]
TEXT_EXTENSIONS: Final = frozenset({"txt", "text", "md", ""})

#: Error codes → (English, Vietnamese) message templates.
MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "too_large": (
        "The file is {size_mb} MB; files up to {limit_mb} MB are accepted.",
        "Tệp có dung lượng {size_mb} MB, vượt quá giới hạn {limit_mb} MB.",
    ),
    "unpacked_too_large": (
        "The compressed file unpacks too large (over {limit_mb} MB); it may be damaged or "
        "malicious. Open it, save it again and upload it.",
        "Tệp nén giải nén ra quá lớn (vượt {limit_mb} MB); tệp có thể bị hỏng hoặc độc hại. "
        "Hãy mở, lưu lại tài liệu rồi tải lên.",
    ),
    "too_many_members": (
        "The compressed file holds too many parts (at most {limit}); save the document again "
        "and upload it.",
        "Tệp nén chứa quá nhiều tệp thành phần (tối đa {limit}); hãy lưu lại tài liệu rồi tải lên.",
    ),
    "text_too_large": (
        "The text read from the file is too long ({size_mb} MB; at most {limit_mb} MB).",
        "Nội dung văn bản đọc được quá dài ({size_mb} MB, tối đa {limit_mb} MB).",
    ),
    "too_slow": (
        "Reading the file took too long (more than {seconds} seconds); split it into smaller "
        "files or save it again as a plain .docx.",
        "Đọc tệp mất quá nhiều thời gian (hơn {seconds} giây); hãy chia thành các tệp nhỏ hơn "
        "hoặc lưu lại thành tệp .docx thông thường.",
    ),
    "empty_file": ("The file is empty.", "Tệp trống, không có nội dung."),
    "unsupported_type": (
        "This kind of file cannot be read; upload a .docx, .pdf or .txt file.",
        "Không đọc được loại tệp này; hãy tải lên tệp .docx, .pdf hoặc .txt.",
    ),
    "type_mismatch": (
        "The file is named .{ext} but its content is not a {ext_upper} document.",
        "Tệp có đuôi .{ext} nhưng nội dung không phải tài liệu {ext_upper}.",
    ),
    "doc_legacy": (
        "The old Word format (.doc) is not supported; save the file as .docx or PDF and upload it "
        "again.",
        "Chưa hỗ trợ định dạng Word cũ (.doc); hãy lưu lại thành .docx hoặc PDF rồi tải lên.",
    ),
    "docx_encrypted": (
        "The Word document is password-protected; remove the password and upload it again.",
        "Tệp Word được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại.",
    ),
    "docx_malformed": (
        "The Word document is damaged and cannot be read.",
        "Tệp Word bị hỏng, không đọc được.",
    ),
    "docx_empty": ("The Word document contains no text.", "Tệp Word không có nội dung."),
    "pdf_encrypted": (
        "The PDF is password-protected; remove the password and upload it again.",
        "Tệp PDF được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại.",
    ),
    "pdf_malformed": ("The PDF is damaged and cannot be read.", "Tệp PDF bị hỏng, không đọc được."),
    "pdf_no_text": (
        "The PDF has no readable text (a scan or a picture?); upload the .docx, or a PDF saved "
        "from the original text.",
        "Tệp PDF không có lớp chữ đọc được (bản quét hoặc ảnh chụp?); hãy tải lên tệp .docx "
        "hoặc tệp PDF xuất từ văn bản gốc.",
    ),
    "txt_encoding": (
        "The text file is not in a readable encoding; save it as UTF-8 and upload it again.",
        "Tệp văn bản dùng bảng mã không đọc được; hãy lưu lại với bảng mã UTF-8 rồi tải lên.",
    ),
}

#: Warning codes (the text was read, but someone should look) → (English, Vietnamese).
WARNING_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "pdf_pages_without_text": (
        "Pages without readable text (scanned?): {detail}.",
        "Các trang không có chữ đọc được (bản quét?): {detail}.",
    ),
    "legacy_font": (
        "The document uses old Vietnamese fonts ({detail}); the text may be garbled.",
        "Văn bản dùng phông chữ tiếng Việt cũ ({detail}); nội dung có thể bị lỗi chữ.",
    ),
    "docx_tracked_changes": (
        "The document has tracked changes; the text read accepts all of them.",
        "Văn bản còn chế độ theo dõi thay đổi; nội dung được đọc như đã chấp nhận mọi thay đổi.",
    ),
    "txt_legacy_encoding": (
        "The text file was read as {detail}, not UTF-8; check the accents.",
        "Tệp văn bản được đọc theo bảng mã {detail}, không phải UTF-8; hãy kiểm tra dấu tiếng Việt.",
    ),
}


def error_message(code: str, lang: str = "vi", **params: object) -> str:
    """The message for an error or warning code in English ("en") or Vietnamese (default)."""
    en, vi = MESSAGES.get(code) or WARNING_MESSAGES.get(code) or (code, code)
    template = en if lang.startswith("en") else vi
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class ExtractError(DomainError):
    """The upload cannot be read. ``code`` is stable; ``message`` is Vietnamese."""

    code = "extract_error"

    def __init__(self, code: str, message: str | None = None, **params: object) -> None:
        self.params = params
        self.message_en = error_message(code, "en", **params)
        super().__init__(message or error_message(code, "vi", **params), code=code)


@dataclass(frozen=True)
class ExtractWarning:
    code: str
    detail: str = ""

    def message(self, lang: str = "vi") -> str:
        return error_message(self.code, lang, detail=self.detail)


@dataclass(frozen=True)
class ExtractResult:
    text: str
    source_type: SourceType
    #: Pages of a PDF; None for other types.
    pages: int | None = None
    #: How a .txt was decoded ("utf-8", "utf-16", "cp1258" …); None for other types.
    encoding: str | None = None
    warnings: tuple[ExtractWarning, ...] = field(default_factory=tuple)


def _seconds(value: float) -> str:
    return f"{value:g}"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


#: Fonts of the old Vietnamese encodings (TCVN3 ".VnTime", VNI): text typed in them reads as
#: debris once extracted, in a .docx as in a PDF.
_LEGACY_FONT_RE: Final = re.compile(r"^(?:\.Vn|VNI[- ]|VN-|VNtimes|\.VnTime)", re.IGNORECASE)

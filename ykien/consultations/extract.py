"""Extract the text of an uploaded draft: .docx, .pdf or .txt.

Pure Python (no Django). The file type is judged by its content, not its name: a PDF starts
with ``%PDF-``, a .docx is a zip holding ``word/``; the name only decides whether unknown bytes
may be read as plain text. Every failure is an :class:`ExtractError` with a stable ``code``;
the web layer translates by code, and :data:`MESSAGES` holds the English and Vietnamese text.

A .docx is a zip: it is inflated once in a stream and checked against ``max_unpacked`` (the
sizes it declares are never trusted) before python-docx reads it; see
:func:`ykien.core.files.verify_archive`. A :class:`~ykien.consultations.splitter.Deadline`
bounds the time spent reading.

The result is NFC with ``\\n`` line ends, one paragraph per line (see
:func:`ykien.consultations.splitter.clean_text`), ready for
:func:`ykien.consultations.splitter.split`.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from ykien.consultations.splitter import Deadline, OutOfTime, clean_text, looks_like_heading
from ykien.core.errors import DomainError
from ykien.core.files import ArchiveLimits, ArchiveProblem, verify_archive

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


def extract_text(
    filename: str,
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_unpacked: int = DEFAULT_MAX_UNPACKED,
    deadline: Deadline | None = None,
) -> ExtractResult:
    """Read the text of a .docx, .pdf or .txt upload.

    Raises :class:`ExtractError`: "too_large" is checked before anything is parsed; a .docx
    that unpacks past ``max_unpacked`` is "unpacked_too_large" (checked on the bytes actually
    inflated, before python-docx opens it); a text longer than ``max_unpacked`` characters is
    "text_too_large"; past the ``deadline``, "too_slow".
    """
    try:
        result = _extract(filename, data, max_bytes, max_unpacked, deadline)
    except OutOfTime as exc:
        raise ExtractError("too_slow", seconds=_seconds(exc.seconds)) from None
    if len(result.text) > max_unpacked:
        raise ExtractError(
            "text_too_large", size_mb=_mb(len(result.text)), limit_mb=_mb(max_unpacked)
        )
    return result


def _seconds(value: float) -> str:
    return f"{value:g}"


def _extract(
    filename: str, data: bytes, max_bytes: int, max_unpacked: int, deadline: Deadline | None
) -> ExtractResult:
    if len(data) > max_bytes:
        raise ExtractError(
            "too_large", size_mb=_mb(len(data)), limit_mb=_mb(max_bytes), limit=max_bytes
        )
    if not data.strip():
        raise ExtractError("empty_file")
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    kind = sniff(data)
    if kind == "pdf":
        return _extract_pdf(data, deadline)
    if kind == "zip":
        return _extract_zip(data, ext, max_unpacked, deadline)
    if kind == "ole":
        # Word's password protection wraps even a .docx in an OLE container.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ExtractError("docx_encrypted")
        raise ExtractError("doc_legacy")
    if ext in {"pdf", "docx"}:
        raise ExtractError("type_mismatch", ext=ext, ext_upper=ext.upper())
    if ext == "doc":
        raise ExtractError("doc_legacy")
    if kind == "other" and ext in TEXT_EXTENSIONS:
        return _extract_txt(data)
    raise ExtractError("unsupported_type")


def sniff(data: bytes) -> str:
    """The type of a file from its first bytes: pdf, zip, ole, rtf, executable, image, other."""
    if b"%PDF-" in data[:1024]:  # readers accept a header anywhere in the first kilobyte
        return "pdf"
    signatures: tuple[tuple[str, tuple[bytes, ...]], ...] = (
        ("zip", (b"PK\x03\x04", b"PK\x05\x06")),
        ("ole", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
        ("rtf", (b"{\\rtf",)),
        (
            "executable",
            (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe"),
        ),
        ("image", (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")),
    )
    for kind, prefixes in signatures:
        if data.startswith(prefixes):
            return kind
    return "other"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------
# Plain text

_BOMS: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_PUNCTUATION_OK: Final = frozenset("\n\t .,;:!?-–—/\\()[]{}\"'“”‘’«»…%&+=*#@$€₫<>|_~^°§•·")


def _plausible(text: str) -> bool:
    """Reads like Latin-script prose: decoding with a wrong single-byte table leaves debris."""
    if not text.strip():
        return False
    bad = 0
    for ch in text:
        if ch.isspace() or ch.isdigit() or ch in _PUNCTUATION_OK:
            continue
        if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            continue
        bad += 1
    return bad <= max(2, len(text) // 100)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                raise ExtractError("txt_encoding") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-16 without a byte order mark: every other byte of Latin text is zero.
    if len(data) % 2 == 0 and len(data) >= 4:
        for codec, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
            if zeros.count(0) > len(zeros) * 0.4:
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError:
                    continue
                if _plausible(text):
                    return text, "utf-16"
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        raise ExtractError("txt_encoding") from None
    # cp1258 writes tones as combining marks; after NFC none may be left dangling.
    if _plausible(text) and not any(unicodedata.combining(ch) for ch in text):
        return text, "cp1258"
    raise ExtractError("txt_encoding")


def _extract_txt(data: bytes) -> ExtractResult:
    text, encoding = _decode(data)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise ExtractError("txt_encoding")
    cleaned = clean_text(text)
    if not cleaned:
        raise ExtractError("empty_file")
    warnings: tuple[ExtractWarning, ...] = ()
    if encoding == "cp1258":
        warnings = (ExtractWarning("txt_legacy_encoding", "Windows-1258"),)
    return ExtractResult(cleaned, "txt", encoding=encoding, warnings=warnings)


# ---------------------------------------------------------------------------------------------
# Word (.docx)

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_ALTERNATE: Final = (
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
)
_LEGACY_FONT_RE: Final = re.compile(r"^(?:\.Vn|VNI[- ]|VN-|VNtimes|\.VnTime)", re.IGNORECASE)
_FALSE: Final = frozenset({"0", "false", "off"})

# An lxml element from python-docx's tree; lxml has no type information of its own.
_El = Any


def _val(el: _El | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(f"{_W}{attr}")
    return str(value) if value is not None else None


def _flag(rpr: _El | None, tag: str) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(f"{_W}{tag}")
    if el is None:
        return None
    return (_val(el) or "true").lower() not in _FALSE


def _extract_zip(
    data: bytes, ext: str, max_unpacked: int, deadline: Deadline | None
) -> ExtractResult:
    limits = ArchiveLimits(max_members=MAX_MEMBERS, max_unpacked=max_unpacked)
    try:
        # Every byte python-docx will read is inflated and counted here first.
        names = set(verify_archive(data, limits))
    except ArchiveProblem as problem:
        if problem.code == "too_large":
            raise ExtractError("unpacked_too_large", limit_mb=_mb(max_unpacked)) from None
        if problem.code == "too_many_members":
            raise ExtractError("too_many_members", limit=MAX_MEMBERS) from None
        if ext == "docx":
            raise ExtractError("docx_malformed") from None
        raise ExtractError("unsupported_type") from None
    if "word/document.xml" not in names and not any(n.startswith("word/") for n in names):
        if ext in {"docx", "pdf"}:
            raise ExtractError("type_mismatch", ext=ext, ext_upper=ext.upper())
        raise ExtractError("unsupported_type")
    if deadline is not None:
        deadline.check()
    return _extract_docx(data, deadline)


def _extract_docx(data: bytes, deadline: Deadline | None = None) -> ExtractResult:
    import docx  # python-docx; imported here so that PDF and text imports do not pay for it
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles = document.styles.element
        numbering = next(
            (
                rel.target_part.element
                for rel in document.part.rels.values()
                if rel.reltype == RELATIONSHIP_TYPE.NUMBERING and not rel.is_external
            ),
            None,
        )
    except Exception as exc:  # python-docx raises many kinds of errors on damaged files
        raise ExtractError("docx_malformed") from exc
    try:
        reader = _DocxReader(styles, numbering, deadline)
        lines = reader.block_lines(body)
    except OutOfTime:
        raise
    except Exception as exc:
        raise ExtractError("docx_malformed") from exc
    text = clean_text("\n".join(lines))
    if not text:
        raise ExtractError("docx_empty")
    warnings: list[ExtractWarning] = []
    fonts = reader.legacy_fonts(body)
    if fonts:
        warnings.append(ExtractWarning("legacy_font", ", ".join(fonts)))
    if body.find(f".//{_W}ins") is not None or body.find(f".//{_W}del") is not None:
        warnings.append(ExtractWarning("docx_tracked_changes"))
    return ExtractResult(text, "docx", warnings=tuple(warnings))


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = " "


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format_number(n: int, fmt: str) -> str:
    # A start value of a billion would make a Roman number or a run of letters a billion
    # characters long; Word itself writes such numbers in digits.
    if fmt in {"upperRoman", "lowerRoman"} and n <= 3999:
        text = _roman(max(n, 1))
        return text if fmt == "upperRoman" else text.lower()
    if fmt in {"upperLetter", "lowerLetter"} and n <= 780:
        n = max(n, 1)
        text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return text.upper() if fmt == "upperLetter" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _DocxReader:
    """Reads paragraphs and tables in order, with Word's automatic numbering written out."""

    def __init__(
        self, styles: _El | None, numbering: _El | None, deadline: Deadline | None = None
    ) -> None:
        self.deadline = deadline
        self.style_parent: dict[str, str] = {}
        self.style_ppr: dict[str, _El] = {}
        self.style_rpr: dict[str, _El] = {}
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.level_styles: dict[str, dict[str, int]] = {}
        self.nums: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if styles is not None:
            for style in styles.iterfind(f"{_W}style"):
                sid = _val(style, "styleId")
                if sid is None:
                    continue
                parent = _val(style.find(f"{_W}basedOn"))
                if parent:
                    self.style_parent[sid] = parent
                for tag, store in (("pPr", self.style_ppr), ("rPr", self.style_rpr)):
                    el = style.find(f"{_W}{tag}")
                    if el is not None:
                        store[sid] = el
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_numbering(self, numbering: _El) -> None:
        for abstract in numbering.iterfind(f"{_W}abstractNum"):
            aid = _val(abstract, "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterfind(f"{_W}lvl"):
                ilvl = int(_val(lvl, "ilvl") or 0)
                suffix = {"tab": " ", "space": " ", "nothing": ""}.get(
                    _val(lvl.find(f"{_W}suff")) or "tab", " "
                )
                levels[ilvl] = _Level(
                    start=int(_val(lvl.find(f"{_W}start")) or 1),
                    fmt=_val(lvl.find(f"{_W}numFmt")) or "decimal",
                    text=_val(lvl.find(f"{_W}lvlText")) or "",
                    suffix=suffix,
                )
                pstyle = _val(lvl.find(f"{_W}pStyle"))
                if pstyle:
                    self.level_styles.setdefault(aid, {})[pstyle] = ilvl
            self.abstracts[aid] = levels
        for num in numbering.iterfind(f"{_W}num"):
            nid = _val(num, "numId")
            aid = _val(num.find(f"{_W}abstractNumId"))
            if nid is None or aid is None:
                continue
            self.nums[nid] = aid
            for override in num.iterfind(f"{_W}lvlOverride"):
                start = _val(override.find(f"{_W}startOverride"))
                if start is not None:
                    ilvl = int(_val(override, "ilvl") or 0)
                    self.overrides.setdefault(nid, {})[ilvl] = int(start)

    # -- styles ----------------------------------------------------------------------------

    def _style_chain(self, sid: str | None) -> list[str]:
        chain: list[str] = []
        while sid and sid not in chain and len(chain) < 20:
            chain.append(sid)
            sid = self.style_parent.get(sid)
        return chain

    def _style_flag(self, sid: str | None, tag: str) -> bool | None:
        for style in self._style_chain(sid):
            value = _flag(self.style_rpr.get(style), tag)
            if value is not None:
                return value
        return None

    # -- numbering -------------------------------------------------------------------------

    def _numpr(self, p: _El) -> tuple[str | None, int]:
        ppr = p.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is not None:
            return _val(numpr.find(f"{_W}numId")), int(_val(numpr.find(f"{_W}ilvl")) or 0)
        pstyle = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        for style in self._style_chain(pstyle):
            sppr = self.style_ppr.get(style)
            snumpr = sppr.find(f"{_W}numPr") if sppr is not None else None
            if snumpr is None:
                continue
            nid = _val(snumpr.find(f"{_W}numId"))
            ilvl = _val(snumpr.find(f"{_W}ilvl"))
            if ilvl is None and nid in self.nums:
                return nid, self.level_styles.get(self.nums[nid], {}).get(style, 0)
            return nid, int(ilvl or 0)
        return None, 0

    def _prefix(self, p: _El) -> str:
        nid, ilvl = self._numpr(p)
        if not nid or nid == "0" or nid not in self.nums:
            return ""
        aid = self.nums[nid]
        levels = self.abstracts.get(aid, {})
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(aid, {})
        if nid not in self.started:
            self.started.add(nid)
            for lvl, start in self.overrides.get(nid, {}).items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            mark = level.text.strip()
            text = mark if mark in {"-", "–", "—", "+", "*", "•"} else "•"
        else:

            def number(m: re.Match[str]) -> str:
                k = int(m.group(1)) - 1
                lvl = levels.get(k, _Level())
                return _format_number(counters.get(k, lvl.start), lvl.fmt)

            text = re.sub(r"%([1-9])", number, level.text)
        return f"{text}{level.suffix}" if text else ""

    # -- text ------------------------------------------------------------------------------

    def _run_text(self, run: _El, pstyle: str | None) -> str:
        rpr = run.find(f"{_W}rPr")
        rstyle = _val(rpr.find(f"{_W}rStyle")) if rpr is not None else None

        def flag(tag: str) -> bool:
            for value in (
                _flag(rpr, tag),
                self._style_flag(rstyle, tag),
                self._style_flag(pstyle, tag),
            ):
                if value is not None:
                    return value
            return False

        if flag("vanish"):
            return ""
        pieces: list[str] = []
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                pieces.append(child.text or "")
            elif tag == f"{_W}tab":
                pieces.append("\t")
            elif tag in {f"{_W}br", f"{_W}cr"}:
                pieces.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                pieces.append("-")
            elif tag == f"{_W}sym":
                code = _val(child, "char") or ""
                char = chr(int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{1,5}", code) else ""
                if char and not 0xE000 <= ord(char) <= 0xF8FF:
                    pieces.append(char)
        text = "".join(pieces)
        return text.upper() if flag("caps") else text

    def paragraph_text(self, p: _El) -> str:
        ppr = p.find(f"{_W}pPr")
        pstyle = _val(ppr.find(f"{_W}pStyle")) if ppr is not None else None
        out: list[str] = []
        skip = {
            f"{_W}pPr",
            f"{_W}del",
            f"{_W}moveFrom",
            f"{_W}drawing",
            f"{_W}pict",
            f"{_W}object",
            _MC_ALTERNATE,
        }

        def walk(el: _El) -> None:
            for child in el:
                if child.tag == f"{_W}r":
                    out.append(self._run_text(child, pstyle))
                elif child.tag not in skip:  # hyperlink, ins, sdt, smartTag, fldSimple …
                    walk(child)

        walk(p)
        # Word shows (and counts) the number even on an empty paragraph; so do we.
        return self._prefix(p) + "".join(out)

    def block_lines(self, container: _El) -> list[str]:
        lines: list[str] = []
        deadline = self.deadline
        for child in container:
            if deadline is not None:
                deadline.check()
            if child.tag == f"{_W}p":
                lines.append(self.paragraph_text(child))
            elif child.tag == f"{_W}tbl":
                lines.extend(self._table_lines(child))
            elif child.tag in {f"{_W}sdt", f"{_W}customXml"}:
                content = child.find(f"{_W}sdtContent")
                lines.extend(self.block_lines(content if content is not None else child))
        return lines

    def _table_lines(self, table: _El) -> list[str]:
        rows: list[list[list[str]]] = []
        for tr in table.iterfind(f"{_W}tr"):
            cells: list[list[str]] = []
            for tc in tr.iterfind(f"{_W}tc"):
                tcpr = tc.find(f"{_W}tcPr")
                vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                if vmerge is not None and _val(vmerge) in {None, "continue"}:
                    continue  # the lower part of a vertically merged cell
                cells.append([line for line in self.block_lines(tc) if line.strip()])
            rows.append(cells)
        columns = max((len(cells) for cells in rows), default=0)
        lines: list[str] = []
        for cells in rows:
            # A grid of one-line cells reads best as one line per row; the layout tables of
            # headers and signature blocks read best cell after cell.
            if columns >= 3 and all(len(cell) <= 1 for cell in cells):
                lines.append(" | ".join(cell[0] if cell else "" for cell in cells).rstrip(" |"))
            else:
                for cell in cells:
                    lines.extend(cell)
        return lines

    def legacy_fonts(self, body: _El) -> list[str]:
        names: set[str] = set()
        for fonts in body.iter(f"{_W}rFonts"):
            for attr in ("ascii", "hAnsi"):
                name = _val(fonts, attr)
                if name and _LEGACY_FONT_RE.match(name):
                    names.add(name)
        return sorted(names)


# ---------------------------------------------------------------------------------------------
# PDF

_PAGE_NUMBER_RE: Final = re.compile(
    r"^(?:[-–—\s]*\d{1,4}[-–—\s]*|(?:Trang|trang|Page)\s+\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?)$"
)
_FINISHED_RE: Final = re.compile(r"(?:[.:;!?…]|\./\.)[\s”\"’')\]»]*$")
_PRIVATE_OR_BAD: Final = re.compile(r"[\ue000-\uf8ff\ufffd]")


@dataclass
class _PdfLine:
    text: str
    x: float | None = None
    y: float | None = None
    size: float = 0.0


def _mult(m: list[float], n: list[float]) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _page_lines(page: Any) -> list[_PdfLine]:
    """The page's lines with where each starts; without positions if pypdf's order is odd."""
    chunks: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text:
            m = _mult([float(v) for v in tm], [float(v) for v in cm])
            scale = (m[2] ** 2 + m[3] ** 2) ** 0.5 or 1.0
            chunks.append((text, m[4], m[5], float(size or 0) * scale))

    plain: str = page.extract_text(visitor_text=visit) or ""
    joined = "".join(chunk[0] for chunk in chunks)
    if re.sub(r"\s", "", joined) != re.sub(r"\s", "", plain):
        return [_PdfLine(line) for line in plain.split("\n")]
    lines: list[_PdfLine] = []
    current = _PdfLine("")
    for text, x, y, size in chunks:
        for i, part in enumerate(text.split("\n")):
            if i > 0:
                lines.append(current)
                current = _PdfLine("")
            if part.strip() and not current.text.strip() and i == 0:
                current.x, current.y, current.size = x, y, size
            current.text += part
    lines.append(current)
    return lines


def _strip_running_heads(pages: list[list[_PdfLine]]) -> None:
    """Drop page numbers and headers or footers repeated at the top or bottom of pages."""
    for lines in pages:
        while lines and not lines[0].text.strip():
            lines.pop(0)
        while lines and not lines[-1].text.strip():
            lines.pop()
        for index in (0, -1):
            if lines and _PAGE_NUMBER_RE.match(lines[index].text.strip()):
                lines.pop(index)
    if len(pages) < 3:
        return
    for index in (0, -1):
        keys = Counter(re.sub(r"\d+", "#", lines[index].text.strip()) for lines in pages if lines)
        for key, count in keys.items():
            if count >= max(3, len(pages) * 0.6):
                for lines in pages:
                    if lines and re.sub(r"\d+", "#", lines[index].text.strip()) == key:
                        lines.pop(index)


def _is_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


@dataclass
class _PageShape:
    margin: float | None
    gap: float | None
    right: float | None

    @classmethod
    def of(cls, lines: list[_PdfLine]) -> _PageShape:
        placed = [line for line in lines if line.x is not None and line.text.strip()]
        if not placed:
            return cls(None, None, None)
        xs = Counter(round((line.x or 0) / 2) * 2 for line in placed)
        needed = max(2, len(placed) // 10)
        common = sorted(x for x, count in xs.items() if count >= needed)
        margin = float(common[0]) if common else min(line.x or 0 for line in placed)
        gaps = [
            (a.y or 0) - (b.y or 0)
            for a, b in itertools.pairwise(placed)
            if a.y is not None and b.y is not None and (a.y or 0) > (b.y or 0)
        ]
        ends = sorted(_line_end(line) for line in placed)
        right = ends[int(len(ends) * 0.9) - 1] if len(ends) >= 3 else None
        return cls(margin, statistics.median(gaps) if gaps else None, right)


def _line_end(line: _PdfLine) -> float:
    # Without font metrics, half an em per character is close enough for Latin text.
    return (line.x or 0) + len(line.text.strip()) * line.size * 0.5


def _starts_paragraph(
    prev: _PdfLine, line: _PdfLine, shape: _PageShape, prev_shape: _PageShape, same_page: bool
) -> bool:
    text, before = line.text.strip(), prev.text.strip()
    if _FINISHED_RE.search(before) or looks_like_heading(text) or looks_like_heading(before):
        return True
    if _is_upper(before) != _is_upper(text):
        return True
    size = line.size or prev.size
    if shape.margin is not None and line.x is not None and line.x > shape.margin + 0.8 * size:
        return True  # first-line indent, or a centred line
    if same_page and shape.gap and line.y is not None and prev.y is not None:
        gap = prev.y - line.y
        if gap <= 0 or gap > shape.gap * 1.4:
            return True
    if prev_shape.right is not None and prev_shape.margin is not None and prev.x is not None:
        width = prev_shape.right - prev_shape.margin
        if width > 0 and _line_end(prev) < prev_shape.margin + 0.7 * width:
            return True  # the last line of a paragraph stops short
    return False


def _join_lines(pages: list[list[_PdfLine]]) -> str:
    """One paragraph per line: rejoin lines wrapped by the page, keep paragraph breaks.

    Vietnamese words are not hyphenated at line ends, so a trailing hyphen is kept (it is the
    dash of "chính trị - xã hội") and the lines are joined with a space.
    """
    paragraphs: list[str] = []
    prev: _PdfLine | None = None
    prev_shape = _PageShape(None, None, None)
    for lines in pages:
        shape = _PageShape.of(lines)
        same_page = False
        for line in lines:
            if not line.text.strip():
                prev = None
                continue
            if prev is None or _starts_paragraph(prev, line, shape, prev_shape, same_page):
                paragraphs.append(line.text.strip())
            else:
                paragraphs[-1] = f"{paragraphs[-1]} {line.text.strip()}"
            prev, prev_shape, same_page = line, shape, True
    return "\n".join(paragraphs)


def _pdf_legacy_fonts(reader: Any) -> list[str]:
    names: set[str] = set()
    for page in reader.pages:
        try:
            fonts = page["/Resources"]["/Font"]
            for ref in fonts.values():
                base = str(ref.get_object().get("/BaseFont", "")).lstrip("/")
                base = base.split("+", 1)[-1]
                if _LEGACY_FONT_RE.match(base):
                    names.add(base)
        except (KeyError, TypeError, AttributeError, ValueError):
            continue
    return sorted(names)


def _extract_pdf(data: bytes, deadline: Deadline | None = None) -> ExtractResult:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise ExtractError("pdf_malformed") from exc
    if encrypted:
        # A PDF with only an owner password ("no copying") opens with the empty password.
        try:
            opened = reader.decrypt("")
        except Exception as exc:
            raise ExtractError("pdf_encrypted") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise ExtractError("pdf_encrypted")
    try:
        pages = []
        for page in reader.pages:
            if deadline is not None:
                deadline.check()
            pages.append(_page_lines(page))
    except OutOfTime:
        raise
    except FileNotDecryptedError as exc:
        raise ExtractError("pdf_encrypted") from exc
    except Exception as exc:
        raise ExtractError("pdf_malformed") from exc
    if not pages:
        raise ExtractError("pdf_malformed")
    letters = [sum(ch.isalpha() for line in lines for ch in line.text) for lines in pages]
    raw = "".join(line.text for lines in pages for line in lines)
    if sum(letters) < 16 or len(_PRIVATE_OR_BAD.findall(raw)) > len(raw) * 0.3:
        raise ExtractError("pdf_no_text")
    _strip_running_heads(pages)
    text = clean_text(_join_lines(pages))
    if not text:
        raise ExtractError("pdf_no_text")
    warnings: list[ExtractWarning] = []
    empty = [str(i + 1) for i, count in enumerate(letters) if count < 5]
    if empty:
        warnings.append(ExtractWarning("pdf_pages_without_text", ", ".join(empty)))
    fonts = _pdf_legacy_fonts(reader)
    if fonts:
        warnings.append(ExtractWarning("legacy_font", ", ".join(fonts)))
    return ExtractResult(text, "pdf", pages=len(pages), warnings=tuple(warnings))

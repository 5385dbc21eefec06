"""What an uploaded file really is, judged from its bytes — never from its name or the type the
browser claims. Apps decide which kinds they accept; this module only recognises them.

A .docx or .xlsx is a zip, and a zip can be a bomb: a few megabytes that inflate to gigabytes,
or a central directory that declares 1,000 bytes for a member that inflates to 1 GiB. Before
anything reads an archive (``sniff`` itself, or python-docx afterwards), :func:`verify_archive`
inflates every member in small chunks, counts the bytes actually produced — the sizes declared in
the zip are never trusted — and stops at the first limit passed: members, total unpacked size,
compression ratio. A member whose real size or checksum differs from what the zip declares is
refused too, so a reader that does trust the declared sizes (zipfile, python-docx) only ever
opens an archive whose declarations were checked against its content.
"""

from __future__ import annotations

import copy
import io
import struct
import sys
import zipfile
from dataclasses import dataclass
from typing import Final

from ykien.core.codes import ErrorCode
from ykien.core.errors import ValidationFailed

MIME: dict[str, str] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSION = {"pdf": "pdf", "png": "png", "jpeg": "jpg", "docx": "docx", "xlsx": "xlsx"}

#: Bytes inflated per read: the most an archive check holds in memory at once.
CHUNK: Final = 64 * 1024
#: Below this many unpacked bytes a member is not held to the ratio (small XML parts of an
#: Office file compress far better than their content; Apache POI's ZipSecureFile does the same).
RATIO_GRACE_BYTES: Final = 100 * 1024
#: Bytes of central directory allowed per member (a record is 46 bytes plus its name and extras;
#: Office part names are short): a bigger directory is refused before zipfile parses it.
_DIRECTORY_BYTES_PER_MEMBER: Final = 512


@dataclass(frozen=True)
class ArchiveLimits:
    """How far an uploaded zip may unpack. The defaults are those of ``settings.py``."""

    max_members: int = 1000
    max_unpacked: int = 200 * 1024 * 1024
    #: Unpacked bytes per compressed byte, per member. Deflate tops out near 1,030 (a bomb of
    #: zeros sits there); Word's XML, even of thousands of near-identical paragraphs, stays
    #: under 150.
    max_ratio: int = 300

    @classmethod
    def from_settings(cls) -> ArchiveLimits:
        from django.conf import settings

        return cls(
            max_members=int(getattr(settings, "UPLOAD_ARCHIVE_MAX_MEMBERS", cls.max_members)),
            max_unpacked=int(getattr(settings, "UPLOAD_ARCHIVE_MAX_UNPACKED", cls.max_unpacked)),
            max_ratio=int(getattr(settings, "UPLOAD_ARCHIVE_MAX_RATIO", cls.max_ratio)),
        )


class ArchiveProblem(ValueError):
    """An archive refused by :func:`verify_archive`. ``code``: ``too_large`` (it unpacks past a
    limit: total, or ratio), ``too_many_members``, ``damaged`` (not a readable zip, encrypted, an
    unusual compression, or sizes and checksums that do not match the content)."""

    def __init__(self, code: str, limit: int = 0) -> None:
        super().__init__(code)
        self.code = code
        self.limit = limit


class ArchiveRefused(ValidationFailed):
    """An upload refused because, as a zip, it unpacks too large or holds too many members;
    the message is translated."""


def _mb(size: int) -> str:
    return f"{size / 1048576:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def archive_message(problem: ArchiveProblem) -> str:
    """The reader's message for an archive refused as too large or with too many members."""
    from django.utils.translation import gettext as _

    if problem.code == "too_many_members":
        return _("Tệp nén chứa quá nhiều tệp thành phần (tối đa %(n)s); hãy lưu lại tài liệu.") % {
            "n": problem.limit
        }
    return _(
        "Tệp nén giải nén ra quá lớn so với giới hạn cho phép (%(limit)s MB); tệp có thể bị hỏng "
        "hoặc độc hại. Hãy mở, lưu lại tài liệu rồi tải lên."
    ) % {"limit": _mb(problem.limit)}


def _directory_size(data: bytes) -> tuple[int, int] | None:
    """(members, bytes) of the central directory as the end record declares them — what
    zipfile will parse — or None if there is no end record (zipfile then refuses the file)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return None
    _disk, _cd_disk, _here, members, size = struct.unpack("<HHHHI", data[end + 4 : end + 16])
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        # A ZIP64 end record (just before its locator) overrides the classic one.
        record = locator - 56
        if record < 0 or data[record : record + 4] != b"PK\x06\x06":
            return None
        members, size = struct.unpack("<QQ", data[record + 32 : record + 48])
    return members, size


def verify_archive(data: bytes, limits: ArchiveLimits) -> list[str]:
    """Inflate every member of the zip ``data`` in chunks of :data:`CHUNK` bytes, counting what
    is actually produced, and return the members' names. Raises :class:`ArchiveProblem` at the
    first limit passed (memory stays bounded by one chunk) or on anything that does not match
    what the zip declares."""
    directory = _directory_size(data)
    if directory is not None and (
        directory[0] > limits.max_members
        or directory[1] > limits.max_members * _DIRECTORY_BYTES_PER_MEMBER
    ):
        raise ArchiveProblem("too_many_members", limits.max_members)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise ArchiveProblem("damaged") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise ArchiveProblem("too_many_members", limits.max_members)
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            raise ArchiveProblem("damaged")  # two members of one name: readers disagree on which
        total = 0
        for info in infos:
            total += _inflate(archive, info, len(data), limits, limits.max_unpacked - total)
    return names


def _inflate(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, limits: ArchiveLimits, room: int
) -> int:
    """The real unpacked size of one member, read chunk by chunk; ``room`` is what is left of
    the total allowed."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 1:
        # Office writes only these; bzip2 and LZMA are read without any output bound by zipfile,
        # and an encrypted member cannot be checked.
        raise ArchiveProblem("damaged")
    ratio_cap = max(limits.max_ratio * min(info.compress_size, size), RATIO_GRACE_BYTES)
    cap = min(room, ratio_cap)
    probe = copy.copy(info)
    # zipfile stops reading at the declared size (after inflating as much as it likes in one
    # go) and checks the CRC there. Declaring no size at all lets it read in our chunks to the
    # real end of the member (where it checks the CRC), unless we stop first, past the cap.
    probe.file_size = sys.maxsize
    produced = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(CHUNK):
                produced += len(chunk)
                if produced > cap:
                    raise ArchiveProblem("too_large", limits.max_unpacked)
    except ArchiveProblem:
        raise
    except Exception:  # zipfile's, zlib's and io's errors on a damaged member
        raise ArchiveProblem("damaged") from None
    if produced != info.file_size:
        raise ArchiveProblem("damaged")  # the zip lies about the size (the CRC was checked)
    return produced


def sniff(data: bytes, limits: ArchiveLimits | None = None) -> str | None:
    """``pdf``, ``png``, ``jpeg``, ``docx`` or ``xlsx`` from the content, or None (an
    executable, a damaged zip or one that is not an Office document, anything else).

    A zip is verified first (:func:`verify_archive`, limits from the settings unless given):
    one that unpacks too large or holds too many members raises :class:`ArchiveRefused`."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(verify_archive(data, limits or ArchiveLimits.from_settings()))
        except ArchiveProblem as problem:
            if problem.code == "damaged":
                return None
            raise ArchiveRefused(
                archive_message(problem), code=ErrorCode(f"archive_{problem.code}")
            ) from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None

"""Zip bombs for tests, built here (nothing binary is stored in the repository)."""

from __future__ import annotations

import functools
import io
import struct
import zipfile

MB = 1024 * 1024


def _patch_declared_size(data: bytearray, name: bytes, declared: int) -> None:
    """Rewrite the uncompressed size declared for member ``name`` in its local header and in the
    central directory (the CRC and the compressed data stay as they are)."""
    found = 0
    for signature, name_len_at, size_at, header in (
        (b"PK\x03\x04", 26, 22, 30),  # local file header
        (b"PK\x01\x02", 28, 24, 46),  # central directory record
    ):
        at = data.find(signature)
        while at != -1:
            (length,) = struct.unpack_from("<H", data, at + name_len_at)
            if data[at + header : at + header + length] == name:
                struct.pack_into("<I", data, at + size_at, declared)
                found += 1
            at = data.find(signature, at + 4)
    assert found == 2, "the member's two headers were not both found"


@functools.cache
def lying_docx(size: int = 50 * MB, declared: int = 1000) -> bytes:
    """A .docx-looking zip whose ``word/document.xml`` is ``size`` bytes of zeros but declares
    ``declared`` bytes (about 50 KB for 50 MB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"/>',
        )
        archive.writestr("word/document.xml", bytes(size))
    data = bytearray(buffer.getvalue())
    _patch_declared_size(data, b"word/document.xml", declared)
    return bytes(data)


def honest_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()

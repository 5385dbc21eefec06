"""Photo uploads: size limit, real image check by content (Pillow, never the file name),
re-encoded to JPEG so that metadata (GPS position, camera serial) is stripped."""

from __future__ import annotations

import io
import uuid
from typing import IO

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ykien.core.errors import ValidationFailed
from ykien.portal.codes import ErrorCode

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuses decompression bombs before decoding
MAX_SIDE = 1600
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def clean_photo(upload: IO[bytes], *, size: int | None = None) -> ContentFile[bytes]:
    """Check an uploaded photo and return it re-encoded as JPEG (at most 1600 px a side).

    Raises ``ValidationFailed`` (field ``image``) for a file over 8 MB, a file that is not an
    image, an image format other than JPEG/PNG/WebP/GIF, or an image too large to decode."""
    data = upload.read(MAX_BYTES + 1)
    if (size is not None and size > MAX_BYTES) or len(data) > MAX_BYTES:
        raise ValidationFailed(
            _("Ảnh quá lớn: tối đa %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            code=ErrorCode.PHOTO_TOO_LARGE,
            field="image",
        )
    not_image = ValidationFailed(
        _("Tệp tải lên không phải là ảnh (JPEG, PNG, WebP hoặc GIF)."),
        code=ErrorCode.PHOTO_NOT_IMAGE,
        field="image",
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise not_image
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationFailed(
                    _("Ảnh có kích thước điểm ảnh quá lớn."),
                    code=ErrorCode.PHOTO_TOO_LARGE,
                    field="image",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image: Image.Image = ImageOps.exif_transpose(opened)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, (255, 255, 255))
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_image from None
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")

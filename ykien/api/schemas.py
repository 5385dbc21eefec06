"""What every router of the API shares: bounded parameter types and the error responses.

Integers are bounded in the schema so that a number no database column can hold (``offset`` or
an id of 2⁶³ and more) is a 400 naming the field, never a 500 from the database driver; text
parameters are bounded in length and cleaned of control characters (PostgreSQL refuses NUL).

Each operation declares the errors it can answer with ``errors(400, 404, …)`` in its
``response={…}``, so the OpenAPI document lists them with the body the API really sends
(``ykien/api/urls.py`` builds those bodies).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic.functional_validators import ModelWrapValidatorHandler
from pydantic_core import PydanticCustomError

from ykien.core.text import nfc

#: The largest id a row can have (PostgreSQL ``bigint``, SQLite ``INTEGER``).
MAX_ID = 2**63 - 1
#: The most rows a list skips (``offset``): far more than any list holds, far less than 2⁶³.
MAX_OFFSET = 1_000_000_000
#: The longest free-text filter of a list (``q``) and the longest code of a unit or status.
MAX_QUERY = 200
MAX_CODE = 60

#: A row's id, in a path or a body.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: Free text of a filter: NFC, no control characters.
Text = Annotated[str, AfterValidator(nfc)]
#: The code of a unit: at most ``MAX_CODE`` characters.
Code = Annotated[str, StringConstraints(max_length=MAX_CODE), AfterValidator(nfc)]


def _integer(value: Any) -> Any:
    """``true`` and ``1.0`` are not integers (pydantic's lax mode would take them for 1)."""
    if isinstance(value, bool | float):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


#: A vote: -1, 0 or 1, exactly (not ``false`` nor ``1.0``).
Vote = Annotated[Literal[-1, 0, 1], BeforeValidator(_integer)]


class Body(Schema):
    """A JSON body: each value of the declared JSON type (no ``"5"`` or ``true`` for a number,
    no number for a string), as the OpenAPI document says."""

    model_config = ConfigDict(strict=True)

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(
        cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo
    ) -> Any:
        # In place of django-ninja's, which reads its input as an object's attributes (a
        # list or a number would then be an object without fields, "missing field"): a JSON
        # body is a dict.
        if not isinstance(values, dict):
            raise PydanticCustomError("model_type", "Input should be an object")
        return handler(values)


OFFSET_HELP = "Bỏ qua bấy nhiêu dòng đầu (0–1.000.000.000)"


def limit_help(most: int) -> str:
    return f"Số dòng tối đa trả về (1–{most})"


# ----------------------------------------------------------------------------- errors


class ErrorOut(Schema):
    """An error: ``code: message``, the message in the reader's language."""

    detail: str = Field(examples=["not_found: Không tìm thấy dự thảo."])


class InvalidItem(Schema):
    loc: list[str | int]
    field: str
    type: str
    msg: str
    ctx: dict[str, Any] | None = None


class InvalidOut(Schema):
    """A request outside the schema: each field named, the messages in the reader's language."""

    code: Literal["invalid"]
    message: str
    detail: list[InvalidItem]


#: The description of each error in the OpenAPI document.
ERROR_DESCRIPTIONS = {
    400: "Dữ liệu không hợp lệ: ngoài lược đồ "
    '(`{"code": "invalid", "message", "detail": [...]}`), không phải JSON '
    '(`{"detail": "bad_json: …"}`) hoặc bị từ chối (`{"detail": "too_long: …"}`)',
    401: "Không có hoặc sai khoá API, không có phiên hợp lệ (`unauthorized`)",
    403: "Phiên trình duyệt không kèm mã CSRF (`csrf_failed`) hoặc không có quyền (`forbidden`)",
    404: "Không tìm thấy (`not_found`)",
    409: "Không làm được ở trạng thái hiện tại, ví dụ dự thảo không còn trong thời gian lấy ý kiến "
    "(`draft_closed`, `not_started`)",
}

_ERROR_MODELS: dict[int, Any] = {
    400: InvalidOut | ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
}


def errors(*codes: int) -> dict[int, Any]:
    """The error responses of an operation, to merge into its ``response={…}``."""
    return {code: _ERROR_MODELS[code] for code in codes}


# ----------------------------------------------------------------------------- GeoJSON


class PointOut(Schema):
    """A GeoJSON point (RFC 7946, 3.1.2): ``coordinates`` are ``[longitude, latitude]``, WGS84."""

    type: Literal["Point"]
    coordinates: tuple[float, float]


def point(lat: Any, lng: Any) -> dict[str, Any] | None:
    """The GeoJSON point at ``lat``, ``lng`` (longitude first, as RFC 7946 says), or None."""
    if lat is None or lng is None:
        return None
    return {"type": "Point", "coordinates": (float(lng), float(lat))}

"""The REST API (django-ninja) at /api/v1/: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Each app with an ``api.py`` that defines ``router`` (a ``ninja.Router``) is mounted at
``/api/v1/<app>/``.

Errors, the same for every router, as JSON in the reader's language: ``{"detail": "code: message"}``
with 400 (bad input a service refused, a body that is not JSON or too large), 401 (no or unknown
credentials, with ``WWW-Authenticate: Bearer``), 403 (a session cookie without its CSRF token, or
not allowed), 404, 409; and for a request that does not match the schema, 400
``{"code": "invalid", "message": "…", "detail": [{"loc", "field", "type", "msg"}, …]}``
(django-ninja's default would be 422 with pydantic's English messages). Each operation lists the
errors it can answer with in the OpenAPI document (``ykien.api.schemas.errors``).
"""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ykien.api.schemas import ERROR_DESCRIPTIONS
from ykien.core import apps_manifest
from ykien.core.numbers import format_int


class YkienAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """django-ninja's document, with each error response described (in Vietnamese, the
        language of the document) rather than by its bare HTTP reason."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    if int(status) in ERROR_DESCRIPTIONS:
                        response["description"] = ERROR_DESCRIPTIONS[int(status)]
                    if int(status) == 401:
                        response["headers"] = {
                            "WWW-Authenticate": {
                                "description": "`Bearer`",
                                "schema": {"type": "string", "const": "Bearer"},
                                "required": True,
                            }
                        }
        return schema


api = YkienAPI(
    title="Ý Kiến API",
    version="1.0",
    description="API của nền tảng Ý Kiến: dữ liệu công khai và quy trình nghiệp vụ của cán bộ.",
    urls_namespace="api",
    # Swagger UI from django-ninja's own static files ("ninja" in INSTALLED_APPS), no CDN; and
    # no validator badge, which would fetch from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": "unauthorized: "
            + _(
                "Chưa xác thực: gửi kèm khoá API cá nhân (tiêu đề Authorization: Bearer yk_…) "
                "hoặc dùng phiên trình duyệt hợp lệ trên trang."
            )
        },
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def _ninja_message(message: str) -> str:
    """django-ninja's own English messages, as ``code: message`` in the reader's language."""
    if message.startswith("Cannot parse request body"):
        return "bad_json: " + _("Nội dung gửi lên không phải JSON hợp lệ.")
    if message == "CSRF check Failed":
        return "csrf_failed: " + _(
            "Thiếu hoặc sai mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken "
            "với giá trị của cookie csrftoken."
        )
    if message == "Forbidden":
        return "forbidden: " + _("Bạn không có quyền thực hiện thao tác này.")
    if message == "Too many requests.":
        return "too_many: " + _("Quá nhiều yêu cầu, xin thử lại sau.")
    return message


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _ninja_message(str(exc.message))}, status=exc.status_code
    )


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    """The field's name from pydantic's location: ``("body", "payload", "stance")`` → ``stance``,
    ``("query", "limit")`` → ``limit``; nested parts joined with dots."""
    parts = list(loc[2:] if loc and loc[0] == "body" and len(loc) > 2 else loc[1:])
    return ".".join(str(p) for p in parts) or str(loc[-1] if loc else "")


def _invalid_message(error: dict[str, Any]) -> str:
    loc = tuple(error.get("loc", ()))
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "missing" and len(loc) == 2 and loc[0] == "body":
        return _("Chưa gửi nội dung JSON của yêu cầu.")
    if kind == "model_type" and len(loc) == 2 and loc[0] == "body":
        return _("Nội dung JSON của yêu cầu phải là một đối tượng {…}.")
    v = {"field": _field(loc), **{k: ctx[k] for k in ctx if isinstance(ctx[k], str | int | float)}}
    if kind == "missing":
        return _("Thiếu trường “%(field)s”.") % v
    if kind in ("literal_error", "enum"):
        v["expected"] = str(ctx.get("expected", "")).replace(" or ", ", ")
        return _("Trường “%(field)s” chỉ nhận một trong các giá trị: %(expected)s.") % v
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Trường “%(field)s” phải là số nguyên.") % v
    if kind == "int_parsing_size":
        return _("Trường “%(field)s” là số quá lớn.") % v
    if kind == "finite_number":
        return _("Trường “%(field)s” phải là một số hữu hạn.") % v
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return _("Trường “%(field)s” phải là số.") % v
    if kind in ("bool_parsing", "bool_type"):
        return _("Trường “%(field)s” phải là true hoặc false.") % v
    if kind == "string_type":
        return _("Trường “%(field)s” phải là chuỗi ký tự.") % v
    if kind == "string_too_long" and "max_length" in v:
        return _("Trường “%(field)s” dài quá %(max_length)s ký tự.") % v
    if kind == "string_too_short" and "min_length" in v:
        return _("Trường “%(field)s” phải có ít nhất %(min_length)s ký tự.") % v
    if kind.startswith("date_"):
        return _("Trường “%(field)s” phải là ngày dạng YYYY-MM-DD.") % v
    if kind.startswith("datetime_"):
        return _("Trường “%(field)s” phải là thời điểm dạng ISO 8601.") % v
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("Trường “%(field)s” phải là một đối tượng JSON.") % v
    if kind == "list_type":
        return _("Trường “%(field)s” phải là một danh sách.") % v
    if kind == "greater_than_equal" and "ge" in v:
        return _("Trường “%(field)s” phải lớn hơn hoặc bằng %(ge)s.") % v
    if kind == "less_than_equal" and "le" in v:
        return _("Trường “%(field)s” phải nhỏ hơn hoặc bằng %(le)s.") % v
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _("Trường “%(field)s” nằm ngoài khoảng cho phép.") % v
    return _("Trường “%(field)s” không hợp lệ.") % v


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = format_int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
    return api.create_response(
        request,
        {"detail": "too_big: " + _("Nội dung gửi lên quá lớn (tối đa %(n)s MB).") % {"n": limit}},
        status=400,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"detail": "not_found: " + _("Không tìm thấy.")}, status=404
    )


#: What pydantic puts in an error's ``ctx`` about our code, not about the request: the name of
#: the Python class a value should have been.
_INTERNAL_CTX = frozenset({"class_name"})


def _public(error: dict[str, Any]) -> dict[str, Any]:
    """``error`` without the internal parts of its ``ctx`` (and without ``ctx`` if nothing
    else is left)."""
    ctx = error.get("ctx")
    if not ctx or not _INTERNAL_CTX.intersection(ctx):
        return error
    kept = {k: v for k, v in ctx.items() if k not in _INTERNAL_CTX}
    rest = {k: v for k, v in error.items() if k != "ctx"}
    return {**rest, "ctx": kept} if kept else rest


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """400 (not django-ninja's 422): each error named by its field, in the reader's language;
    ``detail`` keeps the machine-readable list (``loc``, ``type``, ``ctx``) with ``field`` added
    and ``msg`` translated."""
    detail = [
        {
            **_public(error),
            "field": _field(tuple(error.get("loc", ()))),
            "msg": _invalid_message(error),
        }
        for error in exc.errors
    ]
    return api.create_response(
        request,
        {"code": "invalid", "message": " ".join(d["msg"] for d in detail), "detail": detail},
        status=400,
    )


class HealthOut(Schema):
    status: Literal["ok"]


@api.get("/health", response=HealthOut, tags=["core"], summary="Tình trạng dịch vụ")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


for label, router in apps_manifest.provided("api", "router"):
    api.add_router(f"/{label}/", router, tags=[label])

urlpatterns = [path("api/v1/", api.urls)]

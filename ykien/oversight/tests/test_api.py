"""The oversight API: paging and filters declared as query constraints (400 with the field named,
never a 500), 404 for an unknown unit in the reader's language."""

from __future__ import annotations

import pytest
from django.conf import settings

from ykien.oversight.tests.test_web import _public_world

pytestmark = pytest.mark.django_db

URL = "/api/v1/oversight/recommendations"


def _invalid(field: str, kind: str, message: str, ctx: dict) -> dict:
    return {
        "code": "invalid",
        "message": message,
        "detail": [
            {"type": kind, "loc": ["query", field], "msg": message, "ctx": ctx, "field": field}
        ],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            {"offset": -1},
            _invalid(
                "offset",
                "greater_than_equal",
                "Trường “offset” phải lớn hơn hoặc bằng 0.",
                {"ge": 0},
            ),
        ),
        (
            {"limit": 0},
            _invalid(
                "limit", "greater_than_equal", "Trường “limit” phải lớn hơn hoặc bằng 1.", {"ge": 1}
            ),
        ),
        (
            {"limit": 501},
            _invalid(
                "limit",
                "less_than_equal",
                "Trường “limit” phải nhỏ hơn hoặc bằng 500.",
                {"le": 500},
            ),
        ),
        (
            {"year": 0},
            _invalid(
                "year", "greater_than_equal", "Trường “year” phải lớn hơn hoặc bằng 1.", {"ge": 1}
            ),
        ),
        (
            {"year": 2026, "quarter": 5},
            _invalid(
                "quarter",
                "less_than_equal",
                "Trường “quarter” phải nhỏ hơn hoặc bằng 4.",
                {"le": 4},
            ),
        ),
    ],
)
def test_out_of_range_paging_and_period_are_400(client, query, expected):
    for url in (URL, "/api/v1/oversight/figures"):
        if url.endswith("figures") and ("offset" in query or "limit" in query):
            continue
        response = client.get(url, query)
        assert (response.status_code, response.json()) == (400, expected)


def test_an_unknown_status_is_400_listing_the_statuses(client):
    response = client.get(URL, {"status": "x"})
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Trường “status” chỉ nhận một trong các giá trị: 'draft', 'issued', 'escalated', 'done', "
        "'in_progress', 'explained', 'rejected', 'closed'."
    )


def test_paging_within_range(world, client):
    done, late, _hidden = _public_world(world)
    everything = client.get(URL, {"offset": 0, "limit": 500}).json()
    assert everything["count"] == 2
    codes = [r["code"] for r in everything["results"]]
    assert sorted(codes) == sorted([done.code, late.code])
    assert [r["code"] for r in client.get(URL, {"offset": 1, "limit": 1}).json()["results"]] == [
        codes[1]
    ]
    assert client.get(URL, {"offset": 2}).json() == {"count": 2, "results": []}


def test_the_openapi_document_shows_the_constraints(client):
    spec = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p["schema"] for p in spec["paths"][URL]["get"]["parameters"]}
    assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, 500)
    assert params["offset"]["minimum"] == 0
    assert params["quarter"]["anyOf"][0] == {"maximum": 4, "minimum": 1, "type": "integer"}


def test_an_unknown_unit_is_404_in_the_reader_s_language(client):
    for url in (URL, "/api/v1/oversight/figures"):
        response = client.get(url, {"addressee": "KHONG-CO"})
        assert (response.status_code, response.json()) == (
            404,
            {"detail": "not_found: Không có đơn vị mã “KHONG-CO”."},
        )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(URL, {"issuer": "KHONG-CO"})
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "not_found: No unit with code “KHONG-CO”."},
    )

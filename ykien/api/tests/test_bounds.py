"""Input no database column can hold, or of the wrong JSON type, is a 400 naming the field in
the reader's language (or a 404), never a 500 — for every family of operations: lists (paging),
reads by id, writes with ids in the path and in the body, filters by text and by unit code."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from ykien.consultations.models import Comment, Vote

pytestmark = pytest.mark.django_db

OVER = 2**63  # one more than the largest id PostgreSQL's bigint and SQLite's INTEGER hold
LARGEST = 2**63 - 1

LISTS = (
    "/api/v1/consultations/drafts",
    "/api/v1/consultations/nodes/{node}/comments",
    "/api/v1/oversight/recommendations",
)
#: The largest ``offset`` of each list: a node's comments page deeper by cursor.
MOST_SKIPPED = {"/api/v1/consultations/nodes/{node}/comments": 10_000}


def _invalid(where: str, field: str, kind: str, msg: str, ctx: dict | None = None) -> dict:
    loc = ["body", "payload", field] if where == "body" else [where, field]
    error = {"type": kind, "loc": loc, "msg": msg, "field": field}
    if ctx is not None:
        error["ctx"] = ctx
    return {"code": "invalid", "message": msg, "detail": [error]}


def _too_large(where: str, field: str, le: int) -> dict:
    return _invalid(
        where,
        field,
        "less_than_equal",
        f"Trường “{field}” phải nhỏ hơn hoặc bằng {le}.",
        {"le": le},
    )


def _auth(world) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {world.token}"}


def _post(client, url: str, body: str, world) -> tuple[int, dict]:
    response = client.post(url, body, content_type="application/json", **_auth(world))
    return response.status_code, response.json()


# ------------------------------------------------------------------------------- paging


@pytest.mark.parametrize("template", LISTS)
def test_an_offset_beyond_64_bits_is_a_400_naming_the_field(client, world, template):
    url = template.format(node=world.nodes[0].pk)
    most = MOST_SKIPPED.get(template, 1_000_000_000)
    for offset in (OVER, 10**30, most + 1):
        response = client.get(url, {"offset": offset})
        assert (response.status_code, response.json()) == (
            400,
            _too_large("query", "offset", most),
        ), (url, offset)


@pytest.mark.parametrize("template", LISTS)
def test_the_largest_offset_is_an_empty_page(client, world, template):
    most = MOST_SKIPPED.get(template, 1_000_000_000)
    response = client.get(template.format(node=world.nodes[0].pk), {"offset": most})
    body = response.json()
    assert response.status_code == 200
    assert (body["results"] if isinstance(body, dict) else body) == []


@pytest.mark.parametrize("value", ["NaN", "inf", "-Infinity", "1e3", "1.5", "true", "0x10"])
def test_paging_that_is_not_an_integer_is_a_400(client, world, value):
    for url in ("/api/v1/consultations/drafts", "/api/v1/oversight/recommendations"):
        response = client.get(url, {"limit": value})
        assert (response.status_code, response.json()["message"]) == (
            400,
            "Trường “limit” phải là số nguyên.",
        ), (url, value)


# --------------------------------------------------------------------------- ids in paths


READS = (
    "/api/v1/consultations/drafts/{id}",
    "/api/v1/consultations/drafts/{id}/tree",
    "/api/v1/consultations/drafts/{id}/statements",
    "/api/v1/consultations/nodes/{id}/comments",
)


@pytest.mark.parametrize("template", READS)
def test_an_id_in_a_path_is_bounded(client, world, template):
    field = "node_id" if "nodes" in template else "draft_id"
    response = client.get(template.format(id=OVER))
    assert (response.status_code, response.json()) == (400, _too_large("path", field, LARGEST))
    response = client.get(template.format(id=0))
    assert (response.status_code, response.json()) == (
        400,
        _invalid(
            "path",
            field,
            "greater_than_equal",
            f"Trường “{field}” phải lớn hơn hoặc bằng 1.",
            {"ge": 1},
        ),
    )
    response = client.get(template.format(id="9" * 5000))
    assert (response.status_code, response.json()) == (
        400,
        _invalid("path", field, "int_parsing_size", f"Trường “{field}” là số quá lớn."),
    )
    response = client.get(template.format(id=LARGEST))  # a valid id that no row has
    assert response.status_code == 404
    assert response.json()["detail"].startswith("not_found: Không tìm thấy")


def test_writes_to_an_id_beyond_64_bits_are_a_400_and_store_nothing(client, world):
    before = Comment.objects.count()
    comment = json.dumps({"stance": "agree", "reasons": "Tán thành"})
    assert _post(client, f"/api/v1/consultations/drafts/{OVER}/comments", comment, world) == (
        400,
        _too_large("path", "draft_id", LARGEST),
    )
    assert _post(client, f"/api/v1/consultations/drafts/{LARGEST}/comments", comment, world) == (
        404,
        {"detail": "not_found: Không tìm thấy dự thảo."},
    )
    vote = json.dumps({"value": 1})
    assert _post(client, f"/api/v1/consultations/statements/{OVER}/votes", vote, world) == (
        400,
        _too_large("path", "statement_id", LARGEST),
    )
    assert Comment.objects.count() == before
    assert Vote.objects.count() == 0


# ---------------------------------------------------------------------------- JSON bodies


def test_a_node_id_beyond_64_bits_in_the_body_is_a_400(client, world):
    url = f"/api/v1/consultations/drafts/{world.open_draft.pk}/comments"
    before = Comment.objects.count()
    for node_id in (OVER, 10**40):
        body = json.dumps({"stance": "agree", "node_id": node_id})
        assert _post(client, url, body, world) == (400, _too_large("body", "node_id", LARGEST))
    body = json.dumps({"stance": "agree", "node_id": LARGEST})
    assert _post(client, url, body, world) == (
        404,
        {"detail": "not_found: Không tìm thấy điều, khoản được góp ý."},
    )
    assert Comment.objects.count() == before


@pytest.mark.parametrize(
    "node_id", ["NaN", "Infinity", "-Infinity", "1e400", "1.5", "1.0", "true", '"5"', "[5]", "{}"]
)
def test_a_node_id_that_is_not_an_integer_is_a_400(client, world, node_id):
    url = f"/api/v1/consultations/drafts/{world.open_draft.pk}/comments"
    before = Comment.objects.count()
    status, body = _post(client, url, f'{{"stance": "agree", "node_id": {node_id}}}', world)
    assert (status, body["message"], body["detail"][0]["field"]) == (
        400,
        "Trường “node_id” phải là số nguyên.",
        "node_id",
    )
    assert Comment.objects.count() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"stance": "agree", "reasons": 5}', "Trường “reasons” phải là chuỗi ký tự."),
        ('{"stance": "agree", "reasons": null}', "Trường “reasons” phải là chuỗi ký tự."),
        (
            '{"stance": "reword", "proposed_wording": ["a"]}',
            "Trường “proposed_wording” phải là chuỗi ký tự.",
        ),
        ("[]", "Nội dung JSON của yêu cầu phải là một đối tượng {…}."),
        ('"agree"', "Nội dung JSON của yêu cầu phải là một đối tượng {…}."),
        ("42", "Nội dung JSON của yêu cầu phải là một đối tượng {…}."),
        ("null", "Nội dung JSON của yêu cầu phải là một đối tượng {…}."),
    ],
)
def test_a_comment_of_the_wrong_json_type_is_a_400(client, world, body, message):
    url = f"/api/v1/consultations/drafts/{world.open_draft.pk}/comments"
    before = Comment.objects.count()
    status, answer = _post(client, url, body, world)
    assert (status, answer["code"], answer["message"]) == (400, "invalid", message)
    assert Comment.objects.count() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("false", "Trường “value” phải là số nguyên."),
        ("true", "Trường “value” phải là số nguyên."),
        ("1.0", "Trường “value” phải là số nguyên."),
        ("NaN", "Trường “value” phải là số nguyên."),
        ('"1"', "Trường “value” chỉ nhận một trong các giá trị: -1, 0, 1."),
        (str(OVER), "Trường “value” là số quá lớn."),
    ],
)
def test_a_vote_of_the_wrong_json_type_is_a_400(client, world, value, message):
    url = f"/api/v1/consultations/statements/{world.statement.pk}/votes"
    status, answer = _post(client, url, f'{{"value": {value}}}', world)
    assert (status, answer["message"]) == (400, message)
    assert Vote.objects.count() == 0


def test_a_body_too_large_is_a_400_in_json(client, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    url = f"/api/v1/consultations/drafts/{world.open_draft.pk}/comments"
    before = Comment.objects.count()
    body = json.dumps({"stance": "disagree", "reasons": "a" * (3 * 1024 * 1024)})
    assert _post(client, url, body, world) == (
        400,
        {"detail": "too_big: Nội dung gửi lên quá lớn (tối đa 2 MB)."},
    )
    assert Comment.objects.count() == before


# ------------------------------------------------------------------------- text filters


def test_text_filters_are_bounded(client, world):
    response = client.get("/api/v1/consultations/drafts", {"q": "x" * 201})
    assert (response.status_code, response.json()) == (
        400,
        _invalid(
            "query", "q", "string_too_long", "Trường “q” dài quá 200 ký tự.", {"max_length": 200}
        ),
    )
    for url in ("/api/v1/oversight/recommendations", "/api/v1/oversight/figures"):
        for field in ("addressee", "issuer"):
            response = client.get(url, {field: "X" * 61})
            assert (response.status_code, response.json()) == (
                400,
                _invalid(
                    "query",
                    field,
                    "string_too_long",
                    f"Trường “{field}” dài quá 60 ký tự.",
                    {"max_length": 60},
                ),
            )


def test_control_characters_in_text_filters_are_dropped(client, world):
    """NUL, which PostgreSQL refuses in a query (a 500 before), goes with the other control
    characters."""
    response = client.get("/api/v1/consultations/drafts", {"q": "hợp\x00 tác\x1f xã"})
    assert [d["id"] for d in response.json()] == [world.open_draft.pk]
    for url in ("/api/v1/oversight/recommendations", "/api/v1/oversight/figures"):
        for field in ("addressee", "issuer"):
            response = client.get(url, {field: "KHONG\x00CO"})
            assert (response.status_code, response.json()) == (
                404,
                {"detail": "not_found: Không có đơn vị mã “KHONGCO”."},
            )
    response = client.get("/api/v1/oversight/recommendations", {"addressee": "N-UBND\x00"})
    assert [r["code"] for r in response.json()["results"]] == [world.recommendation.code]


def test_an_unknown_draft_status_is_a_400_listing_the_statuses(client, world):
    response = client.get("/api/v1/consultations/drafts", {"status": "mo"})
    assert (response.status_code, response.json()["message"]) == (
        400,
        "Trường “status” chỉ nhận một trong các giá trị: 'received', 'review', 'open', "
        "'closed', 'consolidating', 'issued', 'answered'.",
    )
    response = client.get("/api/v1/consultations/drafts", {"status": "closed"})
    assert [d["id"] for d in response.json()] == [world.closed_draft.pk]


def test_the_messages_are_in_english_for_an_english_reader(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/api/v1/consultations/drafts/{'9' * 5000}")
    assert response.json()["message"] == "The field “draft_id” is too large a number."
    url = f"/api/v1/consultations/drafts/{world.open_draft.pk}/comments"
    assert _post(client, url, "[]", world)[1]["message"] == (
        "The JSON body of the request must be an object {…}."
    )

"""The API: public reads, comments and votes with a token or a captcha-verified session."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from ykien.consultations import services
from ykien.consultations.models import Comment, DraftStatus, Node
from ykien.consultations.tests.conftest import (
    PERSONAL,
    REDACTED,
    comment_on,
    personal_comment_and_statement,
)
from ykien.core import apikeys

pytestmark = pytest.mark.django_db


def _auth(people):
    _token, raw = apikeys.apikey_create(actor=people.citizen, name="thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_list_tree_and_comments(client, draft, people):
    node = Node.objects.get(draft=draft, label="Điều 2, khoản 1")
    comment_on(node, people.citizen, stance="agree", reasons="Đồng ý")
    drafts = client.get("/api/v1/consultations/drafts").json()
    assert [(d["id"], d["status"], d["version"]) for d in drafts] == [(draft.pk, "open", 1)]
    tree = client.get(f"/api/v1/consultations/drafts/{draft.pk}/tree").json()
    chapter = tree[1]
    assert (chapter["kind"], chapter["number"], chapter["title"]) == (
        "chapter",
        "I",
        "QUY ĐỊNH CHUNG",
    )
    clause = chapter["children"][1]["children"][0]
    assert (clause["kind"], clause["number"], clause["comments"]) == ("clause", "1", 1)
    comments = client.get(f"/api/v1/consultations/nodes/{node.pk}/comments").json()
    assert [(c["stance"], c["reasons"], c["author_kind"]) for c in comments] == [
        ("agree", "Đồng ý", "citizen")
    ]
    assert "author" not in comments[0]


def test_openapi_and_docs(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/consultations/drafts/{draft_id}/comments" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_the_api_docs_page_loads_only_local_files(client):
    """Swagger UI comes from the installed django-ninja's static files, never from a CDN."""
    from django.contrib.staticfiles import finders

    html = client.get("/api/v1/docs").content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls == [
        "/static/ninja/swagger-ui.css",
        "/static/ninja/favicon.svg",
        "/static/ninja/favicon.png",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
    ]
    assert "http" not in html
    assert '"validatorUrl": null' in html  # no badge fetched from validator.swagger.io
    assert '"url": "/api/v1/openapi.json"' in html
    for url in urls:
        assert finders.find(url.removeprefix("/static/")) is not None
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content if response.streaming else [response.content])


def test_post_comment_with_a_token(client, draft, people):
    node = Node.objects.get(draft=draft, label="Điều 1")
    body = {
        "node_id": node.pk,
        "stance": "reword",
        "proposed_wording": "Sửa thành …",
        "reasons": "Rõ hơn",
    }
    response = client.post(
        f"/api/v1/consultations/drafts/{draft.pk}/comments",
        json.dumps(body),
        content_type="application/json",
        **_auth(people),
    )
    assert response.status_code == 201
    comment = Comment.objects.get(pk=response.json()["id"])
    assert (comment.author_id, comment.participant, comment.node_id) == (
        people.citizen.pk,
        f"u:{people.citizen.pk}",
        node.pk,
    )


UNAUTHORIZED = (
    "unauthorized: Chưa xác thực: gửi kèm khoá API cá nhân (tiêu đề Authorization: Bearer yk_…) "
    "hoặc dùng phiên trình duyệt hợp lệ trên trang."
)
CSRF_FAILED = (
    "csrf_failed: Thiếu hoặc sai mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken "
    "với giá trị của cookie csrftoken."
)


def test_post_comment_without_auth_or_with_a_revoked_token(draft, people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # as a script outside a browser: no cookies
    url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    body = json.dumps({"stance": "agree", "reasons": "Tốt"})
    token, raw = apikeys.apikey_create(actor=people.citizen, name="cũ")
    apikeys.apikey_revoke(actor=people.citizen, key=token)
    for headers in (
        {},
        {"HTTP_AUTHORIZATION": "Bearer yk_nope"},
        {"HTTP_AUTHORIZATION": f"Bearer {raw}"},
    ):
        response = client.post(url, body, content_type="application/json", **headers)
        assert response.status_code == 401
        assert response.json() == {"detail": UNAUTHORIZED}
        assert response["WWW-Authenticate"] == "Bearer"
    assert Comment.objects.count() == 0


def test_post_comment_with_a_captcha_session(draft):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.get(f"/du-thao/{draft.pk}/")  # a session and a CSRF cookie
    session = client.session
    session["captcha_ok_until"] = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC).timestamp()
    session.save()
    url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    body = json.dumps({"stance": "agree", "reasons": "Tốt"})
    response = client.post(url, body, content_type="application/json")  # no CSRF token
    assert (response.status_code, response.json()) == (403, {"detail": CSRF_FAILED})
    response = client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION="Bearer yk_nope"
    )  # an unknown token does not skip the CSRF check of the cookie
    assert (response.status_code, response.json()) == (403, {"detail": CSRF_FAILED})
    assert Comment.objects.count() == 0
    csrf = client.cookies["csrftoken"].value
    response = client.post(url, body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201
    assert Comment.objects.get().author_kind == "anonymous"


def test_api_errors_are_clear(client, draft, people):
    headers = _auth(people)
    url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    too_long = json.dumps({"stance": "disagree", "reasons": "a" * 100_000})
    response = client.post(url, too_long, content_type="application/json", **headers)
    assert response.status_code == 400
    assert (
        response.json()["detail"]
        == "too_long: Lý do dài 100.000 ký tự, vượt quá giới hạn 20.000 ký tự."
    )
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    response = client.post(
        url,
        json.dumps({"stance": "agree", "reasons": "Tốt"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 409
    assert (
        response.json()["detail"] == "draft_closed: Dự thảo không còn trong thời gian lấy ý kiến."
    )
    assert Comment.objects.count() == 0


def test_vote_through_the_api(client, draft, people):
    statement = services.statement_propose(
        draft=draft,
        participant=services.Participant.of_user(people.officer),
        text="Mức hỗ trợ phù hợp",
    )
    headers = _auth(people)
    url = f"/api/v1/consultations/statements/{statement.pk}/votes"
    assert client.post(
        url, json.dumps({"value": 1}), content_type="application/json", **headers
    ).json() == {"statement_id": statement.pk, "value": 1}
    response = client.post(
        url, json.dumps({"value": 5}), content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Trường “value” chỉ nhận một trong các giá trị: -1, 0, 1."
    )
    listed = client.get(f"/api/v1/consultations/drafts/{draft.pk}/statements").json()
    assert [(s["agree"], s["disagree"], s["passed"]) for s in listed] == [(1, 0, 0)]


def test_a_request_outside_the_schema_is_a_400_naming_the_field(client, draft, people):
    headers = _auth(people)
    url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    response = client.post(
        url,
        json.dumps({"stance": "maybe", "node_id": "abc"}),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "Trường “node_id” phải là số nguyên. "
        "Trường “stance” chỉ nhận một trong các giá trị: 'agree', 'disagree', 'reword'.",
        "detail": [
            {
                "type": "int_type",  # strict JSON types: a string is not a number
                "loc": ["body", "payload", "node_id"],
                "msg": "Trường “node_id” phải là số nguyên.",
                "field": "node_id",
            },
            {
                "type": "literal_error",
                "loc": ["body", "payload", "stance"],
                "msg": "Trường “stance” chỉ nhận một trong các giá trị: "
                "'agree', 'disagree', 'reword'.",
                "ctx": {"expected": "'agree', 'disagree' or 'reword'"},
                "field": "stance",
            },
        ],
    }
    response = client.post(url, json.dumps({}), content_type="application/json", **headers)
    assert (response.status_code, response.json()["message"]) == (400, "Thiếu trường “stance”.")
    response = client.post(url, "", content_type="application/json", **headers)
    assert (response.status_code, response.json()["message"]) == (
        400,
        "Chưa gửi nội dung JSON của yêu cầu.",
    )
    response = client.post(url, "{not json", content_type="application/json", **headers)
    assert response.status_code == 400
    assert response.json() == {"detail": "bad_json: Nội dung gửi lên không phải JSON hợp lệ."}
    response = client.get("/api/v1/consultations/drafts", {"limit": "nhiều"})
    assert response.status_code == 400
    assert response.json()["message"] == "Trường “limit” phải là số nguyên."
    assert Comment.objects.count() == 0


def test_the_openapi_document_lists_the_errors_of_a_write(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/consultations/drafts/{draft_id}/comments",
        "/api/v1/consultations/statements/{statement_id}/votes",
    ):
        assert sorted(spec["paths"][path]["post"]["responses"]) == [
            "200" if "votes" in path else "201",
            "400",
            "401",
            "403",
            "404",
            "409",
        ]


def test_a_404_raised_inside_the_api_is_translated():
    from django.http import Http404
    from django.test import RequestFactory

    from ykien.api.urls import api

    response = api.on_exception(RequestFactory().get("/api/v1/x"), Http404())
    assert (response.status_code, json.loads(response.content)) == (
        404,
        {"detail": "not_found: Không tìm thấy."},
    )


def _out_of_range(field: str, kind: str, message: str, ctx: dict) -> dict:
    return {
        "code": "invalid",
        "message": message,
        "detail": [
            {"type": kind, "loc": ["query", field], "msg": message, "ctx": ctx, "field": field}
        ],
    }


OFFSET_NEGATIVE = _out_of_range(
    "offset", "greater_than_equal", "Trường “offset” phải lớn hơn hoặc bằng 0.", {"ge": 0}
)
LIMIT_ZERO = _out_of_range(
    "limit", "greater_than_equal", "Trường “limit” phải lớn hơn hoặc bằng 1.", {"ge": 1}
)
LIMIT_OVER = _out_of_range(
    "limit", "less_than_equal", "Trường “limit” phải nhỏ hơn hoặc bằng 200.", {"le": 200}
)


def test_paging_out_of_range_is_a_400_naming_the_field(client, draft):
    node = Node.objects.get(draft=draft, label="Điều 1")
    for url in ("/api/v1/consultations/drafts", f"/api/v1/consultations/nodes/{node.pk}/comments"):
        for query, expected in (
            ({"offset": -5}, OFFSET_NEGATIVE),
            ({"offset": -1}, OFFSET_NEGATIVE),
            ({"limit": 0}, LIMIT_ZERO),
            ({"limit": -3}, LIMIT_ZERO),
            ({"limit": 201}, LIMIT_OVER),
        ):
            response = client.get(url, query)
            assert (response.status_code, response.json()) == (400, expected), (url, query)


def test_paging_within_range(client, draft, people):
    node = Node.objects.get(draft=draft, label="Điều 1")
    ids = [
        comment_on(node, people.citizen, stance="agree", reasons=f"Ý kiến {i}").pk for i in range(3)
    ]
    url = f"/api/v1/consultations/nodes/{node.pk}/comments"
    newest_first = [c["id"] for c in client.get(url, {"limit": 200, "offset": 0}).json()]
    assert sorted(newest_first) == sorted(ids)
    assert [c["id"] for c in client.get(url, {"limit": 1, "offset": 1}).json()] == [newest_first[1]]
    assert client.get(url, {"offset": 3}).json() == []
    drafts = client.get("/api/v1/consultations/drafts", {"limit": 1, "offset": 0}).json()
    assert [d["id"] for d in drafts] == [draft.pk]
    assert client.get("/api/v1/consultations/drafts", {"offset": 1}).json() == []


def test_the_openapi_document_shows_the_paging_constraints(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/consultations/drafts", "/api/v1/consultations/nodes/{node_id}/comments"):
        params = {p["name"]: p["schema"] for p in spec["paths"][path]["get"]["parameters"]}
        assert (params["limit"]["minimum"], params["limit"]["maximum"]) == (1, 200), path
        assert params["offset"]["minimum"] == 0, path


def test_not_found_is_translated_in_the_code_message_shape(client, tree, people):
    from django.conf import settings

    from ykien.consultations.tests.conftest import make_draft

    hidden = make_draft(tree, people.officer, publish=False).pk  # not published: not public
    for url in (
        f"/api/v1/consultations/drafts/{hidden}",
        f"/api/v1/consultations/drafts/{hidden}/tree",
        f"/api/v1/consultations/drafts/{hidden}/statements",
    ):
        response = client.get(url)
        assert (response.status_code, response.json()) == (
            404,
            {"detail": "not_found: Không tìm thấy dự thảo."},
        )
    response = client.get("/api/v1/consultations/nodes/999999/comments")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "not_found: Không tìm thấy điều, khoản."},
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/api/v1/consultations/drafts/{hidden}")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "not_found: Draft not found."},
    )


def test_public_comments_and_statements_hide_personal_data(client, draft, people):
    """The stored texts are kept as typed; the public API shows them redacted."""
    node, comment, statement = personal_comment_and_statement(draft, people)
    comments = client.get(f"/api/v1/consultations/nodes/{node.pk}/comments").json()
    assert comments == [
        {
            "id": comment.pk,
            "node_id": node.pk,
            "stance": "reword",
            "proposed_wording": "Liên hệ tôi: [email]",
            "reasons": REDACTED,
            "author_kind": "citizen",
            "created_at": comment.created_at.isoformat().replace("+00:00", "Z"),
        }
    ]
    statements = client.get(f"/api/v1/consultations/drafts/{draft.pk}/statements").json()
    assert statements == [
        {
            "id": statement.pk,
            "text": "Hỏi thêm qua số [số điện thoại]",
            "agree": 0,
            "disagree": 0,
            "passed": 0,
        }
    ]
    comment.refresh_from_db()
    statement.refresh_from_db()
    assert (comment.reasons, comment.proposed_wording, statement.text) == (
        PERSONAL,
        "Liên hệ tôi: an.le@example.vn",
        "Hỏi thêm qua số 0987.654.321",
    )

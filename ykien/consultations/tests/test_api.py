"""The API: public reads, comments and votes with a token or a captcha-verified session."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ykien.consultations import services
from ykien.consultations.models import Comment, DraftStatus, Node

pytestmark = pytest.mark.django_db


def _auth(people):
    _token, raw = services.token_create(actor=people.citizen, name="thử")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_list_tree_and_comments(client, draft, people):
    node = Node.objects.get(draft=draft, label="Điều 2, khoản 1")
    services.comment_post(
        draft_id=draft.pk,
        node_id=node.pk,
        participant=services.Participant.of_user(people.citizen),
        stance="agree",
        reasons="Đồng ý",
    )
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


def test_post_comment_without_auth_or_with_a_revoked_token(client, draft, people):
    url = f"/api/v1/consultations/drafts/{draft.pk}/comments"
    body = json.dumps({"stance": "agree", "reasons": "Tốt"})
    assert client.post(url, body, content_type="application/json").status_code == 401
    token, raw = services.token_create(actor=people.citizen, name="cũ")
    services.token_revoke(actor=people.citizen, token=token)
    assert (
        client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
        ).status_code
        == 401
    )
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
    assert (
        client.post(url, body, content_type="application/json").status_code == 403
    )  # no CSRF token
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
    services.draft_transition(actor=people.officer, draft=draft, to=DraftStatus.CLOSED)
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
    assert (
        client.post(
            url, json.dumps({"value": 5}), content_type="application/json", **headers
        ).status_code
        == 422
    )
    listed = client.get(f"/api/v1/consultations/drafts/{draft.pk}/statements").json()
    assert [(s["agree"], s["disagree"], s["passed"]) for s in listed] == [(1, 0, 0)]

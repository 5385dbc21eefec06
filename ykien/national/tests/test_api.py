"""The ballot API: 201 then 200 (history kept), and each bad input a documented 4xx that changes
nothing. Tokens are the demo identity provider's (``ykien.identity.demo.mint_id_token``)."""

from __future__ import annotations

import json
import time

import pytest

from ykien.identity.demo import mint_id_token
from ykien.national import services
from ykien.national.models import Ballot, BallotComment, BallotHistory, TallyDelta

pytestmark = pytest.mark.django_db


def _post(client, draft_id, body, token=None, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(
        f"/api/v1/national/drafts/{draft_id}/ballot",
        data=data,
        content_type="application/json",
        **headers,
        **extra,
    )


def _token(sub="cd-1", province="01", **kw):
    return mint_id_token(sub, province, birthdate="1990-01-01", gender="female", **kw)


def _state():
    return (
        list(Ballot.objects.values_list("subject_hash", "overall", "stances", "revision")),
        list(BallotComment.objects.values_list("article", "text")),
        BallotHistory.objects.count(),
        TallyDelta.objects.count(),
    )


def test_first_ballot_201_then_replaced_200_with_history(client, mode):
    token = _token()
    body = {
        "overall": "agree",
        "articles": {"1": {"stance": "disagree", "comment": "Sửa"}, "2": {"stance": "none"}},
    }
    first = _post(client, mode.draft_id, body, token)
    assert first.status_code == 201, first.content
    assert first.json()["replaced"] is False
    assert first.json()["revision"] == 1
    second = _post(client, mode.draft_id, {"overall": "disagree", "articles": {}}, token)
    assert second.status_code == 200
    assert second.json()["replaced"] is True
    assert second.json()["revision"] == 2
    ballot = Ballot.objects.get()
    assert (ballot.province, ballot.age_band, ballot.sex, ballot.overall) == (
        "01",
        "35-44",
        "female",
        2,
    )
    assert len(ballot.subject_hash) == 64
    assert "cd-1" not in ballot.subject_hash
    assert BallotHistory.objects.get().comments == {"1": "Sửa"}


@pytest.mark.parametrize(
    ("body", "status", "start"),
    [
        ({"overall": "agree", "articles": {"99": {"stance": "agree"}}}, 400, "unknown_article: "),
        (
            {"overall": "agree", "articles": {str(i): {"stance": "agree"} for i in range(10_000)}},
            400,
            None,
        ),
        ({"overall": "agree", "articles": {"1": {"stance": "perhaps"}}}, 400, None),
        (
            {"overall": "agree", "articles": {"1": {"stance": "agree", "comment": "x" * 2001}}},
            400,
            None,
        ),
        ("{not json", 400, "bad_json: "),
        (
            {"overall": "agree", "articles": {str(i): {"stance": "agree"} for i in range(1, 7)}},
            400,
            "too_many_articles: ",
        ),
    ],
)
def test_bad_body_is_400_and_changes_nothing(client, mode, body, status, start):
    token = _token()
    assert _post(client, mode.draft_id, {"overall": "agree"}, token).status_code == 201
    before = _state()
    answer = _post(client, mode.draft_id, body, token)
    assert answer.status_code == status, answer.content
    payload = answer.json()
    if start:
        assert payload["detail"].startswith(start)
    else:
        assert payload["code"] == "invalid"
    assert _state() == before


@pytest.mark.parametrize(
    ("article", "kind", "message"),
    [
        ("agree", "model_type", "Trường “articles.1” phải là một đối tượng JSON."),
        (None, "model_type", "Trường “articles.1” phải là một đối tượng JSON."),
        ([], "model_type", "Trường “articles.1” phải là một đối tượng JSON."),
        ({"stance": 1}, "literal_error", None),
        ({"stance": "agree", "comment": 5}, "string_type", None),
        ({}, "missing", None),
    ],
)
def test_an_article_that_is_not_an_object_of_the_schema_is_named_and_changes_nothing(
    client, mode, article, kind, message
):
    """Each article is validated strictly (a plain pydantic model, no Python call per
    article): the error names the article's field, says what was wrong in the reader's
    language, and carries nothing about our code (no Python class name)."""
    before = _state()
    answer = _post(
        client, mode.draft_id, {"overall": "agree", "articles": {"1": article}}, _token()
    )
    assert answer.status_code == 400, answer.content
    payload = answer.json()
    assert payload["code"] == "invalid"
    [error] = payload["detail"]
    assert error["type"] == kind
    assert error["field"].startswith("articles.1")
    assert "ArticleIn" not in answer.content.decode()
    if message:
        assert (payload["message"], error["msg"]) == (message, message)
        assert "ctx" not in error
    assert _state() == before


def test_a_huge_body_is_refused_before_it_is_read(client, mode):
    body = {
        "overall": "agree",
        "articles": {"1": {"stance": "agree", "comment": "x" * (services.MAX_BALLOT_BYTES + 10)}},
    }
    answer = _post(client, mode.draft_id, body, _token())
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("too_big: ")
    assert _state() == ([], [], 0, 0)


@pytest.mark.parametrize("kind", ["forged", "expired", "garbage", "wrong_audience"])
def test_forged_or_expired_token_is_401_and_changes_nothing(client, mode, kind):
    if kind == "forged":
        good = _token()
        head, claims, sig = good.split(".")
        token = f"{head}.{claims}.{sig[::-1]}"
    elif kind == "expired":
        token = _token(issued_at=int(time.time()) - 7200, expires_in=600)
    elif kind == "wrong_audience":
        token = _token(audience="someone-else")
    else:
        token = "not-a-token"
    answer = _post(client, mode.draft_id, {"overall": "agree"}, token)
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Bearer"
    assert _state() == ([], [], 0, 0)


def test_after_the_period_409_and_nothing_changes(client, mode, time_machine):
    time_machine.move_to("2026-12-01T03:00:00+00:00")
    answer = _post(client, mode.draft_id, {"overall": "agree"}, _token())
    assert answer.status_code == 409
    assert answer.json()["detail"].startswith("ballot_ended: ")
    assert _state() == ([], [], 0, 0)


def test_unknown_draft_404(client, mode):
    assert _post(client, 987654, {"overall": "agree"}, _token()).status_code == 404


def test_results_are_public_cached_and_exact(client, mode):
    _post(
        client,
        mode.draft_id,
        {"overall": "agree", "articles": {"1": {"stance": "disagree"}}},
        _token("a", "79"),
    )
    _post(client, mode.draft_id, {"overall": "disagree"}, _token("b", "01"))
    services.rollup(draft_id=mode.draft_id)
    answer = client.get(f"/api/v1/national/drafts/{mode.draft_id}/results")
    assert answer.status_code == 200
    assert "max-age=30" in answer["Cache-Control"]
    data = answer.json()
    assert data["ballots"] == 2
    assert (
        data["overall"]["agree"],
        data["overall"]["disagree"],
        data["overall"]["agree_share"],
    ) == (1, 1, 50.0)
    assert (
        data["articles"][0]["number"],
        data["articles"][0]["disagree"],
        data["articles"][0]["none"],
    ) == ("1", 1, 1)
    assert len(data["provinces"]) == 34
    by_code = {p["code"]: p for p in data["provinces"]}
    assert (by_code["79"]["agree"], by_code["01"]["disagree"], by_code["96"]["total"]) == (1, 1, 0)
    hcm = client.get(f"/api/v1/national/drafts/{mode.draft_id}/results?province=79").json()
    assert (hcm["province"], hcm["overall"]["agree"], hcm["articles"][0]["disagree"]) == (
        "79",
        1,
        1,
    )
    assert (
        client.get(f"/api/v1/national/drafts/{mode.draft_id}/results?province=00").status_code
        == 400
    )
    assert client.get("/api/v1/national/drafts/987654/results").status_code == 404


def test_results_answer_is_built_once_per_rollup(client, mode, django_assert_max_num_queries):
    _post(client, mode.draft_id, {"overall": "agree"}, _token("c", "79"))
    services.rollup(draft_id=mode.draft_id)
    url = f"/api/v1/national/drafts/{mode.draft_id}/results"
    first = client.get(url)
    assert first["Content-Type"] == "application/json; charset=utf-8"
    assert first["Cache-Control"] == "public, max-age=30"
    with django_assert_max_num_queries(1):  # the mode; the answer is kept
        assert client.get(url).content == first.content
    assert client.get(url + "?province=79").content != first.content  # one per province
    _post(client, mode.draft_id, {"overall": "disagree"}, _token("d", "01"))
    services.rollup(draft_id=mode.draft_id)  # forgets the kept answers
    assert client.get(url).json()["ballots"] == 2

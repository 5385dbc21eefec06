"""The voting page and the API offer each voter the statement routing chooses for them first
(new, little-voted, informative statements preferred, as Polis does), and nothing once they have
voted on every statement."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import Statement
from ykien.core import apikeys

pytestmark = pytest.mark.django_db

TEXTS = [
    "Nên tăng mức hỗ trợ học phí.",
    "Thủ tục nhận hỗ trợ nên làm trực tuyến.",
    "Cần công khai danh sách được hỗ trợ.",
]


@pytest.fixture
def statements(draft, people):
    officer = services.Participant.of_user(people.officer)
    made = [services.statement_propose(draft=draft, participant=officer, text=t) for t in TEXTS]
    # the first two have many votes already, the third none: routing prefers the third
    for i in range(12):
        voter = services.Participant.anonymous(f"v{i}")
        for s in made[:2]:
            services.vote_cast(statement_id=s.pk, participant=voter, value=1 if i % 2 else -1)
    return made


def _routed(html: str) -> str | None:
    match = re.search(r'id="nhan-dinh-tiep-theo">\s*<p><strong>(.*?)</strong>', html)
    return match.group(1) if match else None


def test_the_voting_page_puts_the_routed_statement_first_and_lists_the_others(
    client, draft, statements
):
    url = reverse("consultations:draft", args=[draft.pk])
    seen = {_routed(client.get(url).content.decode()) for _ in range(12)}
    assert seen <= set(TEXTS)
    assert TEXTS[2] in seen  # the statement nobody voted on comes up
    html = client.get(url).content.decode()
    assert "Nhận định tiếp theo dành cho bạn" in html
    routed = _routed(html)
    # every statement is on the page once: the routed one first, the others after it
    for text in TEXTS:
        assert html.count(f"<strong>{text}</strong>") == 1
    assert html.index(f"<strong>{routed}</strong>") < html.index("Các nhận định khác")


def test_after_voting_on_everything_no_statement_is_routed(client, draft, statements, people):
    client.force_login(people.citizen)
    for s in statements:
        response = client.post(
            reverse("consultations:vote", args=[draft.pk]), {"statement": s.pk, "value": "1"}
        )
        assert response.status_code == 302
    html = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Nhận định tiếp theo dành cho bạn" not in html
    assert "Chưa có nhận định nào." not in html
    for text in TEXTS:
        assert html.count(f"<strong>{text}</strong>") == 1


def test_a_closed_draft_routes_nothing(client, draft, statements, time_machine):
    time_machine.move_to("2027-01-15 09:00+07:00")
    html = client.get(reverse("consultations:draft", args=[draft.pk])).content.decode()
    assert "Nhận định tiếp theo dành cho bạn" not in html


def test_the_api_gives_the_next_statement_then_204(client, draft, statements, people):
    _key, raw = apikeys.apikey_create(actor=people.citizen, name="thử")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = f"/api/v1/consultations/drafts/{draft.pk}/statements/next"
    assert client.get(url).status_code == 401
    ids = {s.pk for s in statements}
    for _ in statements:
        response = client.get(url, **auth)
        assert response.status_code == 200
        body = response.json()
        assert body["id"] in ids
        assert set(body) == {"id", "text", "agree", "disagree", "passed"}
        ids.discard(body["id"])
        voted = client.post(
            f"/api/v1/consultations/statements/{body['id']}/votes",
            {"value": 0},
            content_type="application/json",
            **auth,
        )
        assert voted.status_code == 200
    assert ids == set()
    response = client.get(url, **auth)
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(
        f"/api/v1/consultations/drafts/{10**30}/statements/next", **auth
    ).status_code in (
        400,
        404,
    )
    assert Statement.objects.filter(draft=draft).count() == 3

"""The comment picker: suggestions by number or words (diacritics ignored), for those who manage
the draft; a critique point cites the comments picked (no numbers to type)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.consultations.tests.conftest import comment_on, consolidating

pytestmark = pytest.mark.django_db


def suggest(client, draft, q):
    return client.get(reverse("consultations:suggest_comments", args=[draft.pk]), {"q": q})


@pytest.fixture
def said(draft, people):
    wage = comment_on(
        draft, people.citizen, stance="disagree", reasons="Mức hỗ trợ tiền lương quá thấp."
    )
    loan = comment_on(draft, people.officer, stance="agree", reasons="Cần thêm vốn vay ưu đãi.")
    return wage, loan


def test_comment_suggestions_by_words_without_diacritics_and_by_number(client, draft, people, said):
    wage, loan = said
    client.force_login(people.officer)
    results = suggest(client, draft, "tien luong").json()["results"]
    assert results == [
        {
            "id": wage.pk,
            "text": f"#{wage.pk} — Mức hỗ trợ tiền lương quá thấp.",
            "note": "ý kiến chung · Không đồng ý",
            "disabled": False,
        }
    ]
    assert [r["id"] for r in suggest(client, draft, f"#{loan.pk}").json()["results"]] == [loan.pk]
    assert suggest(client, draft, "").json() == {"results": []}


def test_comment_suggestions_need_the_draft_manager(client, draft, people, said):
    client.force_login(people.other_officer)
    response = suggest(client, draft, "luong")
    assert response.status_code == 403
    assert response.json() == {"error": "Bạn không có quyền xem gợi ý này."}
    client.force_login(people.officer)
    assert suggest(client, draft, "é" * 101).status_code == 400


def test_a_point_cites_the_picked_comments(client, draft, people, said):
    wage, loan = said
    consolidating(draft, people)
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:points", args=[draft.pk]),
        {"title": "Tiền lương", "text": "Nâng mức hỗ trợ.", "comments": f"{wage.pk},{loan.pk}"},
    )
    assert response.status_code == 302
    point = draft.points.get()
    assert sorted(point.comments.values_list("pk", flat=True)) == sorted([wage.pk, loan.pk])
    page = client.get(reverse("consultations:point_edit", args=[draft.pk, point.pk]))
    html = page.content.decode()
    assert f'data-picker="/can-bo/du-thao/{draft.pk}/goi-y/gop-y/"' in html
    assert "data-picker-multiple" in html
    assert "Số hiệu các góp ý" not in html


def test_a_point_without_javascript_cites_comments_by_their_words(client, draft, people, said):
    wage, _loan = said
    consolidating(draft, people)
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:points", args=[draft.pk]),
        {"title": "Tiền lương", "text": "Nâng mức hỗ trợ.", "comments": "tien luong qua thap"},
    )
    assert response.status_code == 302
    assert list(draft.points.get().comments.all()) == [wage]

"""A critique point's supporting comments sent tampered (a number of no comment of this draft, a
comment of another draft, a value no picker sends): a form error, nothing saved or changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ykien.consultations.tests.conftest import comment_on, consolidating, make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(client, draft, people):
    wage = comment_on(draft, people.citizen, stance="disagree", reasons="Mức lương quá thấp.")
    consolidating(draft, people)
    client.force_login(people.officer)
    return wage


def post(client, draft, data):
    return client.post(reverse("consultations:points", args=[draft.pk]), data)


@pytest.mark.parametrize(
    "comments",
    [
        "{wage},99999999",
        "99999999,{wage}",
        "{wage},0",
        "{wage},²",
        "{wage},9999999999999999999999",
        "{wage},-3",
        "{wage},#",
        "{wage},1.5",
    ],
)
def test_a_tampered_comment_id_is_a_form_error_and_saves_nothing(
    client, draft, people, ready, comments
):
    response = post(
        client,
        draft,
        {"title": "Tiền lương", "text": "Nâng mức.", "comments": comments.format(wage=ready.pk)},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["comments"]
    assert not draft.points.exists()


def test_several_comment_values_are_refused(client, draft, people, ready):
    response = post(
        client,
        draft,
        {"title": "Tiền lương", "text": "Nâng mức.", "comments": ["99999999", str(ready.pk)]},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["comments"]
    assert not draft.points.exists()


def test_a_comment_of_another_draft_is_refused(client, tree, draft, people, ready):
    other = make_draft(tree, people.officer)
    theirs = comment_on(other, people.citizen, stance="agree", reasons="Đồng ý với dự thảo.")
    response = post(
        client,
        draft,
        {"title": "Tiền lương", "text": "Nâng mức.", "comments": f"{ready.pk},{theirs.pk}"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["comments"]
    assert not draft.points.exists()

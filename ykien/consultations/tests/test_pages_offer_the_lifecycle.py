"""The staff pages offer exactly the moves the lifecycle allows the reader now
(``consultations.lifecycle``): they never work them out again."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.models import CommentStatus, DraftStatus
from ykien.consultations.tests.conftest import comment_on, drafted_document, issued_document
from ykien.consultations.tests.test_views import login_verified
from ykien.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _buttons(html: str, form_action: str) -> list[tuple[str, str]]:
    """(value, label) of the ``to`` buttons of the forms posting to ``form_action``."""
    found = []
    for form in re.findall(
        r'<form[^>]*action="' + re.escape(form_action) + r'".*?</form>', html, re.S
    ):
        found += re.findall(r'name="to" value="([a-z]+)">([^<]+)</button>', form)
    return found


def _comment(draft, people):
    return comment_on(draft, people.citizen, stance="disagree", reasons="Chưa rõ.")


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (CommentStatus.VISIBLE, [("hidden", "Ẩn")]),
        (CommentStatus.PENDING, [("visible", "Cho hiển thị"), ("hidden", "Ẩn")]),
        (CommentStatus.HIDDEN, [("visible", "Cho hiển thị")]),
    ],
)
def test_moderation_offers_the_comments_moves(client, draft, people, status, buttons):
    comment = _comment(draft, people)
    type(comment).objects.filter(pk=comment.pk).update(status=status)
    login_verified(client, people.officer)
    url = reverse("consultations:moderation", args=[draft.pk]) + f"?status={status}"
    html = client.get(url).content.decode()
    action = reverse("consultations:moderate_comment", args=[draft.pk, comment.pk])
    assert _buttons(html, action) == buttons


def test_a_superuser_is_not_offered_the_hold_readers_reports_make(client, draft, people):
    comment = _comment(draft, people)
    root = UserFactory(username="root", is_superuser=True)
    client.force_login(root)
    html = client.get(
        reverse("consultations:moderation", args=[draft.pk]) + "?status=visible"
    ).content.decode()
    action = reverse("consultations:moderate_comment", args=[draft.pk, comment.pk])
    assert _buttons(html, action) == [("hidden", "Ẩn")]


def test_moderation_offers_the_statements_moves(client, draft, people):
    pending = services.statement_propose(
        draft=draft,
        participant=services.Participant.of_user(people.citizen),
        text="Nên hỗ trợ hợp tác xã mới.",
    )
    active = services.statement_propose(
        draft=draft,
        participant=services.Participant.of_user(people.officer),
        text="Mức hỗ trợ là phù hợp.",
    )
    login_verified(client, people.officer)
    html = client.get(reverse("consultations:moderation", args=[draft.pk])).content.decode()
    assert _buttons(
        html, reverse("consultations:moderate_statement", args=[draft.pk, pending.pk])
    ) == [("active", "Đưa ra biểu quyết"), ("rejected", "Không đưa ra biểu quyết")]
    assert _buttons(
        html, reverse("consultations:moderate_statement", args=[draft.pk, active.pk])
    ) == [("rejected", "Không đưa ra biểu quyết")]


def test_the_overview_offers_the_drafts_moves(client, draft, people):
    login_verified(client, people.officer)
    url = reverse("consultations:staff_draft", args=[draft.pk])
    moves = re.findall(r'name="to" value="([a-z]+)"', client.get(url).content.decode())
    assert moves == ["closed"]
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    moves = re.findall(r'name="to" value="([a-z]+)"', client.get(url).content.decode())
    assert moves == ["open", "consolidating"]


def test_a_move_not_offered_now_is_refused_with_400_and_changes_nothing(client, draft, people):
    login_verified(client, people.officer)
    response = client.post(
        reverse("consultations:transition", args=[draft.pk]), {"to": "consolidating"}
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == DraftStatus.OPEN


def test_the_document_page_offers_each_reader_their_moves(client, draft, people):
    document = drafted_document(draft, people)
    url = reverse("consultations:document", args=[draft.pk])
    submit = 'name="action" value="submit"'
    issue = 'name="action" value="issue"'
    give_back = 'name="action" value="return"'
    login_verified(client, people.officer)
    html = client.get(url).content.decode()
    assert (submit in html, issue in html, give_back in html) == (True, False, False)
    services.document_submit(actor=people.officer, document=document)
    html = client.get(url).content.decode()
    assert (submit in html, issue in html, give_back in html) == (False, False, False)
    assert "Văn bản đang chờ lãnh đạo đơn vị duyệt và ban hành." in html
    client.logout()
    login_verified(client, people.leader)
    html = client.get(url).content.decode()
    assert (submit in html, issue in html, give_back in html) == (False, True, True)


def test_the_respondent_answers_until_every_answer_is_published(client, draft, people):
    issued_document(draft, people)
    point = draft.points.get()
    login_verified(client, people.respondent)
    url = reverse("consultations:respondent_draft", args=[draft.pk])
    assert f'name="point" value="{point.pk}"' in client.get(url).content.decode()
    services.point_answer(actor=people.respondent, point=point, answer="accepted", text="Tiếp thu.")
    html = client.get(url).content.decode()
    assert f'name="point" value="{point.pk}"' not in html  # the last answer published them all
    assert "Tiếp thu." in html

"""Once a published draft's consultation has begun, its announced start stays and its end cannot
be moved into the past from the edit form; a draft is received before its consultation starts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ykien.consultations import services
from ykien.consultations.tests.conftest import make_draft
from ykien.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def _open_draft(tree, people):
    draft = make_draft(tree, people.officer)  # published 26/11/2026, open until 10/12/2026
    assert draft.comment_start <= dt.date(2026, 11, 26)
    return draft


def test_the_start_of_an_open_consultation_cannot_move(tree, people):
    draft = _open_draft(tree, people)
    start, end = draft.comment_start, draft.comment_end
    with pytest.raises(ValidationFailed) as caught:
        services.draft_update(
            actor=people.officer,
            draft=draft,
            data={
                "received_on": dt.date(2026, 12, 20),
                "comment_start": dt.date(2026, 12, 20),
                "comment_end": dt.date(2026, 12, 20),
            },
        )
    assert caught.value.code in ("received_after_start", "start_announced")
    draft.refresh_from_db()
    assert (draft.comment_start, draft.comment_end) == (start, end)


def test_the_edit_page_says_why_and_changes_nothing(client, tree, people):
    draft = _open_draft(tree, people)
    client.force_login(people.officer)
    response = client.post(
        reverse("consultations:edit", args=[draft.pk]),
        {
            "title": draft.title,
            "kind": draft.kind,
            "form": draft.form,
            "received_on": draft.received_on.isoformat(),
            "comment_start": "2026-12-05",
            "comment_end": "2026-12-20",
            "summary": "",
        },
    )
    assert response.status_code in (200, 400)
    assert "không thể đổi ngày bắt đầu đã công bố" in response.content.decode()
    draft.refresh_from_db()
    assert draft.comment_end == dt.date(2026, 12, 10)


def test_the_end_cannot_be_moved_into_the_past(tree, people, time_machine):
    draft = _open_draft(tree, people)
    time_machine.move_to("2026-12-05 09:00+07:00")
    with pytest.raises(ValidationFailed) as caught:
        services.draft_update(
            actor=people.officer, draft=draft, data={"comment_end": dt.date(2026, 12, 1)}
        )
    assert caught.value.code == "end_in_past"


def test_the_end_can_still_be_extended(tree, people):
    draft = _open_draft(tree, people)
    services.draft_update(
        actor=people.officer, draft=draft, data={"comment_end": dt.date(2026, 12, 31)}
    )
    draft.refresh_from_db()
    assert draft.comment_end == dt.date(2026, 12, 31)


def test_a_draft_not_yet_published_can_be_rescheduled(tree, people):
    draft = make_draft(tree, people.officer, publish=False)
    services.draft_update(
        actor=people.officer,
        draft=draft,
        data={"comment_start": dt.date(2026, 12, 1), "comment_end": dt.date(2026, 12, 31)},
    )
    draft.refresh_from_db()
    assert draft.comment_start == dt.date(2026, 12, 1)

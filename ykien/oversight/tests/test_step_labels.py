"""Labels an officer reads in their language: the step forms of an activity (never Vietnamese
in English mode) and the referral note of an escalated recommendation (stored in Vietnamese)."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import translation

from ykien.oversight import services as s
from ykien.oversight.models import ActivityForm, RecommendationEvent
from ykien.oversight.tests.conftest import issued, planned

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "labels", "absent"),
    [
        ("vi", ["Bắt đầu giám sát", "Hủy cuộc giám sát"], []),
        ("en", ["Start supervision", "Cancel the supervision"], ["Hủy cuộc giám sát"]),
    ],
)
def test_activity_step_forms_are_labelled_in_the_readers_language(
    world, client, no_otp, language, labels, absent
):
    activity = planned(world, ActivityForm.DOCUMENT_REVIEW, planned_on=dt.date(2026, 12, 2))
    client.force_login(world.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/can-bo/giam-sat/cuoc/{activity.pk}/").content.decode()
    for label in labels:
        assert f"<summary>{label}</summary>" in page
    for text in absent:
        assert text not in page


def test_escalation_note_is_stored_in_vietnamese_and_shown_in_the_readers_language(world):
    rec = issued(world, on=dt.date(2026, 9, 30), days=20)
    with translation.override("en"):
        s.recommendation_escalate(actor=world.officer, recommendation=rec, note="Gấp")
    event = RecommendationEvent.objects.get(recommendation=rec, to_status="escalated")
    assert event.note == "Chuyển Ủy ban Trung ương MTTQ Việt Nam đôn đốc. Gấp"
    assert event.note_text == event.note
    with translation.override("en"):
        assert event.note_text == "Escalated to Ủy ban Trung ương MTTQ Việt Nam for follow-up. Gấp"

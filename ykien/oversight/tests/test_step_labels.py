"""Labels an officer reads in their language: the step forms of an activity (never Vietnamese
in English mode) and the referral note of an escalated recommendation (stored in Vietnamese)."""

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.utils import translation

from ykien.oversight import services as s
from ykien.oversight.models import ActivityForm, RecommendationEvent
from ykien.oversight.tests.conftest import issued

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_otp():
    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        yield


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
    activity = s.activity_create(
        actor=world.officer,
        unit=world.province,
        form=ActivityForm.DOCUMENT_REVIEW,
        title="Xem xét quyết định giá đất",
        content="Nghiên cứu các quyết định về giá đất",
        subject=world.ubnd,
        planned_on=dt.date(2026, 12, 2),
    )
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

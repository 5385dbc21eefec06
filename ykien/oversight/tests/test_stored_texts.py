"""Texts kept and handed out again: the answer date noted at issue is stored in Vietnamese
and shown in the reader's language; CSV cells a spreadsheet would run are neutralised."""

import pytest
from django.conf import settings
from django.utils import translation

from ykien.core.models import Unit
from ykien.oversight import services as s
from ykien.oversight.models import RecommendationEvent
from ykien.oversight.tests.conftest import ISSUE_DAY, issued, reported_review, written

pytestmark = pytest.mark.django_db

NOTE_VI = (
    "Hạn trả lời 22/05/2026 — 30 ngày kể từ 22/04/2026 — Luật MTTQ 2015 và NQLT 403/2017 không"
    " quy định số ngày; đơn vị ban hành ấn định (mặc định của nền tảng: 30 ngày)"
)
NOTE_EN = (
    "Reply due 22/05/2026 — 30 days from 22/04/2026 — Neither the 2015 Front Law nor Joint"
    " Resolution 403/2017 sets a number of days; the issuing unit sets it (platform default:"
    " 30 days)"
)


def test_issue_note_saved_under_english_is_stored_in_vietnamese(world):
    with translation.override("en"):
        rec = issued(world)
    event = RecommendationEvent.objects.get(recommendation=rec, to_status="issued")
    assert event.note == NOTE_VI
    assert event.note_text == NOTE_VI
    with translation.override("en"):
        assert event.note_text == NOTE_EN


def test_public_page_shows_the_issue_note_in_the_reader_language(world, client):
    rec = issued(world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/giam-sat/kien-nghi/{rec.pk}/").content.decode()
    assert f'<span class="muted">{NOTE_EN}</span>' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.get(f"/giam-sat/kien-nghi/{rec.pk}/").content.decode()
    assert f'<span class="muted">{NOTE_VI}</span>' in page


def test_a_typed_note_that_looks_alike_is_shown_as_typed(world):
    rec = issued(world)
    event = RecommendationEvent.objects.create(
        recommendation=rec, on=rec.issued_on, from_status="", to_status="done", note=NOTE_VI
    )
    with translation.override("en"):
        assert event.note_text == NOTE_VI


def test_recommendations_csv_neutralises_a_text_a_spreadsheet_would_run(world, client):
    activity = reported_review(world)
    rec = written(world, activity, "=1+2 Rà soát bảng giá đất.", created_on=ISSUE_DAY)
    rec = s.recommendation_issue(actor=world.officer, recommendation=rec, on=ISSUE_DAY)
    lines = client.get("/giam-sat/du-lieu/kien-nghi.csv").content.decode("utf-8").splitlines()
    assert lines[1] == (
        f"{rec.code},Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long,MTTQ-86,Ủy ban nhân dân tỉnh Vĩnh Long,"
        "UBND-86,,Xem xét quyết định giá đất,document_review,Giá đất ven biển chưa sát thị "
        "trường.,'=1+2 Rà soát bảng giá đất.,2026-04-22,2026-05-22,issued,"
        '"Đã gửi, chờ trả lời",1,,0,,,,,,'
    )


def test_figures_csv_neutralises_a_name_and_keeps_numbers(world, client):
    issued(world)
    Unit.objects.filter(pk=world.ubnd.pk).update(name="+UBND tỉnh Vĩnh Long")
    lines = client.get("/giam-sat/du-lieu/thong-ke.csv").content.decode("utf-8").splitlines()
    assert lines[1:] == ["'+UBND tỉnh Vĩnh Long,UBND-86,1,0,0,0,0,1"]

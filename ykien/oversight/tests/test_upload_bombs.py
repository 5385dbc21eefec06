"""A .docx that unpacks too large is refused on every oversight upload, with nothing stored."""

import datetime as dt
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ykien.core.errors import ValidationFailed
from ykien.core.tests.bombs import MB, lying_docx
from ykien.oversight import services as s
from ykien.oversight.models import ActivityDocument, Answer, AnswerDocument, AnswerKind
from ykien.oversight.tests.conftest import issued, reported_review

pytestmark = pytest.mark.django_db


def _bomb() -> SimpleUploadedFile:
    return SimpleUploadedFile("bao-cao.docx", lying_docx(), content_type="application/msword")


def _refused(call) -> ValidationFailed:
    tracemalloc.start()
    try:
        with pytest.raises(ValidationFailed) as excinfo:
            call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * MB
    assert excinfo.value.code == "archive_too_large"
    assert excinfo.value.field == "files"
    assert str(excinfo.value.message).startswith(
        "Tệp “bao-cao.docx”: Tệp nén giải nén ra quá lớn so với giới hạn cho phép (200 MB)"
    )
    return excinfo.value


def test_an_answer_document_that_unpacks_too_large_is_refused(world, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    rec = issued(world)
    _refused(
        lambda: s.recommendation_answer(
            actor=world.respondent,
            recommendation=rec,
            kind=AnswerKind.DONE,
            text="UBND tỉnh đã chỉ đạo thực hiện xong.",
            answered_on=dt.date(2026, 5, 15),
            files=[_bomb()],
        )
    )
    assert (Answer.objects.count(), AnswerDocument.objects.count()) == (0, 0)
    assert not any(tmp_path.rglob("*.docx"))


def test_an_activity_document_that_unpacks_too_large_is_refused(world, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path
    activity = reported_review(world)
    _refused(
        lambda: s.activity_document_add(
            actor=world.officer, activity=activity, kind="report", file=_bomb()
        )
    )
    assert ActivityDocument.objects.count() == 0
    assert not any(tmp_path.rglob("*.docx"))

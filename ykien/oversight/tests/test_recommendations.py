import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import AuditEvent
from ykien.core.permissions import SYSTEM
from ykien.oversight import services as s
from ykien.oversight.lifecycle import RECOMMENDATION
from ykien.oversight.models import (
    ActivityForm,
    Answer,
    AnswerDocument,
    AnswerKind,
    Recommendation,
    RecommendationStatus,
)
from ykien.oversight.tests.conftest import board_review, issued, planned, reported_review, written

D = dt.date
ANSWER_DAY = D(2026, 5, 15)
R = RecommendationStatus
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def answer(w, rec, kind, on=ANSWER_DAY, **extra):
    if kind == AnswerKind.IN_PROGRESS:
        extra.setdefault("plan", "Lựa chọn nhà thầu, thi công tháng 8")
        extra.setdefault("planned_date", D(2026, 12, 31))
    respondent = extra.pop("respondent", w.respondent)
    return s.recommendation_answer(
        actor=respondent,
        recommendation=rec,
        kind=kind,
        text="UBND tỉnh đã chỉ đạo thực hiện xong.",
        answered_on=on,
        **extra,
    )


def status(rec):
    return Recommendation.objects.get(pk=rec.pk).status


def test_every_recommendation_transition_is_walked(world):
    w = world
    walked = set()
    # draft → issued
    rec = issued(w)
    walked.add(("draft", "issued"))
    # issued → each answer; answered → closed (except in_progress)
    for kind in AnswerKind:
        r = issued(w)
        answer(w, r, kind)
        assert status(r) == kind
        walked.add(("issued", kind))
        if kind != AnswerKind.IN_PROGRESS:
            s.recommendation_close(
                actor=w.officer, recommendation=r, note="Đã kiểm tra kết quả", on=D(2026, 6, 1)
            )
            assert status(r) == R.CLOSED
            walked.add((kind, "closed"))
    # in_progress → each answer (a revised plan, or the result)
    for kind in AnswerKind:
        r = issued(w)
        answer(w, r, AnswerKind.IN_PROGRESS)
        answer(w, r, kind, on=D(2026, 6, 1))
        assert status(r) == kind
        walked.add(("in_progress", kind))
    # issued → escalated → each answer; in_progress (overdue plan) → escalated
    for kind in AnswerKind:
        r = issued(w)
        s.recommendation_escalate(actor=w.officer, recommendation=r, on=D(2026, 6, 1))
        walked.add(("issued", "escalated"))
        answer(w, r, kind, on=D(2026, 6, 10))
        assert status(r) == kind
        walked.add(("escalated", kind))
    r = issued(w)
    answer(w, r, AnswerKind.IN_PROGRESS, planned_date=D(2026, 8, 31))
    s.recommendation_escalate(actor=w.officer, recommendation=r, on=D(2026, 9, 15))
    assert status(r) == R.ESCALATED
    walked.add(("in_progress", "escalated"))
    expected = {  # every edge that moves the status
        (src, edge.target) for edge in RECOMMENDATION.edges if edge.target for src in edge.sources
    }
    assert walked == expected
    assert rec.events.count() == 2


def test_answer_date_defaults_to_30_days_and_moves_past_a_weekend(world):
    w = world
    rec = issued(w, on=D(2026, 4, 22))
    assert rec.answer_due == D(2026, 5, 22)
    assert rec.answer_days == 30
    # 1 May + 30 days = Sunday 31 May → Monday 1 June
    assert issued(w, on=D(2026, 5, 1)).answer_due == D(2026, 6, 1)
    # the issuing unit sets 20 days
    short = issued(w, on=D(2026, 9, 30), days=20)
    assert short.answer_due == D(2026, 10, 20)
    assert "20 ngày kể từ 30/09/2026" in short.events.get(to_status=R.ISSUED).note


def test_overdue_flags(world):
    w = world
    rec = issued(w, on=D(2026, 4, 22))
    assert rec.is_overdue(D(2026, 5, 22)) is False
    assert rec.is_overdue(D(2026, 5, 23)) is True
    answer(w, rec, AnswerKind.IN_PROGRESS, on=D(2026, 5, 20), planned_date=D(2026, 8, 31))
    rec = Recommendation.objects.get(pk=rec.pk)
    assert rec.is_overdue(D(2026, 8, 31)) is False
    assert rec.is_overdue(D(2026, 9, 1)) is True


def test_first_answer_after_the_due_date_is_late(world):
    w = world
    rec = issued(w, on=D(2026, 4, 22))
    late = answer(w, rec, AnswerKind.EXPLAINED, on=D(2026, 5, 25))
    assert late.on_time is False


def test_a_respondent_of_another_unit_is_refused_and_nothing_changes(world):
    w = world
    rec = issued(w)
    with pytest.raises(PermissionDenied) as exc:
        answer(w, rec, AnswerKind.DONE, respondent=w.respondent_sxd)
    assert exc.value.code == "not_addressee"
    assert "Ủy ban nhân dân tỉnh Vĩnh Long" in str(exc.value.message)
    with pytest.raises(PermissionDenied):
        answer(w, rec, AnswerKind.DONE, respondent=w.officer)
    assert status(rec) == R.ISSUED
    assert Answer.objects.count() == 0


def test_a_recommendation_without_an_answer_cannot_be_closed(world):
    w = world
    rec = issued(w)
    with pytest.raises(InvalidTransition) as exc:
        s.recommendation_close(actor=w.officer, recommendation=rec, note="Kết thúc")
    assert exc.value.code == "no_answer"
    assert status(rec) == R.ISSUED
    in_progress = issued(w)
    answer(w, in_progress, AnswerKind.IN_PROGRESS)
    with pytest.raises(InvalidTransition) as exc:
        s.recommendation_close(actor=w.officer, recommendation=in_progress, note="Kết thúc")
    assert exc.value.code == "in_progress"


def test_in_progress_needs_a_plan_and_a_later_date(world):
    w = world
    rec = issued(w)
    with pytest.raises(ValidationFailed) as exc:
        answer(w, rec, AnswerKind.IN_PROGRESS, planned_date=D(2026, 5, 10))
    assert exc.value.field == "planned_date"
    with pytest.raises(ValidationFailed) as exc:
        answer(w, rec, AnswerKind.IN_PROGRESS, plan="  ")
    assert exc.value.field == "plan"
    assert status(rec) == R.ISSUED


def test_a_draft_cannot_be_answered_and_an_answer_cannot_precede_the_issue(world):
    w = world
    activity = reported_review(w)
    draft = written(w, activity, "Kiến nghị")
    with pytest.raises(InvalidTransition):
        answer(w, draft, AnswerKind.DONE)
    rec = issued(w, on=D(2026, 4, 22))
    with pytest.raises(ValidationFailed) as exc:
        answer(w, rec, AnswerKind.DONE, on=D(2026, 4, 20))
    assert exc.value.field == "answered_on"


def test_documents_are_sniffed_and_over_the_limit_nothing_changes(world, settings, tmp_path):
    w = world
    settings.PRIVATE_ROOT = tmp_path
    settings.OVERSIGHT_MAX_UPLOAD_BYTES = 1024
    rec = issued(w)
    big = SimpleUploadedFile("tra-loi.pdf", PDF + b"0" * 2000, content_type="application/pdf")
    good = SimpleUploadedFile("kem-theo.pdf", PDF, content_type="application/pdf")
    with pytest.raises(ValidationFailed) as exc:
        answer(w, rec, AnswerKind.DONE, files=[good, big])
    assert exc.value.code == "file_too_large"
    assert "vượt giới hạn" in str(exc.value.message)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationFailed) as exc:
        answer(w, rec, AnswerKind.DONE, files=[fake])
    assert exc.value.code == "file_type"
    assert status(rec) == R.ISSUED
    assert Answer.objects.count() == 0
    assert AnswerDocument.objects.count() == 0
    assert not any(tmp_path.rglob("*.pdf"))
    good.seek(0)
    answer(w, rec, AnswerKind.DONE, files=[good])
    doc = AnswerDocument.objects.get()
    assert doc.content_type == "application/pdf"
    assert (tmp_path / "oversight" / doc.file.name).read_bytes() == PDF


def test_escalation_goes_to_the_front_one_level_up(world):
    w = world
    provincial = issued(w, on=D(2026, 4, 22))
    with pytest.raises(InvalidTransition) as exc:
        s.recommendation_escalate(actor=w.officer, recommendation=provincial, on=D(2026, 5, 22))
    assert exc.value.code == "not_overdue"
    s.recommendation_escalate(actor=w.officer, recommendation=provincial, on=D(2026, 5, 23))
    assert Recommendation.objects.get(pk=provincial.pk).escalated_to == w.central
    commune_activity = reported_review(w, unit=w.commune, subject=w.ubnd_xa)
    commune = issued(w, activity=commune_activity, addressee=w.ubnd_xa)
    s.recommendation_escalate(
        actor=w.officer, recommendation=commune, on=D(2026, 6, 15), note="Quá hạn"
    )
    commune = Recommendation.objects.get(pk=commune.pk)
    assert commune.escalated_to == w.province
    assert commune.escalated_on == D(2026, 6, 15)
    assert (
        commune.events.get(to_status=R.ESCALATED).note
        == "Chuyển Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long đôn đốc. Quá hạn"
    )


def test_board_recommendation_is_countersigned_then_escalated_through_the_commune_front(world):
    w = world
    rec = written(
        w, board_review(w), "Công khai thu chi quỹ", answer_days=15, created_on=D(2026, 6, 5)
    )
    assert rec.issuer == w.board
    with pytest.raises(ValidationFailed) as exc:
        s.recommendation_issue(actor=w.officer, recommendation=rec, on=D(2026, 6, 10))
    assert exc.value.code == "countersign_required"
    with pytest.raises(PermissionDenied):
        s.recommendation_countersign(actor=w.other_officer, recommendation=rec)
    s.recommendation_countersign(actor=w.officer, recommendation=rec)
    rec = s.recommendation_issue(actor=w.officer, recommendation=rec, on=D(2026, 6, 10))
    assert rec.answer_due == D(2026, 6, 25)
    s.recommendation_escalate(actor=w.officer, recommendation=rec, on=D(2026, 7, 10))
    assert Recommendation.objects.get(pk=rec.pk).escalated_to == w.commune


def test_second_supervision_links_the_earlier_recommendation(world):
    w = world
    first = issued(w)
    answer(w, first, AnswerKind.REJECTED)
    earlier = first.activity
    again = planned(
        w,
        ActivityForm.DOCUMENT_REVIEW,
        title="Giám sát lại",
        content="C",
        planned_on=D(2026, 8, 1),
        follows=earlier,
    )
    s.activity_start(actor=w.officer, activity=again, on=D(2026, 8, 3))
    s.finding_add(actor=w.officer, activity=again, text="Vẫn chưa điều chỉnh")
    with pytest.raises(ValidationFailed):
        written(w, again, "Lần hai", addressee=w.sxd, previous=first)
    second = written(w, again, "Lần hai", previous=first)
    assert list(first.repeats.all()) == [second]
    assert list(earlier.followups.all()) == [again]


def test_finding_must_belong_to_the_activity(world):
    w = world
    a, b = reported_review(w), reported_review(w)
    with pytest.raises(ValidationFailed) as exc:
        s.recommendation_create(
            actor=w.officer, activity=a, finding=b.findings.first(), addressee=w.ubnd, text="X"
        )
    assert exc.value.field == "finding"


def test_overdue_recommendations_are_reminded_once_a_week(world, settings):
    w = world
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    overdue = issued(w, on=D(2026, 9, 30), days=20)
    issued(w, on=D(2026, 11, 16))  # not yet due
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        assert s.recommendations_remind_overdue(actor=SYSTEM, today=D(2026, 11, 26)) == 1
    assert Recommendation.objects.get(pk=overdue.pk).last_reminded_on == D(2026, 11, 26)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [w.respondent.email]
    assert overdue.code in mail.outbox[0].subject
    assert s.recommendations_remind_overdue(actor=SYSTEM, today=D(2026, 11, 30)) == 0
    assert s.recommendations_remind_overdue(actor=SYSTEM, today=D(2026, 12, 3)) == 1
    assert AuditEvent.objects.filter(action="oversight.recommendation.remind").count() == 2


def test_every_change_is_audited(world):
    w = world
    rec = issued(w)
    answer(w, rec, AnswerKind.DONE)
    actions = set(
        AuditEvent.objects.filter(object_type="oversight.recommendation").values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "oversight.recommendation.create",
        "oversight.recommendation.issue",
        "oversight.recommendation.answer_done",
    }


def test_a_recommendation_cannot_be_sent_before_it_was_written(world):
    w = world
    activity = reported_review(w)
    rec = written(w, activity, "Kiến nghị", created_on=D(2026, 3, 1))
    with pytest.raises(ValidationFailed) as exc:
        s.recommendation_issue(actor=w.officer, recommendation=rec, on=D(2026, 2, 27))
    assert exc.value.field == "issued_on"
    assert status(rec) == R.DRAFT

"""What people may follow in direct dialogues — a dialogue, a question, a commitment — and what
each public step tells them (``core.follow``). The citizen who asked a question is told directly
of its answer and of the fate of each commitment made on it (signed in: in the site and by mail;
anonymous: by mail when they gave an address, read by the system and logged)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ykien.core import pii
from ykien.core.events import Event
from ykien.core.follow import Followable, Notice, Ref, getter, object_pk
from ykien.dialogue.models import Commitment, Dialogue, Question, QuestionStatus

DIALOGUE = "dialogue.dialogue"
QUESTION = "dialogue.question"
COMMITMENT = "dialogue.commitment"
UNIT = "core.unit"
NOTIFY_REASON = "Gửi thông báo trả lời câu hỏi đối thoại đến địa chỉ thư người hỏi đã cung cấp"


def _question_visible(question: Question) -> bool:
    return question.dialogue.is_public and question.status != QuestionStatus.HIDDEN


FOLLOWABLES = (
    Followable(
        kind=DIALOGUE,
        label=_("cuộc đối thoại"),
        get=getter(Dialogue, ("unit",)),
        title=lambda dialogue: dialogue.topic,
        url=lambda dialogue: reverse("dialogue:detail", kwargs={"pk": dialogue.pk}),
        visible=lambda user, dialogue: dialogue.is_public,
    ),
    Followable(
        kind=QUESTION,
        label=_("câu hỏi đối thoại"),
        get=getter(Question, ("dialogue",)),
        title=lambda question: Truncator(question.text).chars(120),
        url=lambda question: reverse("dialogue:detail", kwargs={"pk": question.dialogue_id}),
        visible=lambda user, question: _question_visible(question),
    ),
    Followable(
        kind=COMMITMENT,
        label=_("cam kết tại đối thoại"),
        get=getter(Commitment, ("dialogue",)),
        title=lambda commitment: Truncator(commitment.text).chars(120),
        url=lambda commitment: reverse("dialogue:commitment", kwargs={"pk": commitment.pk}),
        visible=lambda user, commitment: commitment.dialogue.is_public,
    ),
)


# --------------------------------------------------------------------------- who is told


def _askers(questions: Any) -> list[tuple[int | None, str, int]]:
    """(account id, e-mail ciphertext, question id) of the askers of ``questions``."""
    return list(questions.values_list("asker_id", "email_ciphertext", "pk"))


def _question_refs(event: Event) -> Any:
    return Question.objects.filter(pk=object_pk(event.object_id) or 0)


def _commitment_questions(event: Event) -> Any:
    """The question a commitment answers; without one, every question of its dialogue."""
    row = (
        Commitment.objects.filter(pk=object_pk(event.object_id) or 0)
        .values_list("question_id", "dialogue_id")
        .first()
    )
    if row is None:
        return Question.objects.none()
    question_id, dialogue_id = row
    if question_id:
        return Question.objects.filter(pk=question_id)
    return Question.objects.filter(dialogue_id=dialogue_id)


def _accounts(questions: Any, ref: Ref) -> list[tuple[int, Ref]]:
    return [(account, ref) for account, _c, _q in _askers(questions) if account]


def _addresses(questions: Any, ref: Ref) -> list[tuple[str, str, Ref]]:
    found = []
    for account, ciphertext, question_id in _askers(questions):
        if account or not ciphertext:
            continue
        question = Question.objects.select_related("dialogue__unit").get(pk=question_id)
        identity = pii.system_sender_read(
            obj=question,
            ciphertext=ciphertext,
            fields=["email"],
            reason=NOTIFY_REASON,
            unit=question.dialogue.unit,
        )
        address = identity.email.strip()
        del identity
        if "@" in address:
            found.append((address, "vi", ref))
    return found


def _question(event: Event) -> Ref:
    return (QUESTION, event.object_id)


def _commitment(event: Event) -> Ref:
    return (COMMITMENT, event.object_id)


def _dialogue(event: Event) -> Ref:
    return (DIALOGUE, event.object_id)


def _dialogue_reaches(event: Event) -> list[Ref]:
    row = (
        Dialogue.objects.filter(pk=object_pk(event.object_id) or 0)
        .values_list("unit_id", "head_unit_id")
        .first()
    )
    return [_dialogue(event), *((UNIT, str(pk)) for pk in (row or ()) if pk)]


def _question_reaches(event: Event) -> list[Ref]:
    dialogue_id = _question_refs(event).values_list("dialogue_id", flat=True).first()
    return [_question(event), *([(DIALOGUE, str(dialogue_id))] if dialogue_id else [])]


def _commitment_reaches(event: Event) -> list[Ref]:
    row = (
        Commitment.objects.filter(pk=object_pk(event.object_id) or 0)
        .values_list("dialogue_id", "addressee_id")
        .first()
    )
    if row is None:
        return []
    dialogue_id, addressee_id = row
    return [_commitment(event), (DIALOGUE, str(dialogue_id)), (UNIT, str(addressee_id))]


def _commitment_notice(action: str, text: Any, direct_text: Any) -> Notice:
    return Notice(
        f"dialogue.commitment.{action}",
        text,
        subject=_commitment,
        reaches=_commitment_reaches,
        direct=lambda event: _accounts(_commitment_questions(event), _commitment(event)),
        emails=lambda event: _addresses(_commitment_questions(event), _commitment(event)),
        direct_text=direct_text,
    )


def _dialogue_notice(action: str, text: Any) -> Notice:
    return Notice(f"dialogue.dialogue.{action}", text, subject=_dialogue, reaches=_dialogue_reaches)


NOTICES = (
    _dialogue_notice("announce", _("Mặt trận thông báo hội nghị đối thoại “%(title)s”.")),
    _dialogue_notice(
        "open_questions", _("Hội nghị đối thoại “%(title)s” đang nhận câu hỏi gửi trước.")
    ),
    _dialogue_notice("issue_minutes", _("Đã ban hành biên bản hội nghị đối thoại “%(title)s”.")),
    Notice(
        "dialogue.question.answer",
        _("Câu hỏi “%(title)s” đã được trả lời tại hội nghị đối thoại."),
        subject=_question,
        reaches=_question_reaches,
        direct=lambda event: _accounts(_question_refs(event), _question(event)),
        emails=lambda event: _addresses(_question_refs(event), _question(event)),
        direct_text=_("Câu hỏi của bạn “%(title)s” đã được trả lời tại hội nghị đối thoại."),
    ),
    _commitment_notice(
        "keep",
        _("Cam kết “%(title)s” đã được thực hiện."),
        _("Cam kết về câu hỏi của bạn “%(title)s” đã được thực hiện."),
    ),
    _commitment_notice(
        "not_keep",
        _("Cam kết “%(title)s” không được thực hiện; xem giải trình của cơ quan."),
        _("Cam kết về câu hỏi của bạn “%(title)s” không được thực hiện; xem giải trình."),
    ),
    _commitment_notice(
        "escalate",
        _("Cam kết “%(title)s” quá hạn và đã được chuyển Mặt trận cấp trên đôn đốc."),
        _("Cam kết về câu hỏi của bạn “%(title)s” quá hạn và đã được chuyển cấp trên đôn đốc."),
    ),
    _commitment_notice(
        "close",
        _("Đã kết thúc theo dõi cam kết “%(title)s”."),
        _("Đã kết thúc theo dõi cam kết về câu hỏi của bạn “%(title)s”."),
    ),
)

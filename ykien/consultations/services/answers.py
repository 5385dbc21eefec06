"""The drafting body's answers to the critique points (accepted / explained / rejected, with
text), changeable until every point is answered; then every answer is published and the draft
becomes "answered". Moves go through ``core.lifecycle.transition`` (``lifecycle.POINT`` and
``lifecycle.DRAFT``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.consultations.lifecycle import DRAFT, POINT
from ykien.consultations.models import Answer, CritiquePoint, Draft, PointStatus
from ykien.consultations.permissions import ANSWER
from ykien.consultations.services.common import (
    MAX_COMMENT_CHARS,
    S,
    clean_text,
    notify_search,
    person,
    require,
)
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.permissions import Actor


@transaction.atomic
def point_answer(*, actor: Actor, point: CritiquePoint, answer: str, text: str) -> CritiquePoint:
    """The drafting body's answer to one point (accepted / explained / rejected, with text); it
    may be changed until all are answered. When the last point is answered every answer is
    published and the draft becomes "answered"."""
    draft = Draft.objects.select_for_update().get(pk=point.draft_id)
    require(
        actor,
        ANSWER,
        draft,
        _("Chỉ người trả lời của cơ quan soạn thảo mới được trả lời điểm phản biện."),
    )
    if draft.status != S.ISSUED:
        raise InvalidTransition(
            _("Chỉ trả lời khi văn bản phản biện đã ban hành và chưa công khai trả lời.")
        )

    def record(locked: CritiquePoint) -> None:
        if answer not in Answer.values:
            raise ValidationFailed(
                _("Hãy chọn: tiếp thu, giải trình hoặc không tiếp thu."), field="answer"
            )
        locked.answer = answer
        locked.answer_text = clean_text(
            text,
            field="answer_text",
            label=_("Nội dung trả lời"),
            required=True,
            limit=MAX_COMMENT_CHARS,
        )
        locked.answered_by = person(actor)
        locked.answered_at = timezone.now()

    transition(POINT, actor=actor, obj=point, action="answer", apply=record)
    if not draft.points.exclude(status=PointStatus.ANSWERED).exists():
        now = timezone.now()
        for each in draft.points.order_by("position"):
            transition(
                POINT,
                actor=actor,
                obj=each,
                action="publish",
                apply=lambda locked: setattr(locked, "published_at", now),
            )
        transition(DRAFT, actor=actor, obj=draft, action="answer")
        notify_search(draft)
        point.refresh_from_db()
    return point

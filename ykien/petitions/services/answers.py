"""The end of a petition's handling: the answer to the sender, and the sender's rating of it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.permissions import Actor
from ykien.petitions.codes import ErrorCode, PetitionAction, StepText
from ykien.petitions.lifecycle import step_data
from ykien.petitions.models import Petition
from ykien.petitions.services._base import set_due, step, today
from ykien.petitions.validation import MAX_CONTENT, check_text


def petition_answer(*, actor: Actor, petition: Petition, answer: str) -> Petition:
    """Answer the sender: the text is shown on the status page (and published with the
    petition when the sender agreed). Closes the petition."""
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        text = check_text(answer, field="answer", label=_("Trả lời"), max_length=MAX_CONTENT)
        if len(text) < 5:
            raise ValidationFailed(
                _("Cần ghi nội dung trả lời."), code=ErrorCode.REQUIRED, field="answer"
            )
        p.answer = text
        p.answered_on = today()
        p.closed_on = p.answered_on
        set_due(p, None)
        data.update(step_data(on=p.answered_on))

    return step(PetitionAction.ANSWER, actor, petition, apply, data)


def petition_rate(
    *, actor: Actor, petition: Petition, rating: int, comment: str = "", ip: str | None = None
) -> Petition:
    """The sender rates the answer, once, 1 to 5. ``actor`` is the holder of the tracking code
    (``permissions.TrackingCodeHolder(petition)``, after the code was looked up) or ``SYSTEM``;
    nobody is recorded as the person who rated."""
    data: dict[str, Any] = {}

    def apply(p: Petition) -> None:
        if p.rating is not None:
            raise ValidationFailed(
                _("Đơn này đã được đánh giá."), code=ErrorCode.ALREADY_RATED, field="rating"
            )
        if rating not in range(1, 6):
            raise ValidationFailed(
                _("Mức đánh giá từ 1 đến 5."), code=ErrorCode.BAD_RATING, field="rating"
            )
        p.rating = rating
        p.rating_comment = check_text(comment, field="comment", label=_("Ý kiến"), max_length=2000)
        p.rated_at = timezone.now()
        data.update(step_data(on=today(), text=StepText.RATED, params={"n": rating}))

    return step(PetitionAction.RATE, actor, petition, apply, data, ip=ip)

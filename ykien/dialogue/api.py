"""Public API of direct dialogues (read only, no personal data), at /api/v1/dialogue/."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query

from ykien.api.schemas import MAX_OFFSET, OFFSET_HELP, Id, errors, limit_help
from ykien.core.selectors import today
from ykien.dialogue import exports, selectors
from ykien.dialogue.models import Dialogue

router = Router()

MAX_LIMIT = 200


class QuestionOut(Schema):
    text: str
    source: str
    status: str
    answer: str
    answered_on: str


class CommitmentOut(Schema):
    """A commitment (``exports.commitment_row``); dates ``YYYY-MM-DD`` or ``""``; ``status`` the
    code (``open``, ``escalated``, ``kept``, ``not_kept``, ``closed``), ``status_label`` its label
    in the request's language."""

    code: str
    dialogue: str
    held_on: str
    organiser: str
    head: str
    text: str
    addressee: str
    due_on: str
    status: str
    status_label: str
    answered_on: str
    kept: bool | None
    answer: str
    overdue: bool
    escalated_to: str
    escalated_on: str


class DialogueOut(Schema):
    id: int
    code: str
    topic: str
    organiser: str
    head_title: str
    head_unit: str
    held_on: str
    place: str
    status: str
    status_label: str


class DialogueDetailOut(DialogueOut):
    questions: list[QuestionOut]
    commitments: list[CommitmentOut]


class DialoguesOut(Schema):
    count: int
    results: list[DialogueOut]


class CommitmentsOut(Schema):
    count: int
    results: list[CommitmentOut]


def _dialogue(d: Dialogue) -> dict[str, Any]:
    return {
        "id": d.pk,
        "code": d.code,
        "topic": d.topic,
        "organiser": d.unit.name,
        "head_title": d.head_title,
        "head_unit": d.head_unit.name,
        "held_on": d.held_on.isoformat(),
        "place": d.place,
        "status": d.status,
        "status_label": str(d.get_status_display()),
    }


@router.get(
    "/dialogues", response={200: DialoguesOut, **errors(400)}, summary="Cuộc đối thoại công khai"
)
def dialogues(
    request: HttpRequest,
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=limit_help(MAX_LIMIT)),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=OFFSET_HELP),
) -> dict[str, Any]:
    """Public dialogues, the latest first."""
    qs = selectors.dialogues_public()
    return {"count": qs.count(), "results": [_dialogue(d) for d in qs[offset : offset + limit]]}


@router.get(
    "/dialogues/{dialogue_id}",
    response={200: DialogueDetailOut, **errors(400, 404)},
    summary="Một cuộc đối thoại: câu hỏi, trả lời, cam kết",
)
def dialogue(request: HttpRequest, dialogue_id: Id) -> dict[str, Any]:
    found = selectors.dialogue_public_get(pk=dialogue_id)
    if found is None:
        raise HttpError(404, "not_found: " + _("Không có cuộc đối thoại này."))
    day = today()
    return {
        **_dialogue(found),
        "questions": [
            {
                "text": q.text,
                "source": q.source,
                "status": q.status,
                "answer": q.answer,
                "answered_on": q.answered_on.isoformat() if q.answered_on else "",
            }
            for q in selectors.questions_public(dialogue=found)
        ],
        "commitments": exports.commitments_json(
            selectors.commitments_public().filter(dialogue=found), day
        ),
    }


@router.get(
    "/commitments",
    response={200: CommitmentsOut, **errors(400)},
    summary="Cam kết của người đứng đầu tại đối thoại",
)
def commitments(
    request: HttpRequest,
    limit: int = Query(100, ge=1, le=MAX_LIMIT, description=limit_help(MAX_LIMIT)),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description=OFFSET_HELP),
) -> dict[str, Any]:
    """Commitments made at public dialogues, with their due date and fate."""
    qs = selectors.commitments_public()
    return {
        "count": qs.count(),
        "results": exports.commitments_json(qs[offset : offset + limit], today()),
    }

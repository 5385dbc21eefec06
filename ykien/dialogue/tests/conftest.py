"""A province with one commune for the dialogue tests, built through the core services; today is
fixed at 26 November 2026 (the demo's today). ``dialogue_in(w, state)`` brings a dialogue of the
commune's front committee to a state through the services; ``commitment_in`` a commitment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ykien.core.models import Role, Unit, UnitKind, UnitLevel, User
from ykien.core.permissions import SYSTEM
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.dialogue import services as s
from ykien.dialogue.models import (
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueStatus,
    Question,
    QuestionStatus,
)

TODAY = dt.date(2026, 11, 26)
D = dt.date
HELD = D(2026, 9, 10)  # a Thursday
DUE = D(2026, 10, 15)  # a Thursday, before TODAY: an open commitment is overdue


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with the rate limits' budgets full (they live in the cache)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        dt.datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


@dataclass
class World:
    province: Unit  # front committee (the escalation target of the commune's)
    commune: Unit  # commune front committee: organises the dialogues
    ubnd_xa: Unit  # the commune People's Committee: its head answers, it carries out commitments
    other: Unit  # another province's front
    officer: User  # at the commune front
    leader: User  # at the commune front
    head_office: User  # the head's office at ubnd_xa
    respondent: User  # at ubnd_xa
    province_officer: User
    other_officer: User
    citizen: User


@pytest.fixture
def world(db) -> World:
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam", level=UnitLevel.CENTRAL, code="TW")
    province = make_unit("Ủy ban MTTQ Việt Nam tỉnh Vĩnh Long", parent=central, code="MTTQ-86")
    commune = make_unit(
        "Ủy ban MTTQ Việt Nam xã Long Hồ", parent=province, level=UnitLevel.COMMUNE, code="MTTQ-X"
    )
    ubnd_xa = make_unit(
        "Ủy ban nhân dân xã Long Hồ",
        parent=commune,
        level=UnitLevel.COMMUNE,
        kind=UnitKind.STATE,
        code="UBND-X",
    )
    other = make_unit("Ủy ban MTTQ Việt Nam tỉnh Cà Mau", parent=central, code="MTTQ-96")
    people = {
        "officer": (commune, Role.OFFICER),
        "leader": (commune, Role.LEADER),
        "head_office": (ubnd_xa, Role.HEAD_OFFICE),
        "respondent": (ubnd_xa, Role.RESPONDENT),
        "province_officer": (province, Role.OFFICER),
        "other_officer": (other, Role.OFFICER),
        "citizen": (None, None),
    }
    users: dict[str, User] = {}
    for name, (unit, role) in people.items():
        users[name] = UserFactory(username=name.replace("_", "."))
        if unit is not None:
            grant(users[name], unit, role)
    return World(province, commune, ubnd_xa, other, **users)


def new_dialogue(w: World, *, actor: Any = None, held_on: dt.date = HELD) -> Dialogue:
    return s.dialogue_create(
        actor=actor or SYSTEM,
        unit=w.commune,
        head_unit=w.ubnd_xa,
        head_name="Nguyễn Văn Thành",
        head_title="Chủ tịch Ủy ban nhân dân xã",
        topic="Đối thoại về giao thông nông thôn",
        held_on=held_on,
        place="Hội trường xã",
        invited_groups="Đại diện các ấp",
    )


STEPS = {
    DialogueStatus.PLANNED: lambda d: s.dialogue_announce(actor=SYSTEM, dialogue=d),
    DialogueStatus.ANNOUNCED: lambda d: s.dialogue_open_questions(actor=SYSTEM, dialogue=d),
    DialogueStatus.OPEN: lambda d: s.dialogue_hold(actor=SYSTEM, dialogue=d),
    DialogueStatus.HELD: lambda d: issue_minutes(d),
    DialogueStatus.MINUTES: lambda d: s.dialogue_close(actor=SYSTEM, dialogue=d),
}


def issue_minutes(dialogue: Dialogue) -> Dialogue:
    """Issue the minutes as an officer does: every question still waiting answered first (the
    minutes are refused while one waits)."""
    for question in dialogue.questions.filter(status=QuestionStatus.RECEIVED):
        s.question_answer(actor=SYSTEM, question=question, answer="Đã trả lời tại hội nghị.")
    return s.dialogue_issue_minutes(
        actor=SYSTEM, dialogue=dialogue, number="1/BB", summary="Hội nghị diễn ra tốt đẹp."
    )


def dialogue_in(w: World, state: str, *, with_question: bool = False) -> Dialogue:
    """A dialogue of the commune brought to ``state`` (``cancelled``: cancelled while planned);
    ``with_question``: a citizen's question sent while it was open (for a later state)."""
    dialogue = new_dialogue(w)
    if state == DialogueStatus.CANCELLED:
        return s.dialogue_cancel(actor=SYSTEM, dialogue=dialogue, reason="Hoãn do bão")
    while dialogue.status != state:
        if dialogue.status == DialogueStatus.OPEN and with_question:
            ask(dialogue)
        dialogue = STEPS[dialogue.status](dialogue)
    return dialogue


def ask(dialogue: Dialogue, text: str = "Khi nào xã sửa đường liên ấp?", **kw: Any) -> Question:
    return s.question_submit(dialogue=dialogue, text=text, **kw)


def commitment_in(w: World, state: str) -> Commitment:
    """A commitment (due ``DUE``, so overdue today while open) brought to ``state``."""
    dialogue = dialogue_in(w, DialogueStatus.HELD)
    commitment = s.commitment_create(
        actor=SYSTEM,
        dialogue=dialogue,
        text="Sửa xong tuyến đường liên ấp.",
        addressee=w.ubnd_xa,
        due_on=DUE,
    )
    if state == CommitmentStatus.ESCALATED:
        commitment = s.commitment_escalate(actor=SYSTEM, commitment=commitment)
    elif state in (CommitmentStatus.KEPT, CommitmentStatus.NOT_KEPT, CommitmentStatus.CLOSED):
        commitment = s.commitment_answer(
            actor=SYSTEM,
            commitment=commitment,
            kept=state != CommitmentStatus.NOT_KEPT,
            text="Đã sửa xong.",
            on=D(2026, 10, 10),
        )
        if state == CommitmentStatus.CLOSED:
            commitment = s.commitment_close(actor=SYSTEM, commitment=commitment)
    return Commitment.objects.get(pk=commitment.pk)

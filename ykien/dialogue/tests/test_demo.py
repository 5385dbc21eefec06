"""The dialogue demo on the core demo's units: a Vĩnh Long commune's dialogue of 2026 with its
questions grouped, the minutes issued, one commitment kept and one overdue and escalated (both on
the accountability board); a Trà Vinh district's dialogue of 2024; loading again adds nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ykien.core.demo import load_units
from ykien.dialogue import demo
from ykien.dialogue.models import Commitment, CommitmentStatus, Dialogue, DialogueStatus
from ykien.dialogue.selectors import questions_grouped

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", [dt.datetime(2026, 11, 26, 10), dt.datetime(2027, 2, 8, 10)])
def test_the_demo_tells_the_whole_story_on_any_day(client, day):
    with time_machine.travel(day.replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        load_units(StringIO())
        demo.load(StringIO())
        vinh_long, tra_vinh = Dialogue.objects.order_by("-held_on")
        assert (vinh_long.status, tra_vinh.status) == (
            DialogueStatus.MINUTES,
            DialogueStatus.CLOSED,
        )
        assert vinh_long.unit.valid_from == dt.date(2025, 7, 1)
        assert (tra_vinh.held_on, tra_vinh.unit.code) == (dt.date(2024, 6, 20), "MTTQ-844")
        grouping = questions_grouped(dialogue=vinh_long)
        assert (grouping.total, grouping.flagged) == (9, 2)
        assert max(g.count for _name, groups in grouping.topics for g in groups) == 3
        kept, late = vinh_long.commitments.order_by("due_on")
        assert (kept.status, kept.kept) == (CommitmentStatus.KEPT, True)
        assert (late.status, late.escalated_to.code) == (CommitmentStatus.ESCALATED, "MTTQ-86")
        # The demo commune is a ward (phường): the head's title says so, never "… xã".
        assert (vinh_long.unit.name, vinh_long.head_title, vinh_long.place) == (
            "Ủy ban MTTQ Việt Nam phường Phú Khương",
            "Chủ tịch Ủy ban nhân dân phường",
            "Hội trường Ủy ban nhân dân phường",
        )
        # Every question answered before the minutes; near-duplicates with one answer.
        assert set(vinh_long.questions.values_list("status", flat=True)) == {"answered"}
        road = vinh_long.questions.filter(text__contains="tuyến đường liên ấp")
        assert road.count() == 3
        assert road.values("answer").distinct().count() == 1
        # The citizens write of their ward as a ward.
        texts = " ".join(vinh_long.questions.values_list("text", flat=True))
        assert " xã " not in texts
        assert "khi nào phường sửa" in texts
        page = client.get(f"/doi-thoai/cam-ket/{late.pk}/").content.decode()
        assert "Chủ tịch Ủy ban nhân dân phường, Ủy ban nhân dân phường Phú Khương" in page
        assert "Ủy ban nhân dân xã" not in page
        board = client.get("/giam-sat/").content.decode()
        assert f"/doi-thoai/cam-ket/{kept.pk}/" in board
        assert f"/doi-thoai/cam-ket/{late.pk}/" in board
        count = Commitment.objects.count()
        demo.load(StringIO())
        assert (Dialogue.objects.count(), Commitment.objects.count()) == (2, count)

"""The dialogue tasks on the task list and the landing page: the head's office reports on the
commitments addressed to its unit; the organising committee issues the minutes and sees the
commitments past due; the committee a commitment was escalated to follows it up; nobody else
sees them."""

from __future__ import annotations

from ykien.core.worklist import work_items
from ykien.dialogue import worklist
from ykien.dialogue.models import CommitmentStatus

from .conftest import DUE, TODAY, commitment_in


def _titles(user) -> list[str]:
    return [item.title for item in worklist.provider(user, TODAY)]


def test_an_open_commitment_past_due(world):
    commitment = commitment_in(world, CommitmentStatus.OPEN)
    topic = commitment.dialogue.topic
    assert _titles(world.head_office) == [
        f"Báo cáo kết quả thực hiện cam kết {commitment.code} ({topic})"
    ]
    assert _titles(world.respondent) == _titles(world.head_office)
    assert _titles(world.officer) == [
        f"Ban hành biên bản đối thoại: {topic}",
        f"Cam kết quá hạn {commitment.code} (Ủy ban nhân dân xã Long Hồ)",
    ]
    assert _titles(world.leader) == _titles(world.officer)
    item = worklist.provider(world.head_office, TODAY)[0]
    assert item.due == DUE
    assert item.url == f"/can-bo/cam-ket-doi-thoai/{commitment.pk}/bao-cao/"
    assert item.basis.startswith("Hạn thực hiện do người đứng đầu cam kết")
    assert _titles(world.other_officer) == []
    assert _titles(world.province_officer) == []  # the commune's task until escalated
    assert _titles(world.citizen) == []
    # The core task list gathers them (the landing page shows that list).
    assert [i.title for i in work_items(user=world.head_office, today=TODAY)] == _titles(
        world.head_office
    )


def test_an_escalated_commitment_goes_to_the_committee_above(world):
    commitment = commitment_in(world, CommitmentStatus.ESCALATED)
    assert commitment.escalated_to == world.province
    followed = f"Cam kết được chuyển đến để đôn đốc: {commitment.code} (Ủy ban nhân dân xã Long Hồ)"
    assert _titles(world.province_officer) == [followed]
    # Still the head's office's to report on; no longer "past due" for the organisers (moved on).
    assert _titles(world.head_office) == [
        f"Báo cáo kết quả thực hiện cam kết {commitment.code} ({commitment.dialogue.topic})"
    ]
    assert not any(t.startswith("Cam kết quá hạn") for t in _titles(world.officer))


def test_a_kept_commitment_is_no_task(world):
    commitment_in(world, CommitmentStatus.KEPT)
    assert _titles(world.head_office) == []
    assert not any("cam kết" in t.lower() for t in _titles(world.officer))

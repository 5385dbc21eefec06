"""Fixtures of the consultations tests: the roles of the permission matrix and a draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine

from ykien.consultations import services
from ykien.consultations.models import Draft
from ykien.core.models import Role, User
from ykien.core.tests.factories import UserFactory, grant

TODAY = dt.date(2026, 11, 26)

TEXT = """NGHỊ QUYẾT
Quy định chính sách hỗ trợ hợp tác xã
Căn cứ Luật Hợp tác xã năm 2023;
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định chính sách hỗ trợ hợp tác xã.
Điều 2. Đối tượng áp dụng
1. Hợp tác xã nông nghiệp.
2. Thành viên hợp tác xã.
Chương II
MỨC HỖ TRỢ
Điều 3. Hỗ trợ đào tạo
1. Hỗ trợ kinh phí:
a) 100% học phí;
b) 50% chi phí tham quan.
2. Hỗ trợ tiền lương.
"""


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@dataclass
class People:
    officer: User
    leader: User
    other_officer: User  # officer of another province's front committee
    respondent: User
    citizen: User


@pytest.fixture
def people(tree) -> People:
    officer = UserFactory(username="officer", kind=User.Kind.OFFICER)
    leader = UserFactory(username="leader", kind=User.Kind.LEADER)
    other = UserFactory(username="other", kind=User.Kind.OFFICER)
    respondent = UserFactory(username="respondent", kind=User.Kind.RESPONDENT)
    citizen = UserFactory(username="citizen")
    grant(officer, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    grant(leader, tree.prov_new, Role.LEADER, valid_from=dt.date(2025, 7, 1))
    grant(other, tree.prov_b, Role.OFFICER)
    grant(respondent, tree.agency_new, Role.RESPONDENT, valid_from=dt.date(2025, 7, 1))
    return People(officer, leader, other, respondent, citizen)


def make_draft(
    tree, actor, *, text: str = TEXT, publish: bool = True, end: dt.date | None = None
) -> Draft:
    draft = services.draft_register(
        actor=actor,
        unit=tree.prov_new,
        drafting_unit=tree.agency_new,
        title="Dự thảo Nghị quyết hỗ trợ hợp tác xã",
        kind="resolution",
        form="conference",
        received_on=TODAY,
        comment_end=end or dt.date(2026, 12, 10),
        filename="du-thao.txt",
        data=text.encode(),
    )
    if publish:
        services.version_publish(actor=actor, version=draft.versions.get(number=1))
        draft.refresh_from_db()
    return draft


@pytest.fixture
def draft(tree, people) -> Draft:
    return make_draft(tree, people.officer)


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"

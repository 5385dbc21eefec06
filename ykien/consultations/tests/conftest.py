"""Fixtures of the consultations tests: the roles of the permission matrix and a draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from ykien.consultations import services
from ykien.consultations.models import Comment, CritiqueDocument, Draft, DraftStatus, Node
from ykien.core.models import Role, User
from ykien.core.tests.factories import UserFactory, grant
from ykien.experts.services import expert_create

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


def register(actor, tree, **fields: Any) -> Draft:
    """A plan received on 20 November 2026 by the Vĩnh Long front committee from the provincial
    People's Committee, registered through the service (``fields``: the text, other values)."""
    return services.draft_register(
        **{
            "actor": actor,
            "unit": tree.prov_new,
            "drafting_unit": tree.agency_new,
            "title": "Dự thảo",
            "kind": "plan",
            "form": "written",
            "received_on": dt.date(2026, 11, 20),
            **fields,
        }
    )


def make_draft(
    tree,
    actor,
    *,
    text: str = TEXT,
    publish: bool = True,
    end: dt.date | None = None,
    title: str = "Dự thảo Nghị quyết hỗ trợ hợp tác xã",
) -> Draft:
    draft = services.draft_register(
        actor=actor,
        unit=tree.prov_new,
        drafting_unit=tree.agency_new,
        title=title,
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


def comment_on(target: Node | Draft, user: User, **fields: Any) -> Comment:
    """``user``'s comment on ``target``, a node (an article, a clause …) or the whole draft,
    posted through the intake service (``fields`` as ``comment_post`` takes them)."""
    node = target if isinstance(target, Node) else None
    return services.comment_post(
        draft_id=node.draft_id if node else target.pk,
        node_id=node.pk if node else None,
        participant=services.Participant.of_user(user),
        **fields,
    )


#: The expert the tests invite.
EXPERT = {
    "full_name": "Võ Thanh Bình",
    "kind": "scientist",
    "fields": "hợp tác xã",
    "email": "binh@example.vn",
    "consent_contact": True,
}


def invite(
    draft: Draft, people: People, tree, *, due: dt.date = dt.date(2026, 12, 5), **expert: Any
) -> tuple[str, str]:
    """``EXPERT`` (or another: ``expert``) put on the province's roster and invited to comment on
    ``draft`` until ``due``: the path of the personal link and its secret."""
    found = expert_create(actor=people.officer, unit=tree.prov_new, data=EXPERT | expert)
    [sent] = services.invitation_send(
        actor=people.officer, draft=draft, expert_ids=[found.pk], due=due
    )
    url = "/" + sent.link.split("://", 1)[1].split("/", 1)[1]
    return url, url.rstrip("/").rsplit("/", 1)[-1]


#: A critique document as the officer writes it.
DOC = {
    "number_symbol": "12/VB-MTTQ-BTT",
    "place": "Vĩnh Long",
    "intro": "Ban Thường trực có ý kiến phản biện như sau:",
    "conclusion": "Đề nghị tiếp thu.",
    "recipients": "Ủy ban nhân dân tỉnh\nLưu: VT, BTT",
    "signer_authority": "TM. BAN THƯỜNG TRỰC",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Trần Văn Hùng",
    "answer_days": 30,
}


def consolidating(draft: Draft, people: People) -> Draft:
    """``draft``'s comments closed early by the officer (enough of them), then consolidated."""
    services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CLOSED, reason="Đã đủ ý kiến."
    )
    return services.draft_transition(
        actor=people.officer, draft=draft, to=DraftStatus.CONSOLIDATING
    )


def drafted_document(draft: Draft, people: People) -> CritiqueDocument:
    """``draft`` consolidated with one critique point and its document written (``DOC``)."""
    consolidating(draft, people)
    services.point_save(actor=people.officer, draft=draft, title="Vấn đề", text="Nội dung")
    return services.document_save(actor=people.officer, draft=draft, data=DOC)


def issued_document(draft: Draft, people: People) -> CritiqueDocument:
    """``drafted_document``, submitted by the officer and issued by the leader."""
    document = services.document_submit(
        actor=people.officer, document=drafted_document(draft, people)
    )
    return services.document_issue(actor=people.leader, document=document)


@pytest.fixture
def draft(tree, people) -> Draft:
    return make_draft(tree, people.officer)


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"


PERSONAL = "Gọi 0912 345 678, nguyenvana@gmail.com, CCCD 079201001234. Phạt 200.000.000 đồng."
REDACTED = "Gọi [số điện thoại], [email], CCCD [số giấy tờ]. Phạt 200.000.000 đồng."


def personal_comment(draft, people):
    """A citizen's comment on Điều 1 that carries a phone number, e-mail addresses and an ID
    number (stored as typed; public pages and the API must redact them)."""
    node = Node.objects.get(draft=draft, label="Điều 1")
    comment = comment_on(
        node,
        people.citizen,
        stance="reword",
        proposed_wording="Liên hệ tôi: an.le@example.vn",
        reasons=PERSONAL,
    )
    return node, comment


def personal_comment_and_statement(draft, people):
    """``personal_comment`` and an officer's statement with a phone number in it."""
    node, comment = personal_comment(draft, people)
    statement = services.statement_propose(
        draft=draft,
        participant=services.Participant.of_user(people.officer),
        text="Hỏi thêm qua số 0987.654.321",
    )
    return node, comment, statement

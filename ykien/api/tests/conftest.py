"""A small, realistic world for the API tests, built through the services the app uses: a
province front with a state agency, an officer with a personal API token, a draft open for
comment with its nodes, comments and a statement to vote on, a closed draft, a draft not yet
published, and a public recommendation answered by the agency."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ykien.consultations import services as consultations
from ykien.consultations.models import Draft, DraftStatus, Node, Statement
from ykien.consultations.tests.conftest import make_draft
from ykien.core import apikeys
from ykien.core.models import Role, User
from ykien.core.tests.factories import UserFactory, grant
from ykien.oversight import services as oversight
from ykien.oversight.models import ActivityForm, AnswerKind, Recommendation

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        dt.datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"


@dataclass
class World:
    officer: User
    token: str  # the officer's personal API token
    citizen_token: str
    open_draft: Draft
    closed_draft: Draft
    unpublished: Draft
    nodes: list[Node]  # of the open draft
    statement: Statement  # active, on the open draft
    recommendation: Recommendation


@pytest.fixture
def world(tree) -> World:
    officer = UserFactory(username="canbo.api", full_name="Lê Thị Hoa", kind=User.Kind.OFFICER)
    respondent = UserFactory(username="traloi.api", kind=User.Kind.RESPONDENT)
    citizen = UserFactory(username="congdan.api")
    grant(officer, tree.prov_new, Role.OFFICER, valid_from=dt.date(2025, 7, 1))
    grant(respondent, tree.agency_new, Role.RESPONDENT, valid_from=dt.date(2025, 7, 1))
    _t, token = apikeys.apikey_create(actor=officer, name="Tích hợp cổng tỉnh")
    _t, citizen_token = apikeys.apikey_create(actor=citizen, name="Ứng dụng")

    open_draft = make_draft(tree, officer, title="Dự thảo Nghị quyết hỗ trợ hợp tác xã")
    closed_draft = make_draft(tree, officer, title="Dự thảo Quyết định về giá đất")
    consultations.draft_transition(
        actor=officer,
        draft=closed_draft,
        to=DraftStatus.CLOSED,
        reason="Đã đủ ý kiến, cơ quan soạn thảo cần sớm tổng hợp.",
    )
    unpublished = make_draft(tree, officer, title="Dự thảo Kế hoạch chưa công bố", publish=False)
    nodes = list(Node.objects.filter(draft=open_draft).order_by("pk"))
    me = consultations.Participant.of_user(citizen)
    commentable = [n for n in nodes if n.commentable]
    for node, reasons in zip(
        commentable, ("Nên mở rộng đối tượng.", "Mức 50% thấp."), strict=False
    ):
        consultations.comment_post(
            draft_id=open_draft.pk,
            node_id=node.pk,
            participant=me,
            stance="disagree",
            reasons=reasons,
        )
    statement = consultations.statement_propose(
        draft=open_draft,
        participant=consultations.Participant.of_user(officer),
        text="Mức hỗ trợ học phí 100% là phù hợp",
    )

    activity = oversight.activity_create(
        actor=officer,
        unit=tree.prov_new,
        form=ActivityForm.DOCUMENT_REVIEW,
        title="Xem xét quyết định giá đất",
        content="Nghiên cứu, xem xét các quyết định về giá đất năm 2026",
        subject=tree.agency_new,
        planned_on=dt.date(2026, 2, 2),
    )
    oversight.activity_start(actor=officer, activity=activity, on=dt.date(2026, 2, 5))
    oversight.finding_add(
        actor=officer, activity=activity, text="Giá đất ven biển chưa sát thị trường."
    )
    oversight.activity_report(
        actor=officer,
        activity=activity,
        report_date=dt.date(2026, 2, 27),
        report_number="12/BC-MTTQ-BTT",
        summary="Cần điều chỉnh một số mức giá.",
    )
    rec = oversight.recommendation_create(
        actor=officer,
        activity=activity,
        finding=activity.findings.first(),
        addressee=tree.agency_new,
        text="Rà soát, điều chỉnh bảng giá đất ven biển.",
        created_on=dt.date(2026, 4, 22),
    )
    rec = oversight.recommendation_issue(actor=officer, recommendation=rec, on=dt.date(2026, 4, 22))
    oversight.recommendation_answer(
        actor=respondent,
        recommendation=rec,
        kind=AnswerKind.DONE,
        text="Đã thực hiện xong việc điều chỉnh.",
        answered_on=dt.date(2026, 5, 10),
    )
    return World(
        officer=officer,
        token=token,
        citizen_token=citizen_token,
        open_draft=open_draft,
        closed_draft=closed_draft,
        unpublished=unpublished,
        nodes=nodes,
        statement=statement,
        recommendation=rec,
    )


@pytest.fixture
def petitions(tree, world) -> list[int]:
    """Petitions for the officers' API: the world's officer also handles petitions at the
    province; one received, one accepted, a denunciation, one transferred to the province's
    People's Committee (outside the Front), and one of another province (out of scope)."""
    from ykien.core.permissions import SYSTEM
    from ykien.core.pii import SenderIdentity
    from ykien.petitions import services as petitions

    grant(world.officer, tree.prov_new, Role.HANDLER, valid_from=dt.date(2025, 7, 1))

    def submit(unit, kind: str, subject: str):
        return petitions.petition_submit(
            actor=SYSTEM,
            kind=kind,
            subject=subject,
            content="Nội dung đơn gửi qua cổng thông tin.",
            unit=unit,
            identity=SenderIdentity(name="Nguyễn Văn An", address="Ấp Mỹ Hòa, xã Càng Long"),
            anonymous=False,
        )

    received = submit(tree.prov_new, "report", "Đường liên ấp xuống cấp")
    accepted = submit(tree.prov_new, "complaint", "Khiếu nại quyết định thu hồi đất")
    petitions.petition_accept(actor=world.officer, petition=accepted)
    secret = submit(tree.prov_new, "denunciation", "Tố cáo cán bộ xã")
    sent = submit(tree.prov_new, "request", "Cấp giấy chứng nhận chậm")
    petitions.petition_transfer(
        actor=world.officer, petition=sent, to_unit=tree.agency_new, note="Thuộc thẩm quyền UBND"
    )
    other = submit(tree.prov_b, "report", "Đường ở tỉnh khác")
    return [p.pk for p in (received, accepted, secret, sent, other)]


@pytest.fixture
def dialogues(tree) -> list[int]:
    """Dialogues for the dialogue API: one held with a question and a commitment (public), one
    only planned (not public)."""
    from ykien.core.permissions import SYSTEM
    from ykien.dialogue import services as dialogue

    def plan(topic: str):
        return dialogue.dialogue_create(
            actor=SYSTEM,
            unit=tree.prov_new,
            head_unit=tree.agency_new,
            head_name="Nguyễn Văn Thành",
            head_title="Chủ tịch Ủy ban nhân dân tỉnh",
            topic=topic,
            held_on=dt.date(2026, 9, 10),
            place="Hội trường tỉnh",
        )

    held = dialogue.dialogue_announce(actor=SYSTEM, dialogue=plan("Đối thoại về đất đai"))
    held = dialogue.dialogue_open_questions(actor=SYSTEM, dialogue=held)
    dialogue.question_submit(dialogue=held, text="Khi nào cấp giấy chứng nhận?")
    held = dialogue.dialogue_hold(actor=SYSTEM, dialogue=held)
    dialogue.commitment_create(
        actor=SYSTEM,
        dialogue=held,
        text="Cấp xong giấy chứng nhận trong quý IV.",
        addressee=tree.agency_new,
        due_on=dt.date(2026, 12, 31),
    )
    planned = plan("Đối thoại chưa công bố")
    return [held.pk, planned.pk]

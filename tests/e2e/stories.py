"""What officers do between two browser steps, through the services (their own pages are tested
elsewhere): the critique of the site's draft, from version 2 to the drafting body's answer."""

from __future__ import annotations

from typing import Any

V2 = (
    "NGHỊ QUYẾT\nQuy định chính sách hỗ trợ hợp tác xã\nĐiều 1. Phạm vi điều chỉnh\n"
    "Nghị quyết này quy định chính sách hỗ trợ hợp tác xã và liên hiệp hợp tác xã.\n"
)
ANSWER = "Tiếp thu: đã bổ sung liên hiệp hợp tác xã vào phạm vi điều chỉnh."
DOCUMENT = {
    "number_symbol": "12/VB-MTTQ-BTT",
    "place": "Vĩnh Long",
    "intro": "Ban Thường trực có ý kiến phản biện như sau:",
    "recipients": "Ủy ban nhân dân tỉnh",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Trần Văn Hùng",
    "answer_days": 30,
}


def critique_answered(draft: Any, comment: Any, *, suffix: str = "e2e") -> Any:
    """Version 2 rewording Article 1, the comment period closed, one point citing ``comment``,
    the critique issued by a leader, the drafting body's answer (accepted); the point."""
    from ykien.consultations import services
    from ykien.core.models import Role, Unit, User
    from ykien.core.tests.factories import UserFactory, grant

    officer = User.objects.get(username="canbo.e2e")
    leader = UserFactory(username=f"lanhdao.{suffix}", kind=User.Kind.LEADER)
    respondent = UserFactory(username=f"traloi.{suffix}", kind=User.Kind.RESPONDENT)
    grant(leader, Unit.objects.get(code="MTTQ-86"), Role.LEADER)
    grant(respondent, Unit.objects.get(code="UBND-86"), Role.RESPONDENT)
    version = services.version_upload(
        actor=officer, draft=draft, filename="v2.txt", data=V2.encode()
    )
    services.version_publish(actor=officer, version=version)
    draft.refresh_from_db()
    services.draft_transition(actor=officer, draft=draft, to="closed", reason="Đã đủ ý kiến.")
    services.draft_transition(actor=officer, draft=draft, to="consolidating")
    point = services.point_save(
        actor=officer,
        draft=draft,
        title="Về phạm vi điều chỉnh",
        text="Đề nghị mở rộng phạm vi sang liên hiệp hợp tác xã.",
        comment_ids=[comment.pk],
    )
    document = services.document_save(actor=officer, draft=draft, data=DOCUMENT)
    document = services.document_submit(actor=officer, document=document)
    services.document_issue(actor=leader, document=document)
    services.point_answer(actor=respondent, point=point, answer="accepted", text=ANSWER)
    return point

"""Demo data of the critique of drafts, built through the services (idempotent).

* the expert rosters of the Trà Vinh (MTTQ-84) and Vĩnh Long (MTTQ-86) front committees;
* five drafts received by the Trà Vinh front committee in Q1/2024: three critiqued (one with
  every answer published, one partly answered, one unanswered and overdue), one closed
  without a document, one consolidated with its document awaiting the leader; each with
  comments (one hidden with a reason or one pending review on four of them), statements put to
  the vote with their votes and a citizen's proposal (pending or withdrawn), and expert
  opinions on every draft that went to critique;
* a draft of the new Vĩnh Long province open for comment on the day the demo is loaded (its
  dates are placed around that day), imported from a generated .docx, with a second version,
  comments on both, statements and votes, and experts invited (answered, opened, sent) with an
  answer due in a few working days;
* a sample .docx under ``var/demo/`` to import a new draft by clicking;
* on the answered Trà Vinh draft, a version 2 and two comments whose fate the public can follow
  (``demo_fate``): one cited by the accepted point and its clause reworded, one explained.

The historical drafts run through the same services "now" and then have their dates moved
back to 2024 (received, period, comments, document, answers).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ykien.consultations import demo_fate, services
from ykien.consultations import demo_texts as texts
from ykien.consultations.models import (
    AnalysisKind,
    AnalysisRun,
    Comment,
    CommentReport,
    CommentStatus,
    CritiqueDocument,
    CritiquePoint,
    Draft,
    DraftStatus,
    ExpertOpinion,
    Invitation,
    Node,
    NodeKind,
    RunStatus,
    Stance,
    Statement,
    Vote,
)
from ykien.core.demo import DemoDays, load_users
from ykien.core.models import Unit, User
from ykien.core.permissions import SYSTEM
from ykien.core.selectors import today
from ykien.core.text import title_in_sentence
from ykien.experts.models import Expert
from ykien.experts.services import expert_create, expert_update

VL_TITLE = "Dự thảo Nghị quyết quy định chính sách hỗ trợ phát triển hợp tác xã nông nghiệp trên địa bàn tỉnh Vĩnh Long giai đoạn 2026 – 2030"
SAMPLE_TITLE = "Dự thảo Quyết định ban hành Quy chế phối hợp tiếp nhận, xử lý phản ánh, kiến nghị của người dân qua nền tảng số trên địa bàn tỉnh Vĩnh Long"

EXPERTS = [
    (
        "MTTQ-86",
        "Võ Thanh Bình",
        "PGS.TS.",
        Expert.Kind.SCIENTIST,
        "kinh tế nông nghiệp, hợp tác xã, phát triển nông thôn",
        "Trường Đại học Cần Thơ",
        "",
        True,
        "chuyengia",
    ),
    (
        "MTTQ-86",
        "Nguyễn Thị Ngọc Hân",
        "TS.",
        Expert.Kind.SCIENTIST,
        "luật hành chính, xây dựng pháp luật",
        "Trường Đại học Trà Vinh",
        "",
        True,
        None,
    ),
    (
        "MTTQ-86",
        "Thạch Sô Phol",
        "",
        Expert.Kind.RESPECTED,
        "dân tộc, tôn giáo, văn hóa Khmer",
        "Hội Đoàn kết sư sãi yêu nước tỉnh",
        "Khmer — Phật giáo Nam tông",
        True,
        None,
    ),
    (
        "MTTQ-86",
        "Lê Văn Phúc",
        "ThS.",
        Expert.Kind.BUSINESS,
        "hợp tác xã, thương mại điện tử, chuyển đổi số",
        "Công ty TNHH Nông sản Cửu Long",
        "",
        True,
        None,
    ),
    (
        "MTTQ-86",
        "Trần Thị Kim Loan",
        "Luật sư",
        Expert.Kind.LAWYER,
        "đất đai, bồi thường, tái định cư",
        "Đoàn Luật sư tỉnh Vĩnh Long",
        "",
        True,
        None,
    ),
    (
        "MTTQ-86",
        "Huỳnh Văn Tám",
        "",
        Expert.Kind.PRACTITIONER,
        "nông nghiệp, thủy lợi",
        "Nguyên Phó Giám đốc Sở Nông nghiệp",
        "",
        False,
        None,
    ),
    (
        "MTTQ-84",
        "Kim Thị Sóc Khanh",
        "TS.",
        Expert.Kind.SCIENTIST,
        "giáo dục, dân tộc",
        "Trường Đại học Trà Vinh",
        "Khmer",
        True,
        None,
    ),
    (
        "MTTQ-84",
        "Phan Minh Triều",
        "KS.",
        Expert.Kind.PRACTITIONER,
        "đất đai, xây dựng, quy hoạch",
        "Hội Xây dựng tỉnh Trà Vinh",
        "",
        True,
        None,
    ),
]

REASONS = {
    Stance.AGREE: [
        "Tôi thống nhất với nội dung này vì phù hợp với thực tế ở địa phương.",
        "Quy định rõ ràng, dễ thực hiện; đề nghị giữ nguyên.",
        "Nội dung này đáp ứng nguyện vọng của bà con, tôi hoàn toàn đồng ý.",
        "Đồng ý, nhưng đề nghị hướng dẫn cụ thể thủ tục để người dân dễ tiếp cận.",
    ],
    Stance.DISAGREE: [
        "Mức hỗ trợ còn thấp so với chi phí thực tế hiện nay, khó khuyến khích người dân tham gia.",
        "Điều kiện quá chặt, nhiều hộ ở vùng sâu khó đáp ứng nên sẽ không được hưởng chính sách.",
        "Thủ tục hồ sơ còn phức tạp, đề nghị giảm bớt giấy tờ và cho nộp trực tuyến.",
        "Chưa quy định rõ trách nhiệm của cơ quan nào kiểm tra, giám sát việc thực hiện.",
        "Thời gian thực hiện quá ngắn, đề nghị kéo dài để người dân kịp chuẩn bị.",
    ],
    Stance.REWORD: [
        "Đề nghị bổ sung đối tượng là hộ cận nghèo và hộ mới thoát nghèo.",
        "Nên quy định mức hỗ trợ theo tỷ lệ phần trăm thay vì số tiền cố định để phù hợp biến động giá.",
        "Đề nghị ghi rõ thời hạn giải quyết hồ sơ là 10 ngày làm việc.",
    ],
}
WORDINGS = [
    "Bổ sung cụm từ “và hộ cận nghèo, hộ mới thoát nghèo” sau cụm từ “hộ gia đình, cá nhân”.",
    "Sửa thành: “Hỗ trợ 70% chi phí, tối đa 3 tỷ đồng cho một công trình.”",
    "Thêm câu: “Thời hạn giải quyết hồ sơ không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.”",
    "Đề nghị viết lại: “Ưu tiên hợp tác xã có thành viên là người dân tộc thiểu số, phụ nữ, thanh niên khởi nghiệp.”",
]


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _citizens(n: int) -> list[User]:
    """Demo citizens (no password: they exist only to author comments)."""
    names = [
        "Nguyễn Văn An",
        "Trần Thị Bích",
        "Lê Hoàng Cường",
        "Thạch Thị Dên",
        "Phạm Văn Em",
        "Huỳnh Thị Giang",
        "Kim Văn Hải",
        "Võ Thị Hạnh",
        "Đặng Minh Khoa",
        "Sơn Thị Lài",
        "Bùi Văn Lợi",
        "Dương Thị Mến",
    ]
    users = []
    for i in range(n):
        user, created = User.objects.get_or_create(
            username=f"dan{i + 1:02d}.demo",
            defaults={"full_name": names[i % len(names)], "kind": User.Kind.CITIZEN},
        )
        if created:
            user.set_unusable_password()
            user.save()
        users.append(user)
    return users


def demo_email(name: str) -> str:
    """An ASCII address from a Vietnamese name: "Kim Thị Sóc Khanh" → "kim.thi.soc.khanh@example.vn"."""
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    local = "".join(c for c in folded if c.isascii() and (c.isalnum() or c.isspace()))
    return ".".join(local.lower().split()) + "@example.vn"


def load_experts() -> dict[str, Expert]:
    found: dict[str, Expert] = {}
    for code, name, title, kind, fields, org, community, consent, username in EXPERTS:
        email = demo_email(name) if consent else ""
        expert = Expert.objects.filter(full_name=name).first()
        if expert is None:
            expert = expert_create(
                actor=SYSTEM,
                unit=_unit(code),
                data={
                    "full_name": name,
                    "title": title,
                    "kind": kind,
                    "fields": fields,
                    "organisation": org,
                    "community": community,
                    "community_consent": bool(community),
                    "email": email,
                    "phone": "0294 3 855 246" if consent else "",
                    "consent_contact": consent,
                },
            )
            if username:
                Expert.objects.filter(pk=expert.pk).update(user=_user(username))
        elif expert.email and not expert.email.isascii():
            # Demo databases made before addresses were folded to ASCII.
            expert = expert_update(actor=SYSTEM, expert=expert, data={"email": email})
        found[name] = expert
    return found


def _comment_all(
    draft: Draft,
    rng: random.Random,
    citizens: list[User],
    count: int,
    weights: dict[int, float] | None = None,
) -> list[Comment]:
    """``count`` comments spread over the commentable nodes of the draft's current version."""
    nodes = list(
        Node.objects.filter(
            version_id=draft.current_version_id,
            kind__in=[NodeKind.ARTICLE, NodeKind.CLAUSE, NodeKind.POINT],
        ).order_by("position")
    )
    node_weights = [(weights or {}).get(n.position, 1.0) for n in nodes]
    made = []
    for i in range(count):
        node = rng.choices(nodes, weights=node_weights)[0]
        stance = rng.choices([Stance.AGREE, Stance.DISAGREE, Stance.REWORD], weights=[4, 4, 2])[0]
        if i % 3 == 0:
            who = services.Participant.anonymous(f"demo-{draft.pk}-{i}")
        else:
            who = services.Participant.of_user(citizens[i % len(citizens)])
        made.append(
            services.comment_post(
                draft_id=draft.pk,
                node_id=node.pk,
                participant=who,
                stance=stance,
                proposed_wording=rng.choice(WORDINGS) if stance == Stance.REWORD else "",
                reasons=rng.choice(REASONS[stance]),
            )
        )
    return made


def _statements_and_votes(
    draft: Draft, rng: random.Random, citizens: list[User], officer: User
) -> None:
    texts_ = [
        "Mức hỗ trợ trong dự thảo là phù hợp với khả năng ngân sách của tỉnh.",
        "Cần ưu tiên hợp tác xã ở vùng đồng bào dân tộc thiểu số.",
        "Thủ tục nhận hỗ trợ nên làm hoàn toàn trực tuyến.",
        "Nên kéo dài thời gian thực hiện chính sách đến năm 2035.",
    ]
    statements = [
        services.statement_propose(
            draft=draft, participant=services.Participant.of_user(officer), text=t
        )
        for t in texts_
    ]
    pending = services.statement_propose(
        draft=draft,
        participant=services.Participant.of_user(citizens[0]),
        text="Hợp tác xã phải công khai danh sách thành viên được hỗ trợ.",
    )
    assert pending.status == "pending"  # noqa: S101 (a citizen's statement waits for approval)
    voters = [services.Participant.of_user(c) for c in citizens] + [
        services.Participant.anonymous(f"vote-{draft.pk}-{i}") for i in range(40)
    ]
    _cast_votes(statements, [0.8, 0.7, 0.6, 0.3], voters, rng)


def _cast_votes(
    statements: list[Statement],
    leaning: list[float],
    voters: list[services.Participant],
    rng: random.Random,
) -> None:
    """Each voter skips a statement now and then, else mostly agrees with probability ``p``."""
    for voter in voters:
        for statement, p in zip(statements, leaning, strict=True):
            r = rng.random()
            if r < 0.15:
                continue
            value = 1 if r < 0.15 + p * 0.85 else rng.choice([-1, 0])
            services.vote_cast(statement_id=statement.pk, participant=voter, value=value)


# The 2024 drafts (by their number in ``load_tra_vinh``): statements put to the vote, and one
# proposed by a citizen — left pending, or withdrawn with a reason.
STATEMENTS_2024: dict[int, tuple[list[str], str, str]] = {
    1: (
        [
            "Mức phụ cấp bằng 1,0 lần mức lương cơ sở là phù hợp với khối lượng công việc ở ấp, khóm.",
            "Cần nâng mức bồi dưỡng cho người trực tiếp tham gia công việc ở ấp, khóm.",
            "Không nên giới hạn mỗi người kiêm nhiệm tối đa 02 chức danh.",
        ],
        "Phụ cấp phải được chi trả đúng hạn hằng tháng, không để nợ đọng.",
        "",
    ),
    2: (
        [
            "Mục tiêu thu nhập của đồng bào Khmer đến năm 2030 là khả thi.",
            "Cần ưu tiên nguồn lực cho giáo dục song ngữ Việt – Khmer.",
            "Nên bổ sung giải pháp sinh kế cho hộ đồng bào không có đất sản xuất.",
        ],
        "Đề án nên đổi tên thành chương trình hỗ trợ người nghèo nói chung.",
        "Nhận định không đúng phạm vi của đề án (đề án dành cho vùng đồng bào dân tộc Khmer).",
    ),
    3: (
        [
            "Giá đất tính bồi thường phải sát với giá chuyển nhượng thực tế.",
            "Thời gian hỗ trợ ổn định đời sống 06 tháng là quá ngắn.",
            "Nên ưu tiên bồi thường bằng đất ở thay vì bằng tiền.",
        ],
        "Cần công khai phương án bồi thường tại nhà văn hóa ấp trước khi phê duyệt.",
        "",
    ),
    4: (
        [
            "Chỉ tiêu thu nhập 60 triệu đồng/người ở khu vực nông thôn là phù hợp.",
            "Cần công khai kết quả đánh giá xã đạt chuẩn nông thôn mới.",
            "Nên tập trung nguồn lực cho các xã còn khó khăn hơn là xã đã đạt chuẩn.",
        ],
        "Xã đạt chuẩn rồi thì không cần hỗ trợ thêm.",
        "Trùng với nhận định đã đưa ra biểu quyết về việc tập trung nguồn lực.",
    ),
    5: (
        [
            "Hỗ trợ 100% học phí cho học sinh vùng nông thôn, vùng đồng bào dân tộc là cần thiết.",
            "Nên hỗ trợ 100% học phí cho cả học sinh ở phường, thị trấn.",
            "Cần mở rộng hỗ trợ cho học viên giáo dục thường xuyên.",
        ],
        "Nên hỗ trợ thêm tiền mua sách giáo khoa cho học sinh hộ nghèo.",
        "",
    ),
}


def _statements_2024(
    draft: Draft, n: int, rng: random.Random, citizens: list[User], officer: User | None
) -> None:
    """Statements of a Trà Vinh draft, put to the vote by the front committee, then the votes;
    a citizen's proposal left pending or withdrawn with a reason."""
    texts_, proposal, withdrawn = STATEMENTS_2024[n]
    by = (
        services.Participant.of_user(officer)
        if officer is not None
        else services.Participant.anonymous(f"officer-{draft.pk}")
    )
    statements = []
    for text in texts_:
        statement = services.statement_propose(draft=draft, participant=by, text=text)
        if statement.status != "active":  # the 2024 officer's grant has ended: approve it
            statement = services.statement_moderate(actor=SYSTEM, statement=statement, to="active")
        statements.append(statement)
    proposed = services.statement_propose(
        draft=draft, participant=services.Participant.of_user(citizens[n]), text=proposal
    )
    if withdrawn:
        services.statement_moderate(
            actor=SYSTEM, statement=proposed, to="rejected", reason=withdrawn
        )
    voters = [services.Participant.of_user(c) for c in citizens] + [
        services.Participant.anonymous(f"vote-{draft.pk}-{i}") for i in range(8 + 4 * n)
    ]
    _cast_votes(statements, [0.75, 0.6, 0.35], voters, rng)


def _register(
    *,
    unit: str,
    drafting: str,
    title: str,
    kind: str,
    form: str,
    filename: str,
    data: bytes,
    summary: str,
    received: dt.date,
) -> Draft:
    draft = services.draft_register(
        actor=SYSTEM,
        unit=_unit(unit),
        drafting_unit=_unit(drafting),
        title=title,
        kind=kind,
        form=form,
        received_on=received,  # the drafting body must be in force on it
        comment_end=today() + dt.timedelta(days=1),
        summary=summary,
        filename=filename,
        data=data,
    )
    version = draft.versions.get(number=1)
    services.version_publish(actor=SYSTEM, version=version)
    draft.refresh_from_db()
    return draft


def _backdate(draft: Draft, *, received: dt.date, start: dt.date, end: dt.date) -> None:
    """Move a draft made "now" back to its real dates; comments spread over the period. It was
    closed "now", before the end it had then (``CLOSE_NOTE``): back in its time it closed when
    its period ended, so no early end is kept."""
    Draft.objects.filter(pk=draft.pk).update(
        received_on=received,
        comment_start=start,
        comment_end=end,
        published_at=_at(start),
        closed_early_at=None,
        closed_early_reason="",
    )
    draft.versions.update(published_at=_at(start))
    span = (end - start).days + 1
    for i, pk in enumerate(
        Comment.objects.filter(draft=draft).order_by("id").values_list("pk", flat=True)
    ):
        Comment.objects.filter(pk=pk).update(
            created_at=_at(start + dt.timedelta(days=(i * 7) % span), hour=8 + i % 10)
        )
    Vote.objects.filter(draft=draft).update(
        created_at=_at(start + dt.timedelta(days=2)), updated_at=_at(start + dt.timedelta(days=2))
    )
    Statement.objects.filter(draft=draft).update(created_at=_at(start))
    CommentReport.objects.filter(comment__draft=draft).update(
        created_at=_at(end - dt.timedelta(days=1))
    )
    Comment.objects.filter(draft=draft, moderated_at__isnull=False).update(moderated_at=_at(end))


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


POINTS_TV = [
    (
        "Về đối tượng áp dụng",
        "Đề nghị bổ sung hộ cận nghèo, hộ mới thoát nghèo và người dân tộc Khmer ở các ấp đặc biệt khó khăn vào đối tượng áp dụng, vì đây là nhóm chịu tác động trực tiếp.",
    ),
    (
        "Về mức hỗ trợ",
        "Mức hỗ trợ dự kiến thấp hơn mặt bằng chi phí thực tế năm 2024; đề nghị cơ quan soạn thảo đánh giá lại và quy định theo tỷ lệ phần trăm để không phải sửa đổi khi giá cả biến động.",
    ),
    (
        "Về thủ tục và trách nhiệm",
        "Đề nghị rút gọn thành phần hồ sơ, quy định thời hạn giải quyết không quá 10 ngày làm việc và giao rõ cơ quan chịu trách nhiệm kiểm tra, giám sát việc thực hiện.",
    ),
]
#: The 2024 drafts are built "now" with a period ending tomorrow, then closed: closing before the
#: announced end needs a reason (``_backdate`` then gives them their real, ended period).
CLOSE_NOTE = "Hết thời hạn góp ý."

ANSWERS = {
    "accepted": "Cơ quan soạn thảo tiếp thu, đã bổ sung vào dự thảo trình Hội đồng nhân dân tỉnh.",
    "explained": "Cơ quan soạn thảo giải trình: mức hỗ trợ được xác định theo khả năng cân đối ngân sách năm 2024; sẽ xem xét điều chỉnh khi sơ kết.",
    "rejected": "Không tiếp thu vì nội dung này đã được quy định tại văn bản của Trung ương, không cần quy định lại.",
}


def _critique(
    draft: Draft,
    rng: random.Random,
    *,
    number: str,
    issue: dt.date | None,
    leader_submit: bool = True,
    cite: dict[int, list[int]] | None = None,
) -> CritiqueDocument:
    """Close, consolidate, write three points and the document; issue it on ``issue``. Point
    ``i`` cites a random part of the comments, and the comments ``cite[i]`` (those only there)."""
    services.draft_transition(actor=SYSTEM, draft=draft, to=DraftStatus.CLOSED, reason=CLOSE_NOTE)
    services.draft_transition(actor=SYSTEM, draft=draft, to=DraftStatus.CONSOLIDATING)
    draft.refresh_from_db()
    nodes = list(
        Node.objects.filter(version_id=draft.current_version_id, kind=NodeKind.ARTICLE).order_by(
            "position"
        )
    )
    comments = list(
        Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE).values_list(
            "pk", "node_id"
        )
    )
    opinions = list(ExpertOpinion.objects.filter(draft=draft).values_list("pk", flat=True))
    reserved = {pk for pks in (cite or {}).values() for pk in pks}  # cited by one point only
    for i, (title, text) in enumerate(POINTS_TV):
        node = nodes[min(i + 1, len(nodes) - 1)]
        related = [pk for pk, node_id in comments if node_id is not None and rng.random() < 0.3][
            :25
        ]
        related = [pk for pk in related if pk not in reserved] + (cite or {}).get(i, [])
        services.point_save(
            actor=SYSTEM,
            draft=draft,
            title=title,
            text=text,
            node_ids=[node.pk],
            comment_ids=related,
            opinion_ids=opinions[:1] if i == 0 else [],
            from_conference=i == 2,
        )
    document = services.document_save(
        actor=SYSTEM,
        draft=draft,
        data={
            "number_symbol": number,
            "place": "Trà Vinh",
            "intro": f"Thực hiện Luật Mặt trận Tổ quốc Việt Nam năm 2015 và Quyết định số 217-QĐ/TW của Bộ Chính trị, Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Trà Vinh đã tổ chức phản biện xã hội đối với {title_in_sentence(draft.title)}. Trên cơ sở ý kiến của Nhân dân, các chuyên gia và kết luận hội nghị phản biện, Ban Thường trực có ý kiến như sau:",
            "conclusion": "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh cơ bản thống nhất với sự cần thiết ban hành văn bản và đề nghị cơ quan soạn thảo nghiên cứu, tiếp thu các ý kiến nêu trên.",
            "recipients": f"{draft.drafting_unit.name}\nThường trực Tỉnh ủy\nThường trực HĐND tỉnh\nLưu: VT, BTT",
            "signer_authority": "TM. BAN THƯỜNG TRỰC",
            "signer_title": "CHỦ TỊCH",
            "signer_name": "Kiên Thị Hồng",
            "answer_days": 30,
        },
    )
    if leader_submit:
        services.document_submit(actor=SYSTEM, document=document)
    if issue is not None:
        services.document_issue(actor=SYSTEM, document=document, issue_date=issue)
    return document


def _conference(draft: Draft, day: dt.date) -> None:
    services.conference_save(
        actor=SYSTEM,
        draft=draft,
        data={
            "form": "conference",
            "held_at": _at(day, 8),
            "place": "Hội trường Ủy ban MTTQ Việt Nam tỉnh",
            "participants": "Ban Thường trực Ủy ban MTTQ tỉnh; đại diện cơ quan soạn thảo; các tổ chức chính trị - xã hội; 12 chuyên gia, nhà khoa học; đại diện người dân chịu tác động.",
            "minutes": "Hội nghị nghe cơ quan soạn thảo trình bày dự thảo; 9 ý kiến phát biểu tập trung vào đối tượng áp dụng, mức hỗ trợ và thủ tục.",
            "conclusions": "Đề nghị mở rộng đối tượng áp dụng, điều chỉnh mức hỗ trợ theo tỷ lệ và rút gọn thủ tục hành chính.",
        },
    )


# Expert opinions on the 2024 drafts: (expert, overall opinion, opinion on the second article).
OPINIONS_2024: dict[int, list[tuple[str, str, str]]] = {
    1: [
        (
            "Kim Thị Sóc Khanh",
            "Dự thảo cần đánh giá tác động đối với đồng bào dân tộc Khmer và bổ sung nguồn lực thực hiện.",
            "",
        )
    ],
    2: [
        (
            "Kim Thị Sóc Khanh",
            "Dự thảo cần đánh giá tác động đối với đồng bào dân tộc Khmer và bổ sung nguồn lực thực hiện.",
            "Nên bổ sung chỉ tiêu về tỷ lệ giáo viên dạy song ngữ đạt chuẩn ở các trường có đông học sinh Khmer.",
        )
    ],
    3: [
        (
            "Phan Minh Triều",
            "Quy định cần phân biệt rõ đất ở, đất vườn ao liền kề và đất nông nghiệp xen kẽ trong khu dân cư để tránh phát sinh khiếu nại.",
            "Đề nghị quy định rõ thời điểm xác định giá đất cụ thể và công khai chứng thư thẩm định giá cho người có đất bị thu hồi.",
        ),
        (
            "Kim Thị Sóc Khanh",
            "Cần bổ sung hỗ trợ chuyển đổi nghề, đào tạo cho lao động nữ và lao động người dân tộc Khmer bị thu hồi đất nông nghiệp.",
            "",
        ),
    ],
    5: [
        (
            "Kim Thị Sóc Khanh",
            "Chính sách phù hợp; đề nghị ưu tiên học sinh trường phổ thông dân tộc nội trú và học sinh thuộc hộ nghèo, cận nghèo.",
            "Mức hỗ trợ 50% học phí ở phường, thị trấn nên nâng lên 70% đối với học sinh thuộc hộ cận nghèo.",
        )
    ],
}


def _opinions_2024(draft: Draft, n: int, experts: dict[str, Expert]) -> None:
    """Invite the Trà Vinh experts to a draft; those in ``OPINIONS_2024`` answer."""
    sent = services.invitation_send(
        actor=SYSTEM,
        draft=draft,
        expert_ids=[experts["Kim Thị Sóc Khanh"].pk, experts["Phan Minh Triều"].pk],
        due=today() + dt.timedelta(days=1),
        notify=False,
    )
    articles = list(
        Node.objects.filter(version_id=draft.current_version_id, kind=NodeKind.ARTICLE)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    for each in sent:  # every expert opened the link (the demo dates it later)
        services.invitation_open(raw=each.link.rstrip("/").rsplit("/", 1)[-1])
    for name, overall, on_article in OPINIONS_2024.get(n, []):
        invitation = next(s for s in sent if s.invitation.expert_id == experts[name].pk)
        services.opinion_submit(
            raw=invitation.link.rstrip("/").rsplit("/", 1)[-1],
            overall=overall,
            per_node={articles[min(1, len(articles) - 1)]: on_article} if on_article else {},
            signed_name=invitation.invitation.expert_name,
            confirmed=True,
        )


# Comments on the 2024 drafts that readers or officers took down: (text, hidden by an officer with
# this reason — or, when empty, reported by readers and left pending review).
MODERATED_2024: dict[int, tuple[str, str]] = {
    1: (
        "Cán bộ ấp toàn làm cho có, ăn chặn tiền hỗ trợ của dân, không xứng đáng nhận phụ cấp!",
        "Có lời lẽ xúc phạm, quy chụp cán bộ ấp, khóm khi chưa có căn cứ",
    ),
    2: ("Góp ý làm gì cho mất công, đằng nào cũng chẳng ai đọc.", ""),
    3: (
        "Nhận đo đạc, làm sổ đỏ, định giá bồi thường nhanh, giá rẻ — liên hệ 09xx xxx xxx.",
        "Quảng cáo dịch vụ, không liên quan đến nội dung dự thảo",
    ),
    5: ("Bài này chép của tỉnh khác, xem trên mạng là biết.", ""),
}


def _moderate_2024(draft: Draft, n: int, made: list[Comment]) -> None:
    """A comment on the draft hidden by the front committee with its reason, or hidden by
    readers' reports and still pending review (``MODERATED_2024``)."""
    if n not in MODERATED_2024:
        return
    text, reason = MODERATED_2024[n]
    comment = services.comment_post(
        draft_id=draft.pk,
        node_id=made[0].node_id,
        participant=services.Participant.anonymous(f"moderated-{draft.pk}"),
        stance=Stance.DISAGREE,
        proposed_wording="",
        reasons=text,
    )
    if reason:
        services.comment_moderate(actor=SYSTEM, comment=comment, to="hidden", reason=reason)
        return
    for i in range(services.REPORT_THRESHOLD):
        services.comment_report(
            comment=comment,
            participant=services.Participant.anonymous(f"report-{draft.pk}-{i}"),
            reason="Không góp ý vào nội dung dự thảo",
        )


@transaction.atomic
def load_tra_vinh(out: Any, experts: dict[str, Expert]) -> None:
    rng = random.Random(84)  # noqa: S311 (demo data, reproducible)
    citizens = _citizens(12)
    respondent = _user("traloi.ubnd")
    officer = _user("canbo.travinh")
    specs = [
        (
            "Dự thảo Nghị quyết quy định mức hỗ trợ đối với người hoạt động không chuyên trách ở ấp, khóm trên địa bàn tỉnh Trà Vinh",
            "UBND-84",
            "resolution",
            dt.date(2024, 1, 8),
            "answered",
            [
                (
                    "Mức phụ cấp hằng tháng",
                    [
                        "Người hoạt động không chuyên trách ở ấp, khóm được hưởng phụ cấp hằng tháng bằng 1,0 lần mức lương cơ sở.",
                        "Người trực tiếp tham gia công việc ở ấp, khóm được hưởng mức bồi dưỡng 0,5 lần mức lương cơ sở.",
                    ],
                ),
                (
                    "Kiêm nhiệm chức danh",
                    [
                        "Người kiêm nhiệm chức danh được hưởng thêm 50% mức phụ cấp của chức danh kiêm nhiệm.",
                        "Mỗi người kiêm nhiệm không quá 02 chức danh.",
                    ],
                ),
            ],
        ),
        (
            "Dự thảo Đề án phát triển kinh tế - xã hội vùng đồng bào dân tộc Khmer tỉnh Trà Vinh giai đoạn 2024 – 2030",
            "UBND-84",
            "project",
            dt.date(2024, 1, 22),
            "partly",
            [
                (
                    "Mục tiêu",
                    [
                        "Đến năm 2030, thu nhập bình quân của đồng bào dân tộc Khmer bằng 1/2 bình quân chung của tỉnh.",
                        "Tỷ lệ hộ nghèo dân tộc Khmer giảm bình quân 3% mỗi năm.",
                    ],
                ),
                (
                    "Nhiệm vụ, giải pháp",
                    [
                        "Phát triển sản xuất nông nghiệp hàng hóa gắn với liên kết tiêu thụ.",
                        "Bảo tồn, phát huy giá trị văn hóa truyền thống, lễ hội của đồng bào Khmer.",
                        "Nâng cao chất lượng giáo dục song ngữ Việt – Khmer ở các trường phổ thông dân tộc nội trú.",
                    ],
                ),
            ],
        ),
        (
            "Dự thảo Quyết định ban hành Quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất trên địa bàn tỉnh Trà Vinh",
            "UBND-84",
            "decision",
            dt.date(2024, 2, 5),
            "unanswered",
            [
                (
                    "Bồi thường về đất",
                    [
                        "Giá đất cụ thể để tính bồi thường do Ủy ban nhân dân tỉnh quyết định tại thời điểm thu hồi.",
                        "Trường hợp không có đất để bồi thường thì bồi thường bằng tiền.",
                    ],
                ),
                (
                    "Hỗ trợ ổn định đời sống",
                    [
                        "Hộ gia đình bị thu hồi trên 30% diện tích đất nông nghiệp được hỗ trợ ổn định đời sống trong 06 tháng.",
                        "Mức hỗ trợ bằng tiền tương đương 30 kg gạo cho mỗi nhân khẩu mỗi tháng.",
                    ],
                ),
            ],
        ),
        (
            "Dự thảo Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh Trà Vinh năm 2024",
            "STNMT-84",
            "plan",
            dt.date(2024, 2, 26),
            "closed",
            [
                (
                    "Chỉ tiêu năm 2024",
                    [
                        "Có thêm 05 xã đạt chuẩn nông thôn mới nâng cao và 02 xã đạt chuẩn nông thôn mới kiểu mẫu.",
                        "Thu nhập bình quân đầu người khu vực nông thôn đạt 60 triệu đồng.",
                    ],
                )
            ],
        ),
        (
            "Dự thảo Nghị quyết quy định chính sách hỗ trợ học phí đối với học sinh trung học phổ thông năm học 2024 – 2025 trên địa bàn tỉnh Trà Vinh",
            "UBND-84",
            "resolution",
            dt.date(2024, 3, 11),
            "submitted",
            [
                (
                    "Đối tượng được hỗ trợ",
                    [
                        "Học sinh trung học phổ thông công lập và ngoài công lập trên địa bàn tỉnh.",
                        "Học viên học chương trình giáo dục thường xuyên cấp trung học phổ thông.",
                    ],
                ),
                (
                    "Mức hỗ trợ",
                    [
                        "Hỗ trợ 100% học phí đối với học sinh vùng nông thôn, vùng đồng bào dân tộc thiểu số.",
                        "Hỗ trợ 50% học phí đối với học sinh ở các phường, thị trấn.",
                    ],
                ),
            ],
        ),
    ]
    for n, (title, drafting, kind, received, outcome, articles) in enumerate(specs, start=1):
        if Draft.objects.filter(title=title).exists():
            continue
        chapters = texts.generic(
            title.split(" quy định ")[-1] if " quy định " in title else "nội dung của văn bản",
            "tỉnh Trà Vinh",
            articles,
        )
        kind_name = {
            "resolution": "Nghị quyết",
            "decision": "Quyết định",
            "plan": "Kế hoạch",
            "project": "Đề án",
        }[kind]
        head = texts.preamble(
            kind_name,
            title.removeprefix("Dự thảo "),
            "Ủy ban nhân dân tỉnh Trà Vinh",
            ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"],
        )
        tail = texts.closing("Lê Văn Hẳn")
        data = texts.as_txt(head, chapters, tail)
        draft = _register(
            unit="MTTQ-84",
            drafting=drafting,
            title=title,
            kind=kind,
            form="conference" if n != 4 else "written",
            filename=f"du-thao-{n}.txt",
            data=data,
            summary="",
            received=received,
        )
        made = _comment_all(draft, rng, citizens, 40 + 15 * n)
        _statements_2024(draft, n, rng, citizens, officer)
        _moderate_2024(draft, n, made)
        if outcome != "closed":
            _opinions_2024(draft, n, experts)
        # The answered draft: two comments whose fate the public can follow, and version 2
        # (published while the draft is open, as the opinions above were given on version 1).
        cite = (
            demo_fate.comments_and_version(draft, head=head, chapters=chapters, tail=tail)
            if outcome == "answered"
            else {}
        )
        start = received + dt.timedelta(days=5)
        end = start + dt.timedelta(days=20)
        # Back to 2024 before closing: the period ended then, so closing it is not an early end.
        _backdate(draft, received=received, start=start, end=end)
        if cite:
            demo_fate.backdate(draft, end)
        if outcome == "closed":
            services.draft_transition(
                actor=SYSTEM, draft=draft, to=DraftStatus.CLOSED, reason=CLOSE_NOTE
            )
        else:
            _conference(draft, end + dt.timedelta(days=3))
            issue = end + dt.timedelta(days=10) if outcome != "submitted" else None
            document = _critique(draft, rng, number=f"{10 + n}/VB-MTTQ-BTT", issue=issue, cite=cite)
            points = list(CritiquePoint.objects.filter(draft=draft).order_by("position"))
            if outcome == "answered":
                for point, answer in zip(
                    points, ["accepted", "explained", "rejected"], strict=True
                ):
                    services.point_answer(
                        actor=respondent, point=point, answer=answer, text=ANSWERS[answer]
                    )
            elif outcome == "partly":
                for point, answer in zip(points[:2], ["accepted", "explained"], strict=True):
                    services.point_answer(
                        actor=respondent, point=point, answer=answer, text=ANSWERS[answer]
                    )
            if issue is not None:
                CritiquePoint.objects.filter(draft=draft, answered_at__isnull=False).update(
                    answered_at=_at(issue + dt.timedelta(days=25))
                )
                CritiquePoint.objects.filter(draft=draft, published_at__isnull=False).update(
                    published_at=_at(issue + dt.timedelta(days=26))
                )
                CritiqueDocument.objects.filter(pk=document.pk).update(issued_at=_at(issue))
        Invitation.objects.filter(draft=draft).update(
            sent_at=_at(start),
            opened_at=_at(start + dt.timedelta(days=2)),
            due=start + dt.timedelta(days=14),
        )
        Invitation.objects.filter(draft=draft, answered_at__isnull=False).update(
            answered_at=_at(start + dt.timedelta(days=9))
        )
        ExpertOpinion.objects.filter(draft=draft).update(
            created_at=_at(start + dt.timedelta(days=9))
        )
        out.write(f"  {title[:80]}… — {Draft.objects.get(pk=draft.pk).get_status_display()}\n")


@transaction.atomic
def load_vinh_long(out: Any, experts: dict[str, Expert]) -> None:
    if Draft.objects.filter(title=VL_TITLE).exists():
        return
    rng = random.Random(86)  # noqa: S311 (demo data, reproducible)
    citizens = _citizens(12)
    officer = User.objects.get(username="canbo.tinh")  # load_users ran first
    # Open today: received three weeks ago, open for comment since about two weeks and for ten
    # more working days; the experts' answers due in five working days. The 280 comments are
    # spread over the days so far, version 2 published when its first comment came.
    days = DemoDays()
    received = days.ago(21)
    start = days.ago(16)
    end = days.working_days_ahead(10)
    span = (days.today - start).days + 1
    republished = start + dt.timedelta(days=(120 * span) // 280)
    passed = end + dt.timedelta(days=20)  # the People's Council session after the period
    effective = dt.date(passed.year + passed.month // 12, passed.month % 12 + 1, 1)
    head = texts.preamble(
        "Nghị quyết",
        VL_TITLE.removeprefix("Dự thảo "),
        "Hội đồng nhân dân tỉnh Vĩnh Long",
        texts.VL_BASES,
    )
    tail = [
        f"Nghị quyết này đã được Hội đồng nhân dân tỉnh Vĩnh Long khóa X, kỳ họp thứ … thông qua ngày … tháng {passed.month} năm {passed.year} và có hiệu lực từ ngày 01 tháng {effective.month:02d} năm {effective.year}./.",
        "CHỦ TỊCH",
    ]
    v1 = texts.as_docx(head, texts.cooperatives(1), tail)
    draft = services.draft_register(
        actor=officer,
        unit=_unit("MTTQ-86"),
        drafting_unit=_unit("UBND-86"),
        title=VL_TITLE,
        kind="resolution",
        form="conference",
        received_on=received,
        comment_start=start,
        comment_end=end,
        summary="Chính sách hỗ trợ đào tạo nhân lực, hạ tầng, liên kết tiêu thụ và chuyển đổi số cho hợp tác xã nông nghiệp của tỉnh Vĩnh Long sau hợp nhất.",
        filename="du-thao-nghi-quyet-hop-tac-xa-v1.docx",
        data=v1,
    )
    services.version_publish(actor=officer, version=draft.versions.get(number=1))
    draft.refresh_from_db()
    _comment_all(draft, rng, citizens, 120, weights={10: 8.0, 11: 6.0, 13: 4.0})
    # Version 2: the support rate and the land support changed, an article added.
    v2 = texts.as_docx(head, texts.cooperatives(2), tail)
    version2 = services.version_upload(
        actor=officer,
        draft=draft,
        filename="du-thao-nghi-quyet-hop-tac-xa-v2.docx",
        data=v2,
        note="Tiếp thu ý kiến của các sở, ngành",
    )
    services.version_publish(actor=officer, version=version2)
    draft.refresh_from_db()
    made = _comment_all(draft, rng, citizens, 160, weights={12: 8.0, 13: 6.0})
    # Reports: one comment hidden pending review.
    for i in range(services.REPORT_THRESHOLD):
        services.comment_report(
            comment=made[5],
            participant=services.Participant.anonymous(f"report-{i}"),
            reason="Nội dung không liên quan",
        )
    services.comment_moderate(
        actor=officer, comment=made[7], to="hidden", reason="Có lời lẽ xúc phạm cá nhân"
    )
    _statements_and_votes(draft, rng, citizens, officer)
    sent = services.invitation_send(
        actor=officer,
        draft=draft,
        expert_ids=[
            experts[n].pk
            for n in ("Võ Thanh Bình", "Nguyễn Thị Ngọc Hân", "Thạch Sô Phol", "Lê Văn Phúc")
        ],
        due=days.working_days_ahead(5),
        notify=False,
        message="Kính mời ông/bà cho ý kiến, nhất là về mức hỗ trợ tại Chương II.",
    )
    raw = [s.link.rstrip("/").rsplit("/", 1)[-1] for s in sent]
    node = Node.objects.filter(version=version2, kind=NodeKind.ARTICLE, number="5").first()
    services.opinion_submit(
        raw=raw[0],
        overall="Dự thảo cơ bản phù hợp với Luật Hợp tác xã năm 2023. Cần đánh giá nguồn lực ngân sách của tỉnh sau hợp nhất để bảo đảm tính khả thi.",
        per_node={
            node.pk: "Mức hỗ trợ 70% chi phí hạ tầng là hợp lý, nhưng nên phân biệt theo vùng: 80% cho xã bãi ngang, vùng đồng bào dân tộc."
        }
        if node
        else {},
        signed_name="PGS.TS. Võ Thanh Bình",
        confirmed=True,
    )
    services.invitation_open(raw=raw[1])
    services.invitation_open(raw=raw[2])
    draft.versions.filter(number=1).update(published_at=_at(start))
    draft.versions.filter(number=2).update(published_at=_at(republished))
    Draft.objects.filter(pk=draft.pk).update(published_at=_at(start))
    # Comments were made "now"; spread them over the period so far (none after this hour).
    now = timezone.now()
    for i, pk in enumerate(
        Comment.objects.filter(draft=draft).order_by("id").values_list("pk", flat=True)
    ):
        moment = _at(start + dt.timedelta(days=(i * span) // 280), hour=7 + i % 14)
        Comment.objects.filter(pk=pk).update(created_at=min(moment, now))
    out.write(f"  {VL_TITLE[:80]}… — đang lấy ý kiến (phiên bản 2)\n")


def write_sample(out: Any) -> Path:
    """A fresh draft to import by clicking (Tiếp nhận dự thảo mới → upload this file)."""
    path = Path(settings.VAR_DIR) / "demo" / "du-thao-quy-che-phan-anh-kien-nghi.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    chapters = texts.generic(
        "việc phối hợp tiếp nhận, xử lý phản ánh, kiến nghị của người dân qua nền tảng số",
        "tỉnh Vĩnh Long",
        [
            (
                "Kênh tiếp nhận",
                [
                    (
                        "Phản ánh, kiến nghị được tiếp nhận qua các kênh:",
                        [
                            "Cổng dịch vụ công của tỉnh;",
                            "ứng dụng Ý Kiến trên điện thoại di động;",
                            "đường dây nóng 1022.",
                        ],
                    ),
                    "Mọi phản ánh được cấp mã tra cứu để người dân theo dõi kết quả.",
                ],
            ),
            (
                "Thời hạn xử lý",
                [
                    "Cơ quan tiếp nhận phân loại và chuyển phản ánh trong 01 ngày làm việc.",
                    "Cơ quan có thẩm quyền trả lời người dân trong 10 ngày làm việc kể từ ngày nhận.",
                ],
            ),
            (
                "Công khai kết quả",
                [
                    "Kết quả xử lý được công khai trên nền tảng, trừ thông tin cá nhân của người phản ánh."
                ],
            ),
        ],
    )
    head = texts.preamble(
        "Quyết định",
        SAMPLE_TITLE.removeprefix("Dự thảo "),
        "Ủy ban nhân dân tỉnh Vĩnh Long",
        [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.",
            "QUYẾT ĐỊNH:",
        ],
    )
    path.write_bytes(texts.as_docx(head, chapters, texts.closing("…")))
    return path


def load_analyses(out: Any) -> None:
    """The three analyses of the open Vĩnh Long draft, computed here (synchronously) so the
    officer's screen shows results; an analysis already done is not run again."""
    draft = Draft.objects.filter(title=VL_TITLE).first()
    if draft is None:
        return
    for kind in AnalysisKind.values:
        if AnalysisRun.objects.filter(draft=draft, kind=kind, status=RunStatus.DONE).exists():
            continue
        run = services.analysis_run_request(
            actor=SYSTEM, draft_id=draft.pk, kind=kind, enqueue=False
        )
        run = services.analysis_run_execute(run_id=run.pk)
        out.write(f"Phân tích {run.get_kind_display()} của dự thảo #{draft.pk}: {run.status}\n")


def load(out: Any) -> None:
    load_users(out)  # the demo users act in the flow below (idempotent)
    experts = load_experts()
    load_tra_vinh(out, experts)
    load_vinh_long(out, experts)
    path = write_sample(out)
    out.write(
        f"Phản biện: {Draft.objects.count()} dự thảo, {Comment.objects.count()} góp ý; tệp mẫu để nhập thử: {path}\n"
    )
    load_analyses(out)
    demo_fate.urls(out)

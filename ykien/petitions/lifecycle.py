"""The petition lifecycle in one place: the allowed transitions, the deadline rule of each step
per kind, the extensions the law allows and the grounds for refusing to accept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from ykien.petitions.codes import PetitionAction
from ykien.petitions.models import Kind, Status

R, A, F, S, W, M = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.REFUSED,
    Status.SETTLED,
    Status.ANSWERED,
    Status.MERGED,
)

# action → {status it may start from: status it leads to}
TRANSITIONS: dict[str, dict[str, str]] = {
    "classify": {R: R},
    "assign": {R: R, A: A},
    "accept": {R: A},
    "refuse": {R: F},
    "transfer": {R: R, A: R},
    "merge": {R: M, A: M},
    "extend": {R: R, A: A},
    "settle": {A: S},
    "answer": {S: W},
    "rate": {W: W},
}

ACTION_LABELS = {action.value: action.label for action in PetitionAction}


def next_status(action: str, status: str) -> str | None:
    """The status ``action`` leads to from ``status``, or None when it is not allowed."""
    return TRANSITIONS.get(action, {}).get(status)


def allowed_actions(status: str) -> list[str]:
    return [action for action, moves in TRANSITIONS.items() if status in moves]


# Deadline rules (codes of core.calendar) per kind and step.
ACCEPT_RULE = {
    Kind.COMPLAINT: "complaint.accept",
    Kind.DENUNCIATION: "denunciation.accept",
    Kind.REPORT: "reception.answer",
    Kind.REQUEST: "reception.answer",
}
FORWARD_RULE = {
    Kind.DENUNCIATION: "denunciation.forward",
    Kind.COMPLAINT: "petition.forward",
    Kind.REPORT: "petition.forward",
    Kind.REQUEST: "petition.forward",
}
NOTIFY_RULE = {Kind.DENUNCIATION: "denunciation.notify"}
SETTLE_RULE = {Kind.REPORT: "report.settle", Kind.REQUEST: "request.settle"}


def settle_rule(kind: str, *, second_complaint: bool) -> str:
    if kind == Kind.COMPLAINT:
        return "complaint.settle.second" if second_complaint else "complaint.settle.first"
    if kind == Kind.DENUNCIATION:
        return "denunciation.settle"
    # No law sets a period to settle a report or request: each kind has its own rule (the
    # platform's default of 30 days), never the critique documents' ``answer.default``.
    return SETTLE_RULE[Kind(kind)]


def settle_variant(kind: str, *, remote: bool, extensions: int) -> str:
    """The variant of the settle rule: complaints in remote areas and complex cases, and the
    complex / very complex extensions of a denunciation."""
    if kind == Kind.COMPLAINT:
        if remote and extensions:
            return "remote_complex"
        if remote:
            return "remote"
        return "complex" if extensions else ""
    if kind == Kind.DENUNCIATION:
        return {0: "", 1: "complex"}.get(extensions, "very_complex")
    return ""


# Extensions of the settle step the law allows, per kind.
MAX_SETTLE_EXTENSIONS = {
    Kind.COMPLAINT: 1,  # Luật Khiếu nại 2011, Điều 28, 37: complex cases
    Kind.DENUNCIATION: 2,  # Luật Tố cáo 2018, Điều 30: once if complex, twice if very complex
    Kind.REPORT: 1,  # the platform: one more period of the default length
    Kind.REQUEST: 1,
}
# Only a denunciation's acceptance step can be extended (7 → 10 working days, Điều 24).
ACCEPT_EXTENSION_VARIANT = {Kind.DENUNCIATION: "extended"}
DEFAULT_ANSWER_DAYS = 30


@dataclass(frozen=True)
class RefusalGround:
    code: str
    kinds: tuple[str, ...]
    label: Any  # a lazy translation
    basis: Any  # a lazy translation


_ALL = (Kind.REPORT, Kind.REQUEST, Kind.COMPLAINT, Kind.DENUNCIATION)
_KN = (Kind.COMPLAINT,)
_TC = (Kind.DENUNCIATION,)
_PA = (Kind.REPORT, Kind.REQUEST)

REFUSAL_GROUNDS: list[RefusalGround] = [
    RefusalGround(
        "kn_internal",
        _KN,
        _(
            "Quyết định, hành vi hành chính trong nội bộ cơ quan để chỉ đạo, tổ chức thực hiện nhiệm vụ"
        ),
        _("Luật Khiếu nại 2011, Điều 11, khoản 1"),
    ),
    RefusalGround(
        "kn_no_interest",
        _KN,
        _("Không liên quan trực tiếp đến quyền, lợi ích hợp pháp của người khiếu nại"),
        _("Luật Khiếu nại 2011, Điều 11, khoản 2"),
    ),
    RefusalGround(
        "kn_capacity",
        _KN,
        _(
            "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp"
        ),
        _("Luật Khiếu nại 2011, Điều 11, khoản 3"),
    ),
    RefusalGround(
        "kn_representative",
        _KN,
        _("Người đại diện không hợp pháp"),
        _("Luật Khiếu nại 2011, Điều 11, khoản 4"),
    ),
    RefusalGround(
        "kn_unsigned",
        _KN,
        _("Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại"),
        _("Luật Khiếu nại 2011, Điều 11, khoản 5"),
    ),
    RefusalGround(
        "kn_time_barred",
        _KN,
        _("Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng"),
        _("Luật Khiếu nại 2011, Điều 11, khoản 6"),
    ),
    RefusalGround(
        "kn_second_decided",
        _KN,
        _("Khiếu nại đã có quyết định giải quyết khiếu nại lần hai"),
        _("Luật Khiếu nại 2011, Điều 11, khoản 7"),
    ),
    RefusalGround(
        "kn_suspended",
        _KN,
        _(
            "Có thông báo đình chỉ giải quyết mà sau 30 ngày người khiếu nại không tiếp tục khiếu nại"
        ),
        _("Luật Khiếu nại 2011, Điều 11, khoản 8"),
    ),
    RefusalGround(
        "kn_court",
        _KN,
        _("Việc khiếu nại đã được Tòa án thụ lý hoặc đã có bản án, quyết định của Tòa án"),
        _("Luật Khiếu nại 2011, Điều 11, khoản 9"),
    ),
    RefusalGround(
        "tc_already_settled",
        _TC,
        _("Vụ việc đã được giải quyết mà người tố cáo không cung cấp thông tin, tình tiết mới"),
        _("Luật Tố cáo 2018, Điều 27, khoản 1"),
    ),
    RefusalGround(
        "tc_no_basis",
        _TC,
        _("Nội dung, thông tin tố cáo không có cơ sở để xác định người vi phạm, hành vi vi phạm"),
        _("Luật Tố cáo 2018, Điều 27, khoản 2"),
    ),
    RefusalGround(
        "tc_cannot_verify",
        _TC,
        _(
            "Người có thẩm quyền không đủ điều kiện để kiểm tra, xác minh hành vi vi phạm, người vi phạm"
        ),
        _("Luật Tố cáo 2018, Điều 27, khoản 3"),
    ),
    RefusalGround(
        "pa_already_settled",
        _PA,
        _(
            "Vụ việc đã được giải quyết đúng chính sách, pháp luật và đã được thông báo bằng văn bản"
        ),
        _("Luật Tiếp công dân 2013, Điều 9, khoản 4"),
    ),
    RefusalGround(
        "pa_unclear",
        _PA,
        _("Nội dung không rõ ràng, không đủ thông tin để xem xét"),
        _("Luật Tiếp công dân 2013, Điều 28"),
    ),
    RefusalGround(
        "pa_not_public_interest",
        _PA,
        _("Không phải phản ánh, kiến nghị về chính sách, pháp luật hay việc thực hiện công vụ"),
        _("Luật Tiếp công dân 2013, Điều 2"),
    ),
]
GROUNDS_BY_CODE = {g.code: g for g in REFUSAL_GROUNDS}


def grounds_for(kind: str) -> list[RefusalGround]:
    return [g for g in REFUSAL_GROUNDS if kind in g.kinds]

"""The petition lifecycle in one place: its declaration on the engine (``PETITION``: states,
edges, the permission of each, the history writer), the deadline rule each step starts per kind,
the extensions the law allows and the grounds for refusing to accept.

Every state change goes through ``core.lifecycle.transition(PETITION, …)``; submission creates the
petition in ``received`` (a plain service, ADR 0005) and writes its first step with the same
history writer, ``write_step``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from ykien.core.calendar import Deadline
from ykien.core.lifecycle import Edge, Lifecycle, Step
from ykien.core.models import User
from ykien.petitions.codes import PetitionAction, StepText
from ykien.petitions.models import Kind, Petition, PetitionEvent, Status

R, A, F, S, W, M = (
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.REFUSED,
    Status.SETTLED,
    Status.ANSWERED,
    Status.MERGED,
)
HANDLE = "petitions.handle_petition"
PA = PetitionAction


def write_step(step: Step) -> None:
    """The history writer of ``PETITION``: one ``PetitionEvent`` per step, from the values the
    service put in ``data`` (see :func:`step_data`); a merge also notes it, internally, on the
    petition merged into."""
    petition: Petition = step.obj
    data = step.data
    actor = step.actor if isinstance(step.actor, User) else None
    on = dt.date.fromisoformat(data["on"])
    PetitionEvent.objects.create(
        petition=petition,
        on=on,
        action=PetitionAction(step.edge.action),
        status=petition.status,
        actor=actor,
        unit=petition.unit,
        public=data.get("public", True),
        text_code=data.get("text", ""),
        params=data.get("params", {}),
        note=data.get("note", step.reason),
        due=dt.date.fromisoformat(data["due"]) if data.get("due") else None,
        basis=data.get("basis", ""),
    )
    into = petition.merged_into if step.edge.action == PA.MERGE else None
    if into is not None:
        PetitionEvent.objects.create(
            petition=into,
            on=on,
            action=PetitionAction.MERGE,
            status=into.status,
            actor=actor,
            unit=into.unit,
            public=False,
            params={"merged_from": petition.pk},
        )


def stored_description(due: Deadline) -> str:
    """``due`` described in Vietnamese whatever the reader's language: the record is
    Vietnamese, pages translate it (``core.calendar.stored_description_text``)."""
    with override(settings.LANGUAGE_CODE):
        return due.describe()


def step_data(
    *,
    on: dt.date,
    text: StepText | None = None,
    params: Mapping[str, Any] | None = None,
    note: str | None = None,
    public: bool = True,
    due: Deadline | None = None,
) -> dict[str, Any]:
    """What a step records, JSON-safe (it is also the domain event's ``data``): the day, the
    text for the sender as a code and its values (dates as ISO, a kind or ground as its code;
    none: the step's own label), the internal note (default: the transition's reason), whether
    the sender sees it, and the deadline it runs against with its legal basis."""
    data: dict[str, Any] = {"on": on.isoformat(), "public": public}
    if text is not None:
        data["text"] = text.value
    if params:
        data["params"] = dict(params)
    if note is not None:
        data["note"] = note
    if due is not None:
        data["due"] = due.due.isoformat()
        data["basis"] = stored_description(due)
    return data


PETITION = Lifecycle(
    name="petitions.petition",
    model=Petition,
    states=Status,
    edges=(
        # Creation: ``services.petition_submit`` (never through ``transition``).
        Edge(PA.SUBMIT, (), R, "petitions.submit_petition", PA.SUBMIT.label),
        Edge(PA.CLASSIFY, {R}, None, HANDLE, PA.CLASSIFY.label),
        Edge(PA.ASSIGN, {R, A}, None, HANDLE, PA.ASSIGN.label),
        Edge(PA.ACCEPT, {R}, A, HANDLE, PA.ACCEPT.label),
        Edge(PA.REFUSE, {R}, F, HANDLE, PA.REFUSE.label),
        Edge(PA.TRANSFER, {R, A}, R, HANDLE, PA.TRANSFER.label),
        Edge(PA.MERGE, {R, A}, M, HANDLE, PA.MERGE.label),
        Edge(PA.EXTEND, {R, A}, None, HANDLE, PA.EXTEND.label),
        Edge(PA.SETTLE, {A}, S, HANDLE, PA.SETTLE.label),
        Edge(PA.ANSWER, {S}, W, HANDLE, PA.ANSWER.label),
        Edge(PA.RATE, {W}, None, "petitions.rate_petition", PA.RATE.label),
    ),
    history=write_step,
    related=("unit",),  # the audit record's unit, read with the locked row
    # The sender's secrets and free texts never go into the audit log.
    audit_exclude=(
        "code",
        "identity_ciphertext",
        "sender_hash",
        "sender_account",
        "content",
        "subject",
        "search_text",
        "conclusion",
        "answer",
        "rating_comment",
    ),
)
LIFECYCLES = (PETITION,)


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

# The deadline rules each step starts, per kind (the edges' ``rule`` depends on the kind here).
_SETTLE_RULES = {
    Kind.COMPLAINT: ("complaint.settle.first", "complaint.settle.second"),
    Kind.DENUNCIATION: ("denunciation.settle",),
    Kind.REPORT: (SETTLE_RULE[Kind.REPORT],),
    Kind.REQUEST: (SETTLE_RULE[Kind.REQUEST],),
}
STEP_RULES: dict[str, dict[Kind, tuple[str, ...]]] = {
    PA.SUBMIT: {k: (ACCEPT_RULE[k],) for k in Kind},
    PA.CLASSIFY: {k: (ACCEPT_RULE[k],) for k in Kind},
    PA.TRANSFER: {k: (FORWARD_RULE[k], ACCEPT_RULE[k]) for k in Kind},
    PA.ACCEPT: {
        k: _SETTLE_RULES[k] + ((NOTIFY_RULE[k],) if k in NOTIFY_RULE else ()) for k in Kind
    },
    PA.EXTEND: {
        k: ((ACCEPT_RULE[k],) if k in ACCEPT_EXTENSION_VARIANT else ()) + _SETTLE_RULES[k]
        for k in Kind
    },
}


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

"""Every write of citizen reception: the heads, their calendar, citizens' registrations and the
reception log. Keyword-only, typed; permissions from ``reception.permissions``; sessions move only
through ``core.lifecycle.transition``. Petitions raised at a reception are created by the
petitions domain's own service (``petitions.services.petition_submit``, channel "reception"), so
they carry their own legal deadlines."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from ykien.core import pii, search
from ykien.core.audit import audit_record, snapshot
from ykien.core.errors import ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.models import Unit, User
from ykien.core.permissions import Actor, person, require
from ykien.core.pii import SenderIdentity
from ykien.core.selectors import today
from ykien.core.text import BIDI_CONTROLS_RE, clean_text, refuse_forbidden
from ykien.core.validation import normalise_phone
from ykien.reception.codes import AuditAction, ErrorCode
from ykien.reception.lifecycle import SESSION, session_refusal
from ykien.reception.models import (
    Head,
    Office,
    ReceptionEntry,
    Registration,
    Session,
    SessionStatus,
    Visit,
)

MANAGE = "reception.manage"
MAX_GROUP = 5000
MAX_REPRESENTATIVES = 10


LABELS = {
    "name": _("Họ và tên"),
    "representatives": _("Họ và tên"),
    "title": _("Chức vụ"),
    "place": _("Địa điểm"),
    "note": _("Ghi chú"),
    "address": _("Địa chỉ"),
    "deputy_name": _("Cấp phó được ủy quyền"),
    "subject": _("Nội dung cần trình bày"),
    "content": _("Nội dung trình bày"),
    "conclusion": _("Kết luận của người tiếp"),
}


def _text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    label = str(LABELS[field])
    refuse_forbidden(value, field=field, label=label, pattern=BIDI_CONTROLS_RE)
    return clean_text(value, field=field, label=label, required=required, limit=limit)


@sensitive_variables("identity")
def _identity(identity: SenderIdentity) -> SenderIdentity:
    """``identity`` checked and normalised: name and address as typed text (no control nor
    bidirectional override character), a Vietnamese telephone number
    (``core.validation.normalise_phone``) and an ID number (CCCD or CMND)."""
    from ykien.petitions.validation import normalise_id_number

    return SenderIdentity(
        name=_text(identity.name, field="name", limit=120, required=False),
        phone=normalise_phone(identity.phone),
        id_number=normalise_id_number(identity.id_number),
        email=identity.email,
        address=_text(identity.address, field="address", limit=255, required=False),
    )


@transaction.atomic
def head_create(
    *,
    actor: Actor,
    unit: Unit,
    office: str,
    name: str,
    title: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> Head:
    """Add a head who must receive citizens (the Party secretary or the chairman of the People's
    Committee of ``unit``'s area) for the dates they hold the office."""
    require(actor, MANAGE, unit)
    if office not in Office.values:
        raise ValidationFailed(_("Chức danh không hợp lệ."), field="office")
    if valid_to is not None and valid_to < valid_from:
        raise ValidationFailed(_("Ngày kết thúc trước ngày bắt đầu."), field="valid_to")
    head = Head.objects.create(
        unit=unit,
        office=office,
        name=_text(name, field="name", limit=120),
        title=_text(title, field="title", limit=255),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    audit_record(
        actor=actor, action=AuditAction.HEAD_CREATE, obj=head, unit=unit, after=snapshot(head)
    )
    return head


@transaction.atomic
def session_schedule(
    *,
    actor: Actor,
    head: Head,
    day: dt.date,
    starts_at: dt.time,
    place: str,
    note: str = "",
) -> Session:
    """Put a reception day on ``head``'s calendar (the head must hold the office that day, and
    have no other session, not cancelled, that day at that time)."""
    require(actor, MANAGE, head)
    if not head.in_office_on(day):
        raise ValidationFailed(
            _("Người tiếp không giữ chức vụ vào ngày này."),
            code=ErrorCode.HEAD_NOT_IN_OFFICE,
            field="day",
        )
    same = (
        Session.objects.select_for_update()
        .filter(head=head, day=day, starts_at=starts_at)
        .exclude(status=SessionStatus.CANCELLED)
        .first()
    )
    if same is not None:
        raise ValidationFailed(
            _("%(name)s đã có buổi tiếp lúc %(time)s ngày %(day)s tại %(place)s.")
            % {
                "name": head.name,
                "time": starts_at.strftime("%H:%M"),
                "day": day.strftime("%d/%m/%Y"),
                "place": same.place,
            },
            code=ErrorCode.DUPLICATE_SESSION,
            field="starts_at",
        )
    session = Session.objects.create(
        head=head,
        day=day,
        starts_at=starts_at,
        place=_text(place, field="place", limit=255),
        note=_text(note, field="note", limit=500, required=False),
        created_by=person(actor),
    )
    session.search_text = session.folded()
    session.save(update_fields=["search_text"])
    audit_record(
        actor=actor,
        action=AuditAction.SESSION_CREATE,
        obj=session,
        unit=head.unit,
        after=snapshot(session, exclude=("search_text",)),
    )
    _schedule_changed(head)
    return session


def _schedule_changed(head: Head) -> None:
    """Tell the search index that a head's public calendar changed (after commit)."""
    key = str(head.pk)
    transaction.on_commit(lambda: search.notify_changed("reception", key))


def session_transition(
    *, actor: Actor, session: Session, to: str, deputy_name: str = "", note: str = ""
) -> Session:
    """Move a session to ``to`` (the action named after it): held, delegated (the deputy who
    received in the head's place is required), missed, cancelled, or back to scheduled. Held,
    delegated and missed only from the session's day on; a missed session goes back to the
    calendar (an officer's mistake) only with the reason in ``note`` (kept in the audit log)."""
    deputy = _text(deputy_name, field="deputy_name", limit=160, required=False)
    remark = _text(note, field="note", limit=500, required=False)

    # The engine sets the new state before ``apply``: the refusal reads the state it leaves.
    current = Session.objects.filter(pk=session.pk).first() or session
    refused = session_refusal(to, current, today(), reason=remark)
    if refused is not None:
        raise refused

    def apply(locked: Session) -> None:
        if to == SessionStatus.DELEGATED:
            if not deputy:
                raise ValidationFailed(
                    _("Xin ghi họ tên, chức vụ của cấp phó được ủy quyền tiếp."),
                    code=ErrorCode.DEPUTY_MISSING,
                    field="deputy_name",
                )
            locked.deputy_name = deputy
            locked.search_text = locked.folded()
        if remark:
            locked.note = remark

    moved = transition(SESSION, actor=actor, obj=session, action=to, apply=apply, reason=remark)
    _schedule_changed(moved.head)
    return moved


# --- registration -------------------------------------------------------------------------------


@sensitive_variables("identity")
def registration_submit(
    *,
    session: Session,
    identity: SenderIdentity,
    subject: str,
    user: User | None = None,
    ip: str | None = None,
) -> Registration:
    """A citizen registers ahead for a scheduled, coming session; signed in, the registration
    is linked to the account (``user``; the person sees it on "my page"). The same person
    registering twice for one session is refused with a clear message and nothing is stored
    twice: the same account, or the same name and ID number (or name and telephone) — unique
    constraints back both checks."""
    text = _text(subject, field="subject", limit=1000)
    if session.status != SessionStatus.SCHEDULED or session.day < today():
        raise ValidationFailed(
            _("Buổi tiếp này không còn nhận đăng ký. Xin chọn buổi tiếp khác."),
            code=ErrorCode.SESSION_CLOSED,
            field="session",
        )
    identity = _identity(identity)
    ciphertext, digest = pii.confidential_sender_store(identity=identity)
    if not digest:
        raise ValidationFailed(
            _("Xin ghi họ tên và số điện thoại (hoặc số định danh cá nhân)."),
            code=ErrorCode.IDENTITY_MISSING,
            field="name",
        )
    already = _("Bạn đã đăng ký buổi tiếp này; mỗi người chỉ đăng ký một lần cho một buổi tiếp.")
    same = Q(sender_hash=digest) | Q(user=user) if user is not None else Q(sender_hash=digest)
    if Registration.objects.filter(same, session=session).exists():
        raise ValidationFailed(already, code=ErrorCode.ALREADY_REGISTERED, field="session")
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                session=session,
                subject=text,
                identity_ciphertext=ciphertext,
                sender_hash=digest,
                user=user,
            )
            # No actor even when signed in: who registered is confidential (``core.pii``), and
            # the audit log is read by staff without the logged identity read.
            audit_record(
                actor=None,
                action=AuditAction.REGISTRATION_SUBMIT,
                obj=registration,
                unit=session.head.unit,
                ip=ip,
            )
    except IntegrityError:
        raise ValidationFailed(
            already, code=ErrorCode.ALREADY_REGISTERED, field="session"
        ) from None
    return registration


@transaction.atomic
def registration_account_erase(*, user: User) -> int:
    """Take ``user``'s registrations off the account (it is being deleted); returns how many.
    The registrations stay for the head's office, their encrypted identity with them. Not
    audited: an audit record would tie the account to a confidential registration."""
    return Registration.objects.filter(user=user).update(user=None)


# --- the reception log --------------------------------------------------------------------------


@dataclass(frozen=True)
class PetitionDraft:
    """A petition the head's office raises from what a citizen said at the reception."""

    kind: str
    subject: str
    content: str


@sensitive_variables("identity", "representatives")
def entry_record(
    *,
    actor: Actor,
    head: Head,
    day: dt.date,
    visit: str,
    identity: SenderIdentity,
    content: str,
    conclusion: str = "",
    group_size: int = 1,
    representatives: Sequence[str] = (),
    registration: Registration | None = None,
    petitions: Sequence[PetitionDraft] = (),
    ip: str | None = None,
) -> ReceptionEntry:
    """Write one line of the reception log for a person (or group) received by ``head`` on
    ``day``. There must be a session of that head on that day that was not cancelled or missed;
    otherwise a clear error on ``day`` and nothing is stored. A group gives its size and its
    representatives (at most ten; encrypted like the identity). Each petition of ``petitions``
    is created through the petitions domain's service and its tracking code kept on the line."""
    session = (
        Session.objects.select_related("head__unit")
        .filter(head=head, day=day, status__in=SessionStatus.open_values())
        .order_by("starts_at")
        .first()
    )
    if session is None:
        raise ValidationFailed(
            _("Không có buổi tiếp công dân theo lịch của người này vào ngày %(day)s.")
            % {"day": day.strftime("%d/%m/%Y")},
            code=ErrorCode.NO_SESSION,
            field="day",
        )
    require(actor, MANAGE, session)
    if day > today():
        raise ValidationFailed(
            _("Chưa đến ngày của buổi tiếp (%(day)s): chỉ ghi sổ từ ngày đó.")
            % {"day": day.strftime("%d/%m/%Y")},
            code=ErrorCode.NOT_YET,
            field="day",
        )
    if visit not in Visit.values:
        raise ValidationFailed(_("Hình thức không hợp lệ."), field="visit")
    if visit == Visit.REGISTERED and registration is None:
        raise ValidationFailed(
            _(
                "Người này không có đăng ký trước gắn với dòng sổ: chọn “Đến trực tiếp”, hoặc "
                "ghi sổ từ danh sách đăng ký trước của buổi tiếp."
            ),
            code=ErrorCode.REGISTRATION_MISSING,
            field="visit",
        )
    if registration is not None and registration.session_id != session.pk:
        raise ValidationFailed(_("Đăng ký không thuộc buổi tiếp này."), field="registration")
    identity = _identity(identity)
    text = _text(content, field="content", limit=20000)
    verdict = _text(conclusion, field="conclusion", limit=20000, required=False)
    names = [
        name
        for raw in representatives
        if (name := _text(raw, field="representatives", limit=120, required=False))
    ]
    if group_size < 1 or group_size > MAX_GROUP or len(names) > MAX_REPRESENTATIVES:
        raise ValidationFailed(
            _("Số người từ 1 đến 5.000; tối đa 10 người đại diện."),
            code=ErrorCode.GROUP_INVALID,
            field="group_size",
        )
    if group_size > 1 and not names:
        raise ValidationFailed(
            _("Đoàn đông người: xin ghi người đại diện."),
            code=ErrorCode.GROUP_INVALID,
            field="representatives",
        )
    if identity.is_empty:
        raise ValidationFailed(
            _("Xin ghi họ tên người được tiếp."), code=ErrorCode.IDENTITY_MISSING, field="name"
        )
    ciphertext = pii.encrypt_identity(identity)
    digest = pii.sender_hash(identity)
    reps = (
        pii.encrypt_bytes(json.dumps(names, ensure_ascii=False).encode()).decode() if names else ""
    )
    with transaction.atomic():
        codes: list[str] = []
        if petitions:
            from ykien.petitions import services as petition_services

            for draft in petitions:
                petition = petition_services.petition_submit(
                    actor=actor,
                    kind=draft.kind,
                    subject=draft.subject,
                    content=draft.content,
                    unit=head.unit,
                    identity=identity,
                    anonymous=False,
                    channel="reception",
                    reception_date=day,
                    reception_place=session.place,
                    reception_note=str(head),
                    ip=ip,
                )
                codes.append(petition.code)
        entry = ReceptionEntry.objects.create(
            session=session,
            visit=visit,
            registration=registration,
            identity_ciphertext=ciphertext,
            sender_hash=digest,
            group_size=group_size,
            representatives_ciphertext=reps,
            content=text,
            conclusion=verdict,
            petition_codes=codes,
            recorded_by=person(actor),
        )
        audit_record(
            actor=actor,
            action=AuditAction.ENTRY_CREATE,
            obj=entry,
            unit=head.unit,
            after={"visit": visit, "group_size": group_size, "petition_codes": codes},
            ip=ip,
        )
    return entry


def entry_reveal(
    *, actor: Actor, entry: ReceptionEntry, reason: str, ip: str | None = None
) -> dict[str, Any]:
    """The identity and representatives of a log line, for the head's office, with a reason;
    the read is written to the audit log (``core.pii.confidential_read``)."""

    def read() -> dict[str, Any]:
        reps: list[str] = []
        if entry.representatives_ciphertext:
            reps = json.loads(pii.decrypt_bytes(entry.representatives_ciphertext.encode()))
        return {
            "identity": pii.decrypt_identity(entry.identity_ciphertext),
            "representatives": reps,
        }

    return pii.confidential_read(
        actor=actor,
        permission="reception.read_identity",
        obj=entry,
        fields=[*pii.IDENTITY_FIELDS, "representatives"],
        reason=reason,
        read=read,
        unit=entry.session.head.unit,
        ip=ip,
    )

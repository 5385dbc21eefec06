"""Writes of the petitions domain. Each service checks permission and input, changes state in
one transaction through the transition map of ``lifecycle``, and writes an audit event.

The sender's identity only ever travels as a :class:`~ykien.petitions.crypto.SenderIdentity`
(whose ``repr`` hides it) and is stored encrypted; audit snapshots leave out the ciphertext,
the tracking code and the free text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.debug import sensitive_variables

from ykien.core.audit import audit_confidential_read, audit_record, snapshot
from ykien.core.calendar import Deadline, deadline
from ykien.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from ykien.core.models import Role, RoleGrant, Unit, User
from ykien.core.selectors import today as local_today
from ykien.core.selectors import unit_governing_ids, unit_successors, user_has_role_at
from ykien.petitions import crypto, files, lifecycle
from ykien.petitions.codes import PetitionAction, StepText
from ykien.petitions.crypto import SenderIdentity
from ykien.petitions.models import (
    ApiClient,
    Attachment,
    Channel,
    Kind,
    Petition,
    PetitionEvent,
    ServiceCategory,
    Status,
)
from ykien.petitions.permissions import can
from ykien.petitions.validation import MAX_CONTENT, check_sender, check_text

# Unambiguous for reading aloud and typing: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 9
SNAPSHOT_EXCLUDE = (
    "code",
    "sender_hash",
    "content",
    "subject",
    "conclusion",
    "answer",
    "rating_comment",
)


def new_tracking_code() -> str:
    """Nine characters from a 31-letter alphabet (about 44.6 bits), shown as ``K7M-4QX-9TR``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Upper case, separators and spaces dropped (``k7m 4qx-9tr`` → ``K7M4QX9TR``)."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:32]


def _snap(petition: Petition) -> dict[str, Any] | None:
    return snapshot(petition, exclude=SNAPSHOT_EXCLUDE)


def _check_perm(actor: User | None, perm: str, obj: Any) -> None:
    """``actor=None`` is the system itself (demo loader, commands)."""
    if actor is not None and not can(actor, perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện việc này."), code="forbidden")


def _locked(petition: Petition) -> Petition:
    # "of self": PostgreSQL cannot lock the nullable side of the outer join to the handler.
    return (
        Petition.objects.select_for_update(of=("self",))
        .select_related("unit", "handler")
        .get(pk=petition.pk)
    )


def _move(petition: Petition, action: str) -> str:
    target = lifecycle.next_status(action, petition.status)
    if target is None:
        raise InvalidTransition(
            _("Không thể “%(action)s” đơn đang ở trạng thái “%(status)s”.")
            % {
                "action": lifecycle.ACTION_LABELS[action],
                "status": petition.get_status_display(),
            },
            code="invalid_transition",
        )
    return target


def _event(
    petition: Petition,
    *,
    action: str,
    actor: User | None,
    on: dt.date,
    text: StepText | None = None,
    params: dict[str, Any] | None = None,
    note: str = "",
    public: bool = True,
    due: Deadline | None = None,
) -> PetitionEvent:
    """Record a step. Its text for the sender is stored as a code and values (dates as ISO, a
    kind or ground as its code), never as a sentence in the language of the moment; without
    ``text`` the step's own label is shown."""
    return PetitionEvent.objects.create(
        petition=petition,
        on=on,
        action=PetitionAction(action),
        status=petition.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        unit=petition.unit,
        public=public,
        text_code=text.value if text is not None else "",
        params=params or {},
        note=note,
        due=due.due if due else None,
        basis=_stored_description(due) if due else "",
    )


def _stored_description(due: Deadline) -> str:
    """``due`` described in Vietnamese whatever the reader's language: the record is
    Vietnamese, pages translate it (``core.calendar.stored_description_text``)."""
    with override(settings.LANGUAGE_CODE):
        return due.describe()


def _set_due(petition: Petition, due: Deadline | None) -> None:
    petition.due_date = due.due if due else None
    petition.due_basis = f"{due.name}: {_stored_description(due)}" if due else ""


def _accept_deadline(petition: Petition, start: dt.date) -> Deadline:
    rule = lifecycle.ACCEPT_RULE[Kind(petition.kind)]
    return deadline(rule, start, variant=petition.accept_variant or None)


def _settle_deadline(petition: Petition) -> Deadline:
    if petition.accepted_on is None:
        raise InvalidTransition(_("Đơn chưa được thụ lý."), code="not_accepted")
    return deadline(
        petition.settle_rule,
        petition.accepted_on,
        variant=petition.settle_variant or None,
        length=petition.settle_length,
    )


def route_unit(*, unit: Unit, on: dt.date) -> Unit:
    """``unit`` if it is in force on ``on``, else the one unit it became. Raises
    ``ValidationFailed`` (code ``ambiguous_successor``) when it became several units, so the
    officer chooses, and (``no_successor``) when it has none."""
    successors = unit_successors(unit=unit, on=on)
    if len(successors) == 1:
        return successors[0]
    if not successors:
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không còn hoạt động và không có đơn vị kế thừa.")
            % {"unit": unit.name},
            code="no_successor",
            field="unit",
        )
    raise ValidationFailed(
        _("Đơn vị “%(unit)s” đã được sáp nhập vào nhiều đơn vị: %(list)s. Hãy chọn một đơn vị.")
        % {"unit": unit.name, "list": "; ".join(u.name for u in successors)},
        code="ambiguous_successor",
        field="unit",
    )


def confidential_sender_store(*, identity: SenderIdentity) -> tuple[str, str]:
    """Encrypt an identity for storage: (``*_ciphertext`` value, sender hash). For other apps
    (e.g. oversight's feedback on officials) that keep a sender the same way."""
    if identity.is_empty:
        return "", ""
    return crypto.encrypt_identity(identity), crypto.sender_hash(identity)


def confidential_sender_read(*, ciphertext: str) -> SenderIdentity:
    """Decrypt what :func:`confidential_sender_store` returned. The caller must check
    permission and log the read with ``core.audit.audit_confidential_read``."""
    return crypto.decrypt_identity(ciphertext)


@sensitive_variables("identity", "checked")
def petition_submit(
    *,
    actor: User | None,
    kind: str,
    subject: str,
    content: str,
    unit: Unit,
    identity: SenderIdentity,
    anonymous: bool,
    channel: str = Channel.WEB,
    category: ServiceCategory | None = None,
    place_address: str = "",
    lat: Decimal | None = None,
    lng: Decimal | None = None,
    publish: bool = False,
    uploads: Sequence[files.Upload] = (),
    reception_date: dt.date | None = None,
    reception_place: str = "",
    reception_note: str = "",
    api_client: ApiClient | None = None,
    ip: str | None = None,
) -> Petition:
    """Receive a petition: check it, route it (a unit no longer in force → its successor),
    give it a tracking code and the acceptance deadline of its kind, encrypt the sender and the
    files. An anonymous denunciation is recorded as information (a report), not handled as a
    denunciation (Luật Tố cáo 2018, Điều 25).

    Raises ``ValidationFailed``; nothing is stored (no row, no file) when it does.
    """
    written: list[str] = []
    try:
        return _petition_submit(
            actor=actor,
            kind=kind,
            subject=subject,
            content=content,
            unit=unit,
            identity=identity,
            anonymous=anonymous,
            channel=channel,
            category=category,
            place_address=place_address,
            lat=lat,
            lng=lng,
            publish=publish,
            uploads=uploads,
            reception_date=reception_date,
            reception_place=reception_place,
            reception_note=reception_note,
            api_client=api_client,
            ip=ip,
            written=written,
        )
    except BaseException:
        for rel in written:
            files.remove(rel)
        raise


@sensitive_variables()
@transaction.atomic
def _petition_submit(
    *,
    actor: User | None,
    kind: str,
    subject: str,
    content: str,
    unit: Unit,
    identity: SenderIdentity,
    anonymous: bool,
    channel: str,
    category: ServiceCategory | None,
    place_address: str,
    lat: Decimal | None,
    lng: Decimal | None,
    publish: bool,
    uploads: Sequence[files.Upload],
    reception_date: dt.date | None,
    reception_place: str,
    reception_note: str,
    api_client: ApiClient | None,
    ip: str | None,
    written: list[str],
) -> Petition:
    if kind not in Kind.values:
        raise ValidationFailed(_("Loại đơn không hợp lệ."), code="bad_kind", field="kind")
    if channel not in Channel.values:
        raise ValidationFailed(_("Kênh tiếp nhận không hợp lệ."), code="bad_channel")
    if channel in (Channel.RECEPTION, Channel.POST):
        _check_perm(actor, "petitions.record_intake", unit)
    subject = check_text(subject, field="subject", label=_("Tiêu đề"), max_length=200)
    content = check_text(content, field="content", label=_("Nội dung"), max_length=MAX_CONTENT)
    place_address = check_text(
        place_address, field="place_address", label=_("Địa điểm"), max_length=255
    )
    reception_place = check_text(
        reception_place, field="reception_place", label=_("Nơi tiếp"), max_length=255
    )
    reception_note = check_text(
        reception_note, field="reception_note", label=_("Ghi chú"), max_length=MAX_CONTENT
    )
    if not subject:
        raise ValidationFailed(_("Cần ghi tiêu đề."), code="required", field="subject")
    if len(content) < 10:
        raise ValidationFailed(
            _("Nội dung quá ngắn (ít nhất 10 ký tự)."), code="required", field="content"
        )
    if (lat is None) != (lng is None):
        raise ValidationFailed(_("Cần cả vĩ độ và kinh độ."), code="bad_point", field="lat")
    if lat is not None and lng is not None and not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValidationFailed(_("Tọa độ không hợp lệ."), code="bad_point", field="lat")
    if len(uploads) > files.MAX_FILES:
        raise ValidationFailed(
            _("Tối đa %(n)s tệp đính kèm.") % {"n": files.MAX_FILES},
            code="too_many",
            field="attachments",
        )
    today = local_today()
    if reception_date is not None and reception_date > today:
        raise ValidationFailed(
            _("Ngày tiếp nhận không thể ở tương lai."), code="future", field="reception_date"
        )
    checked = check_sender(kind=kind, channel=channel, anonymous=anonymous, identity=identity)
    routed = route_unit(unit=unit, on=today)

    as_information = kind == Kind.DENUNCIATION and anonymous
    effective_kind = Kind.REPORT if as_information else Kind(kind)
    received_on = reception_date or today
    ciphertext, sender = confidential_sender_store(identity=checked)
    petition = Petition(
        kind=effective_kind,
        submitted_kind=kind,
        as_information=as_information,
        category=category,
        subject=subject,
        content=content,
        unit=routed,
        place_address=place_address,
        lat=lat,
        lng=lng,
        # Complaints and denunciations are never published.
        publish=publish and effective_kind in (Kind.REPORT, Kind.REQUEST) and not as_information,
        channel=channel,
        reception_date=reception_date,
        reception_place=reception_place,
        reception_note=reception_note,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
        api_client=api_client,
        is_anonymous=anonymous,
        identity_ciphertext=ciphertext,
        sender_hash=sender,
        received_on=received_on,
        settle_rule=lifecycle.settle_rule(effective_kind, second_complaint=False),
    )
    due = _accept_deadline(petition, received_on)
    petition.accept_due, petition.accept_rule = due.due, due.rule
    _set_due(petition, due)
    for _attempt in range(5):
        petition.code = new_tracking_code()
        try:
            with transaction.atomic():
                petition.save()
            break
        except IntegrityError:
            if Petition.objects.filter(code=petition.code).exists():
                continue
            raise
    else:  # pragma: no cover - 31^9 codes
        raise ValidationFailed(_("Không tạo được mã tra cứu, xin thử lại."), code="code")
    for upload in uploads:
        rel, digest = files.store(upload)
        written.append(rel)
        Attachment.objects.create(
            petition=petition,
            path=rel,
            file_type=upload.file_type,
            size=len(upload.data),
            sha256=digest,
            name_ciphertext=crypto.encrypt_bytes(upload.name.encode()).decode(),
            is_identity=upload.is_identity or "denunciation" in (kind, effective_kind),
        )
    _event(
        petition,
        action="submit",
        actor=actor,
        on=received_on,
        text=StepText.RECEIVED_AS_INFORMATION if as_information else StepText.RECEIVED,
        params={"rerouted_to": routed.name} if routed.pk != unit.pk else None,
        due=due,
    )
    audit_record(
        actor=actor,
        action="petition.submit",
        obj=petition,
        unit=routed,
        after=_snap(petition),
        ip=ip,
    )
    return petition


@transaction.atomic
def petition_classify(
    *,
    actor: User | None,
    petition: Petition,
    kind: str,
    category: ServiceCategory | None = None,
    is_second_complaint: bool = False,
    is_remote: bool = False,
) -> Petition:
    """Set the kind and field of a petition not yet accepted; the acceptance deadline is
    recomputed for the new kind from the day it was received. An anonymous sender's petition
    cannot become a complaint or a denunciation."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "classify")
    if kind not in Kind.values:
        raise ValidationFailed(_("Loại đơn không hợp lệ."), code="bad_kind", field="kind")
    if petition.is_anonymous and kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
        raise ValidationFailed(
            _(
                "Đơn nặc danh không được xử lý như khiếu nại hoặc tố cáo (Luật Tố cáo 2018, Điều 25)."
            ),
            code="anonymous",
            field="kind",
        )
    before = _snap(petition)
    petition.kind = kind
    petition.category = category
    petition.is_second_complaint = is_second_complaint and kind == Kind.COMPLAINT
    petition.is_remote = is_remote
    petition.settle_rule = lifecycle.settle_rule(
        kind, second_complaint=petition.is_second_complaint
    )
    petition.accept_variant = ""
    petition.status = target
    due = _accept_deadline(petition, petition.received_on)
    petition.accept_due, petition.accept_rule = due.due, due.rule
    _set_due(petition, due)
    petition.save()
    _event(
        petition,
        action="classify",
        actor=actor,
        on=local_today(),
        text=StepText.CLASSIFIED,
        params={"kind": petition.kind},
        due=due,
    )
    audit_record(
        actor=actor,
        action="petition.classify",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
    )
    return petition


@transaction.atomic
def petition_assign(*, actor: User | None, petition: Petition, handler: User) -> Petition:
    """Give the petition to ``handler``, who must hold the handler role at a unit covering it."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "assign")
    if not user_has_role_at(user=handler, unit=petition.unit, roles=[Role.HANDLER]):
        raise ValidationFailed(
            _("%(user)s không phải cán bộ xử lý đơn thư của đơn vị này.") % {"user": handler},
            code="not_handler",
            field="handler",
        )
    before = _snap(petition)
    petition.handler = handler
    petition.status = target
    petition.save()
    _event(petition, action="assign", actor=actor, on=local_today(), public=False)
    audit_record(
        actor=actor,
        action="petition.assign",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
    )
    return petition


@transaction.atomic
def petition_accept(
    *, actor: User | None, petition: Petition, on: dt.date | None = None
) -> Petition:
    """Accept (thụ lý): the settle deadline of the kind runs from today; for a denunciation the
    denouncer must be told within 5 working days (Luật Tố cáo 2018, Điều 29)."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "accept")
    before = _snap(petition)
    day = on or local_today()
    if day < petition.received_on:
        raise ValidationFailed(_("Ngày thụ lý trước ngày tiếp nhận."), code="bad_date")
    petition.status = target
    petition.accepted_on = day
    petition.settle_rule = lifecycle.settle_rule(
        petition.kind, second_complaint=petition.is_second_complaint
    )
    petition.settle_variant = lifecycle.settle_variant(
        petition.kind, remote=petition.is_remote, extensions=0
    )
    petition.settle_length = None
    due = _settle_deadline(petition)
    petition.settle_due = due.due
    notify = lifecycle.NOTIFY_RULE.get(Kind(petition.kind))
    petition.notify_due = deadline(notify, day).due if notify else None
    _set_due(petition, due)
    petition.save()
    _event(
        petition,
        action="accept",
        actor=actor,
        on=day,
        text=StepText.ACCEPTED,
        params={"due": due.due.isoformat()},
        due=due,
    )
    audit_record(
        actor=actor,
        action="petition.accept",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
    )
    return petition


@transaction.atomic
def petition_refuse(
    *, actor: User | None, petition: Petition, ground: str, note: str = ""
) -> Petition:
    """Refuse to accept, on one of the grounds the law lists for the petition's kind."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "refuse")
    found = lifecycle.GROUNDS_BY_CODE.get(ground)
    if found is None or petition.kind not in found.kinds:
        raise ValidationFailed(
            _("Lý do không thụ lý không phù hợp với loại đơn."), code="bad_ground", field="ground"
        )
    note = check_text(note, field="note", label=_("Ghi chú"), max_length=MAX_CONTENT)
    before = _snap(petition)
    petition.status = target
    petition.refusal_ground = ground
    petition.closed_on = local_today()
    _set_due(petition, None)
    petition.save()
    _event(
        petition,
        action="refuse",
        actor=actor,
        on=petition.closed_on,
        text=StepText.REFUSED,
        params={"ground": found.code},
        note=note,
    )
    audit_record(
        actor=actor,
        action="petition.refuse",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
        reason=str(found.label),
    )
    return petition


@transaction.atomic
def petition_transfer(
    *, actor: User | None, petition: Petition, to_unit: Unit, note: str
) -> Petition:
    """Send the petition to the competent unit with a note. A unit no longer in force is
    replaced by its one successor (several successors: ``ValidationFailed`` asks to choose).
    The receiving unit's acceptance period runs from today; whether the transfer itself was
    within the forwarding period of the kind is recorded on the step."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "transfer")
    note = check_text(note, field="note", label=_("Ghi chú"), max_length=MAX_CONTENT)
    if len(note) < 5:
        raise ValidationFailed(
            _("Cần ghi lý do chuyển đơn (ít nhất 5 ký tự)."), code="required", field="note"
        )
    today = local_today()
    routed = route_unit(unit=to_unit, on=today)
    if routed.pk == petition.unit_id:
        raise ValidationFailed(_("Đơn đã ở đơn vị này."), code="same_unit", field="unit")
    before = _snap(petition)
    forward = deadline(lifecycle.FORWARD_RULE[Kind(petition.kind)], petition.received_on)
    old_unit = petition.unit
    petition.unit = routed
    petition.status = target
    petition.handler = None
    petition.accepted_on = None
    petition.settle_due = None
    petition.notify_due = None
    petition.accept_variant = ""
    petition.extensions = 0
    due = _accept_deadline(petition, today)
    petition.accept_due, petition.accept_rule = due.due, due.rule
    _set_due(petition, due)
    petition.save()
    params: dict[str, Any] = {"from": old_unit.name, "to": routed.name}
    if routed.pk != to_unit.pk:
        params["successor_of"] = to_unit.name
    if today > forward.due:
        params["late_due"] = forward.due.isoformat()
    _event(
        petition,
        action="transfer",
        actor=actor,
        on=today,
        text=StepText.TRANSFERRED,
        params=params,
        note=note,
        due=forward,
    )
    audit_record(
        actor=actor,
        action="petition.transfer",
        obj=petition,
        unit=routed,
        before=before,
        after=_snap(petition),
        reason=note,
    )
    return petition


@transaction.atomic
def petition_merge(
    *, actor: User | None, petition: Petition, into: Petition, note: str = ""
) -> Petition:
    """Merge a duplicate into ``into``: same sender (same keyed hash, never decrypted) and the
    same substance (the officer's judgement, helped by ``selectors.petition_merge_suggestions``)."""
    petition = _locked(petition)
    into = _locked(into)
    _check_perm(actor, "petitions.handle_petition", petition)
    _check_perm(actor, "petitions.handle_petition", into)
    target = _move(petition, "merge")
    if petition.pk == into.pk:
        raise ValidationFailed(_("Không thể gộp một đơn vào chính nó."), code="self", field="into")
    if not into.is_open:
        raise ValidationFailed(
            _("Đơn được gộp vào đã kết thúc."), code="closed_target", field="into"
        )
    if not petition.sender_hash or petition.sender_hash != into.sender_hash:
        raise ValidationFailed(
            _("Chỉ gộp đơn của cùng một người gửi."), code="different_sender", field="into"
        )
    before = _snap(petition)
    petition.status = target
    petition.merged_into = into
    petition.closed_on = local_today()
    _set_due(petition, None)
    petition.save()
    _event(
        petition,
        action="merge",
        actor=actor,
        on=petition.closed_on,
        text=StepText.MERGED,
        note=note,
    )
    _event(
        into,
        action="merge",
        actor=actor,
        on=petition.closed_on,
        public=False,
        params={"merged_from": petition.pk},
    )
    audit_record(
        actor=actor,
        action="petition.merge",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
        reason=note,
    )
    return petition


@transaction.atomic
def petition_extend(*, actor: User | None, petition: Petition, reason: str) -> Petition:
    """Extend the step now open, within the law: a denunciation's acceptance from 7 to 10
    working days (Điều 24); a complaint's settlement once for a complex case (Luật Khiếu nại
    2011, Điều 28, 37); a denunciation's settlement once if complex, twice if very complex
    (Luật Tố cáo 2018, Điều 30); a report or request once by the platform's default period."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "extend")
    reason = check_text(reason, field="reason", label=_("Lý do"), max_length=2000)
    if len(reason) < 5:
        raise ValidationFailed(
            _("Cần ghi lý do gia hạn (ít nhất 5 ký tự)."), code="required", field="reason"
        )
    kind = Kind(petition.kind)
    before = _snap(petition)
    if petition.status == Status.RECEIVED:
        variant = lifecycle.ACCEPT_EXTENSION_VARIANT.get(kind)
        if variant is None or petition.accept_variant == variant:
            raise ValidationFailed(
                _("Luật không cho phép gia hạn thời hạn thụ lý đối với đơn này."),
                code="no_extension",
            )
        petition.accept_variant = variant
        start = petition.received_on
        last_transfer = petition.events.filter(action="transfer").order_by("-at").first()
        if last_transfer is not None:
            start = last_transfer.on
        due = _accept_deadline(petition, start)
        petition.accept_due = due.due
    else:
        if petition.extensions >= lifecycle.MAX_SETTLE_EXTENSIONS[kind]:
            raise ValidationFailed(
                _("Đã gia hạn tối đa số lần luật cho phép (%(n)s).")
                % {"n": lifecycle.MAX_SETTLE_EXTENSIONS[kind]},
                code="no_extension",
            )
        petition.extensions += 1
        if kind in (Kind.REPORT, Kind.REQUEST):
            petition.settle_length = lifecycle.DEFAULT_ANSWER_DAYS * (petition.extensions + 1)
        else:
            petition.settle_variant = lifecycle.settle_variant(
                kind, remote=petition.is_remote, extensions=petition.extensions
            )
        due = _settle_deadline(petition)
        petition.settle_due = due.due
    petition.status = target
    _set_due(petition, due)
    petition.save()
    _event(
        petition,
        action="extend",
        actor=actor,
        on=local_today(),
        text=StepText.EXTENDED,
        params={"due": due.due.isoformat()},
        note=reason,
        due=due,
    )
    audit_record(
        actor=actor,
        action="petition.extend",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
        reason=reason,
    )
    return petition


@transaction.atomic
def petition_settle(*, actor: User | None, petition: Petition, conclusion: str) -> Petition:
    """Record the result (the decision or conclusion; internal). The answer to the sender
    follows with :func:`petition_answer`."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "settle")
    conclusion = check_text(
        conclusion, field="conclusion", label=_("Kết quả"), max_length=MAX_CONTENT
    )
    if len(conclusion) < 5:
        raise ValidationFailed(
            _("Cần ghi kết quả giải quyết."), code="required", field="conclusion"
        )
    before = _snap(petition)
    petition.status = target
    petition.conclusion = conclusion
    petition.settled_on = local_today()
    petition.save()
    _event(
        petition,
        action="settle",
        actor=actor,
        on=petition.settled_on,
        text=StepText.SETTLED,
    )
    audit_record(
        actor=actor,
        action="petition.settle",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
    )
    return petition


@transaction.atomic
def petition_answer(*, actor: User | None, petition: Petition, answer: str) -> Petition:
    """Answer the sender: the text is shown on the status page (and published with the
    petition when the sender agreed)."""
    petition = _locked(petition)
    _check_perm(actor, "petitions.handle_petition", petition)
    target = _move(petition, "answer")
    answer = check_text(answer, field="answer", label=_("Trả lời"), max_length=MAX_CONTENT)
    if len(answer) < 5:
        raise ValidationFailed(_("Cần ghi nội dung trả lời."), code="required", field="answer")
    before = _snap(petition)
    petition.status = target
    petition.answer = answer
    petition.answered_on = local_today()
    petition.closed_on = petition.answered_on
    _set_due(petition, None)
    petition.save()
    _event(petition, action="answer", actor=actor, on=petition.answered_on)
    audit_record(
        actor=actor,
        action="petition.answer",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
    )
    return petition


@transaction.atomic
def petition_rate(
    *, petition: Petition, rating: int, comment: str = "", ip: str | None = None
) -> Petition:
    """The sender (holder of the tracking code) rates the answer, once, 1 to 5."""
    petition = _locked(petition)
    target = _move(petition, "rate")
    if petition.rating is not None:
        raise ValidationFailed(_("Đơn này đã được đánh giá."), code="already_rated", field="rating")
    if rating not in range(1, 6):
        raise ValidationFailed(_("Mức đánh giá từ 1 đến 5."), code="bad_rating", field="rating")
    comment = check_text(comment, field="comment", label=_("Ý kiến"), max_length=2000)
    before = _snap(petition)
    petition.status = target
    petition.rating = rating
    petition.rating_comment = comment
    petition.rated_at = timezone.now()
    petition.save()
    _event(
        petition,
        action="rate",
        actor=None,
        on=local_today(),
        public=True,
        text=StepText.RATED,
        params={"n": rating},
    )
    audit_record(
        actor=None,
        action="petition.rate",
        obj=petition,
        unit=petition.unit,
        before=before,
        after=_snap(petition),
        ip=ip,
    )
    return petition


@sensitive_variables()
@transaction.atomic
def sender_reveal(
    *, actor: User, petition: Petition, reason: str, ip: str | None = None
) -> SenderIdentity:
    """Decrypt the sender of ``petition`` for ``actor``, who must pass the reveal rule
    (``petitions.reveal_identity``) and give a reason; the read is logged."""
    if not can(actor, "petitions.reveal_identity", petition):
        raise PermissionDenied(
            _(
                "Chỉ cán bộ được giao xử lý và lãnh đạo trực tiếp của cán bộ đó được xem danh tính người tố cáo."
            )
            if "denunciation" in (petition.kind, petition.submitted_kind)
            else _("Bạn không có quyền xem thông tin người gửi."),
            code="forbidden",
        )
    audit_confidential_read(
        actor=actor,
        obj=petition,
        fields=["name", "id_number", "phone", "email", "address"],
        reason=reason,
        unit=petition.unit,
        ip=ip,
    )
    return crypto.decrypt_identity(petition.identity_ciphertext)


@sensitive_variables()
@transaction.atomic
def attachment_read(
    *, actor: User, attachment: Attachment, reason: str = "", ip: str | None = None
) -> tuple[str, bytes]:
    """The decrypted file and its original name. Files that identify the sender follow the
    reveal rule and need a reason; other files need the right to see the petition. Every read
    is logged."""
    petition = attachment.petition
    perm = "petitions.reveal_identity" if attachment.is_identity else "petitions.view_petition"
    if not can(actor, perm, petition):
        raise PermissionDenied(_("Bạn không có quyền xem tệp này."), code="forbidden")
    audit_confidential_read(
        actor=actor,
        obj=petition,
        fields=[f"attachment:{attachment.pk}"],
        reason=reason if attachment.is_identity else (reason or _("Xem tệp đính kèm của đơn")),
        unit=petition.unit,
        ip=ip,
    )
    name = crypto.decrypt_bytes(attachment.name_ciphertext.encode()).decode()
    return name, files.read(attachment.path)


# --- Open311 API keys -------------------------------------------------------------------------


def _key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def apikey_create(*, actor: User | None, name: str, unit: Unit) -> tuple[ApiClient, str]:
    """Create an Open311 client; return it and its key (shown once, only its hash is kept)."""
    name = check_text(name, field="name", label=_("Tên"), max_length=120)
    if not name:
        raise ValidationFailed(_("Cần tên ứng dụng."), code="required", field="name")
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationFailed(
            _("Đã có ứng dụng tên “%(n)s”.") % {"n": name}, code="duplicate", field="name"
        )
    key = f"yk_{secrets.token_urlsafe(30)}"
    client = ApiClient.objects.create(
        name=name,
        prefix=key[3:11],
        key_hash=_key_digest(key),
        unit=unit,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit_record(
        actor=actor, action="petition.apikey.create", obj=client, unit=unit, after=snapshot(client)
    )
    return client, key


def apikey_authenticate(*, key: str) -> ApiClient | None:
    """The active client with this key, or None (compared by hash; the key is not stored)."""
    if not key or len(key) > 100:
        return None
    client = ApiClient.objects.filter(key_hash=_key_digest(key), active=True).first()
    if client is not None:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return client


# --- key rotation -----------------------------------------------------------------------------


@sensitive_variables()
def rotate_keys() -> dict[str, int]:
    """Re-encrypt every stored identity, file name and file with the primary key and recompute
    the sender hashes (they are keyed by the primary key). Run after putting a new key first in
    ``YKIEN_PII_KEYS``; the old key can be removed afterwards."""
    counts = {"petitions": 0, "attachments": 0}
    for pk in (
        Petition.objects.exclude(identity_ciphertext="").values_list("pk", flat=True).iterator()
    ):
        with transaction.atomic():
            petition = Petition.objects.select_for_update().get(pk=pk)
            identity = crypto.decrypt_identity(petition.identity_ciphertext)
            petition.identity_ciphertext = crypto.encrypt_identity(identity)
            petition.sender_hash = crypto.sender_hash(identity)
            petition.save(update_fields=["identity_ciphertext", "sender_hash"])
            del identity
        counts["petitions"] += 1
    for attachment in Attachment.objects.all().iterator():
        with transaction.atomic():
            attachment.name_ciphertext = crypto.rotate_bytes(
                attachment.name_ciphertext.encode()
            ).decode()
            files.rotate(attachment.path)
            attachment.save(update_fields=["name_ciphertext"])
        counts["attachments"] += 1
    for name, hook in ROTATION_HOOKS.items():
        counts[name] = hook()
    audit_record(actor=None, action="petition.rotate_keys", after=counts)
    return counts


# Other apps that store identities through ``confidential_sender_store`` register a function
# that re-encrypts their rows, so one ``ykien petitions rotate-keys`` covers every identity.
ROTATION_HOOKS: dict[str, Callable[[], int]] = {}


def register_rotation(name: str, hook: Callable[[], int]) -> None:
    ROTATION_HOOKS[name] = hook


# --- reminders --------------------------------------------------------------------------------

REMINDER_DAYS = 5


def _handlers_of(unit: Unit, day: dt.date) -> list[User]:
    ids = unit_governing_ids(unit=unit)
    grants = (
        RoleGrant.objects.valid_on(day)
        .filter(role=Role.HANDLER, unit_id__in=ids, user__is_active=True)
        .select_related("user")
    )
    return sorted({g.user for g in grants}, key=lambda u: u.pk)


def reminders_send(*, today: dt.date | None = None, days: int = REMINDER_DAYS) -> int:
    """Mail each handler the petitions due within ``days`` or overdue: the assigned handler, or
    every handler of the unit for petitions not yet assigned. The mail names petitions by number,
    kind, unit, step and due date only — never the sender or the text. Returns mails sent."""
    from django.conf import settings

    day = today or local_today()
    by_user: dict[int, tuple[User, list[Petition]]] = {}
    qs = (
        Petition.objects.open()
        .filter(due_date__lte=day + dt.timedelta(days=days))
        .select_related("unit", "handler")
        .order_by("due_date", "pk")
    )
    for petition in qs:
        recipients = [petition.handler] if petition.handler else _handlers_of(petition.unit, day)
        for user in recipients:
            if user is None or not user.email:
                continue
            by_user.setdefault(user.pk, (user, []))[1].append(petition)
    sent = 0
    for user, items in by_user.values():
        lines = []
        for p in items:
            state = _("QUÁ HẠN") if p.is_overdue(day) else _("sắp đến hạn")
            url = settings.SITE_URL.rstrip("/") + reverse("petitions:staff_detail", args=[p.pk])
            lines.append(
                f"- #{p.pk} {p.get_kind_display()} — {p.unit.name} — {p.get_status_display()} — "
                f"{_('hạn')} {p.due_date:%d/%m/%Y} ({state})\n  {url}"
            )
        body = _(
            "Kính gửi %(name)s,\n\nCác đơn thư sau đang chờ xử lý:\n\n%(lines)s\n\n"
            "Thư này không chứa thông tin người gửi. Vui lòng đăng nhập để xem chi tiết.\n"
        ) % {"name": user.full_name or user.username, "lines": "\n".join(lines)}
        send_mail(
            _("[Ý Kiến] %(n)s đơn thư sắp đến hạn hoặc quá hạn") % {"n": len(items)},
            body,
            None,
            [user.email],
        )
        sent += 1
    return sent

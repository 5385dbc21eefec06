"""Receiving a petition: the public form, Open311 clients, and the intakes an officer records
at a citizen-reception session or from the post."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ykien.core import pii, tracking
from ykien.core.audit import audit_change
from ykien.core.calendar import Deadline
from ykien.core.errors import ValidationFailed
from ykien.core.events import Event, publish
from ykien.core.lifecycle import Step
from ykien.core.lists import fold_for_search
from ykien.core.models import ApiKey, Unit, User
from ykien.core.permissions import Actor, require
from ykien.core.pii import SenderIdentity
from ykien.petitions import files, lifecycle
from ykien.petitions.codes import ErrorCode, PetitionAction, StepText
from ykien.petitions.models import (
    Attachment,
    Channel,
    Kind,
    Petition,
    ServiceCategory,
    Status,
)
from ykien.petitions.services._base import accept_deadline, route_unit, set_due, today
from ykien.petitions.validation import MAX_CONTENT, check_sender, check_text

# Channels where an officer records the petition (and is recorded); on the others no officer is,
# and only a signed-in sender's own account is linked (``Petition.sender_account``).
STAFF_CHANNELS = (Channel.RECEPTION, Channel.POST)


@sensitive_variables("identity", "checked")
def petition_submit(
    *,
    actor: Actor,
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
    api_client: ApiKey | None = None,
    sender_account: User | None = None,
    ip: str | None = None,
) -> Petition:
    """Receive a petition: check it, route it (a unit no longer in force → its successor),
    give it a tracking code and the acceptance deadline of its kind, encrypt the sender and the
    files; write its first step, the audit record and the event ``petitions.petition.submit``.
    An anonymous denunciation is recorded as information (a report), not handled as a
    denunciation (Luật Tố cáo 2018, Điều 25).

    Anyone may send a petition on the public channels (``actor`` is then never recorded: the
    visitor, a signed-in citizen, ``SYSTEM``); intakes at a reception or by post need
    ``petitions.record_intake`` on the unit. ``sender_account``: the signed-in citizen sending
    it on the public form (their "my page" lists it); ignored for an anonymous petition and on
    the staff channels. Raises ``ValidationFailed`` or ``PermissionDenied``;
    nothing is stored (no row, no file) when it does.
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
            sender_account=sender_account,
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
    actor: Actor,
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
    api_client: ApiKey | None,
    sender_account: User | None,
    ip: str | None,
    written: list[str],
) -> Petition:
    if kind not in Kind.values:
        raise ValidationFailed(_("Loại đơn không hợp lệ."), code=ErrorCode.BAD_KIND, field="kind")
    if channel not in Channel.values:
        raise ValidationFailed(_("Kênh tiếp nhận không hợp lệ."), code=ErrorCode.BAD_CHANNEL)
    if channel in STAFF_CHANNELS:
        require(actor, "petitions.record_intake", unit)
    recorder = actor if channel in STAFF_CHANNELS and isinstance(actor, User) else None
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
        raise ValidationFailed(_("Cần ghi tiêu đề."), code=ErrorCode.REQUIRED, field="subject")
    if len(content) < 10:
        raise ValidationFailed(
            _("Nội dung quá ngắn (ít nhất 10 ký tự)."), code=ErrorCode.REQUIRED, field="content"
        )
    if (lat is None) != (lng is None):
        raise ValidationFailed(_("Cần cả vĩ độ và kinh độ."), code=ErrorCode.BAD_POINT, field="lat")
    if lat is not None and lng is not None and not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValidationFailed(_("Tọa độ không hợp lệ."), code=ErrorCode.BAD_POINT, field="lat")
    if len(uploads) > files.MAX_FILES:
        raise ValidationFailed(
            _("Tối đa %(n)s tệp đính kèm.") % {"n": files.MAX_FILES},
            code=ErrorCode.TOO_MANY,
            field="attachments",
        )
    day = today()
    if reception_date is not None and reception_date > day:
        raise ValidationFailed(
            _("Ngày tiếp nhận không thể ở tương lai."),
            code=ErrorCode.FUTURE,
            field="reception_date",
        )
    checked = check_sender(kind=kind, channel=channel, anonymous=anonymous, identity=identity)
    routed = route_unit(unit=unit, on=day)

    as_information = kind == Kind.DENUNCIATION and anonymous
    effective_kind = Kind.REPORT if as_information else Kind(kind)
    received_on = reception_date or day
    ciphertext, sender = pii.confidential_sender_store(identity=checked)
    petition = Petition(
        kind=effective_kind,
        submitted_kind=kind,
        as_information=as_information,
        category=category,
        subject=subject,
        content=content,
        unit=routed,
        search_text=fold_for_search(subject, content),
        place_address=place_address,
        lat=lat,
        lng=lng,
        # Complaints and denunciations are never published.
        publish=publish and effective_kind in (Kind.REPORT, Kind.REQUEST) and not as_information,
        channel=channel,
        reception_date=reception_date,
        reception_place=reception_place,
        reception_note=reception_note,
        recorded_by=recorder,
        api_client=api_client,
        is_anonymous=anonymous,
        identity_ciphertext=ciphertext,
        sender_hash=sender,
        sender_account=_own_account(sender_account, channel=channel, anonymous=anonymous),
        received_on=received_on,
        status=Status.RECEIVED,
        settle_rule=lifecycle.settle_rule(effective_kind, second_complaint=False),
    )
    due = accept_deadline(petition, received_on)
    petition.accept_due, petition.accept_rule = due.due, due.rule
    set_due(petition, due)
    for _attempt in range(5):
        petition.code = tracking.new_code()  # shown as K7M-4QX-9TR
        try:
            with transaction.atomic():
                petition.save()
            break
        except IntegrityError:
            if Petition.objects.filter(code=petition.code).exists():
                continue
            raise
    else:  # pragma: no cover - 31^9 codes
        raise ValidationFailed(_("Không tạo được mã tra cứu, xin thử lại."), code=ErrorCode.NO_CODE)
    for upload in uploads:
        rel, digest = files.store(upload)
        written.append(rel)
        Attachment.objects.create(
            petition=petition,
            path=rel,
            file_type=upload.file_type,
            size=len(upload.data),
            sha256=digest,
            name_ciphertext=pii.encrypt_bytes(upload.name.encode()).decode(),
            is_identity=upload.is_identity or "denunciation" in (kind, effective_kind),
        )
    _record_submission(petition, recorder=recorder, routed_from=unit, due=due, ip=ip)
    return petition


def _own_account(user: User | None, *, channel: str, anonymous: bool) -> User | None:
    """The account a petition is linked to at submission: the signed-in sender's on the public
    channels, never an anonymous petition's (its sender chose not to be known)."""
    if anonymous or channel in STAFF_CHANNELS or not isinstance(user, User):
        return None
    return user if user.is_authenticated and user.is_active else None


def _record_submission(
    petition: Petition,
    *,
    recorder: User | None,
    routed_from: Unit,
    due: Deadline,
    ip: str | None,
) -> None:
    """The first step, the audit record and the event of a petition just created: what
    ``core.lifecycle.transition`` writes for a move, written once for the creation."""
    data = lifecycle.step_data(
        on=petition.received_on,
        text=StepText.RECEIVED_AS_INFORMATION if petition.as_information else StepText.RECEIVED,
        params={"rerouted_to": petition.unit.name} if petition.unit_id != routed_from.pk else None,
        due=due,
    )
    edge = lifecycle.PETITION.edge(PetitionAction.SUBMIT)
    lifecycle.write_step(
        Step(lifecycle.PETITION, edge, petition, recorder, "", Status.RECEIVED, "", data)
    )
    audit_change(
        actor=recorder,
        action="petitions.petition.submit",  # the lifecycle's submit edge (checked by the audit-label test)
        obj=petition,
        unit=petition.unit,
        exclude=lifecycle.PETITION.audit_exclude,
        ip=ip,
    )
    publish(
        Event(
            name="petitions.petition.submit",
            object_type=petition._meta.label_lower,
            object_id=str(petition.pk),
            actor_id=recorder.pk if recorder is not None else None,
            unit_id=petition.unit_id,
            before="",
            after=Status.RECEIVED,
            data=data,
        )
    )

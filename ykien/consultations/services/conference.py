"""The critique conference or dialogue: date, place, participants, minutes, conclusions, and
its attachments (PDF, DOCX, PNG, JPEG; private files)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.consultations.codes import AuditAction, ErrorCode
from ykien.consultations.models import Conference, ConferenceAttachment, Draft
from ykien.consultations.services.common import (
    MAX_COMMENT_CHARS,
    MAX_UPLOAD_BYTES,
    S,
    TextRule,
    file_removed_on_error,
    person,
    require_staff,
    set_texts,
)
from ykien.core import files
from ykien.core.audit import audit_change, audit_record, snapshot
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.permissions import Actor
from ykien.core.text import nfc

ATTACHMENT_KINDS = frozenset({"pdf", "docx", "png", "jpeg"})
#: The texts of a conference's record: label, required, longest.
CONFERENCE_TEXTS: dict[str, TextRule] = {
    "place": (gettext_lazy("Địa điểm"), True, 300),
    "participants": (gettext_lazy("Thành phần tham dự"), True, MAX_COMMENT_CHARS),
    "minutes": (gettext_lazy("Biên bản"), False, 200_000),
    "conclusions": (gettext_lazy("Kết luận"), False, MAX_COMMENT_CHARS),
}


@transaction.atomic
def conference_save(
    *, actor: Actor, draft: Draft, data: dict[str, Any], conference: Conference | None = None
) -> Conference:
    """Record (or correct) the critique conference or dialogue: date, place, participants,
    minutes, conclusions."""
    require_staff(actor, draft)
    if draft.status in (S.RECEIVED, S.ANSWERED):
        raise InvalidTransition(_("Chưa thể (hoặc không còn) ghi nhận hội nghị cho dự thảo này."))
    before = snapshot(conference) if conference else None
    conference = conference or Conference(draft=draft, created_by=person(actor))
    if data.get("form") not in ("conference", "dialogue"):
        raise ValidationFailed(_("Hình thức không hợp lệ."), field="form")
    conference.form = data["form"]
    conference.held_at = data["held_at"]
    set_texts(conference, data, CONFERENCE_TEXTS)
    conference.save()
    audit_change(
        actor=actor,
        action=AuditAction.CONFERENCE_SAVE,
        obj=conference,
        unit=draft.unit,
        before=before,
    )
    return conference


@transaction.atomic
def conference_attach(
    *, actor: Actor, conference: Conference, filename: str, data: bytes
) -> ConferenceAttachment:
    """Attach a PDF, DOCX, PNG or JPEG (judged by content) of at most ``MAX_UPLOAD_BYTES``."""
    require_staff(actor, conference.draft)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(
            _("Tệp có dung lượng %(size)s MB, vượt quá giới hạn %(limit)s MB.")
            % {"size": round(len(data) / 1048576, 1), "limit": MAX_UPLOAD_BYTES // 1048576},
            code=ErrorCode.TOO_LARGE,
            field="file",
        )
    try:
        kind = files.sniff(data)
    except files.ArchiveRefused as exc:  # a .docx that unpacks too large
        raise ValidationFailed(exc.message, code=exc.code, field="file") from None
    if kind is None or kind not in ATTACHMENT_KINDS:
        raise ValidationFailed(
            _("Chỉ nhận tệp PDF, DOCX, PNG hoặc JPEG."),
            code=ErrorCode.UNSUPPORTED_TYPE,
            field="file",
        )
    content_type, ext = files.MIME[kind], files.EXTENSION[kind]
    attachment = ConferenceAttachment(
        conference=conference,
        filename=(nfc(filename).strip() or f"tai-lieu.{ext}")[-255:],
        content_type=content_type,
        size=len(data),
        uploaded_by=person(actor),
    )
    attachment.file.save(
        f"{hashlib.sha256(data).hexdigest()[:16]}.{ext}", ContentFile(data), save=False
    )
    with file_removed_on_error(attachment.file):
        attachment.save()
        audit_record(
            actor=actor,
            action=AuditAction.CONFERENCE_ATTACH,
            obj=attachment,
            unit=conference.draft.unit,
            after={"filename": attachment.filename, "size": attachment.size},
        )
    return attachment

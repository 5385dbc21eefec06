"""What a supervision found, and its documents (plan, decision, minutes, report …)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ykien.core.audit import audit_change, audit_record
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.permissions import Actor, person, require
from ykien.oversight.codes import AuditAction, ErrorCode
from ykien.oversight.lifecycle import ACTIVITY_FINDINGS_OPEN
from ykien.oversight.models import Activity, ActivityDocument, Finding
from ykien.oversight.services._common import required_text
from ykien.oversight.uploads import check_upload


@transaction.atomic
def activity_document_add(
    *, actor: Actor, activity: Activity, kind: str, file: UploadedFile
) -> ActivityDocument:
    """Attach a document (plan, decision, minutes, report …); size and content are checked."""
    require(actor, "oversight.manage_activity", activity)
    if kind not in ActivityDocument.Kind.values:
        raise ValidationFailed(_("Loại tài liệu không hợp lệ."), field="kind")
    content_type = check_upload(file)
    doc = ActivityDocument(
        activity=activity,
        kind=kind,
        name=(file.name or "tai-lieu")[:255],
        size=file.size or 0,
        content_type=content_type,
        uploaded_by=person(actor),
    )
    doc.file.save(file.name or "tai-lieu", file, save=False)
    doc.save()
    audit_record(
        actor=actor,
        action=AuditAction.ACTIVITY_DOCUMENT_ADD,
        obj=doc,
        unit=activity.unit,
        after={"activity": activity.pk, "kind": kind, "name": doc.name, "size": doc.size},
    )
    return doc


@transaction.atomic
def finding_add(*, actor: Actor, activity: Activity, text: str) -> Finding:
    """Write down a finding of the supervision (after the session, or during a review)."""
    require(actor, "oversight.manage_activity", activity)
    activity = Activity.objects.get(pk=activity.pk)
    if activity.status not in ACTIVITY_FINDINGS_OPEN:
        raise InvalidTransition(
            _("Chỉ ghi kết quả khi đang giám sát hoặc sau buổi làm việc."),
            code=ErrorCode.FINDINGS_CLOSED,
        )
    finding = Finding.objects.create(
        activity=activity,
        order=activity.findings.count() + 1,
        text=required_text(text, field="text", what=_("Nội dung phát hiện")),
    )
    audit_change(actor=actor, action=AuditAction.FINDING_ADD, obj=finding, unit=activity.unit)
    return finding

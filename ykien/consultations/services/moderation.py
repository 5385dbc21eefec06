"""Moderation of comments: readers report a comment (enough reports hold it for review), an
officer approves or hides it with a reason. Nothing is deleted. Moves go through
``core.lifecycle.transition`` (``lifecycle.COMMENT``)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ykien.consultations.lifecycle import COMMENT
from ykien.consultations.models import Comment, CommentReport, CommentStatus
from ykien.consultations.services.common import (
    REPORT_ADDRESS_WINDOW,
    REPORT_THRESHOLD,
    person,
    typed_text,
)
from ykien.consultations.services.intake import Participant
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.permissions import SYSTEM, Actor

#: ``comment_moderate``'s ``to`` (the status wanted) → the lifecycle's action.
MODERATE_ACTIONS: dict[str, str] = {CommentStatus.VISIBLE: "approve", CommentStatus.HIDDEN: "hide"}


def address_hash(address: str) -> str:
    """A keyed hash of a client address (the address itself is never stored); "" for none."""
    if not address:
        return ""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"report-address:{address}".encode(), hashlib.sha256
    ).hexdigest()


@transaction.atomic
def comment_report(
    *, comment: Comment, participant: Participant, reason: str = "", address: str = ""
) -> Comment:
    """Report a comment; at ``REPORT_THRESHOLD`` reports an unreviewed visible comment is held
    pending review (the platform acts: ``SYSTEM``). A participant reports a comment once (later
    reports are ignored), and the anonymous reports of one client ``address`` within
    ``REPORT_ADDRESS_WINDOW`` of a counted report from it count once (a person cannot hide a
    comment alone by clearing cookies): they are kept, not counted. A signed-in user's report
    always counts (one account, one person)."""
    digest = address_hash(address)
    # One address's reports on this comment are taken one at a time (the row lock), so two
    # sessions reporting at once from one address cannot both be counted.
    Comment.objects.select_for_update().filter(pk=comment.pk).values_list("pk").first()
    counted = participant.user is not None or not (
        digest
        and CommentReport.objects.filter(
            comment=comment,
            address_hash=digest,
            counted=True,
            created_at__gte=timezone.now() - REPORT_ADDRESS_WINDOW,
        ).exists()
    )
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment,
                participant=participant.key,
                reason=typed_text(reason, field="reason", label=_("Lý do báo cáo"))[:300],
                address_hash=digest,
                counted=counted,
            )
    except IntegrityError:
        return comment
    if not counted:
        return comment
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    comment.refresh_from_db()
    if (
        comment.report_count >= REPORT_THRESHOLD
        and comment.status == CommentStatus.VISIBLE
        and not comment.reviewed
    ):
        reports = comment.report_count
        transition(
            COMMENT,
            actor=SYSTEM,
            obj=comment,
            action="hold",
            reason=ngettext(
                "Người đọc báo cáo vi phạm %(n)s lần.",
                "Người đọc báo cáo vi phạm %(n)s lần.",
                reports,
            )
            % {"n": reports},
            data={"reports": reports},
        )
    return comment


@transaction.atomic
def comment_moderate(*, actor: Actor, comment: Comment, to: str, reason: str = "") -> Comment:
    """Approve (``to`` visible, marked reviewed) or hide (``to`` hidden; a reason of at least 5
    characters is required) a comment. Nothing is deleted. Raises ``PermissionDenied``,
    ``InvalidTransition``, ``ValidationFailed``; nothing changes on an error."""
    action = MODERATE_ACTIONS.get(to)
    if action is None:
        raise InvalidTransition(_("Không thể chuyển góp ý sang trạng thái này."))
    reason = typed_text(reason, field="reason", label=_("Lý do"))

    def apply(locked: Comment) -> None:
        if action == "hide" and len(reason) < 5:
            raise ValidationFailed(_("Phải nêu lý do ẩn góp ý (ít nhất 5 ký tự)."), field="reason")
        locked.reviewed = True
        locked.moderation_reason = reason[:500]
        locked.moderated_by = person(actor)
        locked.moderated_at = timezone.now()

    transition(COMMENT, actor=actor, obj=comment, action=action, apply=apply, reason=reason)
    return comment

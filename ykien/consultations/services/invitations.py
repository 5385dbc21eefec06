"""Experts: invite roster experts by a personal link (no account needed); the expert opens it
and sends a signed written opinion once. Moves go through ``core.lifecycle.transition``
(``lifecycle.INVITATION``), the expert acting as the link's holder (``permissions.LinkHolder``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.consultations.codes import AuditAction, ErrorCode
from ykien.consultations.lifecycle import INVITATION
from ykien.consultations.models import (
    Draft,
    ExpertOpinion,
    Invitation,
    InvitationStatus,
    Node,
)
from ykien.consultations.permissions import LinkHolder
from ykien.consultations.services.common import (
    MAX_COMMENT_CHARS,
    S,
    clean_text,
    digest,
    person,
    require_staff,
    typed_text,
)
from ykien.core.audit import audit_record
from ykien.core.errors import InvalidTransition, NotFound, ValidationFailed
from ykien.core.lifecycle import transition
from ykien.core.permissions import Actor
from ykien.core.selectors import today


@dataclass(frozen=True)
class SentInvitation:
    invitation: Invitation
    link: str


def invitation_link(raw: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/y-kien-chuyen-gia/{raw}/"


@transaction.atomic
def invitation_send(
    *,
    actor: Actor,
    draft: Draft,
    expert_ids: Sequence[int],
    due: dt.date,
    message: str = "",
    notify: bool = True,
) -> list[SentInvitation]:
    """Invite roster experts by e-mail with a personal link (no account needed). Experts without
    consent to be contacted or without an e-mail address, and experts already invited, are
    refused. Returns the links (shown once to the officer, e-mailed on commit)."""
    from ykien.experts import selectors as expert_selectors

    require_staff(actor, draft)
    if draft.status not in (S.REVIEW, S.OPEN, S.CLOSED, S.CONSOLIDATING):
        raise InvalidTransition(
            _("Chỉ mời chuyên gia khi dự thảo chưa ban hành văn bản phản biện.")
        )
    if not expert_ids:
        raise ValidationFailed(_("Hãy chọn ít nhất một chuyên gia."), field="experts")
    if due < today():
        raise ValidationFailed(_("Hạn gửi ý kiến đã qua."), field="due")
    experts = expert_selectors.experts_by_ids(ids=expert_ids)
    sent: list[SentInvitation] = []
    for expert_id in expert_ids:
        expert = experts.get(expert_id)
        if expert is None:
            raise NotFound(_("Không tìm thấy chuyên gia."), field="experts")
        if not expert.consent_contact or not expert.email:
            raise ValidationFailed(
                _("%(name)s chưa đồng ý được liên hệ hoặc chưa có thư điện tử.") % {"name": expert},
                field="experts",
            )
        if Invitation.objects.filter(draft=draft, expert_id=expert.pk).exists():
            raise ValidationFailed(
                _("%(name)s đã được mời góp ý dự thảo này.") % {"name": expert}, field="experts"
            )
        raw = secrets.token_urlsafe(24)
        invitation = Invitation.objects.create(
            draft=draft,
            expert_id=expert.pk,
            expert_name=str(expert)[:300],
            email=expert.email,
            digest=digest(raw),
            message=typed_text(message, field="message", label=_("Lời mời")),
            due=due,
            invited_by=person(actor),
        )
        audit_record(
            actor=actor,
            action=AuditAction.INVITATION_SEND,
            obj=invitation,
            unit=draft.unit,
            after={"expert": expert.pk, "due": due.isoformat()},
        )
        link = invitation_link(raw)
        sent.append(SentInvitation(invitation, link))
        if notify:
            transaction.on_commit(_mail_invitation(invitation, link, draft))
    return sent


def _mail_invitation(invitation: Invitation, link: str, draft: Draft) -> Callable[[], None]:
    def send() -> None:
        body = _(
            "Kính gửi %(name)s,\n\n%(unit)s trân trọng mời %(name)s góp ý, phản biện dự thảo "
            "“%(title)s”.\n\n%(message)s\n\nXin gửi ý kiến trước ngày %(due)s tại đường dẫn riêng "
            "(không cần tài khoản):\n%(link)s\n\nTrân trọng."
        ) % {
            "name": invitation.expert_name,
            "unit": draft.unit.name,
            "title": draft.title,
            "message": invitation.message,
            "due": invitation.due.strftime("%d/%m/%Y"),
            "link": link,
        }
        send_mail(
            _("Mời góp ý, phản biện dự thảo: %(title)s") % {"title": draft.title[:150]},
            body,
            None,
            [invitation.email],
            fail_silently=True,
        )

    return send


def invitation_by_link(*, raw: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("draft", "draft__unit").filter(digest=digest(raw)).first()
    )
    if invitation is None:
        raise NotFound(
            _("Đường dẫn mời góp ý không đúng hoặc đã bị thu hồi."), code=ErrorCode.BAD_LINK
        )
    return invitation


@transaction.atomic
def invitation_open(*, raw: str) -> Invitation:
    """The expert opened the link: record it the first time. Raises ``NotFound``."""
    invitation = invitation_by_link(raw=raw)
    if invitation.status == InvitationStatus.SENT:
        try:
            transition(
                INVITATION,
                actor=LinkHolder(invitation.pk),
                obj=invitation,
                action="open",
                apply=lambda locked: setattr(locked, "opened_at", timezone.now()),
            )
        except InvalidTransition:  # opened (or answered) from another tab meanwhile
            invitation.refresh_from_db()
    return invitation


def invitation_closed_early(invitation: Invitation) -> bool:
    """The draft's comment period was ended early after this invitation was sent: the early
    end cuts the invitation short (an expert invited afterwards answers until the due date)."""
    ended = invitation.draft.closed_early_at
    return ended is not None and invitation.sent_at < ended


def invitation_closed_early_message(invitation: Invitation) -> str:
    ended = invitation.draft.closed_early_on
    return _(
        "Việc lấy ý kiến dự thảo đã kết thúc sớm ngày %(day)s; không nhận thêm ý kiến theo "
        "lời mời này."
    ) % {"day": ended.strftime("%d/%m/%Y") if ended else ""}


@transaction.atomic
def opinion_submit(
    *,
    raw: str,
    overall: str,
    per_node: dict[int, str],
    signed_name: str,
    confirmed: bool,
) -> Invitation:
    """The expert's signed written opinion, overall and per clause, sent once before the due
    date. The signature is the typed name, the time and a SHA-256 over the opinion. Raises
    ``InvalidTransition`` when the link is used after the period or a second time."""
    from ykien.experts import services as expert_services

    invitation = invitation_by_link(raw=raw)
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("draft", "draft__unit")
        .get(pk=invitation.pk)
    )
    if invitation.status == InvitationStatus.ANSWERED:
        raise InvalidTransition(
            _("Ý kiến theo lời mời này đã được gửi; mỗi đường dẫn chỉ dùng một lần."),
            code=ErrorCode.ALREADY_ANSWERED,
        )
    if today() > invitation.due or invitation.draft.status in (S.ISSUED, S.ANSWERED):
        raise InvalidTransition(
            _("Đã hết hạn gửi ý kiến theo lời mời này (hạn %(due)s).")
            % {"due": invitation.due.strftime("%d/%m/%Y")},
            code=ErrorCode.LINK_EXPIRED,
        )
    if invitation_closed_early(invitation):
        raise InvalidTransition(
            invitation_closed_early_message(invitation), code=ErrorCode.CLOSED_EARLY
        )
    overall = clean_text(overall, field="overall", label=_("Ý kiến chung"), limit=MAX_COMMENT_CHARS)
    cleaned: dict[int, str] = {}
    for node_id, text in per_node.items():
        value = clean_text(
            text, field=f"node_{node_id}", label=_("Ý kiến"), limit=MAX_COMMENT_CHARS
        )
        if value:
            cleaned[node_id] = value
    if not overall and not cleaned:
        raise ValidationFailed(
            _("Hãy ghi ý kiến chung hoặc ý kiến về ít nhất một điều, khoản."), field="overall"
        )
    signed_name = clean_text(
        signed_name, field="signed_name", label=_("Họ tên người ký"), required=True, limit=300
    )
    if not confirmed:
        raise ValidationFailed(_("Hãy xác nhận đây là ý kiến của mình để ký."), field="confirmed")
    version_id = invitation.draft.current_version_id
    nodes = list(Node.objects.filter(version_id=version_id, pk__in=list(cleaned)))
    if set(cleaned) - {n.pk for n in nodes}:
        raise ValidationFailed(
            _("Có điều, khoản không thuộc phiên bản đang công khai."),
            code=ErrorCode.OLD_VERSION,
            field="overall",
        )
    if any(not n.commentable for n in nodes):  # Node.commentable, as for comments
        raise ValidationFailed(
            _("Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm."),
            code=ErrorCode.NOT_COMMENTABLE,
            field="overall",
        )
    if overall:
        ExpertOpinion.objects.create(invitation=invitation, draft=invitation.draft, text=overall)
    for node_id in sorted(cleaned):
        ExpertOpinion.objects.create(
            invitation=invitation, draft=invitation.draft, node_id=node_id, text=cleaned[node_id]
        )
    now = timezone.now()
    payload = "\n".join(
        [signed_name, now.isoformat(), overall, *(f"{k}:{v}" for k, v in sorted(cleaned.items()))]
    )

    def sign(locked: Invitation) -> None:
        locked.signed_name = signed_name
        locked.signature = hashlib.sha256(payload.encode()).hexdigest()
        locked.answered_at = now
        if locked.opened_at is None:
            locked.opened_at = now

    transition(
        INVITATION,
        actor=LinkHolder(invitation.pk),
        obj=invitation,
        action="answer",
        apply=sign,
        data={"opinions": len(cleaned) + (1 if overall else 0)},
    )
    expert_services.expert_record_participation(expert_id=invitation.expert_id, on=today())
    return invitation

"""Petitions close their loop (``core.follow``): the sender hears of every public step of
their petition — in the site if it is attached to their account, by mail at the address they
gave otherwise — and anyone may follow a report whose sender agreed to publish it. A step's
notice never carries an internal note, and nothing of a denunciation or a complaint reaches
anyone but its sender."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ykien.core import pii
from ykien.core.events import Event
from ykien.core.follow import Followable, Notice, Ref, getter, object_pk
from ykien.core.redact import redact
from ykien.petitions.models import Kind, Petition, Status

PETITION = "petitions.petition"
PUBLIC_KINDS = (Kind.REPORT, Kind.REQUEST)
NOTIFY_REASON = "Gửi thông báo tiến độ giải quyết đơn đến địa chỉ thư người gửi đã cung cấp"


_get = getter(Petition, ("unit",))


def is_public(petition: Petition) -> bool:
    """A report or request whose sender agreed to publish it (never a complaint or a
    denunciation), not merged into another."""
    return (
        petition.publish
        and petition.kind in PUBLIC_KINDS
        and not petition.as_information
        and petition.status != Status.MERGED
    )


def _visible(user: Any, petition: Petition) -> bool:
    if is_public(petition):
        return True
    owner = getattr(petition, "sender_account_id", None)
    return bool(user is not None and owner and owner == user.pk)


def _url(petition: Petition) -> str:
    if is_public(petition):
        try:
            return reverse("petitions:published_detail", kwargs={"pk": petition.pk})
        except NoReverseMatch:
            pass
    return reverse("petitions:lookup")


def _title(petition: Petition) -> str:
    """Its subject; a denunciation's, even to its sender, is not written in a mail or a
    notification: it is named by the day it was received."""
    if petition.kind == Kind.DENUNCIATION:
        return gettext("đơn nhận ngày %(day)s") % {"day": petition.received_on.strftime("%d/%m/%Y")}
    # As the public page shows it: a phone number or an address typed in the subject is masked.
    return redact(petition.subject)


FOLLOWABLES = (
    Followable(
        kind=PETITION,
        label=_("phản ánh, kiến nghị"),
        get=_get,
        title=_title,
        url=_url,
        visible=_visible,
    ),
)


def _subject(event: Event) -> Ref:
    return (PETITION, event.object_id)


def _sender_account(event: Event) -> list[tuple[int, Ref]]:
    owner = (
        Petition.objects.filter(pk=object_pk(event.object_id) or 0)
        .values_list("sender_account_id", flat=True)
        .first()
    )
    return [(owner, _subject(event))] if owner else []


def _sender_address(event: Event) -> list[tuple[str, str, Ref]]:
    """The address the sender gave, when the petition is not attached to an account (which is
    told in the site and by mail already). Read by the system, logged, never shown."""
    petition = _get(event.object_id)
    if (
        petition is None
        or petition.is_anonymous
        or not petition.identity_ciphertext
        or getattr(petition, "sender_account_id", None)
    ):
        return []
    identity = pii.system_sender_read(
        obj=petition,
        ciphertext=petition.identity_ciphertext,
        fields=["email"],
        reason=NOTIFY_REASON,
        unit=petition.unit,
    )
    address = identity.email.strip()
    del identity
    return [(address, "vi", _subject(event))] if "@" in address else []


def _step(action: str, text: Any, direct_text: Any) -> Notice:
    return Notice(
        f"petitions.petition.{action}",
        text,
        subject=_subject,
        direct=_sender_account,
        emails=_sender_address,
        direct_text=direct_text,
    )


NOTICES = (
    _step(
        "accept",
        _("Phản ánh, kiến nghị “%(title)s” đã được thụ lý."),
        _("Đơn của bạn “%(title)s” đã được thụ lý."),
    ),
    _step(
        "refuse",
        _(
            "Phản ánh, kiến nghị “%(title)s” không được thụ lý; lý do được công khai tại trang của đơn."
        ),
        _("Đơn của bạn “%(title)s” không được thụ lý; xem lý do và căn cứ pháp lý của quyết định."),
    ),
    _step(
        "transfer",
        _("Phản ánh, kiến nghị “%(title)s” được chuyển đến cơ quan có thẩm quyền."),
        _("Đơn của bạn “%(title)s” đã được chuyển đến cơ quan có thẩm quyền."),
    ),
    _step(
        "merge",
        _("Phản ánh, kiến nghị “%(title)s” được gộp với đơn trùng nội dung để giải quyết chung."),
        _("Đơn của bạn “%(title)s” được gộp với đơn trùng nội dung để giải quyết chung."),
    ),
    _step(
        "extend",
        _("Thời hạn giải quyết phản ánh, kiến nghị “%(title)s” được gia hạn."),
        _("Thời hạn giải quyết đơn của bạn “%(title)s” được gia hạn."),
    ),
    _step(
        "settle",
        _("Phản ánh, kiến nghị “%(title)s” đã có kết quả giải quyết."),
        _("Đơn của bạn “%(title)s” đã có kết quả giải quyết."),
    ),
    _step(
        "answer",
        _("Đã có trả lời cho phản ánh, kiến nghị “%(title)s”."),
        _("Đã có trả lời cho đơn của bạn “%(title)s”."),
    ),
)

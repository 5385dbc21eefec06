"""A citizen's own petitions on "my page" (``core.mine``): those sent while signed in and those
attached with their tracking code and e-mail (``Petition.sender_account``). Only the sender sees
them here — a denunciation's data is shown to nobody else."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ykien.core import pii
from ykien.core.mine import MyItem, Section
from ykien.core.models import User
from ykien.petitions import forms, services
from ykien.petitions.models import Petition, Status

# Stored as is in the audit log (Vietnamese, the record's language).
EXPORT_REASON = "Xuất dữ liệu cá nhân theo yêu cầu của chính người gửi"


def _mine(user: User) -> list[Petition]:
    if not user.is_authenticated:
        return []
    return list(
        Petition.objects.filter(sender_account=user)
        .select_related("unit", "merged_into")
        .prefetch_related("events")
        .order_by("-received_on", "-id")
    )


def _public_steps(petition: Petition) -> list[Any]:
    # ``events`` is prefetched: filter in Python rather than one query per petition.
    return sorted((e for e in petition.events.all() if e.public), key=lambda e: (e.at, e.pk))


def _url(petition: Petition) -> str:
    return f"{reverse('petitions:lookup')}?{urlencode({'ma': petition.display_code})}"


def _fate(petition: Petition) -> str:
    """The last step the sender sees, and for an open petition the date its step is due."""
    steps = _public_steps(petition)
    text = steps[-1].text if steps else ""
    if petition.status == Status.ANSWERED and petition.answered_on is not None:
        return _("Đã trả lời ngày %(day)s.") % {"day": petition.answered_on.strftime("%d/%m/%Y")}
    if petition.is_open and petition.due_date is not None:
        due = _("Hạn bước hiện tại: %(day)s.") % {"day": petition.due_date.strftime("%d/%m/%Y")}
        return f"{text} {due}".strip()
    return text


def items(user: User) -> list[MyItem]:
    return [
        MyItem(
            section=Section.PETITIONS,
            kind=str(p.get_kind_display()),
            title=p.subject,
            url=_url(p),
            date=p.received_on,
            status=str(p.get_status_display()),
            fate=_fate(p),
            detail=_("Mã tra cứu %(code)s · %(unit)s") % {"code": p.display_code, "unit": p.unit},
        )
        for p in _mine(user)
    ]


@sensitive_variables("identity")
def _export_one(petition: Petition) -> dict[str, Any]:
    # The person's own data, read for them by the platform: logged, never shown to staff.
    identity = pii.own_identity(
        obj=petition,
        ciphertext=petition.identity_ciphertext,
        reason=EXPORT_REASON,
        unit=petition.unit,
    )
    return {
        "tracking_code": petition.display_code,
        "kind": {"code": petition.kind, "label": str(petition.get_kind_display())},
        "subject": petition.subject,
        "content": petition.content,
        "unit": petition.unit.name,
        "place_address": petition.place_address,
        "lat": str(petition.lat) if petition.lat is not None else None,
        "lng": str(petition.lng) if petition.lng is not None else None,
        "publish": petition.publish,
        "anonymous": petition.is_anonymous,
        "channel": {"code": petition.channel, "label": str(petition.get_channel_display())},
        "sender": identity,
        "attachments": petition.attachments.count(),
        "received_on": petition.received_on.isoformat(),
        "status": {"code": petition.status, "label": str(petition.get_status_display())},
        "steps": [
            {"on": step.on.isoformat(), "text": step.text} for step in _public_steps(petition)
        ],
        "answer": petition.answer,
        "rating": petition.rating,
        "rating_comment": petition.rating_comment,
    }


def export(user: User) -> dict[str, Any]:
    return {"petitions": [_export_one(p) for p in _mine(user)]}


def erase(user: User) -> int:
    return services.sender_account_erase(user=user)


def panels(request: HttpRequest) -> dict[str, str]:
    """The form that attaches a petition sent without an account."""
    form = getattr(request, "petitions_attach_form", None) or forms.AttachForm()
    html = render_to_string("petitions/_attach.html", {"attach_form": form}, request=request)
    return {Section.PETITIONS: html}

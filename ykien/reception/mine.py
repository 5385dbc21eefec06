"""A citizen's registrations for reception sessions made while signed in
(``Registration.user``) on "my page", in the download of their data, and their erasure when the
account is deleted (``core.mine``).

Who registered (name, telephone, ID number, address) is stored encrypted for the head's office;
"my page" shows only the session, the subject the person wrote and the session's status. The
download gives the identity back to its owner, read by the platform and logged
(``core.pii.system_sender_read``), as the petitions' download does. Erasure unlinks the account:
the registration stays for the head's office (it may already be in the reception log), with its
encrypted identity, as a petition's file does.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_variables

from ykien.core import pii
from ykien.core.mine import MyItem
from ykien.core.models import User
from ykien.reception import services
from ykien.reception.models import Registration

#: The title of the section of "my page" (its code ``app-reception``).
SECTION = gettext_lazy("Đăng ký tiếp công dân")

# Stored as is in the audit log (Vietnamese, the record's language).
EXPORT_REASON = "Xuất dữ liệu cá nhân theo yêu cầu của chính người đăng ký"


def _mine(user: User) -> list[Registration]:
    if not user.is_authenticated:
        return []
    return list(
        Registration.objects.filter(user=user)
        .select_related("session__head__unit")
        .order_by("-session__day", "-id")
    )


def _title(r: Registration) -> str:
    session = r.session
    return _("Buổi tiếp ngày %(day)s lúc %(time)s — %(name)s, %(title)s") % {
        "day": session.day.strftime("%d/%m/%Y"),
        "time": session.starts_at.strftime("%H:%M"),
        "name": session.head.name,
        "title": session.head.title,
    }


def items(user: User) -> list[MyItem]:
    return [
        MyItem(
            kind=_("Đăng ký tiếp công dân"),
            title=_title(r),
            url=reverse("reception:session_public", args=[r.session_id]),
            date=r.session.day,
            status=str(r.session.get_status_display()),
            detail=r.subject,
            fate=_("Địa điểm: %(place)s") % {"place": r.session.place},
        )
        for r in _mine(user)
    ]


@sensitive_variables("identity")
def _export_one(r: Registration) -> dict[str, Any]:
    # The person's own data, read for them by the platform: logged, never shown to staff.
    identity = pii.own_identity(
        obj=r, ciphertext=r.identity_ciphertext, reason=EXPORT_REASON, unit=r.session.head.unit
    )
    session = r.session
    return {
        "session": {
            "day": session.day.isoformat(),
            "starts_at": session.starts_at.strftime("%H:%M"),
            "place": session.place,
            "head": f"{session.head.name}, {session.head.title}",
            "unit": session.head.unit.name,
            "status": {"code": session.status, "label": str(session.get_status_display())},
        },
        "subject": r.subject,
        "registrant": identity,
        "registered_at": r.created_at.isoformat(),
    }


def export(user: User) -> dict[str, Any]:
    return {"registrations": [_export_one(r) for r in _mine(user)]}


def erase(user: User) -> int:
    return services.registration_account_erase(user=user)

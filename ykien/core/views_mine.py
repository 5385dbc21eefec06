"""A person's own page ("my page") and the download of their data (``core.mine``)."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ykien.core import mine as contract
from ykien.core.audit import audit_record
from ykien.core.clientip import client_ip
from ykien.core.codes import AuditAction
from ykien.core.models import User


def render_mine(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    """ "My page" as it is now; an app's form posted from it and sent back with errors renders it
    again through this (with its bound form on the request, read by its ``panels``)."""
    sections = contract.sections_for(request)
    response = render(
        request,
        "core/mine.html",
        {
            "sections": sections,
            "total": sum(len(s.items) for s in sections if s.code != contract.Section.FOLLOWING),
        },
        status=status,
    )
    # The page lists tracking codes, secrets of their holder: never cached, never sent elsewhere.
    response["Referrer-Policy"] = "same-origin"
    return response


@login_required
@never_cache
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    return render_mine(request)


def _account(user: User) -> dict[str, Any]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "phone": user.phone,
        "kind": {"code": user.kind, "label": str(user.get_kind_display())},
        "position": user.position,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


@login_required
@never_cache
@require_GET
def mine_data(request: HttpRequest) -> HttpResponse:
    """Everything the platform stores about the signed-in person's account and contributions,
    as one JSON file to download; the download is written to the audit log."""
    user = cast(User, request.user)
    data = {
        "generated_at": timezone.now(),
        "account": _account(user),
        "contributions": contract.export_all(user),
    }
    audit_record(actor=user, action=AuditAction.MY_DATA_EXPORT, obj=user, ip=client_ip(request))
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="du-lieu-cua-toi-{day}.json"'
    return response

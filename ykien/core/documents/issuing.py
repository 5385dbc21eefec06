"""What the apps' documents share about who issues them and how they are sent: the name of the
unit's leader who signs, the unit's name written in full, and the HTTP answer of a document."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse

from ykien.core.documents.model import DocumentSpec
from ykien.core.documents.pdf import render_pdf
from ykien.core.documents.word import render_docx
from ykien.core.models import Role, RoleGrant, Unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def signer_name(unit: Unit, on: dt.date) -> str:
    """The name of the unit's leader on ``on`` (the earliest appointed), or "" if none."""
    grant = (
        RoleGrant.objects.valid_on(on)
        .filter(unit=unit, role=Role.LEADER)
        .select_related("user")
        .order_by("valid_from", "pk")
        .first()
    )
    return grant.user.full_name or grant.user.get_username() if grant else ""


def name_in_full(unit: Unit) -> str:
    """The unit's name as a document writes it: "MTTQ" spelled out."""
    return unit.name.replace("Ủy ban MTTQ Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam", 1)


def respond(spec: DocumentSpec, *, fmt: str, filename: str) -> HttpResponse:
    """The document as a DOCX or PDF download; 404 for another format."""
    if fmt == "docx":
        response = HttpResponse(render_docx(spec), content_type=DOCX)
    elif fmt == "pdf":
        response = HttpResponse(render_pdf(spec), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

"""The receipt (giấy biên nhận) given to the sender: an administrative document rendered by
``core.documents``. It carries the tracking code, the kind, the dates and the acceptance deadline
with its legal basis — never the sender's identity."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from ykien.core.documents import (
    Block,
    DocumentSpec,
    Paragraph,
    Table,
    issuer_heading,
    render_pdf,
)
from ykien.core.documents.place import place_of
from ykien.petitions.codes import PetitionAction
from ykien.petitions.models import Petition, PetitionEvent


def _received_step(petition: Petition) -> PetitionEvent | None:
    """The petition's first step (its receipt), which records the unit that received it and the
    acceptance deadline that ran from that day."""
    return (
        petition.events.filter(action=PetitionAction.SUBMIT)
        .select_related("unit", "unit__parent")
        .order_by("at", "id")
        .first()
    )


def receipt_spec(petition: Petition) -> DocumentSpec:
    """The receipt as issued on the day the petition was received: in the name of the unit that
    received it (a transfer later changes the unit handling it, not the receipt), with the
    acceptance deadline and its legal basis as they were then."""
    url = settings.SITE_URL.rstrip("/") + reverse("petitions:lookup")
    step = _received_step(petition)
    unit = step.unit if step is not None and step.unit is not None else petition.unit
    if step is not None:
        accept_due, basis = step.due, step.basis_text if step.basis else ""
    else:  # a petition recorded before its steps were: what the petition itself holds
        accept_due, basis = petition.accept_due, petition.due_basis_text
    rows = [
        [_("Mã tra cứu"), petition.display_code],
        [_("Loại đơn"), petition.get_kind_display()],
        [_("Tiêu đề"), petition.subject],
        [_("Đơn vị tiếp nhận"), unit.name],
        [_("Ngày tiếp nhận"), petition.received_on.strftime("%d/%m/%Y")],
        [_("Kênh tiếp nhận"), petition.get_channel_display()],
    ]
    if accept_due:
        rows.append([_("Hạn xem xét, thụ lý"), accept_due.strftime("%d/%m/%Y")])
    body: list[Block] = [
        Paragraph(
            _("%(unit)s xác nhận đã tiếp nhận đơn của ông/bà với các thông tin sau:")
            % {"unit": unit.name}
        ),
        Table(header=[_("Nội dung"), _("Thông tin")], rows=rows, widths=[5.0, 11.0]),
    ]
    if basis:
        body.append(Paragraph(_("Căn cứ thời hạn: %(b)s") % {"b": basis}, italic=True))
    if petition.as_information:
        body.append(
            Paragraph(
                _(
                    "Tố cáo không rõ họ tên, địa chỉ người tố cáo được tiếp nhận như thông tin, "
                    "không xử lý theo thủ tục giải quyết tố cáo (Luật Tố cáo 2018, Điều 25)."
                )
            )
        )
    body.append(
        Paragraph(
            _("Ông/bà theo dõi kết quả tại %(url)s bằng mã tra cứu %(code)s. Xin giữ kín mã này.")
            % {"url": url, "code": petition.display_code}
        )
    )
    superior, issuer = issuer_heading(unit)
    return DocumentSpec(
        superior=superior,
        issuer=issuer,
        number_symbol=f"{petition.pk}/GBN",
        place=place_of(unit),
        date=petition.received_on,
        kind=_("Giấy biên nhận"),
        title=_("Tiếp nhận đơn %(kind)s") % {"kind": petition.get_kind_display().lower()},
        body=body,
        recipients=[_("Người gửi đơn"), _("Lưu: hồ sơ đơn thư")],
        signer_authority="",
        signer_title=_("BỘ PHẬN TIẾP NHẬN"),
        signer_name=_("(Biên nhận điện tử, không cần chữ ký)"),
    )


def receipt_pdf(petition: Petition) -> bytes:
    return render_pdf(receipt_spec(petition))

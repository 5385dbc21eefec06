"""The receipt (giấy biên nhận) given to the sender: an administrative document rendered by
``core.documents``. It carries the tracking code, the kind, the dates and the acceptance deadline
with its legal basis — never the sender's identity."""

from __future__ import annotations

import re

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
from ykien.petitions.models import Petition

_PLACE_RE = re.compile(
    r"\b(?:tỉnh|thành phố|xã|phường|thị trấn|huyện|thị xã)\s+(.+)$", re.IGNORECASE
)


def _place(unit_name: str) -> str:
    match = _PLACE_RE.search(unit_name)
    return match.group(1) if match else unit_name


def receipt_spec(petition: Petition) -> DocumentSpec:
    url = settings.SITE_URL.rstrip("/") + reverse("petitions:lookup")
    rows = [
        [_("Mã tra cứu"), petition.display_code],
        [_("Loại đơn"), petition.get_kind_display()],
        [_("Tiêu đề"), petition.subject],
        [_("Đơn vị tiếp nhận"), petition.unit.name],
        [_("Ngày tiếp nhận"), petition.received_on.strftime("%d/%m/%Y")],
        [_("Kênh tiếp nhận"), petition.get_channel_display()],
    ]
    if petition.accept_due:
        rows.append([_("Hạn xem xét, thụ lý"), petition.accept_due.strftime("%d/%m/%Y")])
    body: list[Block] = [
        Paragraph(
            _("%(unit)s xác nhận đã tiếp nhận đơn của ông/bà với các thông tin sau:")
            % {"unit": petition.unit.name}
        ),
        Table(header=[_("Nội dung"), _("Thông tin")], rows=rows, widths=[5.0, 11.0]),
    ]
    if petition.due_basis:
        body.append(
            Paragraph(_("Căn cứ thời hạn: %(b)s") % {"b": petition.due_basis_text}, italic=True)
        )
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
    superior, issuer = issuer_heading(petition.unit)
    return DocumentSpec(
        superior=superior,
        issuer=issuer,
        number_symbol=f"{petition.pk}/GBN",
        place=_place(petition.unit.name),
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

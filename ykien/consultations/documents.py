"""The critique document as a Decree 30/2020 ``DocumentSpec`` (rendered by ``core.documents``)."""

from __future__ import annotations

from django.utils import translation

from ykien.consultations.models import Comment, CommentStatus, CritiqueDocument
from ykien.consultations.selectors import PointSupport, points_support
from ykien.core.calendar import deadline
from ykien.core.documents import (
    DocumentSpec,
    Heading,
    Paragraph,
    render_docx,
    render_pdf,
)
from ykien.core.numbers import format_int
from ykien.core.selectors import today
from ykien.core.text import title_in_sentence

KIND = "Văn bản phản biện xã hội"


def point_support(support: PointSupport) -> str:
    """The point's footing in a compact sentence, in the active language's labels, e.g.
    "Liên quan: Điều 5, khoản 2. 124 góp ý dẫn chứng — theo quan điểm: 98 không đồng ý, 26 đề xuất
    cách viết khác; theo người góp ý: 100 người dân (ẩn danh), 24 công dân có tài khoản. 2 ý kiến
    chuyên gia. Từ kết luận hội nghị phản biện." (the document is always written in Vietnamese:
    ``document_spec`` calls this under ``translation.override("vi")``)."""
    parts: list[str] = []
    if support.nodes:
        parts.append("Liên quan: " + "; ".join(support.nodes) + ".")
    if support.total:
        stances = ", ".join(
            f"{format_int(n)} {label.lower()}" for _v, label, n in support.by_stance
        )
        kinds = ", ".join(f"{format_int(n)} {label.lower()}" for _v, label, n in support.by_kind)
        parts.append(
            f"{format_int(support.total)} góp ý dẫn chứng — theo quan điểm: {stances}; "
            f"theo người góp ý: {kinds}."
        )
    if support.opinions:
        parts.append(f"{format_int(support.opinions)} ý kiến chuyên gia.")
    if support.from_conference:
        parts.append("Từ kết luận hội nghị phản biện.")
    return " ".join(parts)


def document_spec(document: CritiqueDocument) -> DocumentSpec:
    """The document in Vietnamese whatever the language of the page that asked for it."""
    with translation.override("vi"):
        return _document_spec(document)


def _document_spec(document: CritiqueDocument) -> DocumentSpec:
    draft = document.draft
    day = document.issue_date or today()
    due = document.answer_due or deadline("answer.default", day, length=document.answer_days).due
    visible = Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE).count()
    body: list = [Paragraph(document.intro)]
    if visible:
        body.append(
            Paragraph(
                f"Trong thời gian lấy ý kiến, Nhân dân đã gửi {format_int(visible)} góp ý trên "
                "nền tảng Ý Kiến; các ý kiến được tổng hợp theo từng vấn đề dưới đây."
            )
        )
    body.append(Heading(1, "Ý kiến phản biện, kiến nghị"))
    points = list(draft.points.all().order_by("position", "id"))
    supports = points_support(points=points)
    for point in points:
        body.append(Heading(2, point.title))
        body.append(Paragraph(point.text))
        support = point_support(supports[point.pk])
        if support:
            body.append(Paragraph(support, italic=True))
    if document.conclusion:
        body.append(Heading(1, "Kết luận"))
        body.append(Paragraph(document.conclusion))
    body.append(
        Paragraph(
            f"Đề nghị {draft.drafting_unit.name} nghiên cứu, tiếp thu, giải trình từng nội dung "
            f"nêu trên và trả lời bằng văn bản trước ngày {due:%d/%m/%Y}."
        )
    )
    unit = draft.unit
    return DocumentSpec(
        superior=unit.name.upper(),
        issuer="BAN THƯỜNG TRỰC",
        number_symbol=document.number_symbol,
        place=document.place,
        date=day,
        kind=KIND,
        title=f"đối với {title_in_sentence(draft.title)}",
        body=body,
        recipients=[line for line in document.recipients.splitlines() if line.strip()],
        signer_authority=document.signer_authority,
        signer_title=document.signer_title,
        signer_name=document.signer_name,
    )


def document_docx(document: CritiqueDocument) -> bytes:
    return render_docx(document_spec(document))


def document_pdf(document: CritiqueDocument) -> bytes:
    return render_pdf(document_spec(document))

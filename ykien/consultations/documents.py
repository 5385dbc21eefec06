"""The critique document as a Decree 30/2020 ``DocumentSpec`` (rendered by ``core.documents``)."""

from __future__ import annotations

from django.db.models import Count

from ykien.consultations.models import (
    Comment,
    CommentStatus,
    CritiqueDocument,
    CritiquePoint,
    Stance,
)
from ykien.core.calendar import deadline
from ykien.core.documents import (
    DocumentSpec,
    Heading,
    Paragraph,
    render_docx,
    render_pdf,
)
from ykien.core.selectors import today

KIND = "Văn bản phản biện xã hội"


def point_support(point: CritiquePoint) -> str:
    """ "Điều 5, khoản 2 · 124 góp ý (98 không đồng ý, 26 đề xuất cách viết khác) · 2 ý kiến
    chuyên gia" — the point's footing in one line."""
    parts: list[str] = []
    labels = [n.label for n in point.nodes.all().order_by("position")]
    if labels:
        parts.append("Liên quan: " + "; ".join(labels))
    stances = dict(
        point.comments.values_list("stance").annotate(n=Count("id")).values_list("stance", "n")
    )
    total = sum(stances.values())
    if total:
        detail = ", ".join(
            f"{stances[s.value]} {str(s.label).lower()}" for s in Stance if stances.get(s.value)
        )
        parts.append(f"{total} góp ý của Nhân dân ({detail})")
    opinions = point.opinions.count()
    if opinions:
        parts.append(f"{opinions} ý kiến chuyên gia")
    if point.from_conference:
        parts.append("kết luận hội nghị phản biện")
    return "; ".join(parts)


def document_spec(document: CritiqueDocument) -> DocumentSpec:
    draft = document.draft
    day = document.issue_date or today()
    due = document.answer_due or deadline("answer.default", day, length=document.answer_days).due
    visible = Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE).count()
    body: list = [Paragraph(document.intro)]
    if visible:
        body.append(
            Paragraph(
                f"Trong thời gian lấy ý kiến, Nhân dân đã gửi {visible:,} góp ý trên nền tảng "
                "Ý Kiến; các ý kiến được tổng hợp theo từng vấn đề dưới đây.".replace(",", ".")
            )
        )
    body.append(Heading(1, "Ý kiến phản biện, kiến nghị"))
    for point in draft.points.all().order_by("position", "id"):
        body.append(Heading(2, point.title))
        body.append(Paragraph(point.text))
        support = point_support(point)
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
        title=f"đối với {draft.title[:1].lower()}{draft.title[1:]}",
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

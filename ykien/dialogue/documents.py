"""The minutes of a dialogue and the questions grouped for the head, as Decree 30/2020 documents
(``core.documents``: DOCX and PDF). The documents are written in Vietnamese, the language of the
record, whatever the reader's language (as the other apps' documents)."""

from __future__ import annotations

from ykien.core.documents import (
    Bullets,
    DocumentSpec,
    Heading,
    Paragraph,
    Table,
    format_document_date,
)
from ykien.core.documents.issuing import name_in_full, signer_name
from ykien.core.documents.place import place_of
from ykien.dialogue.models import Dialogue, QuestionSource, QuestionStatus
from ykien.dialogue.selectors import Grouping


def minutes_spec(*, dialogue: Dialogue) -> DocumentSpec:
    """The minutes (biên bản) of the dialogue: when, where, who; the session; every question
    (sent ahead or raised on the spot) with the head's answer; the commitments with the unit
    that carries each out and its due date."""
    day = dialogue.minutes_issued_on or dialogue.held_on
    body: list = [
        Paragraph(
            # format_document_date already reads "ngày 05 tháng 4 năm 2024".
            f"Thời gian: {format_document_date(dialogue.held_on)}. Địa điểm: {dialogue.place}."
        ),
        Paragraph(
            f"Người đứng đầu đối thoại: {dialogue.head_name}, {dialogue.head_title} "
            f"({dialogue.head_unit.name}). Đơn vị tổ chức: {dialogue.unit.name}."
        ),
    ]
    if dialogue.invited_groups:
        body.append(Paragraph(f"Thành phần mời: {dialogue.invited_groups}"))
    body.append(Heading(1, "Diễn biến buổi đối thoại"))
    body.append(Paragraph(dialogue.minutes_summary or dialogue.description or dialogue.topic))
    body.append(Heading(1, "Câu hỏi và nội dung trả lời"))
    questions = list(dialogue.questions.exclude(status=QuestionStatus.HIDDEN))
    if questions:
        body.append(
            Table(
                ["TT", "Câu hỏi", "Nguồn", "Trả lời"],
                [
                    [
                        str(i),
                        q.text,
                        "Tại buổi đối thoại" if q.source == QuestionSource.SESSION else "Gửi trước",
                        q.answer or "Chưa trả lời tại buổi đối thoại",
                    ]
                    for i, q in enumerate(questions, start=1)
                ],
                widths=[1.0, 6.5, 2.5, 6.0],
            )
        )
    else:
        body.append(Paragraph("Không có câu hỏi."))
    body.append(Heading(1, "Cam kết của người đứng đầu"))
    commitments = list(dialogue.commitments.select_related("addressee"))
    if commitments:
        body.append(
            Table(
                ["Số", "Nội dung cam kết", "Cơ quan thực hiện", "Hạn"],
                [
                    [c.code, c.text, c.addressee.name, c.due_on.strftime("%d/%m/%Y")]
                    for c in commitments
                ],
                widths=[2.0, 7.5, 4.0, 2.5],
            )
        )
        body.append(
            Paragraph(
                "Việc thực hiện từng cam kết được công khai trên Bảng công khai trách nhiệm "
                "giải trình; cam kết quá hạn được chuyển Ủy ban MTTQ cấp trên đôn đốc.",
                italic=True,
            )
        )
    else:
        body.append(Paragraph("Không có cam kết."))
    body.append(
        Paragraph(
            "Biên bản được lập theo thể thức của Nghị định số 30/2020/NĐ-CP về công tác văn thư.",
            italic=True,
        )
    )
    return DocumentSpec(
        superior=name_in_full(dialogue.unit),
        issuer="Ban Thường trực",
        number_symbol=dialogue.minutes_number or "      /BB-MTTQ-BTT",
        place=place_of(dialogue.unit),
        date=day,
        kind="Biên bản",
        title=f"Hội nghị đối thoại trực tiếp: {dialogue.topic}",
        body=body,
        recipients=[dialogue.head_unit.name, "Thường trực cấp ủy (để báo cáo)", "Lưu: VT, BTT"],
        signer_authority="TM. BAN THƯỜNG TRỰC",
        signer_title="CHỦ TỊCH",
        signer_name=signer_name(dialogue.unit, day),
    )


def grouped_spec(*, dialogue: Dialogue, grouping: Grouping) -> DocumentSpec:
    """The questions sent ahead, grouped for the head (a working document: "Tổng hợp")."""
    body: list = [
        Paragraph(
            f"Tổng số câu hỏi: {grouping.total}; câu hỏi cần xem lại (quá dài hoặc không viết "
            f"bằng tiếng Việt): {grouping.flagged}."
        )
    ]
    for name, groups in grouping.topics:
        body.append(Heading(1, f"Chủ đề: {name}" if name else "Các câu hỏi"))
        body.append(
            Table(
                ["Câu hỏi", "Số câu tương tự"],
                [[g.title, str(g.count)] for g in groups],
                widths=[13.0, 3.0],
            )
        )
    if not grouping.topics:
        body.append(Bullets(["Chưa có câu hỏi."]))
    return DocumentSpec(
        superior=name_in_full(dialogue.unit),
        issuer="Ban Thường trực",
        number_symbol="      /TH-MTTQ-BTT",
        place=place_of(dialogue.unit),
        date=dialogue.held_on,
        kind="Tổng hợp",
        title=f"Câu hỏi của Nhân dân gửi trước hội nghị đối thoại: {dialogue.topic}",
        body=body,
        recipients=[f"{dialogue.head_name}, {dialogue.head_title}", "Lưu: VT, BTT"],
        signer_authority="TM. BAN THƯỜNG TRỰC",
        signer_title="CHỦ TỊCH",
        signer_name=signer_name(dialogue.unit, dialogue.held_on),
    )

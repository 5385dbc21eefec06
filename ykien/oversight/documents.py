"""The supervision report of an activity and the period report, as Decree 30/2020 documents
(``core.documents``: DOCX and PDF)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from ykien.core.calendar import quarter_or_year
from ykien.core.documents import (
    Bullets,
    Cell,
    DocumentSpec,
    Heading,
    Paragraph,
    Table,
    format_document_date,
)
from ykien.core.documents.issuing import name_in_full, signer_name
from ykien.core.documents.place import place_of
from ykien.core.models import Unit
from ykien.core.numbers import format_int, format_percent
from ykien.core.selectors import unit_scope_ids
from ykien.oversight import selectors
from ykien.oversight.models import Activity, ActivityForm, RecommendationStatus


def activity_report_spec(*, activity: Activity) -> DocumentSpec:
    """The report of one supervision (báo cáo kết quả giám sát)."""
    day = activity.report_date or activity.planned_on
    timeline = selectors.activity_timeline(activity=activity)
    body: list = [
        Heading(1, "Khái quát cuộc giám sát"),
        Paragraph(f"Nội dung giám sát: {activity.content}"),
        Paragraph(
            f"Hình thức: {activity.get_form_display()}. Đối tượng giám sát: {activity.subject.name}."
        ),
    ]
    if activity.form == ActivityForm.TEAM and activity.decision_number:
        body.append(
            Paragraph(
                f"Đoàn giám sát được thành lập theo Quyết định số {activity.decision_number} ngày "
                f"{format_document_date(activity.decision_date) if activity.decision_date else ''}; "
                f"thành phần: {activity.team_members}"
            )
        )
    if activity.board_id and activity.board:
        body.append(Paragraph(f"Giám sát thông qua {activity.board.name}."))
    if activity.led_by:
        body.append(Paragraph(f"Tham gia giám sát do {activity.led_by} chủ trì."))
    rows = [
        [
            step.label,
            step.due.strftime("%d/%m/%Y") if step.due else "",
            step.done_on.strftime("%d/%m/%Y") if step.done_on else "",
        ]
        for step in timeline
        if step.key != "close"
    ]
    body.append(Table(["Bước", "Thời hạn", "Ngày thực hiện"], rows, widths=[9.0, 3.5, 3.5]))
    body.append(Heading(1, "Kết quả giám sát"))
    if activity.minutes:
        body.append(Heading(2, "Buổi làm việc"))
        body.append(Paragraph(activity.minutes))
    if activity.field_visits:
        body.append(Paragraph(f"Khảo sát thực tế: {activity.field_visits}"))
    if activity.report_summary:
        body.append(Paragraph(activity.report_summary))
    findings = list(activity.findings.all())
    if findings:
        body.append(Heading(2, "Những phát hiện qua giám sát"))
        body.append(Bullets([f.text for f in findings]))
    recs = list(
        activity.recommendations.exclude(status=RecommendationStatus.DRAFT).select_related(
            "addressee", "addressee_position"
        )
    )
    body.append(Heading(1, "Kiến nghị"))
    if recs:
        body.append(
            Table(
                ["Số", "Cơ quan nhận", "Nội dung kiến nghị", "Hạn trả lời"],
                [
                    [
                        r.code,
                        r.addressee.name
                        + (f" ({r.addressee_position.title})" if r.addressee_position else ""),
                        r.text,
                        r.answer_due.strftime("%d/%m/%Y") if r.answer_due else "",
                    ]
                    for r in recs
                ],
                widths=[2.0, 4.0, 7.5, 2.5],
            )
        )
        body.append(
            Paragraph(
                "Hạn trả lời do đơn vị kiến nghị ấn định; Luật MTTQ Việt Nam 2015 và NQLT 403/2017 "
                "không quy định số ngày.",
                italic=True,
            )
        )
    else:
        body.append(Paragraph("Cuộc giám sát không có kiến nghị."))
    return DocumentSpec(
        superior=name_in_full(activity.unit),
        issuer="Ban Thường trực",
        number_symbol=activity.report_number or "      /BC-MTTQ-BTT",
        place=place_of(activity.unit),
        date=day,
        kind="Báo cáo",
        title=f"Kết quả giám sát: {activity.title}",
        body=body,
        recipients=[activity.subject.name, "Thường trực cấp ủy (để báo cáo)", "Lưu: VT, BTT"],
        signer_authority="TM. BAN THƯỜNG TRỰC",
        signer_title="CHỦ TỊCH",
        signer_name=signer_name(activity.unit, day),
    )


def _period(year: int, quarter: int | None) -> tuple[dt.date, dt.date, str]:
    span = quarter_or_year(year, quarter)
    with translation.override("vi"):  # the document is written in Vietnamese
        return span.start, span.end, span.long_title


def period_report_spec(
    *, unit: Unit, year: int, quarter: int | None, today: dt.date
) -> DocumentSpec:
    """The period report of a front committee: activities by form, recommendations and their
    answers (figures as of ``today``), per addressee."""
    start, end, label = _period(year, quarter)
    ids = unit_scope_ids(unit=unit)
    figures = selectors.period_figures(unit_ids=ids, start=start, end=end, today=today)
    forms = dict(ActivityForm.choices)
    form_rows: list[list[Cell]] = [[str(forms[k]), figures.by_form.get(k, 0)] for k in forms]
    form_rows.append(["Tổng cộng", figures.activities])
    body: list = [
        Heading(1, "Kết quả thực hiện chương trình giám sát"),
        Paragraph(
            f"Trong {label}, Ủy ban MTTQ các cấp trong phạm vi {unit.name} đã tổ chức "
            f"{format_int(figures.activities)} cuộc giám sát, ban hành "
            f"{format_int(figures.recommendations)} kiến nghị."
        ),
        Table(
            ["Hình thức giám sát", "Số cuộc"],
            form_rows,
            widths=[12.5, 3.5],
        ),
        Heading(1, "Kiến nghị sau giám sát và việc trả lời"),
    ]
    on_time = (
        format_percent(figures.answered_on_time / figures.recommendations)
        if figures.recommendations
        else "—"
    )
    body.append(
        Bullets(
            [
                f"Kiến nghị đã gửi: {format_int(figures.recommendations)}",
                f"Đã được trả lời: {format_int(figures.answered)}; trả lời đúng hạn: "
                f"{format_int(figures.answered_on_time)} ({on_time})",
                f"Đã tiếp thu, thực hiện xong: {format_int(figures.done)}",
                f"Quá hạn tính đến ngày {today.strftime('%d/%m/%Y')}: {format_int(figures.overdue)}",
            ]
        )
    )
    acc = selectors.accountability(today=today, start=start, end=end, issuer=unit)
    if acc.rows:
        body.append(
            Table(
                ["Cơ quan nhận kiến nghị", "Nhận", "Trả lời đúng hạn", "Đã thực hiện", "Quá hạn"],
                [
                    [r.unit.name, r.received, r.answered_on_time, r.done, r.overdue]
                    for r in acc.rows
                ],
                widths=[7.0, 2.0, 2.5, 2.5, 2.0],
            )
        )
    acts = list(selectors.period_activities(unit_ids=ids, start=start, end=end))
    if acts:
        body.append(Heading(1, "Danh sách cuộc giám sát"))
        body.append(
            Table(
                ["Cuộc giám sát", "Hình thức", "Đối tượng", "Trạng thái"],
                [
                    [a.title, a.get_form_display(), a.subject.name, a.get_status_display()]
                    for a in acts
                ],
                widths=[6.0, 3.5, 4.0, 2.5],
            )
        )
    return DocumentSpec(
        superior=name_in_full(unit),
        issuer="Ban Thường trực",
        number_symbol="      /BC-MTTQ-BTT",
        place=place_of(unit),
        date=today,
        kind="Báo cáo",
        title=f"Kết quả công tác giám sát {label}",
        body=body,
        recipients=[
            "Ủy ban MTTQ Việt Nam cấp trên (để báo cáo)",
            "Thường trực cấp ủy",
            "Lưu: VT, BTT",
        ],
        signer_authority="TM. BAN THƯỜNG TRỰC",
        signer_title="CHỦ TỊCH",
        signer_name=signer_name(unit, today),
    )

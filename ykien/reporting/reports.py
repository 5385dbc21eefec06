"""The briefing report: a ``Briefing`` written as a Decree 30/2020 document (DOCX, PDF through
``core.documents``) and as an XLSX workbook, with charts drawn by ``core.charts``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ykien.core import charts
from ykien.core.documents import (
    Block,
    Bullets,
    Cell,
    DocumentSpec,
    Heading,
    Image,
    Paragraph,
    Sheet,
    Table,
    render_docx,
    render_pdf,
    render_xlsx,
)
from ykien.core.documents.place import place_of
from ykien.core.models import Unit, UnitKind
from ykien.reporting.figures import format_change, format_figure, format_ratio
from ykien.reporting.models import Indicator, Measure
from ykien.reporting.selectors import Briefing, Row

FORMATS = ("docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_UNIT_CHARTS = 6
MAX_TREND_CHARTS = 4
CHART_WIDTH_CM = 16.0
NUMBER_BLANK = "\u00a0" * 8  # the clerk writes the number when the report is issued


# --------------------------------------------------------------------------- charts


def child_chart(report: Briefing, indicator: Indicator) -> charts.Chart:
    children = sorted(
        report.children,
        key=lambda c: -(c.values.get(indicator.pk) or Decimal(0)),
    )
    title = _("%(name)s theo đơn vị, %(period)s") % {
        "name": indicator.name_text,
        "period": report.span.title,
    }
    return charts.horizontal_bars(
        title=title,
        labels=[short_name(c.unit) for c in children],
        values=[c.values.get(indicator.pk) for c in children],
        texts=[format_figure(indicator, c.values.get(indicator.pk)) for c in children],
    )


def trend_chart(report: Briefing, indicator: Indicator) -> charts.Chart:
    values = report.trend_values[indicator.pk]
    return charts.columns(
        title=_("%(name)s qua các kỳ") % {"name": indicator.name_text},
        labels=[span.title for span in report.trend],
        values=values,
        texts=[format_figure(indicator, v) for v in values],
    )


_PREFIXES = ("Ủy ban MTTQ Việt Nam ", "Ủy ban Mặt trận Tổ quốc Việt Nam ")


def short_name(unit: Unit) -> str:
    """``huyện Cầu Ngang`` for ``Ủy ban MTTQ Việt Nam huyện Cầu Ngang`` (labels of charts)."""
    if unit.short_name:
        return unit.short_name
    for prefix in _PREFIXES:
        if unit.name.startswith(prefix):
            rest = unit.name[len(prefix) :]
            return rest[:1].upper() + rest[1:]
    return unit.name


def chart_indicators(report: Briefing) -> list[Indicator]:
    """Indicators worth a chart per unit: those with a figure in at least two child units."""
    chosen = []
    for row in report.rows:
        present = [c for c in report.children if c.values.get(row.indicator.pk)]
        if len(present) >= 2:
            chosen.append(row.indicator)
    return chosen


def trend_indicators(report: Briefing) -> list[Indicator]:
    return [
        row.indicator
        for row in report.rows
        if sum(1 for v in report.trend_values[row.indicator.pk] if v) >= 2
    ]


# ----------------------------------------------------------------------------- text


def narrative(rows: list[Row]) -> tuple[str, list[str]]:
    """The group's sentence (indicators with a ``sentence``) and bullets for the others."""
    phrases, bullets = [], []
    for row in rows:
        if row.value is None:
            continue
        if row.indicator.sentence:
            phrases.append(
                row.indicator.sentence.format(
                    value=format_figure(row.indicator, row.value, with_label=False)
                )
            )
        else:
            bullets.append(
                f"{row.indicator.name_text}: "
                + format_figure(row.indicator, row.value, with_label=True)
            )
    text = ""
    if phrases:
        text = "; ".join(phrases)
        text = text[:1].upper() + text[1:] + "."
    return text, bullets


def document_spec(
    report: Briefing,
    *,
    date: dt.date,
    signer_name: str = "",
    number: str = "",
) -> DocumentSpec:
    """The briefing report of ``report`` as an administrative document (Decree 30/2020)."""
    unit, span = report.unit, report.span
    front = unit.kind == UnitKind.FRONT
    body: list[Block] = [
        Paragraph(
            _(
                "Thực hiện chương trình công tác, %(issuer)s báo cáo kết quả thực hiện các chỉ "
                "tiêu %(period)s phục vụ hội nghị giao ban như sau:"
            )
            % {
                "issuer": _("Ban Thường trực %(unit)s") % {"unit": unit.name}
                if front
                else unit.name,
                "period": span.long_title,
            }
        )
    ]
    body += [Paragraph(note, italic=True) for note in report.notes]
    body.append(Heading(1, _("Kết quả thực hiện các chỉ tiêu")))
    for group, rows in report.groups:
        text, bullets = narrative(rows)
        if not text and not bullets:
            continue
        body.append(Heading(2, group))
        if text:
            body.append(Paragraph(text))
        if bullets:
            body.append(Bullets(bullets))
    # An indicator without a figure is left out of the text and the tables, and named once
    # after them: a real 0 is a figure ("0 đơn"), no data is not.
    reported = [row for row in report.rows if row.value is not None]
    missing = [row.indicator.name_text for row in report.rows if row.value is None]

    body.append(Heading(1, _("Bảng tổng hợp số liệu")))
    body.append(Heading(2, _("So với kỳ trước (%(p)s)") % {"p": report.previous.title}))
    body.append(
        Table(
            [
                _("TT"),
                _("Chỉ tiêu"),
                _("Đơn vị tính"),
                span.title,
                report.previous.title,
                _("Tăng, giảm"),
            ],
            [
                [
                    index,
                    row.indicator.name_text,
                    row.indicator.label,
                    format_figure(row.indicator, row.value),
                    format_figure(row.indicator, row.previous),
                    _change_text(row.indicator, row.change, row.change_ratio),
                ]
                for index, row in enumerate(reported, start=1)
            ],
            widths=[1.0, 6.0, 2.3, 2.4, 2.4, 2.4],
            align=["center", "left", "left", "right", "right", "right"],
        )
    )
    body.append(
        Heading(
            2,
            _("So với cùng kỳ năm trước (%(p)s) và chỉ tiêu giao") % {"p": report.last_year.title},
        )
    )
    body.append(
        Table(
            [
                _("TT"),
                _("Chỉ tiêu"),
                report.last_year.title,
                _("Tăng, giảm"),
                _("Chỉ tiêu giao"),
                _("Tỷ lệ đạt"),
            ],
            [
                [
                    index,
                    row.indicator.name_text,
                    format_figure(row.indicator, row.last_year),
                    _change_text(row.indicator, row.year_change, row.year_change_ratio),
                    format_figure(row.indicator, row.target),
                    format_ratio(row.target_share),
                ]
                for index, row in enumerate(reported, start=1)
            ],
            widths=[1.0, 6.0, 2.4, 2.6, 2.4, 2.1],
            align=["center", "left", "right", "right", "right", "right"],
        )
    )
    if missing:
        body.append(
            Paragraph(_("Chưa có số liệu: %(names)s.") % {"names": "; ".join(missing)}, italic=True)
        )

    unit_charts = chart_indicators(report)
    if report.children:
        body.append(Heading(1, _("Số liệu theo đơn vị")))
        if report.children_are_predecessors:
            body.append(
                Paragraph(
                    _("Kỳ này trước khi hợp nhất: số liệu theo các đơn vị đã hợp nhất."),
                    italic=True,
                )
            )
        for number_, indicator in enumerate(unit_charts[:MAX_UNIT_CHARTS], start=1):
            chart = child_chart(report, indicator)
            body.append(
                Image(
                    chart.png(),
                    CHART_WIDTH_CM,
                    _("Biểu đồ %(n)s. %(title)s") % {"n": number_, "title": chart.title},
                )
            )
        body += _children_tables(report)

    trends = trend_indicators(report)[:MAX_TREND_CHARTS]
    if trends:
        body.append(Heading(1, _("Diễn biến qua các kỳ")))
        offset = min(len(unit_charts), MAX_UNIT_CHARTS)
        for index, indicator in enumerate(trends, start=offset + 1):
            chart = trend_chart(report, indicator)
            body.append(
                Image(
                    chart.png(),
                    CHART_WIDTH_CM,
                    _("Biểu đồ %(n)s. %(title)s") % {"n": index, "title": chart.title},
                )
            )

    if report.status:
        body.append(Heading(1, _("Tình hình gửi số liệu")))
        body += status_paragraphs(report)
    if report.missing_computed:
        body.append(
            Paragraph(
                _("Chưa tính được (ứng dụng cung cấp chưa cài đặt): %(names)s.")
                % {"names": "; ".join(i.name_text for i in report.missing_computed)},
                italic=True,
            )
        )
    recipients = []
    if unit.parent is not None:
        recipients.append(
            _("Ban Thường trực %(unit)s") % {"unit": unit.parent.name}
            if unit.parent.kind == UnitKind.FRONT
            else unit.parent.name
        )
    recipients += [_("Các đơn vị dự hội nghị giao ban"), _("Lưu: VT")]
    return DocumentSpec(
        superior=unit.name if front else (unit.parent.name if unit.parent else ""),
        issuer=_("Ban Thường trực") if front else unit.name,
        number_symbol=f"{number or NUMBER_BLANK}/BC-{'MTTQ-BTT' if front else 'VP'}",
        place=place_of(unit),
        date=date,
        kind=_("Báo cáo"),
        title=_("Kết quả thực hiện các chỉ tiêu %(period)s phục vụ hội nghị giao ban")
        % {"period": span.long_title},
        body=body,
        recipients=recipients,
        signer_authority=_("TM. Ban Thường trực") if front else "",
        signer_title=_("Chủ tịch") if front else _("Thủ trưởng đơn vị"),
        signer_name=signer_name,
    )


def _change_text(indicator: Indicator, change: Decimal | None, ratio: Decimal | None) -> str:
    text = format_change(indicator, change)
    if ratio is not None and indicator.measure != Measure.PERCENT:
        text += f" ({'+' if ratio > 0 else ''}{format_ratio(ratio)})"
    return text


def _children_tables(report: Briefing) -> list[Block]:
    shown = [
        row.indicator
        for row in report.rows
        if any(c.values.get(row.indicator.pk) is not None for c in report.children)
    ]
    blocks: list[Block] = []
    for start in range(0, len(shown), 4):
        chunk = shown[start : start + 4]
        blocks.append(
            Table(
                [_("Đơn vị"), *[ind.name_text for ind in chunk]],
                [
                    [
                        child.unit.name,
                        *[format_figure(ind, child.values.get(ind.pk)) for ind in chunk],
                    ]
                    for child in report.children
                ],
                widths=[16.5 - 2.8 * len(chunk), *[2.8] * len(chunk)],
                align=["left", *["right"] * len(chunk)],
            )
        )
    return blocks


def status_paragraphs(report: Briefing) -> list[Block]:
    statuses = report.status
    approved = [s for s in statuses if s.status == "approved"]
    sent = [s for s in statuses if s.sent]
    late = [s for s in statuses if s.late]
    text = _(
        "%(sent)s/%(total)s đơn vị đã gửi số liệu (hạn nộp %(due)s), %(approved)s đơn vị đã được duyệt."
    ) % {
        "sent": len(sent),
        "total": len(statuses),
        "due": report.period.due.strftime("%d/%m/%Y") if report.period else "—",
        "approved": len(approved),
    }
    blocks: list[Block] = [Paragraph(text)]
    if late:
        blocks.append(Paragraph(_("Đơn vị gửi muộn hoặc chưa gửi:")))
        blocks.append(
            Bullets(
                [
                    f"{s.unit.name} — {s.status_label}"
                    + (
                        _(" (gửi ngày %(d)s)")
                        % {"d": s.submission.first_submitted_at.strftime("%d/%m/%Y")}
                        if s.submission and s.submission.first_submitted_at
                        else ""
                    )
                    for s in late
                ]
            )
        )
    return blocks


# ----------------------------------------------------------------------------- XLSX


def _number(value: Decimal | None) -> Cell:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.quantize(Decimal("0.0001")).normalize()


def workbook_sheets(report: Briefing) -> list[Sheet]:
    span = report.span
    summary = Sheet(
        title=_("Tổng hợp"),
        caption=_("%(unit)s — số liệu giao ban %(period)s")
        % {"unit": report.unit.name, "period": span.title},
        header=[
            _("TT"),
            _("Mã"),
            _("Chỉ tiêu"),
            _("Nhóm"),
            _("Đơn vị tính"),
            span.title,
            _("Viết là"),
            report.previous.title,
            _("Tăng, giảm so với kỳ trước"),
            report.last_year.title,
            _("Tăng, giảm so với cùng kỳ"),
            _("Chỉ tiêu giao"),
            _("Tỷ lệ đạt"),
            _("Nguồn số liệu"),
        ],
        rows=[
            [
                index,
                row.indicator.code,
                row.indicator.name_text,
                row.indicator.group_text,
                row.indicator.label,
                _number(row.value),
                format_figure(row.indicator, row.value)
                if row.value is not None
                else _("Chưa có số liệu"),
                _number(row.previous),
                _number(row.change),
                _number(row.last_year),
                _number(row.year_change),
                _number(row.target),
                _number(row.target_share),
                str(row.indicator.get_source_display()),
            ]
            for index, row in enumerate(report.rows, start=1)
        ],
        number_formats=[None] * 12 + ["0.0%", None],
        align=["center", "left", "left", "left", "left", *["right"] * 8, "left"],
    )
    by_unit = Sheet(
        title=_("Theo đơn vị"),
        caption=_("Số liệu %(period)s theo đơn vị") % {"period": span.title},
        header=[_("Mã đơn vị"), _("Đơn vị"), *[row.indicator.name_text for row in report.rows]],
        rows=[
            [
                child.unit.code,
                child.unit.name,
                *[_number(child.values.get(row.indicator.pk)) for row in report.rows],
            ]
            for child in report.children
        ],
        align=["left", "left", *["right"] * len(report.rows)],
    )
    trend = Sheet(
        title=_("Qua các kỳ"),
        header=[_("Chỉ tiêu"), *[s.title for s in report.trend]],
        rows=[
            [
                row.indicator.name_text,
                *[_number(v) for v in report.trend_values[row.indicator.pk]],
            ]
            for row in report.rows
        ],
        align=["left", *["right"] * len(report.trend)],
    )
    status = Sheet(
        title=_("Gửi số liệu"),
        caption=_("Hạn nộp: %(due)s")
        % {"due": report.period.due.strftime("%d/%m/%Y") if report.period else "—"},
        header=[
            _("Mã đơn vị"),
            _("Đơn vị"),
            _("Trạng thái"),
            _("Gửi lần đầu"),
            _("Duyệt"),
            _("Muộn"),
        ],
        rows=[
            [
                s.unit.code,
                s.unit.name,
                s.status_label,
                timezone.localtime(s.submission.first_submitted_at).date()
                if s.submission and s.submission.first_submitted_at
                else None,
                timezone.localtime(s.submission.decided_at).date()
                if s.submission and s.submission.decided_at and s.status == "approved"
                else None,
                _("Có") if s.late else "",
            ]
            for s in report.status
        ],
    )
    return [summary, by_unit, trend, status]


# --------------------------------------------------------------------------- render


def render(report: Briefing, fmt: str, *, date: dt.date, signer_name: str = "") -> bytes:
    """The report as ``docx``, ``pdf`` (an official document: always in Vietnamese) or
    ``xlsx`` (a workbook of figures, in the reader's language) bytes."""
    if fmt == "xlsx":
        return render_xlsx(workbook_sheets(report))
    with translation.override("vi"):
        spec = document_spec(report, date=date, signer_name=signer_name)
    if fmt == "docx":
        return render_docx(spec)
    if fmt == "pdf":
        return render_pdf(spec)
    raise ValueError(fmt)


def filename(report: Briefing, fmt: str) -> str:
    return f"giao-ban-{report.unit.code}-{report.span.code}.{fmt}"

"""HTML and PDF rendering of a :class:`~ykien.core.documents.model.DocumentSpec` (WeasyPrint from
the HTML).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence

from ykien.core.documents.model import (
    BODY_PT,
    CAPTION_PT,
    CSS_FONT_STACK,
    FIRST_LINE_INDENT_CM,
    HEADER_LEFT_CM,
    HEADER_RIGHT_CM,
    ISSUER_PT,
    KIND_PT,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MOTTO,
    MOTTO_PT,
    NATIONAL_TITLE,
    NATIONAL_TITLE_PT,
    NUMBER_PT,
    PAGE_NUMBER_PT,
    PARAGRAPH_AFTER_PT,
    PLACE_DATE_PT,
    RECIPIENTS_HEAD_PT,
    RECIPIENTS_PT,
    SIGNATURE_LEFT_CM,
    SIGNATURE_RIGHT_CM,
    SIGNER_PT,
    SUMMARY_PT,
    SUPERIOR_PT,
    TABLE_PT,
    TEXT_WIDTH_CM,
    TITLE_PT,
    Block,
    Bullets,
    Cell,
    DocumentSpec,
    Heading,
    Paragraph,
    Table,
    _document_name,
    _is_number,
    _numbered_blocks,
    _title_lines,
    format_cell,
    format_place_date,
    format_recipients,
)

# -------------------------------------------------------------------- HTML / PDF


_CSS = f"""
@page {{
  size: A4;
  margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm;
  @top-center {{
    content: counter(page);
    font-family: {CSS_FONT_STACK};
    font-size: {PAGE_NUMBER_PT}pt;
    vertical-align: middle;
  }}
}}
@page :first {{ @top-center {{ content: none; }} }}
html {{ font-family: {CSS_FONT_STACK}; font-size: {BODY_PT}pt; color: #000; }}
body {{ margin: 0; line-height: 1.2; }}
p, div {{ margin: 0; }}
table.frame {{ width: {TEXT_WIDTH_CM}cm; border-collapse: collapse; table-layout: fixed; }}
table.frame td {{ padding: 0; vertical-align: top; text-align: center; }}
.superior {{ font-size: {SUPERIOR_PT}pt; text-transform: uppercase; }}
.issuer {{ font-size: {ISSUER_PT}pt; font-weight: bold; text-transform: uppercase; }}
.short-rule {{ display: inline-block; }}
.short-rule::after {{
  content: ""; display: block; width: 40%; margin: 3pt auto 0;
  border-top: 0.75pt solid #000;
}}
.national-title {{ font-size: {NATIONAL_TITLE_PT}pt; font-weight: bold; white-space: nowrap; }}
.motto {{
  display: inline-block; font-size: {MOTTO_PT}pt; font-weight: bold;
  border-bottom: 0.75pt solid #000; padding-bottom: 1pt;
}}
.number {{ font-size: {NUMBER_PT}pt; padding-top: 6pt; }}
.summary {{ font-size: {SUMMARY_PT}pt; padding-top: 3pt; }}
.place-date {{ font-size: {PLACE_DATE_PT}pt; font-style: italic; padding-top: 6pt; }}
.heading-block {{ text-align: center; margin-top: 18pt; margin-bottom: 12pt; }}
.letter-gap {{ height: 12pt; }}
.kind {{ font-size: {KIND_PT}pt; font-weight: bold; text-transform: uppercase; }}
.title {{ font-size: {TITLE_PT}pt; font-weight: bold; }}
.body p {{
  text-align: justify; text-indent: {FIRST_LINE_INDENT_CM}cm; line-height: 1.3;
  margin-bottom: {PARAGRAPH_AFTER_PT}pt;
}}
.body p.heading {{ break-after: avoid; margin-top: 6pt; font-weight: bold; }}
.body p.heading-3 {{ font-weight: normal; font-style: italic; }}
table.grid {{
  border-collapse: collapse; margin: 0 auto {PARAGRAPH_AFTER_PT}pt auto;
  font-size: {TABLE_PT}pt;
}}
table.grid th, table.grid td {{
  border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left;
}}
table.grid th {{ text-align: center; font-weight: bold; }}
table.grid tr {{ break-inside: avoid; }}
table.grid td.number, table.grid td.right {{ text-align: right; }}
table.grid td.center {{ text-align: center; }}
figure {{ margin: 6pt 0 {PARAGRAPH_AFTER_PT}pt 0; text-align: center; break-inside: avoid; }}
figure img {{ display: block; margin: 0 auto; }}
figcaption {{ font-size: {CAPTION_PT}pt; font-style: italic; }}
table.signature {{ margin-top: 6pt; break-inside: avoid; }}
table.signature td.recipients {{ text-align: left; font-size: {RECIPIENTS_PT}pt; }}
table.signature td.recipients div {{ padding-left: 6pt; text-indent: -6pt; }}
table.signature td.recipients div.recipients-head {{ padding-left: 0; text-indent: 0; }}
.recipients-head {{
  font-size: {RECIPIENTS_HEAD_PT}pt; font-weight: bold; font-style: italic; padding-top: 6pt;
}}
.signer {{ font-size: {SIGNER_PT}pt; font-weight: bold; padding-top: 6pt; }}
.signer-name {{ font-size: {SIGNER_PT}pt; font-weight: bold; padding-top: 72pt; }}
"""


def _escape(text: str) -> str:
    """Escaped text, each ``\\n`` a line break."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def _html_block(block: Block, heading: str) -> str:
    if isinstance(block, Heading):
        return f'<p class="heading heading-{block.level}">{_escape(heading)}</p>'
    if isinstance(block, Paragraph):
        style = "".join(
            [
                " font-weight: bold;" if block.bold else "",
                " font-style: italic;" if block.italic else "",
            ]
        )
        attribute = f' style="{style.strip()}"' if style else ""
        return f"<p{attribute}>{_escape(block.text)}</p>"
    if isinstance(block, Bullets):
        return "".join(f"<p>- {_escape(item)}</p>" for item in block.items)
    if isinstance(block, Table):
        return _html_table(block)
    encoded = base64.b64encode(block.png).decode("ascii")
    width = min(block.width_cm, TEXT_WIDTH_CM)
    caption = f"<figcaption>{_escape(block.caption)}</figcaption>" if block.caption else ""
    return (
        f'<figure><img src="data:image/png;base64,{encoded}" style="width: {width}cm" '
        f'alt="{html.escape(block.caption)}">{caption}</figure>'
    )


def _html_table(table: Table) -> str:
    parts = ['<table class="grid">']
    if table.widths is not None:
        columns = "".join(f'<col style="width: {width}cm">' for width in table.widths)
        parts.append(f"<colgroup>{columns}</colgroup>")
    header = "".join(f"<th>{_escape(text)}</th>" for text in table.header)
    parts.append(f"<thead><tr>{header}</tr></thead><tbody>")
    for row in table.rows:
        cells = "".join(
            _html_cell_open(value, table.align, column) + f"{_escape(format_cell(value))}</td>"
            for column, value in enumerate(row)
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _html_cell_open(value: Cell, align: Sequence[str] | None, column: int) -> str:
    if align is None:
        return '<td class="number">' if _is_number(value) else "<td>"
    return "<td>" if align[column] == "left" else f'<td class="{align[column]}">'


def render_html(spec: DocumentSpec) -> str:
    """The document as a standalone HTML page (inline CSS, pictures as data URLs),
    laid out for print; every piece of text is escaped."""
    superior = (
        f'<div class="superior">{_escape(spec.superior)}</div>' if spec.superior.strip() else ""
    )
    summary = (
        f'<div class="summary">V/v {_escape(spec.title)}</div>' if not spec.kind.strip() else ""
    )
    title = (
        '<div class="heading-block"><span class="short-rule">'
        f'<span class="kind">{_escape(spec.kind)}</span><br>'
        f'<span class="title">{_escape(spec.title)}</span></span></div>'
        if spec.kind.strip()
        else '<div class="letter-gap"></div>'
    )
    body = "\n".join(_html_block(block, heading) for block, heading in _numbered_blocks(spec.body))
    recipients = "".join(
        f"<div>{_escape(line)}</div>" for line in format_recipients(spec.recipients)
    )
    signer_lines = [spec.signer_authority] if spec.signer_authority.strip() else []
    signer_lines += _title_lines(spec)
    signer = "<br>".join(_escape(line.upper()) for line in signer_lines)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{_escape(_document_name(spec))}</title>
<meta name="author" content="{html.escape(spec.issuer)}">
<style>{_CSS}</style>
</head>
<body>
<table class="frame header">
<colgroup><col style="width: {HEADER_LEFT_CM}cm"><col style="width: {HEADER_RIGHT_CM}cm"></colgroup>
<tr>
<td>{superior}<span class="short-rule"><span class="issuer">{_escape(spec.issuer)}</span></span></td>
<td><div class="national-title">{NATIONAL_TITLE}</div><span class="motto">{MOTTO}</span></td>
</tr>
<tr>
<td><div class="number">Số: {_escape(spec.number_symbol)}</div>{summary}</td>
<td><div class="place-date">{_escape(format_place_date(spec.place, spec.date))}</div></td>
</tr>
</table>
{title}
<div class="body">
{body}
</div>
<table class="frame signature">
<colgroup><col style="width: {SIGNATURE_LEFT_CM}cm"><col style="width: {SIGNATURE_RIGHT_CM}cm"></colgroup>
<tr>
<td class="recipients"><div class="recipients-head">Nơi nhận:</div>{recipients}</td>
<td><div class="signer">{signer}</div><div class="signer-name">{_escape(spec.signer_name)}</div></td>
</tr>
</table>
</body>
</html>
"""


def render_pdf(spec: DocumentSpec) -> bytes:
    """The document as PDF: :func:`render_html` laid out by WeasyPrint.

    Needs Pango (Debian ``libpango-1.0-0``, ``libpangoft2-1.0-0``) and a serif font
    with Vietnamese (``fonts-liberation2`` or ``fonts-dejavu-core``).
    """
    from weasyprint import HTML

    pdf = HTML(string=render_html(spec)).write_pdf()
    if not isinstance(pdf, bytes):  # write_pdf returns None only when given a target
        raise TypeError("WeasyPrint returned no PDF")
    return pdf

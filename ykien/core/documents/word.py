"""DOCX rendering of a :class:`~ykien.core.documents.model.DocumentSpec` (python-docx)."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import TYPE_CHECKING

from ykien.core.documents.model import (
    BODY_PT,
    CAPTION_PT,
    FIRST_LINE_INDENT_CM,
    FONT,
    HEADER_LEFT_CM,
    HEADER_RIGHT_CM,
    ISSUER_PT,
    KIND_PT,
    LINE_SPACING,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MOTTO,
    MOTTO_PT,
    NATIONAL_TITLE,
    NATIONAL_TITLE_PT,
    NUMBER_PT,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_PT,
    PAGE_WIDTH_MM,
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
    DocumentSpec,
    Heading,
    Paragraph,
    Table,
    _cell_align,
    _document_name,
    _numbered_blocks,
    _title_lines,
    format_cell,
    format_place_date,
    format_recipients,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

# -------------------------------------------------------------------------- DOCX


# Children of w:pPr that must come after w:pBdr (schema order; Word rejects others).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", *_AFTER_TBLHEADER)


def _estimate_width_cm(text: str, size_pt: float) -> float:
    """A rough width of a line of Times New Roman bold, for the short rules that the
    decree sizes relative to the text above them (capitals ~0.65 em, others ~0.5)."""
    em = sum(0.65 if char.isupper() else 0.5 for char in text)
    return em * size_pt * 2.54 / 72


def _docx_font(run: Run, size: float, *, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    # None (inherit) rather than False keeps the XML free of explicit "off" flags.
    run.font.bold = bold or None
    run.font.italic = italic or None
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)


def _docx_text(
    paragraph: DocxParagraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> None:
    """Add ``text`` as runs; each ``\\n`` becomes a line break."""
    previous: Run | None = None
    for line in text.split("\n"):
        if previous is not None:
            previous.add_break()
        run = paragraph.add_run(line)
        _docx_font(run, size, bold=bold, italic=italic)
        run.font.underline = underline or None
        previous = run


def _docx_paragraph(
    container: DocxDocument | _Cell,
    *,
    align: str = "center",
    before: float = 0,
    after: float = 0,
    indent: bool = False,
    keep_with_next: bool = False,
) -> DocxParagraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    alignments = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    paragraph = container.add_paragraph()
    paragraph.alignment = alignments[align]
    paragraph_format = paragraph.paragraph_format
    paragraph_format.space_before = Pt(before)
    paragraph_format.space_after = Pt(after)
    paragraph_format.line_spacing = 1.0
    if indent:
        paragraph_format.first_line_indent = Cm(FIRST_LINE_INDENT_CM)
        paragraph_format.line_spacing = LINE_SPACING
    paragraph_format.keep_with_next = keep_with_next or None
    return paragraph


def _docx_rule(container: DocxDocument | _Cell, length_cm: float, column_cm: float) -> None:
    """A centred horizontal line ``length_cm`` long: the bottom border of an almost
    empty paragraph whose indents leave that length."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Cm, Pt

    side = max((column_cm - length_cm) / 2, 0)
    paragraph = _docx_paragraph(container, after=2)
    paragraph_format = paragraph.paragraph_format
    paragraph_format.left_indent = Cm(side)
    paragraph_format.right_indent = Cm(side)
    paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attribute, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1")):
        bottom.set(qn(attribute), value)
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)


def _docx_drop_first_paragraph(cell: _Cell) -> None:
    """A new cell starts with an empty paragraph; remove it once others were added."""
    first = cell.paragraphs[0]._p
    parent = first.getparent()
    if parent is not None and len(cell.paragraphs) > 1:
        parent.remove(first)


def _docx_table(
    document: DocxDocument, rows: int, widths_cm: Sequence[float], *, grid: bool
) -> list[list[_Cell]]:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Cm

    table = document.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    cells: list[list[_Cell]] = []
    for row in table.rows:
        row_cells = list(row.cells)
        for cell, width in zip(row_cells, widths_cm, strict=True):
            cell.width = Cm(width)
        cells.append(row_cells)
    return cells


def _docx_row_property(cell: _Cell, tag: str, successors: Sequence[str]) -> None:
    from docx.oxml.parser import OxmlElement

    row = cell._tc.getparent()
    if row is not None:
        row.get_or_add_trPr().insert_element_before(OxmlElement(tag), *successors)


def _docx_setup(document: DocxDocument, spec: DocumentSpec) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    # Document defaults name the theme fonts (Calibri); theme attributes win over
    # plain font names, so drop them and name Times New Roman for every script.
    for run_pr in document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr"):
        for fonts in run_pr.xpath("w:rFonts"):
            for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(attribute), None)
            for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attribute), FONT)
        for language in run_pr.xpath("w:lang"):
            language.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    normal_fonts.set(qn("w:eastAsia"), FONT)
    normal_fonts.set(qn("w:cs"), FONT)

    properties = document.core_properties
    properties.title = _document_name(spec)
    properties.author = spec.issuer
    properties.language = "vi-VN"

    # Page number centred at the top, not on the first page.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _docx_page_field(paragraph)


def _docx_page_field(paragraph: DocxParagraph) -> None:
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    for kind, text in (("begin", ""), ("", " PAGE "), ("separate", ""), ("", "2"), ("end", "")):
        run = paragraph.add_run()
        _docx_font(run, PAGE_NUMBER_PT)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._element.append(instruction)
        else:
            run.text = text


def _docx_header(document: DocxDocument, spec: DocumentSpec) -> None:
    (left, right), (number, place_date) = _docx_table(
        document, 2, (HEADER_LEFT_CM, HEADER_RIGHT_CM), grid=False
    )
    if spec.superior.strip():
        _docx_text(_docx_paragraph(left), spec.superior.upper(), SUPERIOR_PT)
    _docx_text(_docx_paragraph(left), spec.issuer.upper(), ISSUER_PT, bold=True)
    longest = max(spec.issuer.upper().splitlines() or [""], key=len)
    issuer_cm = min(_estimate_width_cm(longest, ISSUER_PT), HEADER_LEFT_CM - 0.4)
    _docx_rule(left, max(issuer_cm * 0.4, 1.5), HEADER_LEFT_CM)

    _docx_text(_docx_paragraph(right), NATIONAL_TITLE, NATIONAL_TITLE_PT, bold=True)
    # The decree puts a line as long as the motto under it: an underline is exactly that.
    _docx_text(_docx_paragraph(right), MOTTO, MOTTO_PT, bold=True, underline=True)

    _docx_text(_docx_paragraph(number, before=6), f"Số: {spec.number_symbol}", NUMBER_PT)
    if not spec.kind.strip():
        _docx_text(_docx_paragraph(number, before=3), f"V/v {spec.title}", SUMMARY_PT)
    _docx_text(
        _docx_paragraph(place_date, before=6),
        format_place_date(spec.place, spec.date),
        PLACE_DATE_PT,
        italic=True,
    )
    for cell in (left, right, number, place_date):
        _docx_drop_first_paragraph(cell)


def _docx_title(document: DocxDocument, spec: DocumentSpec) -> None:
    if not spec.kind.strip():
        _docx_paragraph(document, after=6)
        return
    kind = _docx_paragraph(document, before=18, keep_with_next=True)
    _docx_text(kind, spec.kind.upper(), KIND_PT, bold=True)
    title = _docx_paragraph(document, keep_with_next=True)
    _docx_text(title, spec.title, TITLE_PT, bold=True)
    longest = max(spec.title.splitlines() or [""], key=len)
    title_cm = min(_estimate_width_cm(longest, TITLE_PT), TEXT_WIDTH_CM)
    _docx_rule(document, max(title_cm * 0.4, 2.0), TEXT_WIDTH_CM)
    _docx_paragraph(document, after=6)


def _docx_block(document: DocxDocument, block: Block, heading: str) -> None:
    from docx.shared import Cm

    if isinstance(block, Heading):
        paragraph = _docx_paragraph(
            document, align="justify", before=6, after=PARAGRAPH_AFTER_PT, indent=True,
            keep_with_next=True,
        )  # fmt: skip
        _docx_text(paragraph, heading, BODY_PT, bold=block.level < 3, italic=block.level == 3)
        paragraph._p.get_or_add_pPr().get_or_add_outlineLvl().val = block.level - 1
    elif isinstance(block, Paragraph):
        paragraph = _docx_paragraph(
            document, align="justify", after=PARAGRAPH_AFTER_PT, indent=True
        )
        _docx_text(paragraph, block.text, BODY_PT, bold=block.bold, italic=block.italic)
    elif isinstance(block, Bullets):
        for item in block.items:
            paragraph = _docx_paragraph(
                document, align="justify", after=PARAGRAPH_AFTER_PT, indent=True
            )
            _docx_text(paragraph, f"- {item}", BODY_PT)
    elif isinstance(block, Table):
        _docx_body_table(document, block)
        _docx_paragraph(document, after=PARAGRAPH_AFTER_PT)
    else:
        paragraph = _docx_paragraph(document, before=6, keep_with_next=bool(block.caption))
        width = min(block.width_cm, TEXT_WIDTH_CM)
        paragraph.add_run().add_picture(BytesIO(block.png), width=Cm(width))
        if block.caption:
            caption = _docx_paragraph(document, after=PARAGRAPH_AFTER_PT)
            _docx_text(caption, block.caption, CAPTION_PT, italic=True)


def _docx_body_table(document: DocxDocument, table: Table) -> None:
    widths = list(table.widths or [TEXT_WIDTH_CM / len(table.header)] * len(table.header))
    cells = _docx_table(document, 1 + len(table.rows), widths, grid=True)
    for cell, text in zip(cells[0], table.header, strict=True):
        _docx_text(_docx_paragraph(cell, before=2, after=2), text, TABLE_PT, bold=True)
        _docx_drop_first_paragraph(cell)
    _docx_row_property(cells[0][0], "w:tblHeader", _AFTER_TBLHEADER)
    for row_cells, row in zip(cells[1:], table.rows, strict=True):
        for column, (cell, value) in enumerate(zip(row_cells, row, strict=True)):
            align = _cell_align(value, table.align, column)
            paragraph = _docx_paragraph(cell, align=align, before=2, after=2)
            _docx_text(paragraph, format_cell(value), TABLE_PT)
            _docx_drop_first_paragraph(cell)


def _docx_signature(document: DocxDocument, spec: DocumentSpec) -> None:
    from docx.shared import Pt

    ((recipients, signer),) = _docx_table(
        document, 1, (SIGNATURE_LEFT_CM, SIGNATURE_RIGHT_CM), grid=False
    )
    _docx_row_property(recipients, "w:cantSplit", _AFTER_CANTSPLIT)
    head = _docx_paragraph(recipients, align="left", before=6, keep_with_next=True)
    _docx_text(head, "Nơi nhận:", RECIPIENTS_HEAD_PT, bold=True, italic=True)
    for line in format_recipients(spec.recipients):
        paragraph = _docx_paragraph(recipients, align="left")
        # A wrapped recipient lines up after its dash.
        paragraph.paragraph_format.left_indent = Pt(6)
        paragraph.paragraph_format.first_line_indent = Pt(-6)
        _docx_text(paragraph, line, RECIPIENTS_PT)

    lines = [spec.signer_authority.upper()] if spec.signer_authority.strip() else []
    for index, line in enumerate([*lines, *_title_lines(spec)]):
        paragraph = _docx_paragraph(signer, before=6 if index == 0 else 0, keep_with_next=True)
        _docx_text(paragraph, line, SIGNER_PT, bold=True)
    # Room for the signature and the seal.
    name = _docx_paragraph(signer, before=72)
    _docx_text(name, spec.signer_name, SIGNER_PT, bold=True)
    for cell in (recipients, signer):
        _docx_drop_first_paragraph(cell)


def render_docx(spec: DocumentSpec) -> bytes:
    """The document as a .docx file (python-docx)."""
    import docx

    document = docx.Document()
    _docx_setup(document, spec)
    _docx_header(document, spec)
    _docx_title(document, spec)
    for block, heading in _numbered_blocks(spec.body):
        _docx_block(document, block, heading)
    _docx_signature(document, spec)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Administrative documents in the format of Decree 30/2020/NĐ-CP, as DOCX, HTML, PDF.

One content model (:class:`DocumentSpec` and its body blocks) and three renderers of
it: :func:`render_docx` (python-docx), :func:`render_html` and :func:`render_pdf`
(WeasyPrint from that HTML). The critique document of a draft, supervision reports
and the quarterly briefing report are all built from it. :func:`render_xlsx` writes
tabular reports.

The layout follows Phụ lục I of Nghị định 30/2020/NĐ-CP (công tác văn thư): A4,
margins top and bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; the issuing
body and the document number on the left, the national title, the motto and the
place and date on the right; the kind and summary centred; the body justified with a
first-line indent; "Nơi nhận" on the left and the signature on the right at the end;
page numbers centred at the top from page 2.

Linux machines rarely have Times New Roman, so the PDF asks for it first and falls
back to Liberation Serif (same metrics; Debian package ``fonts-liberation2``, whose
version 2 covers Vietnamese — version 1 in ``fonts-liberation`` does not), then
DejaVu Serif.

A package: ``model`` (the content model, the decree's layout, shared text helpers), ``word``
(DOCX), ``pdf`` (HTML and PDF), ``sheets`` (XLSX); everything is re-exported here.
"""

from __future__ import annotations

from ykien.core.documents.model import (
    MOTTO,
    NATIONAL_TITLE,
    Block,
    Bullets,
    Cell,
    DocumentSpec,
    Heading,
    Image,
    Paragraph,
    Sheet,
    Table,
    format_cell,
    format_document_date,
    format_place_date,
    format_recipients,
    issuer_heading,
)
from ykien.core.documents.pdf import (
    render_html,
    render_pdf,
)
from ykien.core.documents.sheets import (
    render_xlsx,
)
from ykien.core.documents.word import (
    render_docx,
)

__all__ = [
    "MOTTO",
    "NATIONAL_TITLE",
    "Block",
    "Bullets",
    "Cell",
    "DocumentSpec",
    "Heading",
    "Image",
    "Paragraph",
    "Sheet",
    "Table",
    "format_cell",
    "format_document_date",
    "format_place_date",
    "format_recipients",
    "issuer_heading",
    "render_docx",
    "render_html",
    "render_pdf",
    "render_xlsx",
]

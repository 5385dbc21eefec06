"""Texts of the demo drafts: structured Vietnamese legal texts, written out as .txt or .docx.

A text is a list of chapters ``(number, title, [articles])``; an article is
``(title, [clauses])``; a clause is a string or ``(string, [points])``.
"""

from __future__ import annotations

import io
from typing import Any

Clause = Any
Article = tuple[str, list[Clause]]
Chapter = tuple[str, str, list[Article]]

POINTS = "abcdđeghiklmn"


def preamble(kind: str, title: str, issuer: str, bases: list[str]) -> list[str]:
    return [
        issuer.upper(),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "DỰ THẢO",
        kind.upper(),
        title,
        *bases,
    ]


def lines_of(chapters: list[Chapter]) -> list[tuple[str, str]]:
    """(style, text) lines: style is "chapter", "chapter_title", "article", "clause", "point"."""
    out: list[tuple[str, str]] = []
    number = 0
    for chap_no, chap_title, articles in chapters:
        out.append(("chapter", f"Chương {chap_no}"))
        out.append(("chapter_title", chap_title.upper()))
        for art_title, clauses in articles:
            number += 1
            out.append(("article", f"Điều {number}. {art_title}"))
            for i, clause in enumerate(clauses, start=1):
                if isinstance(clause, tuple):
                    text, points = clause
                    out.append(("clause", f"{i}. {text}" if len(clauses) > 1 else text))
                    for j, point in enumerate(points):
                        out.append(("point", f"{POINTS[j]}) {point}"))
                else:
                    out.append(("clause", f"{i}. {clause}" if len(clauses) > 1 else clause))
    return out


def closing(signer: str) -> list[str]:
    return ["Nơi nhận:", "- Như Điều …;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", signer]


def as_txt(head: list[str], chapters: list[Chapter], tail: list[str]) -> bytes:
    body = [text for _style, text in lines_of(chapters)]
    return "\n".join([*head, *body, *tail]).encode("utf-8")


def as_docx(head: list[str], chapters: list[Chapter], tail: list[str]) -> bytes:
    """A .docx as a drafting office writes one: centred headings, bold article titles."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    for i, text in enumerate(head):
        p = document.add_paragraph()
        run = p.add_run(text)
        run.bold = i in (0, 1, 4)
        if i < 6:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for style_name, text in lines_of(chapters):
        p = document.add_paragraph()
        if style_name in ("chapter", "chapter_title"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(text).bold = True
        elif style_name == "article":
            head_part, _sep, title = text.partition(". ")
            p.add_run(f"{head_part}. ").bold = True
            p.add_run(title).bold = True
        else:
            p.add_run(text)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for text in tail:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------- the drafts' content

VL_BASES = [
    "HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Hợp tác xã ngày 20 tháng 6 năm 2023;",
    "Xét Tờ trình của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh;",
    "QUYẾT NGHỊ:",
]


def cooperatives(version: int) -> list[Chapter]:
    """The Vĩnh Long draft on support for agricultural cooperatives (version 1 or 2)."""
    support_rate = "50%" if version == 1 else "70%"
    land_clause = (
        "Hỗ trợ một lần kinh phí thuê đất để xây dựng kho bảo quản, sơ chế nông sản, tối đa "
        + ("200 triệu đồng" if version == 1 else "300 triệu đồng")
        + " cho một hợp tác xã."
    )
    chapters: list[Chapter] = [
        (
            "I",
            "Quy định chung",
            [
                (
                    "Phạm vi điều chỉnh",
                    [
                        "Nghị quyết này quy định chính sách hỗ trợ phát triển hợp tác xã, liên hiệp hợp tác xã hoạt động trong lĩnh vực nông nghiệp trên địa bàn tỉnh Vĩnh Long giai đoạn 2026 – 2030."
                    ],
                ),
                (
                    "Đối tượng áp dụng",
                    [
                        "Hợp tác xã, liên hiệp hợp tác xã nông nghiệp thành lập và hoạt động theo Luật Hợp tác xã năm 2023, có trụ sở chính trên địa bàn tỉnh.",
                        "Thành viên hợp tác xã là hộ gia đình, cá nhân sản xuất nông nghiệp trên địa bàn tỉnh.",
                        "Cơ quan, tổ chức, cá nhân có liên quan đến việc thực hiện chính sách.",
                    ],
                ),
                (
                    "Nguyên tắc hỗ trợ",
                    [
                        "Hỗ trợ đúng đối tượng, công khai, minh bạch; ưu tiên hợp tác xã ở xã vùng đồng bào dân tộc thiểu số, xã bãi ngang ven biển.",
                        "Trường hợp cùng một nội dung được hưởng nhiều chính sách thì hợp tác xã được chọn một chính sách có mức hỗ trợ cao nhất.",
                        "Hợp tác xã phải có phương án sản xuất, kinh doanh khả thi và cam kết duy trì hoạt động ít nhất 05 năm.",
                    ],
                ),
            ],
        ),
        (
            "II",
            "Nội dung và mức hỗ trợ",
            [
                (
                    "Hỗ trợ đào tạo, bồi dưỡng nguồn nhân lực",
                    [
                        (
                            "Hỗ trợ kinh phí đào tạo, bồi dưỡng cho cán bộ quản lý và thành viên hợp tác xã:",
                            [
                                "100% học phí khóa đào tạo trình độ sơ cấp, trung cấp về quản trị hợp tác xã;",
                                "100% chi phí tham gia tập huấn kỹ thuật sản xuất theo tiêu chuẩn VietGAP, hữu cơ;",
                                "50% chi phí tham quan, học tập mô hình hợp tác xã điển hình trong và ngoài tỉnh.",
                            ],
                        ),
                        "Hỗ trợ tiền lương cho lao động có trình độ đại học trở lên về làm việc tại hợp tác xã bằng 1,2 lần mức lương cơ sở mỗi tháng, thời gian tối đa 36 tháng.",
                    ],
                ),
                (
                    "Hỗ trợ đầu tư kết cấu hạ tầng",
                    [
                        f"Hỗ trợ {support_rate} chi phí đầu tư xây dựng nhà xưởng, kho bãi, hệ thống thủy lợi nội đồng phục vụ sản xuất chung của hợp tác xã, tối đa 2 tỷ đồng cho một công trình.",
                        land_clause,
                        "Công trình được hỗ trợ phải giao cho hợp tác xã quản lý, sử dụng và không được chuyển đổi mục đích.",
                    ],
                ),
                (
                    "Hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm",
                    [
                        (
                            "Hợp tác xã chủ trì liên kết được hỗ trợ:",
                            [
                                "chi phí tư vấn xây dựng hợp đồng liên kết, tối đa 100 triệu đồng;",
                                "30% chi phí giống, vật tư đầu vào trong 03 vụ đầu;",
                                "chi phí chứng nhận sản phẩm đạt tiêu chuẩn OCOP từ 3 sao trở lên.",
                            ],
                        ),
                        "Doanh nghiệp ký hợp đồng bao tiêu sản phẩm với hợp tác xã được ưu tiên xem xét hỗ trợ lãi suất vốn vay theo quy định.",
                    ],
                ),
                (
                    "Hỗ trợ ứng dụng chuyển đổi số",
                    [
                        "Hỗ trợ 100% chi phí xây dựng phần mềm quản lý, truy xuất nguồn gốc sản phẩm, tối đa 50 triệu đồng cho một hợp tác xã.",
                        "Hỗ trợ phí duy trì gian hàng trên sàn thương mại điện tử trong 02 năm đầu.",
                    ],
                ),
            ],
        ),
        (
            "III",
            "Tổ chức thực hiện",
            [
                (
                    "Nguồn kinh phí",
                    [
                        "Ngân sách tỉnh bảo đảm theo phân cấp; lồng ghép các chương trình mục tiêu quốc gia và nguồn vốn hợp pháp khác.",
                    ],
                ),
                (
                    "Trách nhiệm thi hành",
                    [
                        "Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này; hằng năm báo cáo kết quả với Hội đồng nhân dân tỉnh.",
                        "Thường trực Hội đồng nhân dân, các Ban, Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện.",
                        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tham gia giám sát, tuyên truyền, vận động Nhân dân thực hiện.",
                    ],
                ),
            ],
        ),
    ]
    if version == 2:
        # The second version adds an article on women and ethnic-minority members.
        chapters[1][2].append(
            (
                "Ưu tiên thành viên là phụ nữ, người dân tộc thiểu số",
                [
                    "Hợp tác xã có từ 30% thành viên là phụ nữ hoặc người dân tộc thiểu số được cộng thêm 10% mức hỗ trợ quy định tại Điều 4 và Điều 5 Nghị quyết này.",
                ],
            )
        )
    return chapters


def generic(topic: str, area: str, articles: list[Article]) -> list[Chapter]:
    """A two-chapter text: general provisions, then the given articles, then implementation."""
    return [
        (
            "I",
            "Quy định chung",
            [
                ("Phạm vi điều chỉnh", [f"Văn bản này quy định {topic} trên địa bàn {area}."]),
                (
                    "Đối tượng áp dụng",
                    [
                        f"Cơ quan, tổ chức, cá nhân liên quan đến {topic} trên địa bàn {area}.",
                        "Ủy ban nhân dân các huyện, thị xã, thành phố và các xã, phường, thị trấn.",
                    ],
                ),
            ],
        ),
        ("II", "Quy định cụ thể", articles),
        (
            "III",
            "Tổ chức thực hiện",
            [
                (
                    "Trách nhiệm thi hành",
                    [
                        "Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân cấp huyện chịu trách nhiệm thi hành.",
                        "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị phản ánh về cơ quan chủ trì để tổng hợp, báo cáo.",
                    ],
                )
            ],
        ),
    ]

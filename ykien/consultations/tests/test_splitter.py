"""The splitter turns a Vietnamese draft into Phần / Chương / Mục / Điều / khoản / điểm."""

from __future__ import annotations

import sys
import time
import unicodedata

import pytest

from ykien.consultations.splitter import (
    Deadline,
    Heading,
    Node,
    OutOfTime,
    SplitWarning,
    TreeEditError,
    as_text,
    clean_text,
    get_node,
    heading_line,
    iter_nodes,
    label,
    looks_like_heading,
    number_value,
    parse_heading,
    result_to_json,
    split,
)

# A plausible draft resolution of a provincial People's Council, with the usual irregularities:
# a Mục title on the next line, a point list that skips "c", an article number that jumps,
# a "1." inside a point, a reference to "Điều 5" at the start of a wrapped line.
DRAFT = """\
HỘI ĐỒNG NHÂN DÂN
TỈNH VĨNH LONG
-------
Số:     /2025/NQ-HĐND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Vĩnh Long, ngày    tháng    năm 2025
DỰ THẢO

NGHỊ QUYẾT
Quy định mức hỗ trợ đối với người làm công tác giám sát, phản biện xã hội
trên địa bàn tỉnh Vĩnh Long

HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG
KHÓA X, KỲ HỌP THỨ BA

Căn cứ Luật Mặt trận Tổ quốc Việt Nam ngày 09 tháng 6 năm 2015;
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Xét Tờ trình số    /TTr-UBND của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Pháp chế.

QUYẾT NGHỊ:

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức hỗ trợ đối với người trực tiếp tham gia hoạt động giám sát, \
phản biện xã hội của Mặt trận Tổ quốc Việt Nam các cấp trên địa bàn tỉnh.

Điều 2. Đối tượng áp dụng
1. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và cấp xã.
2. Các tổ chức chính trị - xã hội, chuyên gia, nhà khoa học được mời tham gia.
3. Cơ quan, tổ chức, cá nhân có liên quan.

Chương II
MỨC HỖ TRỢ CỤ THỂ

Mục 1. HOẠT ĐỘNG GIÁM SÁT

Điều 3. Mức hỗ trợ cho hoạt động giám sát
1. Chi xây dựng kế hoạch giám sát:
a) Cấp tỉnh: 1.000.000 đồng/kế hoạch;
b) Cấp xã: 500.000 đồng/kế hoạch.
2. Chi cho thành viên đoàn giám sát:
a) Trưởng đoàn: 200.000 đồng/người/buổi;
b) Thành viên khác, bao gồm:
- Thành viên chính thức: 150.000 đồng/người/buổi;
- Thư ký, người phục vụ: 100.000 đồng/người/buổi;
1. Mức chi tại điểm này áp dụng cả cho ngày thứ Bảy.
c) Đại biểu được mời tham dự: 100.000 đồng/người/buổi.
3. Chi viết báo cáo kết quả giám sát thực hiện theo quy định tại
Điều 4 của Nghị quyết này.

Mục 2
HOẠT ĐỘNG PHẢN BIỆN XÃ HỘI

Điều 4. Mức hỗ trợ cho hoạt động phản biện xã hội
1. Chi ý kiến phản biện bằng văn bản của chuyên gia: 1.500.000 đồng/văn bản.
2. Chi tổ chức hội nghị phản biện:
a) Người chủ trì: 300.000 đồng/người/buổi;
b) Đại biểu tham dự: 100.000 đồng/người/buổi;
d) Bài tham luận: 500.000 đồng/bài.

Điều 6. Nguồn kinh phí
Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của Mặt trận các cấp.

Chương III
TỔ CHỨC THỰC HIỆN

Điều 7. Tổ chức thực hiện
1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
2. Nghị quyết này đã được Hội đồng nhân dân tỉnh Vĩnh Long khóa X, kỳ họp thứ ba thông qua \
ngày    tháng    năm 2025 và có hiệu lực từ ngày    tháng    năm 2025./.

Nơi nhận:
- Ủy ban Thường vụ Quốc hội;
- Chính phủ;
- Lưu: VT.
CHỦ TỊCH



Nguyễn Văn A
"""

PREAMBLE = (
    "HỘI ĐỒNG NHÂN DÂN\nTỈNH VĨNH LONG\n-------\nSố: /2025/NQ-HĐND\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
    "Vĩnh Long, ngày tháng năm 2025\nDỰ THẢO\nNGHỊ QUYẾT\n"
    "Quy định mức hỗ trợ đối với người làm công tác giám sát, phản biện xã hội\n"
    "trên địa bàn tỉnh Vĩnh Long\nHỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG\nKHÓA X, KỲ HỌP THỨ BA\n"
    "Căn cứ Luật Mặt trận Tổ quốc Việt Nam ngày 09 tháng 6 năm 2015;\n"
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n"
    "Xét Tờ trình số /TTr-UBND của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Pháp chế.\n"
    "QUYẾT NGHỊ:"
)


def n(kind: str, number: str = "", title: str = "", text: str = "", *children: Node) -> Node:
    return Node(kind, number, title, text, list(children))  # type: ignore[arg-type]


def clause(number: str, text: str, *points: Node) -> Node:
    return n("clause", number, "", text, *points)


def point(letter: str, text: str) -> Node:
    return n("point", letter, "", text)


EXPECTED = [
    n("preamble", "", "", PREAMBLE),
    n(
        "chapter",
        "I",
        "QUY ĐỊNH CHUNG",
        "",
        n(
            "article",
            "1",
            "Phạm vi điều chỉnh",
            "Nghị quyết này quy định mức hỗ trợ đối với người trực tiếp tham gia hoạt động "
            "giám sát, phản biện xã hội của Mặt trận Tổ quốc Việt Nam các cấp trên địa bàn tỉnh.",
        ),
        n(
            "article",
            "2",
            "Đối tượng áp dụng",
            "",
            clause("1", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và cấp xã."),
            clause(
                "2",
                "Các tổ chức chính trị - xã hội, chuyên gia, nhà khoa học được mời tham gia.",
            ),
            clause("3", "Cơ quan, tổ chức, cá nhân có liên quan."),
        ),
    ),
    n(
        "chapter",
        "II",
        "MỨC HỖ TRỢ CỤ THỂ",
        "",
        n(
            "section",
            "1",
            "HOẠT ĐỘNG GIÁM SÁT",
            "",
            n(
                "article",
                "3",
                "Mức hỗ trợ cho hoạt động giám sát",
                "",
                clause(
                    "1",
                    "Chi xây dựng kế hoạch giám sát:",
                    point("a", "Cấp tỉnh: 1.000.000 đồng/kế hoạch;"),
                    point("b", "Cấp xã: 500.000 đồng/kế hoạch."),
                ),
                clause(
                    "2",
                    "Chi cho thành viên đoàn giám sát:",
                    point("a", "Trưởng đoàn: 200.000 đồng/người/buổi;"),
                    point(
                        "b",
                        "Thành viên khác, bao gồm:\n"
                        "- Thành viên chính thức: 150.000 đồng/người/buổi;\n"
                        "- Thư ký, người phục vụ: 100.000 đồng/người/buổi;\n"
                        "1. Mức chi tại điểm này áp dụng cả cho ngày thứ Bảy.",
                    ),
                    point("c", "Đại biểu được mời tham dự: 100.000 đồng/người/buổi."),
                ),
                clause(
                    "3",
                    "Chi viết báo cáo kết quả giám sát thực hiện theo quy định tại\n"
                    "Điều 4 của Nghị quyết này.",
                ),
            ),
        ),
        n(
            "section",
            "2",
            "HOẠT ĐỘNG PHẢN BIỆN XÃ HỘI",
            "",
            n(
                "article",
                "4",
                "Mức hỗ trợ cho hoạt động phản biện xã hội",
                "",
                clause(
                    "1", "Chi ý kiến phản biện bằng văn bản của chuyên gia: 1.500.000 đồng/văn bản."
                ),
                clause(
                    "2",
                    "Chi tổ chức hội nghị phản biện:",
                    point("a", "Người chủ trì: 300.000 đồng/người/buổi;"),
                    point("b", "Đại biểu tham dự: 100.000 đồng/người/buổi;"),
                    point("d", "Bài tham luận: 500.000 đồng/bài."),
                ),
            ),
            n(
                "article",
                "6",
                "Nguồn kinh phí",
                "Kinh phí thực hiện được bố trí trong dự toán ngân sách hằng năm của Mặt trận các cấp.",
            ),
        ),
    ),
    n(
        "chapter",
        "III",
        "TỔ CHỨC THỰC HIỆN",
        "",
        n(
            "article",
            "7",
            "Tổ chức thực hiện",
            "",
            clause("1", "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này."),
            clause(
                "2",
                "Nghị quyết này đã được Hội đồng nhân dân tỉnh Vĩnh Long khóa X, kỳ họp thứ ba "
                "thông qua ngày tháng năm 2025 và có hiệu lực từ ngày tháng năm 2025./.",
            ),
        ),
    ),
    n(
        "closing",
        "",
        "",
        "Nơi nhận:\n- Ủy ban Thường vụ Quốc hội;\n- Chính phủ;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn A",
    ),
]


def shape(nodes: list[Node]) -> list[tuple[str, str, list]]:
    """(kind, number, children) only, for assertions about structure."""
    return [(x.kind, x.number, shape(x.children)) for x in nodes]


# ---------------------------------------------------------------------------------------------
# The whole draft


def test_draft_resolution_splits_into_exact_tree() -> None:
    result = split(DRAFT)
    assert result.nodes == EXPECTED


def test_draft_numbering_gaps_are_kept_with_warnings() -> None:
    assert split(DRAFT).warnings == [
        SplitWarning("number_jump", 62, "Điều 4 Khoản 2: Điểm b → Điểm d"),
        SplitWarning("number_jump", 64, "Điều 4 → Điều 6"),
    ]


def test_draft_title_is_guessed_from_the_preamble() -> None:
    assert split(DRAFT).title == (
        "Nghị quyết quy định mức hỗ trợ đối với người làm công tác giám sát, phản biện xã hội "
        "trên địa bàn tỉnh Vĩnh Long"
    )


def test_windows_line_endings_nbsp_and_blank_lines_give_the_same_tree() -> None:
    messy = DRAFT.replace("\n", "\r\n\r\n\r\n").replace(" ", "\u00a0", 40)
    messy = messy.replace("Điều 1.", "\u00a0 Điều\u00a01.")
    assert split(messy).nodes == EXPECTED


def test_decomposed_unicode_and_eth_are_normalised() -> None:
    nfd = unicodedata.normalize("NFD", DRAFT).replace("Điều 2.", "Ðiều 2.")
    assert split(nfd).nodes == EXPECTED


def test_result_to_json_is_the_documented_shape() -> None:
    data = result_to_json(split("Điều 1. A\nĐiều 3. B"))
    assert data == {
        "title": "",
        "nodes": [
            {"kind": "article", "number": "1", "title": "A", "text": "", "children": []},
            {"kind": "article", "number": "3", "title": "B", "text": "", "children": []},
        ],
        "warnings": [{"code": "number_jump", "line": 2, "detail": "Điều 1 → Điều 3"}],
    }


# ---------------------------------------------------------------------------------------------
# Headings


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Điều 5. Phạm vi điều chỉnh", Heading("article", "5", "Phạm vi điều chỉnh")),
        ("Điều 5: Phạm vi điều chỉnh", Heading("article", "5", "Phạm vi điều chỉnh")),
        ("Điều 5 Phạm vi điều chỉnh", Heading("article", "5", "Phạm vi điều chỉnh", False)),
        ("ĐIỀU 5 - PHẠM VI", Heading("article", "5", "PHẠM VI")),
        ("Điều 5.", Heading("article", "5", "")),
        ("Điều 5", Heading("article", "5", "")),
        ("Điều 10a. Bổ sung", Heading("article", "10a", "Bổ sung")),
        ("Chương II", Heading("chapter", "II", "")),
        ("CHƯƠNG IV. QUY ĐỊNH CHUNG", Heading("chapter", "IV", "QUY ĐỊNH CHUNG")),
        ("Chương 3: Tổ chức", Heading("chapter", "3", "Tổ chức")),
        ("Mục 1. HOẠT ĐỘNG", Heading("section", "1", "HOẠT ĐỘNG")),
        ("MỤC 2", Heading("section", "2", "")),
        ("Phần thứ nhất", Heading("part", "thứ nhất", "")),
        ("PHẦN THỨ MƯỜI HAI. X", Heading("part", "thứ mười hai", "X")),
        ("Phần I - NHỮNG QUY ĐỊNH CHUNG", Heading("part", "I", "NHỮNG QUY ĐỊNH CHUNG")),
        ("1. Nội dung", Heading("clause", "1", "Nội dung")),
        ("12) Nội dung", Heading("clause", "12", "Nội dung")),
        ("đ) Nội dung", Heading("point", "đ", "Nội dung")),
        ("a)", Heading("point", "a", "")),
        ("1.Nội dung", Heading("clause", "1", "Nội dung")),
        ("b)Nội dung", Heading("point", "b", "Nội dung")),
        ("Điều 1.Phạm vi", Heading("article", "1", "Phạm vi")),
    ],
)
def test_heading_forms_are_recognised(line: str, expected: Heading) -> None:
    assert parse_heading(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Điều 5 của Luật này quy định",
        "Điều 5, Điều 6 và Điều 7 được bãi bỏ.",
        "Điều 5 Luật Đất đai quy định như sau",
        "Điều kiện được hỗ trợ",
        "Chương trình mục tiêu quốc gia",
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "MỤC LỤC",
        "Mục đích, yêu cầu",
        "Phần lớn kinh phí",
        "Phần vốn góp của Nhà nước",
        "1.000.000 đồng/người",
        "1.1. Nội dung",
        "2.5 triệu đồng",
        "3)4",
        "a.b) sai",
        "ab) sai",
        "Chương I. QUY ĐỊNH CHUNG ............ 5",
        "“Điều 5. Giải thích từ ngữ",
        "",
    ],
)
def test_running_text_is_not_a_heading(line: str) -> None:
    assert parse_heading(line) is None


def test_looks_like_heading_only_for_strong_structural_headings() -> None:
    assert looks_like_heading("Điều 3. Giải thích từ ngữ")
    assert looks_like_heading("  CHƯƠNG II")
    assert not looks_like_heading("Điều 3 Giải thích từ ngữ")
    assert not looks_like_heading("1. Khoản")
    assert not looks_like_heading("a) điểm")


def test_reference_to_an_article_in_running_text_does_not_open_one() -> None:
    text = (
        "Điều 1. Phạm vi\n"
        "1. Việc hỗ trợ thực hiện theo quy định tại\n"
        "Điều 5 của Luật này.\n"
        "Điều 5 Luật Đất đai được áp dụng.\n"
        "Điều 2, Điều 3 không áp dụng.\n"
        "Điều 2. Đối tượng"
    )
    assert split(text).nodes == [
        n(
            "article",
            "1",
            "Phạm vi",
            "",
            clause(
                "1",
                "Việc hỗ trợ thực hiện theo quy định tại\nĐiều 5 của Luật này.\n"
                "Điều 5 Luật Đất đai được áp dụng.\nĐiều 2, Điều 3 không áp dụng.",
            ),
        ),
        n("article", "2", "Đối tượng"),
    ]


def test_article_heading_without_dot_is_accepted_only_in_sequence() -> None:
    text = "Điều 1 Phạm vi\nNội dung.\nĐiều 7 Ủy ban nhân dân tỉnh quyết định.\nĐiều 2 Đối tượng"
    result = split(text)
    assert result.nodes == [
        n("article", "1", "Phạm vi", "Nội dung.\nĐiều 7 Ủy ban nhân dân tỉnh quyết định."),
        n("article", "2", "Đối tượng"),
    ]
    assert result.warnings == []


def test_chapter_title_on_two_lines_in_capitals() -> None:
    text = (
        "CHƯƠNG II\n\nQUYỀN VÀ NGHĨA VỤ CỦA\nCƠ QUAN, TỔ CHỨC\nĐiều 1. A\n"
        "Chương III. Trách nhiệm của\ncơ quan nhà nước\nĐiều 2. B"
    )
    result = split(text)
    assert [(c.kind, c.number, c.title) for c in result.nodes] == [
        ("chapter", "II", "QUYỀN VÀ NGHĨA VỤ CỦA CƠ QUAN, TỔ CHỨC"),
        ("chapter", "III", "Trách nhiệm của cơ quan nhà nước"),
    ]
    assert result.warnings == [SplitWarning("number_jump", 1, "… → Chương II")]


def test_parts_chapters_sections_and_continuous_article_numbers() -> None:
    text = (
        "Phần thứ nhất\nNHỮNG QUY ĐỊNH CHUNG\n"
        "Chương I\nPHẠM VI\nĐiều 1. A\n"
        "Chương II\nNGUYÊN TẮC\nMục 1\nNGUYÊN TẮC CHUNG\nĐiều 2. B\nMục 2. NGUYÊN TẮC RIÊNG\n"
        "Điều 3. C\n"
        "PHẦN THỨ HAI\nQUY ĐỊNH CỤ THỂ\nChương III\nMỤC ĐÍCH\nMục 1. X\nĐiều 4. D"
    )
    result = split(text)
    assert shape(result.nodes) == [
        (
            "part",
            "thứ nhất",
            [
                ("chapter", "I", [("article", "1", [])]),
                (
                    "chapter",
                    "II",
                    [
                        ("section", "1", [("article", "2", [])]),
                        ("section", "2", [("article", "3", [])]),
                    ],
                ),
            ],
        ),
        ("part", "thứ hai", [("chapter", "III", [("section", "1", [("article", "4", [])])])]),
    ]
    assert result.nodes[0].title == "NHỮNG QUY ĐỊNH CHUNG"
    assert result.nodes[1].children[0].title == "MỤC ĐÍCH"
    assert result.warnings == []


def test_article_title_continues_on_a_lowercase_line_and_may_be_on_the_next_line() -> None:
    text = (
        "Điều 1. Trách nhiệm của Ủy ban nhân dân tỉnh trong việc\n"
        "tổ chức thực hiện\nNội dung điều 1.\n"
        "Điều 2.\nHiệu lực thi hành\nNghị quyết có hiệu lực từ ngày ký."
    )
    assert split(text).nodes == [
        n(
            "article",
            "1",
            "Trách nhiệm của Ủy ban nhân dân tỉnh trong việc tổ chức thực hiện",
            "Nội dung điều 1.",
        ),
        n("article", "2", "Hiệu lực thi hành", "Nghị quyết có hiệu lực từ ngày ký."),
    ]


def test_article_body_on_the_heading_line_is_text_not_title() -> None:
    text = (
        "Điều 1. Thông qua Đề án phát triển giám sát xã hội với các nội dung chủ yếu sau:\n"
        "1. Mục tiêu.\n"
        "Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này theo đúng quy định.\n"
        "Điều 3. Hiệu lực thi hành."
    )
    assert split(text).nodes == [
        n(
            "article",
            "1",
            "",
            "Thông qua Đề án phát triển giám sát xã hội với các nội dung chủ yếu sau:",
            clause("1", "Mục tiêu."),
        ),
        n(
            "article",
            "2",
            "",
            "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này theo đúng quy định.",
        ),
        n("article", "3", "Hiệu lực thi hành."),
    ]


# ---------------------------------------------------------------------------------------------
# Khoản and điểm


def test_points_follow_the_vietnamese_alphabet() -> None:
    letters = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]
    text = "Điều 1. A\n" + "\n".join(f"{x}) Điểm {x};" for x in letters)
    result = split(text)
    assert [p.number for p in result.nodes[0].children] == letters
    assert result.warnings == []


def test_point_e_after_d_warns_that_d_with_stroke_is_missing() -> None:
    result = split("Điều 1. A\n1. K\na) x\nb) x\nc) x\nd) x\ne) x\nf) x\ng) x")
    assert [p.number for p in result.nodes[0].children[0].children] == list("abcdefg")
    assert result.warnings == [SplitWarning("number_jump", 7, "Điều 1 Khoản 1: Điểm d → Điểm e")]


def test_points_directly_under_an_article() -> None:
    text = "Điều 1. Đối tượng\nGồm:\na) Cán bộ;\nb) Công chức."
    assert split(text).nodes == [
        n("article", "1", "Đối tượng", "Gồm:", point("a", "Cán bộ;"), point("b", "Công chức.")),
    ]


def test_clause_number_jump_is_kept_with_a_warning() -> None:
    result = split("Điều 1. A\n1. Một.\n2. Hai.\n4. Bốn.")
    assert [c.number for c in result.nodes[0].children] == ["1", "2", "4"]
    assert result.warnings == [SplitWarning("number_jump", 4, "Điều 1: Khoản 2 → Khoản 4")]


def test_repeated_clause_number_stays_in_the_text_with_a_warning() -> None:
    result = split("Điều 1. A\n1. Một.\n2. Hai.\n2. Hai nữa.\n3. Ba.")
    assert [(c.number, c.text) for c in result.nodes[0].children] == [
        ("1", "Một."),
        ("2", "Hai.\n2. Hai nữa."),
        ("3", "Ba."),
    ]
    assert [w.code for w in result.warnings] == ["number_out_of_order"]


def test_numbered_lines_before_any_article_stay_in_the_preamble() -> None:
    text = "KẾ HOẠCH\n1. Mục đích\na) Yêu cầu\nĐiều 1. A"
    assert split(text).nodes == [
        n("preamble", "", "", "KẾ HOẠCH\n1. Mục đích\na) Yêu cầu"),
        n("article", "1", "A"),
    ]


# ---------------------------------------------------------------------------------------------
# Degenerate input


def test_text_without_articles_is_one_node_with_a_warning() -> None:
    text = "BÁO CÁO\nTình hình giám sát quý III.\n\n1. Kết quả đạt được."
    result = split(text)
    assert result.nodes == [
        n("preamble", "", "", "BÁO CÁO\nTình hình giám sát quý III.\n1. Kết quả đạt được.")
    ]
    assert result.warnings == [SplitWarning("no_articles")]


def test_chapters_without_articles_keep_their_structure_with_a_warning() -> None:
    result = split("Chương I\nA\nNội dung.\nChương II\nB")
    assert shape(result.nodes) == [("chapter", "I", []), ("chapter", "II", [])]
    assert result.nodes[0].text == "Nội dung."
    assert result.warnings == [SplitWarning("no_articles")]


@pytest.mark.parametrize("text", ["", "   \n\r\n\u00a0\t", "\ufeff"])
def test_empty_text(text: str) -> None:
    result = split(text)
    assert result.nodes == []
    assert result.warnings == [SplitWarning("empty_text")]


def test_warning_messages_exist_in_both_languages() -> None:
    warning = SplitWarning("number_jump", 3, "Điều 4 → Điều 6")
    assert warning.message() == "Số thứ tự bị nhảy cóc: Điều 4 → Điều 6."
    assert warning.message("en") == "The numbering skips a number: Điều 4 → Điều 6."


def test_clean_text() -> None:
    raw = "  Điều\u00a0 1.\u200b  A\r\n\r\n\r\n\tb\u00ad\x0cc  "
    assert clean_text(raw) == "Điều 1. A\n\nb\nc"
    assert clean_text(unicodedata.normalize("NFD", "Hội đồng")) == "Hội đồng"


# ---------------------------------------------------------------------------------------------
# Numbers and labels


@pytest.mark.parametrize(
    ("kind", "number", "value"),
    [
        ("chapter", "IV", 4),
        ("chapter", "XIX", 19),
        ("chapter", "12", 12),
        ("article", "10a", 10),
        ("part", "thứ nhất", 1),
        ("part", "thứ tư", 4),
        ("part", "thứ mười", 10),
        ("part", "thứ mười lăm", 15),
        ("point", "a", 1),
        ("point", "đ", 5),
        ("point", "e", 6),
        ("point", "", None),
        ("chapter", "?", None),
    ],
)
def test_number_value(kind: str, number: str, value: int | None) -> None:
    assert number_value(kind, number) == value


def test_labels_and_headings() -> None:
    assert label(Node("chapter", "II")) == "Chương II"
    assert label(Node("clause", "1")) == "Khoản 1"
    assert label(Node("point", "đ")) == "Điểm đ"
    assert label(Node("preamble")) == "Phần mở đầu"
    assert heading_line(Node("article", "5")) == "Điều 5."
    assert heading_line(Node("clause", "2")) == "2."
    assert heading_line(Node("point", "b")) == "b)"
    assert heading_line(Node("closing")) == ""
    assert as_text(Node("article", "5", "Phạm vi", "Nội dung")) == "Điều 5. Phạm vi\nNội dung"
    assert as_text(Node("chapter", "I", "QUY ĐỊNH CHUNG")) == "Chương I. QUY ĐỊNH CHUNG"
    assert as_text(Node("clause", "2", "", "Hai")) == "2. Hai"


def test_iter_nodes_and_get_node() -> None:
    tree = split(DRAFT).nodes
    paths = [path for path, _node in iter_nodes(tree)]
    assert paths[:4] == [(0,), (1,), (1, 0), (1, 1)]
    assert get_node(tree, [2, 0, 0, 1, 1]).text.startswith("Thành viên khác")
    with pytest.raises(TreeEditError) as excinfo:
        get_node(tree, [9])
    assert excinfo.value.code == "bad_path"
    with pytest.raises(TreeEditError):
        get_node(tree, [])


# ---------------------------------------------------------------------------------------------
# Cost: linear in the length of the text (timings: bench/splitter.py)


def _python_lines_run(text: str) -> int:
    """Lines of Python executed to split ``text``: a count, not a time, so it cannot be flaky."""
    count = 0

    def tracer(frame: object, event: str, arg: object) -> object:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)  # type: ignore[arg-type]
    try:
        split(text)
    finally:
        sys.settrace(None)
    return count


def _awkward(blocks: int) -> str:
    # An unclosed quotation (each one was looked for to the end of the text, twice), an end
    # mark followed by a heading (each empty closing was removed by comparing every node), a
    # title in capitals.
    lines = []
    for k in range(1, blocks + 1):
        lines += [f"Điều {k}. Sửa đổi", "“Sửa đổi như sau", "Nội dung./.", f"Chương {k}", "A", "B"]
    return "\n".join(lines)


def test_twice_the_text_costs_twice_the_work() -> None:
    once, twice = _python_lines_run(_awkward(200)), _python_lines_run(_awkward(400))
    assert twice < 2.2 * once


def test_a_title_takes_a_few_lines_and_the_rest_is_text() -> None:
    # Every line in capitals after "Chương I" was added to its title, one copy of the whole
    # title per line: 1.3 MB took 9 s, 32 MB never ended.
    text = "Điều 1. A\nChương I\n" + "\n".join(f"DÒNG {i}" for i in range(1, 1001))
    chapter = split(text).nodes[1]
    assert chapter.title == "DÒNG 1 DÒNG 2 DÒNG 3 DÒNG 4 DÒNG 5"
    assert chapter.text.split("\n")[:2] == ["DÒNG 6", "DÒNG 7"]
    assert len(chapter.text.split("\n")) == 995
    lower = split("Điều 1. A\nChương I. Quy định\n" + "và thêm\n" * 10).nodes[1]
    assert lower.title == "Quy định và thêm và thêm và thêm và thêm"
    long = split("Chương I\n" + "\n".join(["Ă" * 400] * 3) + "\nĐiều 1. A").nodes[0]
    assert (long.title, long.text) == ("Ă" * 400 + " " + "Ă" * 400, "Ă" * 400)


def test_a_line_of_dots_is_read_at_once() -> None:
    # The table-of-contents pattern backtracked over the dots: 50,000 of them took 100 s.
    line = "Điều " + "." * 20_000 + " x"
    started = time.process_time()
    assert parse_heading(line) is None
    assert time.process_time() - started < 1.0  # 16 s before; about a millisecond now
    assert parse_heading("Điều 1. Phạm vi ......... 12") is None
    assert parse_heading("Chương I. QUY ĐỊNH CHUNG …… 3") is None
    assert parse_heading("Điều 1. Phạm vi ____ 12345") is not None  # not a page number


def test_a_deadline_stops_the_split() -> None:
    with pytest.raises(OutOfTime) as excinfo:
        split("Điều 1. A", deadline=Deadline(seconds=5, at=time.monotonic() - 1))
    assert excinfo.value.seconds == 5
    assert split("Điều 1. A", deadline=Deadline.after(5)).nodes == [n("article", "1", "A")]

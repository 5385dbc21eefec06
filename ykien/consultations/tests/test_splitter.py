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
    from_json,
    get_node,
    heading_line,
    iter_nodes,
    label,
    looks_like_heading,
    merge,
    merge_error,
    number_value,
    parse_heading,
    result_to_json,
    retype,
    split,
    split_node,
    to_json,
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
# Amending texts, closing, attachments


def test_quoted_new_wording_in_an_amending_text_is_kept_verbatim() -> None:
    text = (
        "Điều 1. Sửa đổi, bổ sung một số điều của Nghị quyết số 12/2020/NQ-HĐND\n"
        "1. Sửa đổi Điều 5 như sau:\n"
        "“Điều 5. Mức chi\n"
        "1. Chi hội nghị: 200.000 đồng.\n"
        "a) Người chủ trì;\n"
        "2. Chi “văn phòng phẩm” theo thực tế.”\n"
        "2. Bổ sung Điều 5a vào sau Điều 5 như sau:\n"
        '"Điều 5a. Nguồn kinh phí\n'
        'Ngân sách tỉnh."\n'
        "Điều 2. Hiệu lực"
    )
    assert split(text).nodes == [
        n(
            "article",
            "1",
            "Sửa đổi, bổ sung một số điều của Nghị quyết số 12/2020/NQ-HĐND",
            "",
            clause(
                "1",
                "Sửa đổi Điều 5 như sau:\n“Điều 5. Mức chi\n1. Chi hội nghị: 200.000 đồng.\n"
                "a) Người chủ trì;\n2. Chi “văn phòng phẩm” theo thực tế.”",
            ),
            clause(
                "2",
                'Bổ sung Điều 5a vào sau Điều 5 như sau:\n"Điều 5a. Nguồn kinh phí\nNgân sách tỉnh."',
            ),
        ),
        n("article", "2", "Hiệu lực"),
    ]


def test_an_unclosed_quote_is_read_as_ordinary_text_with_a_warning() -> None:
    result = split("Điều 1. A\n1. Sửa như sau:\n“Điều 5. Mức chi\n2. Hai.")
    assert shape(result.nodes) == [("article", "1", [("clause", "1", []), ("clause", "2", [])])]
    assert result.warnings == [SplitWarning("unclosed_quote", 3, "“Điều 5. Mức chi")]


def test_law_closing_after_the_passing_formula() -> None:
    text = (
        "LUẬT\nMẶT TRẬN TỔ QUỐC VIỆT NAM\nĐiều 1. Vị trí\nMặt trận là tổ chức liên minh chính trị.\n"
        "Điều 2. Hiệu lực\nLuật này có hiệu lực từ ngày 01 tháng 01 năm 2016.\n"
        "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, "
        "kỳ họp thứ 9 thông qua ngày 09 tháng 6 năm 2015.\n"
        "CHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng"
    )
    result = split(text)
    assert result.title == "LUẬT MẶT TRẬN TỔ QUỐC VIỆT NAM"
    assert result.nodes[-2] == n(
        "article", "2", "Hiệu lực", "Luật này có hiệu lực từ ngày 01 tháng 01 năm 2016."
    )
    assert result.nodes[-1] == n(
        "closing",
        "",
        "",
        "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, kỳ họp "
        "thứ 9 thông qua ngày 09 tháng 6 năm 2015.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Sinh Hùng",
    )


def test_passing_formula_that_is_the_only_body_of_an_article_stays_in_it() -> None:
    text = (
        "Điều 3. Hiệu lực\n"
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 10 tháng 7 năm 2025.\n"
        "TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH"
    )
    assert split(text).nodes == [
        n(
            "article",
            "3",
            "Hiệu lực",
            "Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 10 tháng 7 năm 2025.",
        ),
        n("closing", "", "", "TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH"),
    ]


# The end of a provincial resolution as the template of the Law on Promulgation of Legal
# Documents has it: the passing formula, with the date the resolution takes effect, stands
# after the last article, unnumbered, before "Nơi nhận:" and the signature.
RESOLUTION_END = """\
Điều 3. Tổ chức thực hiện
1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết này.
2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu Hội đồng \
nhân dân và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.
Nghị quyết này đã được Hội đồng nhân dân tỉnh Vĩnh Long Khóa X, Kỳ họp thứ 3 thông qua ngày \
10 tháng 7 năm 2025 và có hiệu lực từ ngày 20 tháng 7 năm 2025./.

Nơi nhận:
- Ủy ban Thường vụ Quốc hội;
- Chính phủ;
- Bộ Tư pháp (Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính);
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn A
"""


def test_the_passing_formula_of_a_resolution_is_in_the_closing_not_in_the_last_clause() -> None:
    result = split(
        PREAMBLE + "\nĐiều 1. Phạm vi\nNội dung.\nĐiều 2. Đối tượng\nNội dung.\n" + RESOLUTION_END
    )
    assert shape(result.nodes) == [
        ("preamble", "", []),
        ("article", "1", []),
        ("article", "2", []),
        ("article", "3", [("clause", "1", []), ("clause", "2", [])]),
        ("closing", "", []),
    ]
    assert result.nodes[3].children[1].text == (
        "Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu Hội "
        "đồng nhân dân và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết."
    )
    assert result.nodes[4].text == (
        "Nghị quyết này đã được Hội đồng nhân dân tỉnh Vĩnh Long Khóa X, Kỳ họp thứ 3 thông qua "
        "ngày 10 tháng 7 năm 2025 và có hiệu lực từ ngày 20 tháng 7 năm 2025./.\n"
        "Nơi nhận:\n- Ủy ban Thường vụ Quốc hội;\n- Chính phủ;\n"
        "- Bộ Tư pháp (Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính);\n- Lưu: VT.\n"
        "CHỦ TỊCH\nNguyễn Văn A"
    )
    commentable = [node.text for _p, node in iter_nodes(result.nodes) if node.kind != "closing"]
    assert not any("thông qua" in text or "Nơi nhận" in text for text in commentable)


def test_the_passing_formula_after_points_and_with_no_signature_is_the_closing() -> None:
    text = (
        "Điều 1. Sửa đổi\n1. Sửa đổi như sau:\na) Điểm a;\nb) Điểm b.\n"
        "Nghị quyết này được Ủy ban Thường vụ Quốc hội thông qua ngày 19 tháng 02 năm 2025 và có "
        "hiệu lực từ ngày ký.\nTM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCHỦ TỊCH\n\n"
        "Điều 9. Hiệu lực\nPháp lệnh có hiệu lực từ ngày ký.\n"
        "Pháp lệnh này đã được Ủy ban Thường vụ Quốc hội khóa XV thông qua ngày 5 tháng 3 năm 2025."
    )
    result = split(text)
    assert shape(result.nodes) == [
        ("article", "1", [("clause", "1", [("point", "a", []), ("point", "b", [])])]),
        ("closing", "", []),
        ("article", "9", []),
        ("closing", "", []),
    ]
    assert result.nodes[0].children[0].children[1].text == "Điểm b."
    assert result.nodes[1].text.startswith("Nghị quyết này được Ủy ban Thường vụ Quốc hội")
    assert result.nodes[2].text == "Pháp lệnh có hiệu lực từ ngày ký."
    assert result.nodes[3].text.startswith("Pháp lệnh này đã được")


def test_the_passing_formula_is_not_taken_for_the_title_of_an_article_without_one() -> None:
    text = "Điều 1. A\nNội dung.\nĐiều 2.\nLuật này đã được Quốc hội khóa XV thông qua ngày 19 tháng 02 năm 2025"
    assert split(text).nodes[1] == n(
        "article", "2", "", "Luật này đã được Quốc hội khóa XV thông qua ngày 19 tháng 02 năm 2025"
    )


def test_a_passing_formula_without_this_is_running_text() -> None:
    text = "Điều 1. A\nNội dung.\nNghị quyết đã được Hội đồng nhân dân thông qua tại kỳ họp trước."
    assert split(text).nodes == [
        n(
            "article",
            "1",
            "A",
            "Nội dung.\nNghị quyết đã được Hội đồng nhân dân thông qua tại kỳ họp trước.",
        )
    ]


def test_an_empty_closing_before_an_attached_text_is_dropped_and_the_earlier_one_kept() -> None:
    text = "Điều 1. A\nNội dung./.\nNơi nhận:\n- Lưu.\nĐiều 1. B\nNội dung./.\nĐiều 1. C"
    assert split(text).nodes == [
        n("article", "1", "A", "Nội dung./."),
        n("closing", "", "", "Nơi nhận:\n- Lưu."),
        n("article", "1", "B", "Nội dung./."),
        n("article", "1", "C"),
    ]


def test_attached_regulation_after_the_signature_starts_a_new_segment() -> None:
    text = (
        "NGHỊ QUYẾT\nBan hành Quy định về giám sát\n"
        "Điều 1. Ban hành kèm theo Nghị quyết này Quy định về giám sát.\n"
        "Điều 2. Hiệu lực thi hành\nCó hiệu lực từ ngày ký./.\n"
        "Nơi nhận:\n- Như Điều 2;\nTM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n"
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH VĨNH LONG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "QUY ĐỊNH\nVề giám sát\n(Kèm theo Nghị quyết số 12/2025/NQ-HĐND)\n"
        "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nĐiều 2. Đối tượng"
    )
    result = split(text)
    assert shape(result.nodes) == [
        ("preamble", "", []),
        ("article", "1", []),
        ("article", "2", []),
        ("closing", "", []),
        ("preamble", "", []),
        ("chapter", "I", [("article", "1", []), ("article", "2", [])]),
    ]
    assert (
        result.nodes[3].text
        == "Nơi nhận:\n- Như Điều 2;\nTM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A"
    )
    assert result.nodes[4].text == (
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH VĨNH LONG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUY ĐỊNH\n"
        "Về giám sát\n(Kèm theo Nghị quyết số 12/2025/NQ-HĐND)"
    )
    assert result.nodes[1].text == "Ban hành kèm theo Nghị quyết này Quy định về giám sát."
    assert result.warnings == []


def test_end_mark_followed_directly_by_headings_leaves_no_empty_closing() -> None:
    result = split("Điều 1. A\nNội dung./.\nĐiều 1. B")
    assert shape(result.nodes) == [("article", "1", []), ("article", "1", [])]


def test_table_of_contents_lines_are_not_headings() -> None:
    text = "MỤC LỤC\nChương I. QUY ĐỊNH CHUNG ........ 3\nĐiều 1. Phạm vi ..... 3\nChương I\nA\nĐiều 1. B"
    result = split(text)
    assert shape(result.nodes) == [("preamble", "", []), ("chapter", "I", [("article", "1", [])])]


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
# JSON


def test_json_round_trip() -> None:
    tree = split(DRAFT).nodes
    assert from_json(to_json(tree)) == tree
    assert from_json({"nodes": to_json(tree), "warnings": []}) == tree


def test_from_json_rejects_unknown_kinds() -> None:
    with pytest.raises(TreeEditError) as excinfo:
        from_json([{"kind": "paragraph", "number": "1"}])
    assert excinfo.value.code == "bad_kind"


def test_from_json_fills_missing_fields() -> None:
    assert from_json([{"kind": "article", "number": 5}]) == [Node("article", "5")]


# ---------------------------------------------------------------------------------------------
# Corrections


ARTICLE = [
    n(
        "article",
        "1",
        "A",
        "Mở đầu.",
        clause("1", "Một:", point("a", "x;"), point("b", "y.")),
        clause("2", "Hai."),
        clause("3", "Ba."),
    ),
    n("article", "2", "B", "Nội dung B."),
    n("closing", "", "", "Nơi nhận:\n- Lưu: VT."),
]


def test_merge_next_sibling_keeps_its_heading_in_the_text() -> None:
    tree = merge(ARTICLE, [0, 1], [0, 2])
    assert tree[0].children == [
        clause("1", "Một:", point("a", "x;"), point("b", "y.")),
        clause("2", "Hai.\n3. Ba."),
    ]


def test_merge_appends_to_the_last_descendant_when_the_first_node_has_children() -> None:
    tree = merge(ARTICLE, [0, 0], [0, 1])
    assert tree[0].children[0] == clause("1", "Một:", point("a", "x;"), point("b", "y.\n2. Hai."))
    assert [c.number for c in tree[0].children] == ["1", "3"]


def test_merge_first_child_into_its_parent() -> None:
    tree = merge(ARTICLE, [0, 0], [0, 0, 0])
    assert tree[0].children[0] == clause("1", "Một:\na) x;", point("b", "y."))


def test_merge_a_wrongly_detected_closing_back_into_the_last_article() -> None:
    tree = merge(ARTICLE, [1], [2])
    assert tree == [ARTICLE[0], n("article", "2", "B", "Nội dung B.\nNơi nhận:\n- Lưu: VT.")]


def test_merge_of_nodes_that_are_not_adjacent_is_refused() -> None:
    with pytest.raises(TreeEditError) as excinfo:
        merge(ARTICLE, [0, 0], [0, 2])
    assert excinfo.value.code == "not_adjacent"
    with pytest.raises(TreeEditError):
        merge(ARTICLE, [1], [0])


CHAPTERS = [
    n("preamble", "", "", "NGHỊ QUYẾT"),
    n(
        "chapter",
        "I",
        "QUY ĐỊNH CHUNG",
        "",
        n("article", "1", "Phạm vi", "Nội dung."),
        n("article", "2", "Đối tượng", "", clause("1", "Một."), clause("2", "Hai.")),
    ),
    n("chapter", "II", "MỨC HỖ TRỢ", "", n("article", "3", "Hỗ trợ", "Ba.")),
]


def test_merge_never_reaches_past_the_parent_into_the_next_chapter() -> None:
    # Khoản 2, the last node of Chương I: the next node in reading order is Chương II.
    with pytest.raises(TreeEditError) as excinfo:
        merge(CHAPTERS, [1, 1, 1], [2])
    assert excinfo.value.code == "not_adjacent"
    # Likewise a khoản with the next Điều, and the last Điều with the next Chương.
    assert merge_error(CHAPTERS, [1, 1, 1], [1, 2]) == "bad_path"
    assert merge_error(CHAPTERS, [1, 1, 1], [2, 0]) == "not_adjacent"
    assert merge_error(ARTICLE, [0, 2], [1]) == "not_adjacent"
    assert merge_error(CHAPTERS, [1, 1], [2]) == "not_adjacent"


def test_merge_refuses_a_next_sibling_of_a_higher_level() -> None:
    tree = [
        n("article", "1", "A", "Một."),
        n("chapter", "II", "B", "", n("article", "2", "C", "Hai.")),
    ]
    with pytest.raises(TreeEditError) as excinfo:
        merge(tree, [0], [1])
    assert excinfo.value.code == "higher_level"
    # Of the same level (or lower) it is allowed: Chương II folds into Chương I.
    merged = merge(CHAPTERS, [1], [2])
    assert [a.number for a in merged[1].children] == ["1", "2", "3"]
    assert merged[1].children[1].children[1] == clause("2", "Hai.\nChương II. MỨC HỖ TRỢ")
    assert merge(
        [n("article", "1", "A", "", clause("1", "Một.")), clause("2", "Hai.")], [0], [1]
    ) == [n("article", "1", "A", "", clause("1", "Một.\n2. Hai."))]


def test_merge_keeps_the_preamble_and_closing_without_children() -> None:
    with pytest.raises(TreeEditError) as excinfo:
        merge(CHAPTERS, [0], [1])
    assert excinfo.value.code == "bad_hierarchy"
    # A childless heading read by mistake folds into the preamble.
    tree = [n("preamble", "", "", "NGHỊ QUYẾT"), n("chapter", "I", "CĂN CỨ")]
    assert merge(tree, [0], [1]) == [n("preamble", "", "", "NGHỊ QUYẾT\nChương I. CĂN CỨ")]
    assert merge_error(tree, [0], [1]) is None


def test_retype_keeps_each_child_below_its_parent() -> None:
    # A Phần inside a khoản, an Điều inside an Điều, a khoản above its điểm, a Chương as
    # closing: all refused.
    for path, kind in (
        ([1, 1, 0], "part"),
        ([1, 1, 0], "article"),
        ([1, 1], "point"),
        ([1, 1], "chapter"),
        ([1], "closing"),
        ([1], "clause"),
    ):
        with pytest.raises(TreeEditError) as excinfo:
            retype(CHAPTERS, path, kind, "1")
        assert excinfo.value.code == "bad_hierarchy", (path, kind)
    tree = retype(CHAPTERS, [1, 1, 0], "point", "a")
    assert tree[1].children[1].children[0] == point("a", "Một.")
    assert retype(CHAPTERS, [1], "part", "I")[1].kind == "part"
    assert retype(CHAPTERS, [1, 1], "section", "1")[1].children[1].kind == "section"


def test_corrections_do_not_change_their_input() -> None:
    before = to_json(ARTICLE)
    merge(ARTICLE, [0, 1], [0, 2])
    split_node(ARTICLE, [0, 2], 2)
    retype(ARTICLE, [0, 1], "point", "a")
    assert to_json(ARTICLE) == before


def test_split_node_at_a_point_heading_creates_a_point_inside_the_clause() -> None:
    tree = [n("article", "1", "A", "", clause("1", "Gồm:\na) Một;\nb) Hai."))]
    tree = split_node(tree, [0, 0], tree[0].children[0].text.index("a)"))
    assert tree[0].children[0] == clause("1", "Gồm:", point("a", "Một;\nb) Hai."))
    tree = split_node(tree, [0, 0, 0], tree[0].children[0].children[0].text.index("b)"))
    assert tree[0].children[0] == clause("1", "Gồm:", point("a", "Một;"), point("b", "Hai."))


def test_split_node_at_a_missed_article_takes_the_following_clauses_along() -> None:
    tree = [
        n(
            "article",
            "1",
            "A",
            "",
            clause("1", "Một.\nĐiều 2. Hai\nNội dung hai."),
            clause("2", "Khoản của Điều 2."),
        ),
        n("article", "3", "C"),
    ]
    offset = tree[0].children[0].text.index("Điều 2")
    assert split_node(tree, [0, 0], offset) == [
        n("article", "1", "A", "", clause("1", "Một.")),
        n("article", "2", "Hai", "Nội dung hai.", clause("2", "Khoản của Điều 2.")),
        n("article", "3", "C"),
    ]


def test_split_node_at_a_missed_clause_inside_a_point() -> None:
    tree = [
        n(
            "article",
            "1",
            "A",
            "",
            clause("1", "Một:", point("a", "x;\n2. Hai:"), point("b", "y.")),
        )
    ]
    offset = tree[0].children[0].children[0].text.index("2.")
    assert split_node(tree, [0, 0, 0], offset) == [
        n(
            "article",
            "1",
            "A",
            "",
            clause("1", "Một:", point("a", "x;")),
            clause("2", "Hai:", point("b", "y.")),
        )
    ]


def test_split_node_without_a_heading_copies_the_kind_without_a_number() -> None:
    tree = split_node(ARTICLE, [1], len("Nội dung"))
    assert tree[1:3] == [n("article", "2", "B", "Nội dung"), n("article", "", "", "B.")]


def test_split_preamble_at_a_missed_article_and_closing_at_the_signature() -> None:
    tree = [n("preamble", "", "", "QUYẾT NGHỊ:\nĐiều 1 - Phạm vi\nNội dung.\nNơi nhận:\n- Lưu.")]
    tree = split_node(tree, [0], tree[0].text.index("Điều"))
    assert tree == [
        n("preamble", "", "", "QUYẾT NGHỊ:"),
        n("article", "1", "Phạm vi", "Nội dung.\nNơi nhận:\n- Lưu."),
    ]
    tree = split_node(tree, [1], tree[1].text.index("Nơi"))
    assert tree[1:] == [
        n("article", "1", "Phạm vi", "Nội dung."),
        n("closing", "", "", "Nơi nhận:\n- Lưu."),
    ]


@pytest.mark.parametrize("offset", [0, -1, 3, 100])
def test_split_node_refuses_offsets_outside_the_text(offset: int) -> None:
    tree = [n("article", "1", "A", "Ba  ")]
    with pytest.raises(TreeEditError) as excinfo:
        split_node(tree, [0], offset)
    assert excinfo.value.code == "bad_offset"


def test_retype_changes_kind_number_and_title() -> None:
    tree = retype(ARTICLE, [0, 2], "point", " c ")
    assert tree[0].children[2] == point("c", "Ba.")
    tree = retype(ARTICLE, [1], "article", "2", title="Đối tượng áp dụng")
    assert tree[1].title == "Đối tượng áp dụng"
    tree = retype(ARTICLE, [1], "closing", "9")
    assert tree[1] == n("closing", "", "B", "Nội dung B.")


def test_retype_refuses_unknown_kinds_and_nested_closing() -> None:
    with pytest.raises(TreeEditError) as excinfo:
        retype(ARTICLE, [0], "paragraph", "1")
    assert excinfo.value.code == "bad_kind"
    with pytest.raises(TreeEditError):
        retype(ARTICLE, [0, 1], "closing", "")


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

"""The splitter on amending texts (quoted new wording), the closing (passing formula, "Nơi
nhận:", signature) and attachments, and tables of contents."""

from __future__ import annotations

from ykien.consultations.splitter import (
    SplitWarning,
    iter_nodes,
    split,
)
from ykien.consultations.tests.test_splitter import PREAMBLE, clause, n, shape

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

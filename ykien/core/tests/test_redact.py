"""core.redact: personal data out of open-data text; no formulas in CSV cells."""

from __future__ import annotations

import pytest

from ykien.core.redact import csv_cell, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gọi 0912 345 678 hoặc 0912.345.678, 0912-345-678.",
            "Gọi [số điện thoại] hoặc [số điện thoại], [số điện thoại].",
        ),
        (
            "Máy bàn (0294) 3 855 246, di động +84 912 345 678",
            "Máy bàn [số điện thoại], di động [số điện thoại]",
        ),
        ("84912345678 và sđt0987654321", "[số điện thoại] và sđt[số điện thoại]"),
        ("0912345678 0987654321", "[số điện thoại] [số điện thoại]"),
        ("năm 2024 0912345678", "năm 2024 [số điện thoại]"),
        (
            "CMND 123456789, CCCD 079123456789 (cũ: 001 234 567 890)",
            "CMND [số giấy tờ], CCCD [số giấy tờ] (cũ: [số giấy tờ])",
        ),
        ("Thư: nguyen.van-a+gopy@so-tp.gov.vn!", "Thư: [email]!"),
        ("Ghi rõ: Trần Thị B <b.tran@gmail.com>", "Ghi rõ: Trần Thị B <[email]>"),
        ("(0912345678) hoặc (0294) 3855246", "([số điện thoại]) hoặc [số điện thoại]"),
    ],
)
def test_personal_data_is_replaced_by_a_label(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mức phạt từ 200.000.000 đồng đến 1.500.000.000 đồng.",
        "Giai đoạn 2020-2025, từ ngày 12-12-2024, Nghị định 100/2019/NĐ-CP.",
        "Điều 12, khoản 3, điểm a; 123 456 789 là ba nhóm số",
        "Tỷ lệ 0,5%; mã 2024.01",
        "",
    ],
)
def test_other_numbers_are_kept(text):
    assert redact(text) == text


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe():
    assert [
        csv_cell(v)
        for v in [
            '=HYPERLINK("http://x","bấm")',
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "Đồng ý = tán thành",
            "",
            7,
            None,
        ]
    ] == [
        '\'=HYPERLINK("http://x","bấm")',
        "'+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "Đồng ý = tán thành",
        "",
        7,
        None,
    ]

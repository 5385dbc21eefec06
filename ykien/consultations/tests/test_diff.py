"""Comparing two versions of a draft, clause by clause."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ykien.consultations.diff import diff_versions, word_diff
from ykien.consultations.splitter import Node, split, to_json
from ykien.consultations.tests.test_splitter import DRAFT

OLD = """\
NGHỊ QUYẾT
Quy định mức hỗ trợ giám sát
Điều 1. Phạm vi
Nghị quyết này quy định mức hỗ trợ giám sát.
Điều 2. Đối tượng
1. Ủy ban Mặt trận Tổ quốc tỉnh.
2. Các tổ chức chính trị - xã hội.
Điều 3. Kinh phí
Ngân sách tỉnh bảo đảm kinh phí hằng năm.
"""

NEW = """\
NGHỊ QUYẾT
Quy định mức hỗ trợ giám sát
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức hỗ trợ giám sát và phản biện xã hội.
Điều 2. Nguyên tắc
Công khai, minh bạch, đúng đối tượng.
Điều 3. Đối tượng
1. Ủy ban Mặt trận Tổ quốc tỉnh.
2. Các tổ chức chính trị - xã hội.
3. Chuyên gia được mời.
"""


def rows(result: dict[str, Any]) -> list[tuple[str, str, list[str] | None, list[str] | None]]:
    return [
        (
            c["status"],
            c["kind"],
            c["old"]["ref"] if c["old"] else None,
            c["new"]["ref"] if c["new"] else None,
        )
        for c in result["changes"]
    ]


def test_identical_versions_are_all_unchanged() -> None:
    tree = split(DRAFT).nodes
    result = diff_versions(tree, tree)
    assert result["summary"] == {
        "unchanged": 31,
        "moved": 0,
        "modified": 0,
        "added": 0,
        "removed": 0,
    }
    assert all(c["similarity"] == 1.0 for c in result["changes"])


def test_inserted_article_shifts_numbering_without_pairing_unrelated_articles() -> None:
    result = diff_versions(split(OLD).nodes, split(NEW).nodes)
    assert rows(result) == [
        ("unchanged", "preamble", ["Phần mở đầu"], ["Phần mở đầu"]),
        ("modified", "article", ["Điều 1"], ["Điều 1"]),
        ("added", "article", None, ["Điều 2"]),
        ("moved", "article", ["Điều 2"], ["Điều 3"]),
        ("unchanged", "clause", ["Điều 2", "Khoản 1"], ["Điều 3", "Khoản 1"]),
        ("unchanged", "clause", ["Điều 2", "Khoản 2"], ["Điều 3", "Khoản 2"]),
        ("added", "clause", None, ["Điều 3", "Khoản 3"]),
        ("removed", "article", ["Điều 3"], None),
    ]
    assert result["summary"] == {
        "unchanged": 3,
        "moved": 1,
        "modified": 1,
        "added": 2,
        "removed": 1,
    }


def test_modified_article_carries_word_level_spans() -> None:
    change = diff_versions(split(OLD).nodes, split(NEW).nodes)["changes"][1]
    assert change == {
        "status": "modified",
        "kind": "article",
        "old": {"path": [1], "ref": ["Điều 1"], "number": "1", "title": "Phạm vi"},
        "new": {"path": [1], "ref": ["Điều 1"], "number": "1", "title": "Phạm vi điều chỉnh"},
        "renumbered": False,
        "similarity": 0.774,
        "title_diff": [
            {"op": "equal", "text": "Phạm vi"},
            {"op": "insert", "text": " điều chỉnh"},
        ],
        "text_diff": [
            {"op": "equal", "text": "Nghị quyết này quy định mức hỗ trợ giám sát"},
            {"op": "insert", "text": " và phản biện xã hội"},
            {"op": "equal", "text": "."},
        ],
    }


def test_added_and_removed_nodes_carry_their_whole_title_and_text() -> None:
    changes = diff_versions(split(OLD).nodes, split(NEW).nodes)["changes"]
    assert changes[2] == {
        "status": "added",
        "kind": "article",
        "old": None,
        "new": {"path": [2], "ref": ["Điều 2"], "number": "2", "title": "Nguyên tắc"},
        "renumbered": False,
        "similarity": None,
        "title_diff": [{"op": "insert", "text": "Nguyên tắc"}],
        "text_diff": [{"op": "insert", "text": "Công khai, minh bạch, đúng đối tượng."}],
    }
    # A khoản has no title: only its text.
    assert (changes[6]["status"], changes[6]["title_diff"], changes[6]["text_diff"]) == (
        "added",
        None,
        [{"op": "insert", "text": "Chuyên gia được mời."}],
    )
    assert changes[7] == {
        "status": "removed",
        "kind": "article",
        "old": {"path": [3], "ref": ["Điều 3"], "number": "3", "title": "Kinh phí"},
        "new": None,
        "renumbered": False,
        "similarity": None,
        "title_diff": [{"op": "delete", "text": "Kinh phí"}],
        "text_diff": [{"op": "delete", "text": "Ngân sách tỉnh bảo đảm kinh phí hằng năm."}],
    }


def test_renumbered_article_is_moved_and_says_so() -> None:
    change = diff_versions(split(OLD).nodes, split(NEW).nodes)["changes"][3]
    assert change["status"] == "moved"
    assert change["renumbered"] is True
    assert (change["old"]["number"], change["new"]["number"]) == ("2", "3")
    assert change["text_diff"] is None


def test_clause_changed_inside_the_full_draft() -> None:
    new_text = DRAFT.replace(
        "a) Cấp tỉnh: 1.000.000 đồng/kế hoạch;", "a) Cấp tỉnh: 1.200.000 đồng/kế hoạch;"
    ).replace("3. Cơ quan, tổ chức, cá nhân có liên quan.\n", "")
    result = diff_versions(split(DRAFT).nodes, split(new_text).nodes)
    changed = [c for c in result["changes"] if c["status"] != "unchanged"]
    assert [(c["status"], c["old"]["ref"]) for c in changed] == [
        ("removed", ["Chương I", "Điều 2", "Khoản 3"]),
        ("modified", ["Chương II", "Mục 1", "Điều 3", "Khoản 1", "Điểm a"]),
    ]
    assert changed[1]["text_diff"] == [
        {"op": "equal", "text": "Cấp tỉnh: 1."},
        {"op": "delete", "text": "000"},
        {"op": "insert", "text": "200"},
        {"op": "equal", "text": ".000 đồng/kế hoạch;"},
    ]
    assert result["summary"]["unchanged"] == 29


def test_clause_moved_to_another_article_is_found() -> None:
    old = (
        "Điều 1. A\n1. Khoản về kinh phí hoạt động giám sát hằng năm.\n2. Khác.\nĐiều 2. B\n1. Một."
    )
    new = (
        "Điều 1. A\n1. Khác.\nĐiều 2. B\n1. Một.\n2. Khoản về kinh phí hoạt động giám sát hằng năm."
    )
    result = diff_versions(split(old).nodes, split(new).nodes)
    assert rows(result) == [
        ("unchanged", "article", ["Điều 1"], ["Điều 1"]),
        ("moved", "clause", ["Điều 1", "Khoản 2"], ["Điều 1", "Khoản 1"]),
        ("unchanged", "article", ["Điều 2"], ["Điều 2"]),
        ("unchanged", "clause", ["Điều 2", "Khoản 1"], ["Điều 2", "Khoản 1"]),
        ("moved", "clause", ["Điều 1", "Khoản 1"], ["Điều 2", "Khoản 2"]),
    ]


def test_rewritten_article_keeping_its_number_is_modified_not_replaced() -> None:
    old = "Điều 1. Hiệu lực\nNghị quyết có hiệu lực từ ngày ký ban hành."
    new = "Điều 1. Hiệu lực\nNghị quyết áp dụng từ năm ngân sách 2026 trở đi."
    assert rows(diff_versions(split(old).nodes, split(new).nodes)) == [
        ("modified", "article", ["Điều 1"], ["Điều 1"]),
    ]


def test_unrelated_articles_with_different_numbers_are_removed_and_added() -> None:
    old = "Điều 1. Kinh phí\nNgân sách tỉnh."
    new = "Điều 2. Thi đua\nKhen thưởng tập thể."
    assert rows(diff_versions(split(old).nodes, split(new).nodes)) == [
        ("removed", "article", ["Điều 1"], None),
        ("added", "article", None, ["Điều 2"]),
    ]


def test_retitled_chapter_and_removed_points() -> None:
    old = "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. A\n1. K:\na) x;\nb) y;\nc) z."
    new = "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. A\n1. K:\na) x;\nc) z."
    result = diff_versions(split(old).nodes, split(new).nodes)
    assert rows(result) == [
        ("modified", "chapter", ["Chương I"], ["Chương I"]),
        ("unchanged", "article", ["Chương I", "Điều 1"], ["Chương I", "Điều 1"]),
        (
            "unchanged",
            "clause",
            ["Chương I", "Điều 1", "Khoản 1"],
            ["Chương I", "Điều 1", "Khoản 1"],
        ),
        (
            "unchanged",
            "point",
            ["Chương I", "Điều 1", "Khoản 1", "Điểm a"],
            ["Chương I", "Điều 1", "Khoản 1", "Điểm a"],
        ),
        ("removed", "point", ["Chương I", "Điều 1", "Khoản 1", "Điểm b"], None),
        (
            "unchanged",
            "point",
            ["Chương I", "Điều 1", "Khoản 1", "Điểm c"],
            ["Chương I", "Điều 1", "Khoản 1", "Điểm c"],
        ),
    ]
    assert result["changes"][0]["title_diff"] == [
        {"op": "insert", "text": "NHỮNG "},
        {"op": "equal", "text": "QUY ĐỊNH CHUNG"},
    ]


def test_removed_article_is_listed_with_its_clauses_where_it_was() -> None:
    old = "Điều 1. A\nNội dung A.\nĐiều 2. B\n1. Một.\n2. Hai.\nĐiều 3. C\nNội dung C."
    new = "Điều 1. A\nNội dung A.\nĐiều 2. C\nNội dung C."
    assert rows(diff_versions(split(old).nodes, split(new).nodes)) == [
        ("unchanged", "article", ["Điều 1"], ["Điều 1"]),
        ("removed", "article", ["Điều 2"], None),
        ("removed", "clause", ["Điều 2", "Khoản 1"], None),
        ("removed", "clause", ["Điều 2", "Khoản 2"], None),
        ("moved", "article", ["Điều 3"], ["Điều 2"]),
    ]


def test_json_trees_are_accepted_and_the_result_is_json() -> None:
    old, new = split(OLD), split(NEW)
    from_nodes = diff_versions(old.nodes, new.nodes)
    assert diff_versions(to_json(old.nodes), to_json(new.nodes)) == from_nodes
    assert diff_versions({"nodes": to_json(old.nodes)}, new.nodes) == from_nodes
    assert json.loads(json.dumps(from_nodes, ensure_ascii=False)) == from_nodes


def test_empty_versions() -> None:
    assert diff_versions([], []) == {
        "summary": {"unchanged": 0, "moved": 0, "modified": 0, "added": 0, "removed": 0},
        "changes": [],
    }
    assert rows(diff_versions([], [Node("article", "1", "A")])) == [
        ("added", "article", None, ["Điều 1"])
    ]


# ---------------------------------------------------------------------------------------------
# Word-level spans


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "Ngân sách tỉnh bảo đảm kinh phí.",
            "Ngân sách trung ương và tỉnh bảo đảm toàn bộ kinh phí.",
        ),
        ("a b c", "x y z"),
        ("", "Mới hoàn toàn."),
        ("Bỏ hết.", ""),
        ("Dòng một\nDòng hai", "Dòng một\nDòng hai sửa\nDòng ba"),
        ("mức 200.000 đồng/người/buổi;", "mức 300.000 đồng/người/ngày."),
    ],
)
def test_word_diff_spans_rebuild_both_texts(old: str, new: str) -> None:
    spans = word_diff(old, new)
    assert "".join(s["text"] for s in spans if s["op"] != "delete") == new
    assert " ".join("".join(s["text"] for s in spans if s["op"] != "insert").split()) == " ".join(
        old.split()
    )
    assert all(s["text"] for s in spans)


def test_word_diff_groups_a_replaced_phrase() -> None:
    assert word_diff("do Ủy ban nhân dân tỉnh quyết định", "do Chủ tịch tỉnh quyết định") == [
        {"op": "equal", "text": "do "},
        {"op": "delete", "text": "Ủy ban nhân dân"},
        {"op": "insert", "text": "Chủ tịch"},
        {"op": "equal", "text": " tỉnh quyết định"},
    ]
    assert word_diff("a b c", "x y z") == [
        {"op": "delete", "text": "a b c"},
        {"op": "insert", "text": "x y z"},
    ]


def test_long_law_with_every_article_rewritten_and_one_inserted() -> None:
    # 80 articles: enough that only pairs sharing a rare word pair are compared.
    def law(shift: int, edit: str) -> str:
        lines = [] if not shift else ["Điều 1. Điều mới\nNội dung hoàn toàn mới về thi đua."]
        for i in range(1, 81):
            lines.append(
                f"Điều {i + shift}. Quy định số {i}{edit}\n"
                f"Nội dung riêng của điều mang mã {i * 7919} về lĩnh vực thứ {i}{edit}.\n"
                f"1. Khoản chung áp dụng cho mọi điều."
            )
        return "\n".join(lines)

    result = diff_versions(split(law(0, "")).nodes, split(law(1, " sửa")).nodes)
    assert result["summary"] == {
        "unchanged": 80,
        "moved": 0,
        "modified": 80,
        "added": 1,
        "removed": 0,
    }
    modified = [c for c in result["changes"] if c["status"] == "modified"]
    assert all(c["renumbered"] for c in modified)
    assert all(int(c["new"]["number"]) == int(c["old"]["number"]) + 1 for c in modified)

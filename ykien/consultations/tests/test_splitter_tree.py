"""A split tree as JSON, and the officers' corrections of it: merge, split a node, re-type."""

from __future__ import annotations

import pytest

from ykien.consultations.splitter import (
    Node,
    TreeEditError,
    from_json,
    merge,
    merge_error,
    retype,
    split,
    split_node,
    to_json,
)
from ykien.consultations.tests.test_splitter import DRAFT, clause, n, point

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

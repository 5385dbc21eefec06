"""Topics, key phrases, representatives and summaries, and `ykien analysis topics`."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ykien.analysis import topics as tp
from ykien.analysis.commands import topics as command
from ykien.analysis.tests.labelled import THEME_WORDS, labelled_set
from ykien.analysis.text import fold, strip_diacritics, tokens

# The purity reached on labelled_set(seed=7) is 0.98 (seed 1: 0.90, seed 11: 1.00).
PURITY_FLOOR = 0.9

LONG_COMMENT = " ".join(
    ["Giá bồi thường khi thu hồi đất phải sát giá thị trường tại thời điểm thu hồi."] * 1400
)  # about 110 KB
BAD = [
    "",
    "   \n ",
    "👍👍👍 🙏",
    "I support this draft, it protects workers and their families.",
    "这个草案很好，我完全同意。",
    "Это хороший проект, я полностью согласен.",
    "Có và là của.",  # function words only
]


@pytest.fixture(scope="module")
def labelled() -> tuple[list[str], list[str]]:
    return labelled_set(seed=7)


@pytest.fixture(scope="module")
def result(labelled: tuple[list[str], list[str]]) -> tp.TopicResult:
    texts, _ = labelled
    return tp.topics(texts)


@pytest.fixture(scope="module")
def with_bad_input(labelled: tuple[list[str], list[str]]) -> tuple[list[str], tp.TopicResult]:
    texts, _ = labelled
    mixed = [*BAD[:4], *texts[:60], LONG_COMMENT, *BAD[4:], *texts[60:100]]
    return mixed, tp.topics(mixed)


def _theme_of(topic: tp.Topic, labels: list[str]) -> str:
    return Counter(labels[i] for i in topic.members).most_common(1)[0][0]


def test_comments_cluster_by_theme_with_purity(
    result: tp.TopicResult, labelled: tuple[list[str], list[str]]
) -> None:
    _, labels = labelled
    assert result.method == "tfidf"
    assert tp.purity(result.labels, labels) >= PURITY_FLOOR
    assert 5 <= result.k <= tp.DEFAULT_MAX_TOPICS
    assert {_theme_of(t, labels) for t in result.topics} == set(THEME_WORDS)
    assert result.used == 200
    assert result.skipped == dict.fromkeys(tp.SKIP_REASONS, 0)


def test_topics_are_numbered_largest_first_and_cover_every_comment_once(
    result: tp.TopicResult,
) -> None:
    sizes = [t.size for t in result.topics]
    assert sizes == sorted(sizes, reverse=True)
    assert [t.topic for t in result.topics] == list(range(1, len(result.topics) + 1))
    members = sorted(i for t in result.topics for i in t.members)
    assert members == list(range(200))
    for t in result.topics:
        assert list(t.members) == sorted(t.members)
        assert set(np.flatnonzero(result.labels == t.topic).tolist()) == set(t.members)


def test_key_phrases_name_the_theme_with_diacritics(
    result: tp.TopicResult, labelled: tuple[list[str], list[str]]
) -> None:
    _, labels = labelled
    for t in result.topics:
        assert 1 <= len(t.key_phrases) <= 5
        joined = " | ".join(t.key_phrases)
        assert any(word in joined for word in THEME_WORDS[_theme_of(t, labels)]), joined
        # shown as written with diacritics, even though a quarter of the input has none
        assert any(strip_diacritics(p) != p for p in t.key_phrases), joined
        assert all(p == p.lower() for p in t.key_phrases)
        assert len({fold(p) for p in t.key_phrases}) == len(t.key_phrases)


def test_representatives_are_members(result: tp.TopicResult) -> None:
    for t in result.topics:
        assert len(t.representatives) == min(3, t.size)
        assert set(t.representatives) <= set(t.members)


def test_summary_sentences_come_from_the_topic_in_the_order_written(
    result: tp.TopicResult, labelled: tuple[list[str], list[str]]
) -> None:
    texts, _ = labelled
    for t in result.topics:
        assert 1 <= len(t.summary) <= 3
        assert t.draft == " ".join(t.summary)
        assert len(t.draft.split()) <= 70
        positions = []
        for sentence in t.summary:
            sources = [
                (i, tp.split_sentences(texts[i]).index(sentence))
                for i in t.members
                if sentence in tp.split_sentences(texts[i])
            ]
            assert sources, sentence
            positions.append(min(sources))
        assert positions == sorted(positions)
        # deduplicated: no sentence repeats another, with or without diacritics
        assert len({fold(s) for s in t.summary}) == len(t.summary)


def test_summary_leaves_out_sentences_every_topic_has(result: tp.TopicResult) -> None:
    shared = {fold(s) for s in ("Xin chân thành cảm ơn.", "Kính gửi Ban soạn thảo.")}
    for t in result.topics:
        assert not shared & {fold(s) for s in t.summary}


def test_bad_input_is_skipped_and_counted(
    with_bad_input: tuple[list[str], tp.TopicResult],
) -> None:
    texts, result = with_bad_input
    assert result.skipped == {
        "empty": 2,
        "no_words": 1,
        "other_language": 3,
        "no_content": 1,
        "no_shared_words": 0,
    }
    assert result.pieced == 1  # analysed whole, in pieces
    assert len(result.labels) == len(texts)
    bad = [i for i, text in enumerate(texts) if text in BAD]
    assert len(bad) == 7
    assert (result.labels[bad] == 0).all()
    assert result.used == len(texts) - 7
    # the 110 KB comment is analysed whole, in pieces, and lands with the land comments
    long_topic = int(result.labels[texts.index(LONG_COMMENT)])
    assert long_topic > 0
    topic = result.topics[long_topic - 1]
    assert any("đất" in phrase for phrase in topic.key_phrases)


def test_partitions_give_the_same_topics(
    result: tp.TopicResult, labelled: tuple[list[str], list[str]]
) -> None:
    texts, _ = labelled
    parted = tp.topics(texts, partition_size=37)
    assert (parted.labels == result.labels).all()
    assert parted.topics == result.topics


def test_nothing_one_or_identical_comments_make_at_most_one_topic() -> None:
    assert tp.topics([]).topics == []
    one = tp.topics(["Đề nghị miễn học phí cho học sinh nghèo ở vùng sâu vùng xa."])
    assert [(t.members, t.representatives) for t in one.topics] == [((0,), (0,))]
    assert one.topics[0].summary == ("Đề nghị miễn học phí cho học sinh nghèo ở vùng sâu vùng xa.",)
    same = tp.topics(["Giá điện sinh hoạt tăng quá nhanh so với thu nhập."] * 12)
    assert same.k == 1
    assert [t.size for t in same.topics] == [12]
    assert same.topics[0].summary == ("Giá điện sinh hoạt tăng quá nhanh so với thu nhập.",)
    only_bad = tp.topics(BAD)
    assert only_bad.topics == []
    assert sum(only_bad.skipped.values()) == len(BAD)


def test_vietnamese_with_or_without_diacritics_is_recognised() -> None:
    assert tp.is_vietnamese("Đề nghị giảm học phí cho học sinh nghèo.")
    assert tp.is_vietnamese("de nghi giam hoc phi cho hoc sinh ngheo")
    assert tp.is_vietnamese("Tôi đồng ý với dự thảo, nhất là Điều 15 về COVID-19.")
    assert not tp.is_vietnamese("Please clarify the compensation rules in Article 5.")
    assert not tp.is_vietnamese("这个草案很好")
    assert not tp.is_vietnamese("Это хороший проект")
    assert not tp.is_vietnamese("👍 123")


def test_sentences_split_on_punctuation_and_line_breaks() -> None:
    assert tp.split_sentences("Thứ nhất , giảm phí!Thứ hai: rõ ràng.\nThứ ba; hết") == [
        "Thứ nhất, giảm phí!Thứ hai: rõ ràng.",
        "Thứ ba;",
        "hết",
    ]
    assert tp.split_sentences("Một. Hai? Ba") == ["Một.", "Hai?", "Ba"]


def test_tagged_words_segment_and_tag() -> None:
    assert tp.tagged_words("Thu hồi đất phải bồi thường.") == [
        ("Thu hồi", "V"),
        ("đất", "N"),
        ("phải", "V"),
        ("bồi thường", "V"),
    ]


def test_purity_counts_the_majority_label_of_each_topic() -> None:
    assert tp.purity([1, 1, 1, 2, 2, 0], ["a", "a", "b", "b", "b", "c"]) == 4 / 5
    assert tp.purity([0, 0], ["a", "b"]) == 0.0


def test_e5_embedder_clusters_two_themes() -> None:
    texts = [
        "Học phí bậc trung học cơ sở nên được miễn cho học sinh nghèo.",
        "Mức học phí hiện nay quá cao so với thu nhập của phụ huynh.",
        "Nhà trường không được thu thêm các khoản ngoài học phí.",
        "Cần hỗ trợ học phí cho con em đồng bào vùng sâu vùng xa.",
        "Nhiều em phải nghỉ học vì gia đình không đóng nổi học phí.",
        "Bãi rác gần khu dân cư bốc mùi hôi thối gây ô nhiễm.",
        "Doanh nghiệp xả nước thải chưa xử lý ra sông phải bị phạt nặng.",
        "Cần hướng dẫn người dân phân loại rác thải tại nguồn.",
        "Rác thải nhựa tràn ngập kênh rạch ở nông thôn.",
        "Khói bụi từ nhà máy làm ô nhiễm không khí nghiêm trọng.",
    ]
    result = tp.topics(texts, embedder=tp.E5Embedder(), max_topics=2)
    assert result.method == "e5"
    assert sorted(t.members for t in result.topics) == [(0, 1, 2, 3, 4), (5, 6, 7, 8, 9)]


# --- the command -----------------------------------------------------------------------------


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _run(**options: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    defaults = {
        "text_column": "noi_dung",
        "id_column": "ma",
        "clause_column": None,
        "embedder": "tfidf",
        "max_topics": tp.DEFAULT_MAX_TOPICS,
        "max_chars": tp.DEFAULT_MAX_CHARS,
        "format": "json",
        "engine": "inprocess",
        "scheduler": None,
    }
    code = command.handle({**defaults, **options}, out, err)
    return code, out.getvalue(), err.getvalue()


def test_command_prints_topics_with_ids_and_counts_bad_rows(
    tmp_path: Path, labelled: tuple[list[str], list[str]], result: tp.TopicResult
) -> None:
    texts, _ = labelled
    rows = [["ma", "noi_dung"]] + [[f"G{i:03d}", text] for i, text in enumerate(texts)]
    rows += [["B1", ""], ["B2", "👍👍"], ["", "không có mã"], ["B3", "thừa", "một cột"]]
    code, out, err = _run(file=str(_csv(tmp_path / "gop_y.csv", rows)))
    assert code == 0
    doc = json.loads(out)
    assert doc["input"] == {"rows": 204, "malformed": 1, "no_id": 1}
    assert doc["skipped"]["empty"] == 1
    assert doc["skipped"]["no_words"] == 1
    assert doc["used"] == 200
    first = doc["topics"][0]
    assert set(first) == {
        "topic",
        "size",
        "key_phrases",
        "representatives",
        "summary",
        "summary_sentences",
        "by_stance",
        "ids",
    }
    expected = result.topics[0]
    assert first["ids"] == [f"G{i:03d}" for i in expected.members]
    assert first["representatives"] == [f"G{i:03d}" for i in expected.representatives]
    assert first["key_phrases"] == list(expected.key_phrases)
    assert first["summary"] == expected.draft
    assert err.startswith("rows=204 used=200 skipped=4 malformed=1 no_id=1 empty=1 no_words=1 ")
    assert err.rstrip().endswith(f"pieced=0 topics={len(result.topics)}")


def test_command_analyses_each_clause_on_its_own(tmp_path: Path) -> None:
    texts, labels = labelled_set(per_theme=8, seed=3)
    rows = [["ma", "dieu", "noi_dung"]]
    for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
        clause = "Điều 5" if label in ("hoc_phi", "y_te") else "Điều 9"
        rows.append([f"c{i}", clause, text])
    code, out, _ = _run(file=str(_csv(tmp_path / "dieu.csv", rows)), clause_column="dieu")
    assert code == 0
    doc = json.loads(out)
    assert [c["clause"] for c in doc["clauses"]] == ["Điều 5", "Điều 9"]
    assert [sum(t["size"] for t in c["topics"]) for c in doc["clauses"]] == [16, 24]
    code, text_out, _ = _run(
        file=str(_csv(tmp_path / "dieu.csv", rows)), clause_column="dieu", format="text"
    )
    assert code == 0
    assert text_out.startswith("== Điều 5 ==\nChủ đề 1 (")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"file": "/nonexistent/gop_y.csv"}, "không tìm thấy tệp"),
        ({"engine": "dask"}, "--engine dask cần --scheduler"),
        ({"max_topics": 0}, "--max-topics"),
        ({"text_column": "khong_co"}, "không có cột 'khong_co'"),
    ],
)
def test_command_reports_unusable_input(
    tmp_path: Path, options: dict[str, Any], message: str
) -> None:
    path = _csv(tmp_path / "gop_y.csv", [["ma", "noi_dung"], ["1", "Đề nghị giảm học phí."]])
    code, out, err = _run(**{"file": str(path), **options})
    assert code == 2
    assert out == ""
    assert message in err


def test_command_on_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "rong.csv"
    path.write_text("", encoding="utf-8")
    code, _, err = _run(file=str(path))
    assert code == 2
    assert "rỗng" in err
    header_only = _csv(tmp_path / "chi_tieu_de.csv", [["ma", "noi_dung"]])
    code, out, _ = _run(file=str(header_only))
    assert code == 0
    assert json.loads(out)["topics"] == []


def test_every_topic_gets_a_summary_even_from_short_comments() -> None:
    short = (
        ["Tăng lương giáo viên."] * 6
        + ["Giảm phí đỗ xe."] * 6
        + ["Mở rộng đường Phạm Hùng để giảm ùn tắc giao thông vào giờ cao điểm buổi sáng."] * 2
        + ["Mở rộng đường Phạm Hùng."] * 4
    )
    result = tp.topics(short, seed=0, min_topic_size=2)
    assert result.topics
    for topic in result.topics:
        assert topic.summary, topic
        assert all(any(s.split()[0] in short[m] for m in topic.members) for s in topic.summary)


# --------------------------------------------------------------------------------------
# Honest summaries: stances apart, sources, citizens' own words, whole phrases
# --------------------------------------------------------------------------------------

FOR = [
    "Tôi đồng ý giữ mức hỗ trợ học phí cho học sinh vùng khó khăn như dự thảo.",
    "Mức hỗ trợ học phí trong dự thảo là hợp lý, giúp các em ở vùng khó khăn đến trường.",
    "Tôi ủng hộ quy định hỗ trợ học phí vì nhiều gia đình ở xã Hòa Tiến rất nghèo.",
    "Hỗ trợ học phí cho học sinh dân tộc thiểu số là cần thiết, tôi đồng ý.",
]
AGAINST = [
    "Tôi không đồng ý, mức hỗ trợ học phí quá thấp so với chi phí học tập thực tế.",
    "Hỗ trợ học phí như dự thảo không đủ, học sinh vẫn phải bỏ học đi làm thuê.",
    "Quy định hỗ trợ học phí chưa công bằng vì bỏ sót học sinh ở thị trấn.",
    "Tôi phản đối vì thủ tục xin hỗ trợ học phí quá rườm rà với phụ huynh.",
]
REWORD = [
    "Sửa thành: Hỗ trợ 100% học phí cho học sinh thuộc hộ nghèo và cận nghèo.",
    "Sửa thành: Mức hỗ trợ học phí bằng mức thu học phí của trường công lập.",
    "Đề nghị viết lại: học sinh vùng khó khăn được miễn học phí hoàn toàn.",
]


def test_summaries_keep_stances_apart_and_link_every_sentence_to_its_comments() -> None:
    texts = FOR + AGAINST + REWORD
    stances = ["agree"] * len(FOR) + ["disagree"] * len(AGAINST) + ["reword"] * len(REWORD)
    result = tp.topics(texts, stances=stances, max_topics=1)
    assert len(result.topics) == 1
    topic = result.topics[0]
    parts = dict(topic.by_stance)
    assert list(parts) == ["agree", "disagree", "reword"]
    for stance, sentences in parts.items():
        assert sentences
        for sentence in sentences:
            assert sentence.sources
            assert all(stances[i] == stance for i in sentence.sources)
            # quoted exactly: the sentence is in its first source as written
            assert sentence.text in texts[sentence.sources[0]]
    # the topic's summary is the stances' summaries one after the other
    assert topic.summary == tuple(s.text for _, part in topic.by_stance for s in part)
    as_dict = result.as_dict()["topics"][0]
    assert set(as_dict["by_stance"]) == {"agree", "disagree", "reword"}


def test_summaries_and_key_phrases_quote_citizens_exactly() -> None:
    texts = [
        "Đề nghị làm rõ thủ tục hòa giải ở cơ sở trước khi khởi kiện tranh chấp đất đai.",
        "Thủ tục hòa giải ở cơ sở còn hình thức, tổ hòa giải thiếu kinh phí hoạt động.",
        "Tổ hòa giải ở thôn tôi hoạt động tốt, nên giữ thủ tục hòa giải bắt buộc.",
        "Hòa giải viên cần được tập huấn về pháp luật đất đai và hỗ trợ kinh phí.",
    ] * 2
    result = tp.topics(texts, max_topics=1)
    topic = result.topics[0]
    joined = " ".join(topic.summary)
    assert "hòa giải" in joined.lower()
    assert "hoà" not in joined.lower()  # never respelled in the new style
    assert any("hòa giải" in phrase.lower() for phrase in topic.key_phrases)
    assert not any("hoà" in phrase.lower() for phrase in topic.key_phrases)


def test_key_phrases_are_whole_phrases_found_in_the_text() -> None:
    texts = REWORD * 3 + FOR + AGAINST
    result = tp.topics(texts, max_topics=1)
    phrases = result.topics[0].key_phrases
    assert phrases
    folded_texts = [" ".join(tokens(t)) for t in texts]
    for phrase in phrases:
        assert len(phrase.split()) >= 2  # never a lone "sửa" or "thành"
        key = " ".join(tokens(phrase))
        assert any(f" {key} " in f" {t} " for t in folded_texts)
    assert "sửa" not in [p.lower() for p in phrases]
    assert "thành" not in [p.lower() for p in phrases]


def test_stances_must_match_the_texts() -> None:
    with pytest.raises(ValueError, match="stances"):
        tp.topics(FOR, stances=["agree"])


def test_an_empty_clause_and_other_languages_are_counted_not_dropped() -> None:
    empty = tp.topics([])
    assert empty.topics == []
    assert empty.used == 0
    other = tp.topics(
        ["I fully support this draft.", "我完全支持。", "", "👍"], stances=["agree"] * 4
    )
    assert other.topics == []
    assert other.skipped["other_language"] == 2
    assert other.skipped["empty"] == 1
    assert other.skipped["no_words"] == 1


def test_command_summarises_each_stance_apart(tmp_path: Path) -> None:
    texts = FOR + AGAINST + REWORD
    stances = ["agree"] * len(FOR) + ["disagree"] * len(AGAINST) + ["reword"] * len(REWORD)
    rows = [["ma", "noi_dung", "y_kien"]] + [
        [f"C{i}", t, s] for i, (t, s) in enumerate(zip(texts, stances, strict=True))
    ]
    code, out, _ = _run(
        file=str(_csv(tmp_path / "gop_y.csv", rows)), stance_column="y_kien", max_topics=1
    )
    assert code == 0
    topic = json.loads(out)["topics"][0]
    assert set(topic["by_stance"]) == {"agree", "disagree", "reword"}
    for stance, sentences in topic["by_stance"].items():
        for sentence in sentences:
            assert all(stances[int(i[1:])] == stance for i in sentence["sources"])


def test_pieces_hold_all_the_text_cut_at_sentence_ends() -> None:
    from ykien.analysis.topics.prepare import pieces

    text = "Một hai ba. Bốn năm sáu! Bảy tám?\nChín mười"
    assert pieces(text, 100) == [text]
    assert pieces(text, 20) == ["Một hai ba.", "Bốn năm sáu!", "Bảy tám?\nChín mười"]
    assert pieces(text, 12) == ["Một hai ba.", "Bốn năm sáu!", "Bảy tám?", "Chín mười"]
    # No sentence end within the limit: after the last space; one long word: at the limit.
    assert pieces("aaa bbb ccc", 8) == ["aaa bbb", "ccc"]
    assert pieces("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert pieces("", 10) == []
    assert pieces("   ", 1) == []
    with pytest.raises(ValueError):
        pieces(text, 0)
    long = " ".join(f"Câu số {n} nói về giá đất." for n in range(5000))
    cut = pieces(long, 2000)
    assert all(len(p) <= 2000 for p in cut)
    assert all(p.endswith(".") for p in cut)
    assert " ".join(cut) == long


def test_a_long_comment_is_analysed_to_its_end_and_counted() -> None:
    head = "Đề nghị giữ nguyên quy định về học phí cho học sinh. " * 10
    tail = "Giá bồi thường khi thu hồi đất phải sát giá thị trường."
    part = tp.prepare_partition([head + tail, "Học phí hợp lý."], 0, max_chars=200)
    assert part.pieced == [0]
    (doc, _short) = part.docs
    assert doc.raw[-1] == tail  # nothing after the limit is lost
    assert "boi thuong" in doc.features
    assert "thi truong" in doc.features


# Per clause: two clauses of a draft, the first with every stance, the second below the minimum.
CLAUSE_AGREE = [
    "Tôi đồng ý quy định hòa giải tranh chấp đất đai tại Ủy ban nhân dân xã.",
    "Đồng ý, hòa giải tranh chấp đất đai ở cơ sở giúp giữ tình làng nghĩa xóm.",
    "Tôi ủng hộ việc bắt buộc hòa giải tranh chấp đất đai trước khi khởi kiện.",
    "Toi dong y quy dinh hoa giai tranh chap dat dai tai Uy ban nhan dan xa.",
]
CLAUSE_DISAGREE = [
    "Tôi không đồng ý vì hòa giải tranh chấp đất đai ở xã kéo dài quá lâu.",
    "Không nên bắt buộc hòa giải, người dân mất thêm thời gian đi lại nhiều lần.",
    "Tôi phản đối vì tổ hòa giải ở thôn thiếu hiểu biết pháp luật đất đai.",
]
CLAUSE_REWORD = [
    "Sửa thành: Thời hạn hòa giải tranh chấp đất đai không quá 30 ngày.",
    "Đề nghị viết lại: Hòa giải viên phải được tập huấn pháp luật đất đai hằng năm.",
]
CLAUSE_FEW = ["Điều này cần quy định rõ thời hạn cấp giấy chứng nhận.", "Tôi đồng ý với điều này."]


def _clause_fixture() -> tuple[list[str], list[str], list[int]]:
    texts = [*CLAUSE_AGREE, *CLAUSE_DISAGREE, *CLAUSE_REWORD, *CLAUSE_FEW]
    stances = ["agree"] * 4 + ["disagree"] * 3 + ["reword"] * 2 + ["agree", "disagree"]
    return texts, stances, [7] * 9 + [9] * 2


def test_each_clause_is_summarised_from_its_own_comments_stances_apart_quoted_exactly() -> None:
    texts, stances, clauses = _clause_fixture()
    result = tp.topics(texts, stances=stances, clauses=clauses)
    assert result.clauses_skipped == (9,)  # two comments: below MIN_CLAUSE_COMMENTS = 3
    assert tp.MIN_CLAUSE_COMMENTS == 3
    assert len(result.clauses) == 1
    clause = result.clauses[0]
    assert clause.clause == 7
    assert clause.members == tuple(range(9))
    assert clause.key_phrases == (
        "tranh chấp đất đai",
        "hòa giải",
        "nhân dân xã",
        "pháp luật",
        "Ủy ban",
    )
    parts = {stance: [(x.text, x.sources) for x in part] for stance, part in clause.by_stance}
    assert parts == {
        "agree": [
            (CLAUSE_AGREE[0], (0, 3)),  # the copy typed without diacritics is a source too
            (CLAUSE_AGREE[1], (1,)),
            (CLAUSE_AGREE[2], (2,)),
        ],
        "disagree": [(t, (3 + 1 + i,)) for i, t in enumerate(CLAUSE_DISAGREE)],
        "reword": [(CLAUSE_REWORD[0], (7,)), (CLAUSE_REWORD[1], (8,))],
    }
    # an agreeing sentence is never under "disagree", and the other way round
    assert not {t for t, _ in parts["disagree"]} & set(CLAUSE_AGREE)
    assert not {t for t, _ in parts["agree"]} & set(CLAUSE_DISAGREE)
    # byte for byte as written: "hòa" and "Hòa" are never respelled "hoà"
    assert CLAUSE_REWORD[1].encode() in [t.encode() for t, _ in parts["reword"]]
    assert "Hòa giải viên" in parts["reword"][1][0]
    assert all("hoà" not in t.lower() for part in parts.values() for t, _ in part)
    assert clause.sentences == tuple(x for _, part in clause.by_stance for x in part)
    # the same whatever the partitioning
    again = tp.topics(texts, stances=stances, clauses=clauses, partition_size=4)
    assert again.clauses == result.clauses
    assert again.clauses_skipped == result.clauses_skipped


def test_clause_summaries_are_bounded_and_read_one_clause_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ykien.analysis.topics import run

    # 40 agreeing comments on clause 1 (past SUMMARY_SAMPLE), the fixture's clause 7 as well
    texts, stances, clauses = _clause_fixture()
    extra = [
        f"Tôi đồng ý hỗ trợ học phí cho học sinh vùng khó khăn của xã số {i}." for i in range(40)
    ]
    texts, stances, clauses = (
        [*texts, *extra],
        [*stances, *["agree"] * 40],
        [*clauses, *[1] * 40],
    )
    calls: list[list[int]] = []
    real = run._summary

    def spy(members: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(list(members))
        return real(members, *args, **kwargs)

    monkeypatch.setattr(run, "_summary", spy)
    result = tp.topics(texts, stances=stances, clauses=clauses, max_topics=1)
    assert [c.clause for c in result.clauses] == [1, 7]
    assert result.clauses_skipped == (9,)
    # clause 1's summary (agree only), clause 7's three, then the one topic's three
    assert len(calls) == 1 + 3 + 3
    for members in calls[:4]:
        assert len(members) <= run.SUMMARY_SAMPLE
        assert len({clauses[i] for i in members}) == 1  # never two clauses' comments together
        assert len({stances[i] for i in members}) == 1  # nor two stances'
    assert len(calls[0]) == run.SUMMARY_SAMPLE == 30
    assert [clauses[m[0]] for m in calls[:4]] == [1, 7, 7, 7]
    first = result.clauses[0]
    assert [s for s, _ in first.by_stance] == ["agree"]
    assert 1 <= len(first.by_stance[0][1]) <= 3  # at most `summary_sentences` a stance
    assert first.size == 40


def test_an_empty_draft_and_a_clause_without_analysable_text_are_no_crash() -> None:
    empty = tp.topics([], stances=[], clauses=[])
    assert empty.clauses == ()
    assert empty.clauses_skipped == ()
    unusable = tp.topics(["", "👍", "I agree."], stances=["agree"] * 3, clauses=[4, 4, 4])
    assert unusable.clauses == ()
    assert unusable.clauses_skipped == (4,)
    with pytest.raises(ValueError, match="clauses"):
        tp.topics(FOR, clauses=[1])

"""Near-duplicate groups, campaigns and the `ykien analysis duplicates` sub-command."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ykien.analysis.commands import duplicates as command
from ykien.analysis.duplicates import (
    EMPTY,
    Campaign,
    DuplicateGroup,
    campaigns,
    duplicate_groups,
    duplicate_labels,
    group_signatures,
    groups_from_labels,
    lsh_bands,
    pairwise_scores,
    signatures,
)
from ykien.analysis.tests.bench_generator import comment_generator

FORM_LETTER = (
    "Chúng tôi đề nghị Ban soạn thảo giữ nguyên quy định về mức bồi thường khi Nhà nước "
    "thu hồi đất nông nghiệp. Giá đất bồi thường phải sát với giá thị trường tại thời điểm "
    "thu hồi. Người dân bị thu hồi đất cần được hỗ trợ chuyển đổi nghề và tìm kiếm việc làm. "
    "Đề nghị công khai phương án bồi thường trước khi họp dân ít nhất ba mươi ngày."
)
FORM_LETTER_NO_DIACRITICS = (
    "Chung toi de nghi Ban soan thao giu nguyen quy dinh ve muc boi thuong khi Nha nuoc "
    "thu hoi dat nong nghiep. Gia dat boi thuong phai sat voi gia thi truong tai thoi diem "
    "thu hoi. Nguoi dan bi thu hoi dat can duoc ho tro chuyen doi nghe va tim kiem viec lam. "
    "De nghi cong khai phuong an boi thuong truoc khi hop dan it nhat ba muoi ngay."
)
COMMENTS = [
    FORM_LETTER,  # 0
    "Tôi là Trần Thị Hoa, giáo viên ở xã Tân Phú, tỉnh Đồng Tháp. " + FORM_LETTER,  # 1
    FORM_LETTER_NO_DIACRITICS,  # 2
    FORM_LETTER.replace("đề nghị Ban", "kiến nghị Ban").replace("Người dân", "Nhân dân"),  # 3
    FORM_LETTER.replace(
        " Giá đất bồi thường phải sát với giá thị trường tại thời điểm thu hồi.", ""
    ),  # 4: a sentence dropped
    "Học phí bậc trung học cơ sở ở vùng sâu vùng xa nên được miễn để các em không bỏ học.",  # 5
    "Tôi thấy quy định về đăng ký thường trú còn rườm rà, nhiều giấy tờ không cần thiết.",  # 6
    "Đề nghị làm rõ trách nhiệm của chủ đầu tư khi chậm bàn giao nhà ở xã hội.",  # 7
    "Tôi hoàn toàn nhất trí với dự thảo.",  # 8
    "toi hoan toan nhat tri voi du thao",  # 9
    "TÔI HOÀN TOÀN NHẤT TRÍ VỚI DỰ THẢO!!!",  # 10
    "",  # 11
    "👍👍👍",  # 12
    "👍👍👍",  # 13
]


def test_form_letters_and_stock_phrases_are_grouped_exactly() -> None:
    assert duplicate_groups(COMMENTS) == [
        DuplicateGroup(group=1, members=(0, 1, 2, 3, 4)),
        DuplicateGroup(group=2, members=(8, 9, 10)),
    ]


def test_labels_point_at_the_first_member() -> None:
    labels = duplicate_labels(COMMENTS)
    assert labels.tolist() == [0, 0, 0, 0, 0, 5, 6, 7, 8, 8, 8, 11, 12, 13]


def test_texts_without_words_are_never_grouped() -> None:
    sig = signatures(["", "👍", "!!!", "có chữ"])
    assert (sig[:3] == EMPTY).all()
    assert (sig[3] != EMPTY).all()
    assert group_signatures(sig).tolist() == [0, 1, 2, 3]


def test_threshold_decides_how_near_is_near() -> None:
    strict = duplicate_groups(COMMENTS, threshold=0.95, containment=None)
    assert [g.members for g in strict] == [(8, 9, 10), (0, 2)]


def test_signatures_are_the_same_per_partition_per_thread_and_per_iterable() -> None:
    whole = signatures(COMMENTS)
    assert whole.shape == (len(COMMENTS), 128)
    assert whole.dtype == np.uint32
    parts = np.concatenate([signatures(COMMENTS[:5]), signatures(COMMENTS[5:])])
    assert np.array_equal(whole, parts)
    assert np.array_equal(whole, signatures(COMMENTS, workers=2, batch_size=3))
    assert np.array_equal(whole, signatures(iter(COMMENTS), batch_size=4))
    assert signatures([]).shape == (0, 128)


def test_group_signatures_of_nothing_or_one() -> None:
    assert group_signatures(np.empty((0, 128), np.uint32)).tolist() == []
    assert group_signatures(signatures(["một"])).tolist() == [0]


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        group_signatures(signatures(COMMENTS), threshold=0.0)


def test_lsh_bands_for_the_default_threshold() -> None:
    assert lsh_bands(0.5, 128) == (32, 4)


def test_groups_from_labels_lists_each_group_once_largest_first() -> None:
    labels = np.array([7, 3, 7, 3, 3, 9, 1, 1])
    assert groups_from_labels(labels) == [
        DuplicateGroup(group=1, members=(1, 3, 4)),
        DuplicateGroup(group=2, members=(0, 2)),
        DuplicateGroup(group=3, members=(6, 7)),
    ]
    assert groups_from_labels(labels, min_size=3) == [DuplicateGroup(group=1, members=(1, 3, 4))]
    assert groups_from_labels(np.array([], np.int64)) == []
    assert groups_from_labels(labels)[0].size == 3


def test_pairwise_scores_count_pairs() -> None:
    truth = np.array([0, 0, 0, -1, 1, 1, -1])
    predicted = np.array([0, 0, 5, 5, 4, 4, 6])
    # true pairs: (0,1) (0,2) (1,2) (4,5); predicted: (0,1) (2,3) (4,5)
    assert pairwise_scores(predicted, truth) == (2 / 3, 2 / 4)
    assert pairwise_scores(np.arange(4), np.full(4, -1)) == (1.0, 1.0)


@pytest.fixture(scope="module")
def corpus() -> Any:
    return comment_generator().generate(20_000, seed=7)


def test_planted_groups_are_found_in_20k_generated_comments(corpus: Any) -> None:
    labels = duplicate_labels(corpus.texts, workers=2)
    precision, recall = pairwise_scores(labels, corpus.labels)
    assert precision >= 0.95
    assert recall >= 0.95


def test_generator_is_seeded(corpus: Any) -> None:
    again = comment_generator().generate(2_000, seed=7)
    assert again.texts == comment_generator().generate(2_000, seed=7).texts
    assert len(corpus.texts) == len(corpus.ids) == len(corpus.authors) == 20_000
    assert corpus.labels.max() + 1 == len(corpus.coordinated)


# --- campaigns ------------------------------------------------------------------------

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def test_burst_of_near_duplicates_is_a_campaign() -> None:
    groups = [
        DuplicateGroup(group=1, members=(0, 1, 2, 3, 4, 5)),  # within 50 minutes
        DuplicateGroup(group=2, members=(6, 7, 8, 9, 10, 11)),  # one a day
    ]
    times = [T0 + timedelta(minutes=10 * i) for i in range(6)]
    times += [T0 + timedelta(days=i) for i in range(6)]
    found = campaigns(groups, timestamps=times, window=timedelta(hours=1))
    assert found == [
        Campaign(
            group=1,
            members=(0, 1, 2, 3, 4, 5),
            reasons=("burst",),
            peak=6,
            peak_start=T0.timestamp(),
        )
    ]


def test_repeated_and_new_identities_make_a_campaign() -> None:
    groups = [
        DuplicateGroup(group=1, members=(0, 1, 2, 3, 4)),
        DuplicateGroup(group=2, members=(5, 6, 7, 8, 9)),
        DuplicateGroup(group=3, members=(10, 11, 12, 13, 14)),
    ]
    authors = ["bot", "bot", "bot", "an", "bình"]  # one identity wrote three
    authors += ["n1", "n2", "n3", "n4", "cũ"]  # accounts created during the consultation
    authors += ["a", "b", "c", "d", "e"]  # ordinary citizens
    found = campaigns(groups, author_ids=authors, new_authors={"n1", "n2", "n3", "n4"})
    assert [(c.group, c.reasons, c.authors, c.repeated, c.new) for c in found] == [
        (1, ("repeated_authors",), 3, 3, 0),
        (2, ("new_authors",), 5, 0, 4),
    ]


def test_without_times_or_authors_size_alone_flags() -> None:
    groups = [DuplicateGroup(group=1, members=tuple(range(5))), DuplicateGroup(2, (5, 6))]
    assert campaigns(groups) == [Campaign(group=1, members=(0, 1, 2, 3, 4), reasons=("size",))]


def test_campaigns_accept_epoch_seconds_and_datetime64() -> None:
    groups = [DuplicateGroup(group=1, members=(0, 1, 2, 3, 4))]
    seconds = [1000.0, 1010.0, 1020.0, 1030.0, 1040.0]
    as_datetime64 = np.array(seconds, dtype=np.int64).astype("datetime64[s]")
    for times in (seconds, as_datetime64):
        (found,) = campaigns(groups, timestamps=times)
        assert found.reasons == ("burst",)
        assert found.peak_start == 1000.0


def test_naive_datetimes_are_refused() -> None:
    groups = [DuplicateGroup(group=1, members=(0, 1, 2, 3, 4))]
    with pytest.raises(ValueError, match="aware"):
        campaigns(groups, timestamps=[datetime(2025, 6, 1)] * 5)


def test_planted_coordinated_campaigns_are_flagged(corpus: Any) -> None:
    groups = duplicate_groups(corpus.texts, workers=2)
    found = campaigns(
        groups,
        timestamps=corpus.timestamps,
        author_ids=corpus.authors,
        new_authors=corpus.new_authors,
        min_size=10,
    )
    flagged = set()
    for campaign in found:
        planted = corpus.labels[list(campaign.members)]
        flagged.add(int(np.bincount(planted[planted >= 0]).argmax()))
    coordinated = {
        g
        for g in range(len(corpus.coordinated))
        if corpus.coordinated[g] and (corpus.labels == g).sum() >= 10
    }
    assert coordinated
    assert len(coordinated & flagged) / len(coordinated) >= 0.95
    assert len(flagged - coordinated) / len(flagged) <= 0.05


# --- the sub-command --------------------------------------------------------------------


def _run(tmp_path: Path, content: str, **options: object) -> tuple[int, str, str]:
    path = tmp_path / "gop_y.csv"
    path.write_text(content, encoding="utf-8")
    stdout, stderr = io.StringIO(), io.StringIO()
    opts = {"file": str(path), "text_column": "noi_dung", "id_column": "ma", "threshold": 0.5}
    opts.update(options)
    code = command.handle(opts, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def _csv(rows: list[tuple[str, str]]) -> str:
    lines = ["ma,noi_dung,ghi_chu"]
    for row_id, text in rows:
        quoted = text.replace('"', '""')
        lines.append(f'{row_id},"{quoted}",x')
    return "\n".join(lines) + "\n"


def test_command_prints_one_json_line_per_group(tmp_path: Path) -> None:
    rows = [(f"G{i:02d}", text) for i, text in enumerate(COMMENTS)]
    code, out, err = _run(tmp_path, "\ufeff" + _csv(rows))
    assert code == 0
    assert out.splitlines() == [
        '{"group": 1, "ids": ["G00", "G01", "G02", "G03", "G04"], "size": 5}',
        '{"group": 2, "ids": ["G08", "G09", "G10"], "size": 3}',
    ]
    assert err == (
        "rows=14 used=11 skipped=3 empty=1 malformed=0 no_id=0 no_words=2 groups=2 grouped=8\n"
    )


def test_command_skips_and_counts_bad_rows(tmp_path: Path) -> None:
    long_comment = "Người dân đề nghị sửa đổi quy định về đất đai. " * 2200  # > 100 KB
    content = (
        _csv(
            [
                ("1", FORM_LETTER),
                ("2", FORM_LETTER_NO_DIACRITICS),
                ("", "không có mã"),
                ("4", "   "),
                ("5", "I fully support this draft law, it protects workers."),
                ("6", "我支持这个草案"),
                ("7", long_comment),
                ("8", long_comment + " Trân trọng."),
                ("9", "😡😡😡"),
            ]
        )
        + "10,thiếu cột\n"
        + '11,"quá, nhiều",cột,nữa\n'
        + "\n"
    )
    code, out, err = _run(tmp_path, content)
    assert code == 0
    assert out.splitlines() == [
        '{"group": 1, "ids": ["1", "2"], "size": 2}',
        '{"group": 2, "ids": ["7", "8"], "size": 2}',
    ]
    assert err == (
        "rows=12 used=6 skipped=6 empty=1 malformed=3 no_id=1 no_words=1 groups=2 grouped=4\n"
    )


def test_command_reports_a_missing_file(tmp_path: Path) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    options = {"file": str(tmp_path / "khong_co.csv"), "text_column": "a", "id_column": "b"}
    assert command.handle(options, stdout, stderr) == 2
    assert stdout.getvalue() == ""
    assert stderr.getvalue() == f"Lỗi: không tìm thấy tệp {tmp_path / 'khong_co.csv'}.\n"


def test_command_reports_a_missing_column(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, _csv([("1", "a")]), text_column="content")
    assert (code, out) == (2, "")
    assert err == (
        f"Lỗi: không có cột 'content' trong {tmp_path / 'gop_y.csv'}; "
        "các cột: 'ma', 'noi_dung', 'ghi_chu'.\n"
    )


def test_command_reports_an_empty_file_and_a_bad_threshold(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, "")
    assert (code, out) == (2, "")
    assert err == f"Lỗi: tệp {tmp_path / 'gop_y.csv'} rỗng, không có dòng tên cột.\n"
    code, out, err = _run(tmp_path, _csv([("1", "a")]), threshold=1.5)
    assert (code, out) == (2, "")
    assert err == "Lỗi: --threshold phải lớn hơn 0 và không quá 1 (nhận 1.5).\n"


def test_command_survives_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("ma,noi_dung\n1,Góp ý\n2,Góp ý\n".encode("latin-1"))
    stdout, stderr = io.StringIO(), io.StringIO()
    options = {"file": str(path), "text_column": "noi_dung", "id_column": "ma", "threshold": 0.5}
    assert command.handle(options, stdout, stderr) == 0
    assert stdout.getvalue() == '{"group": 1, "ids": ["1", "2"], "size": 2}\n'


# --------------------------------------------------------------------------------------
# Campaigns however they are varied (the adversarial generator, independent of the method)
# --------------------------------------------------------------------------------------

LETTER = [
    "Kính gửi Ban soạn thảo dự thảo Luật Đất đai (sửa đổi).",
    "Khu tái định cư ở nhiều địa phương được xây dựng chậm, hạ tầng thiếu điện, thiếu "
    "nước sạch, xa trường học và trạm y tế.",
    "Người dân phải bàn giao mặt bằng trước rồi mới được bố trí tái định cư, có gia đình "
    "phải ở nhà thuê suốt ba, bốn năm.",
    "Tôi kiến nghị bổ sung quy định bắt buộc hoàn thành khu tái định cư đạt chuẩn trước "
    "khi ra quyết định thu hồi đất.",
]


def test_a_copy_keeping_two_thirds_with_an_introduction_is_the_same_campaign() -> None:
    """Containment: the copy keeps three of the four sentences behind a long personal
    introduction; its Jaccard similarity with the letter is below 0.5, its containment
    well above 0.6."""
    full = " ".join(LETTER)
    copy = (
        "Tôi là Nguyễn Thị Hoà, sáu mươi hai tuổi, giáo viên đã nghỉ hưu, cư trú tại ấp Tân "
        "Hoà, xã Tân Quới, huyện Bình Tân, tỉnh Vĩnh Long; gia đình tôi có ba thế hệ sống "
        "bằng nghề trồng lúa và đã hai lần bị thu hồi đất để làm đường và khu công nghiệp. "
        "Lần thứ hai, cả xóm chúng tôi phải chờ gần năm năm mới nhận được nền nhà tái định "
        "cư, trong thời gian đó con cháu tôi phải nghỉ học để đi làm thuê ở thành phố. "
        + " ".join(LETTER[1:])
    )
    other = "Tôi thấy quy định về đăng ký thường trú còn rườm rà, nhiều giấy tờ không cần thiết."
    assert duplicate_groups([full, copy, other], containment=None) == []
    assert duplicate_groups([full, copy, other]) == [DuplicateGroup(group=1, members=(0, 1))]


def test_diacritics_old_tone_marks_case_punctuation_and_nfd_do_not_matter() -> None:
    from ykien.analysis.tests.campaigns_gen import old_tone_marks, strip_marks

    full = " ".join(LETTER) + " Xin trân trọng cảm ơn, chúc quý Ban sức khoẻ."
    variants = [
        full,
        strip_marks(full),
        old_tone_marks(full),  # hoà → hòa, khoẻ → khỏe
        full.lower(),
        full.replace(",", " , ").replace(".", " . "),
        full.replace(",", "").replace(".", ""),
        __import__("unicodedata").normalize("NFD", full),
    ]
    assert "khỏe" in variants[2]
    assert duplicate_groups(variants) == [DuplicateGroup(group=1, members=tuple(range(7)))]


def test_two_templates_sharing_a_sentence_stay_two_campaigns() -> None:
    from ykien.analysis.tests.campaigns_gen import TUNING

    first, second = TUNING[0][1], TUNING[1][1]
    assert first[0] == second[0]  # the same greeting
    texts = [" ".join(first)] * 3 + [" ".join(second)] * 3
    texts += [" ".join(first[:3]), " ".join(second[:3])]
    labels = duplicate_labels(texts)
    assert len({int(x) for x in labels[[0, 1, 2, 6]]}) == 1
    assert len({int(x) for x in labels[[3, 4, 5, 7]]}) == 1
    assert labels[0] != labels[3]


def test_a_chain_of_overlapping_comments_is_not_one_group() -> None:
    """Transitive grouping is verified: ten comments of four sentences, each sharing three
    with the next (near-duplicates), are linked in a chain, but the first and the last
    share nothing; they have no template in common, so the chain is cut (into groups of
    at most five), not one group of ten."""
    from ykien.analysis.tests.campaigns_gen import ORGANIC

    sentences = ORGANIC[:13]  # thirteen unrelated hand-written sentences
    texts = [" ".join(sentences[i : i + 4]) for i in range(10)]
    pairs = duplicate_groups(texts[:2])
    assert pairs == [DuplicateGroup(group=1, members=(0, 1))]  # neighbours are near-duplicates
    groups = duplicate_groups(texts)
    assert groups
    assert max(g.size for g in groups) <= 5


def _real_text() -> int:
    from ykien.analysis.tests.campaigns_gen import real_sentences

    return len(real_sentences())


# The background is real Vietnamese text from the machine's translation catalogues
# (Debian's /usr/share/locale/vi has thousands of sentences); without them the set would be
# made of a small grammar whose sentences resemble each other. In CI a missing catalogue
# is an error, not a skip.
needs_real_text = pytest.mark.skipif(
    _real_text() < 2000 and os.environ.get("CI") != "true",
    reason="fewer than 2,000 real Vietnamese sentences on this machine",
)


@needs_real_text
@pytest.mark.parametrize(
    ("templates", "seed"),
    [("tuning", 7), ("held_out", 1000), ("held_out", 1001)],
)
def test_adversarial_campaigns_precision_and_recall(templates: str, seed: int) -> None:
    """Form letters with introductions, dropped and reordered sentences, synonyms, typos,
    no diacritics, old tone marks, spaced or dropped punctuation and case, hidden among
    near-miss letters and real Vietnamese text: pairwise precision and recall ≥ 0.95 on
    templates and seeds never used for tuning (the star grouping this replaced had a recall
    of 0.70 here, as measured outside the project)."""
    from ykien.analysis.tests.campaigns_gen import generate

    assert _real_text() >= 2000
    data = generate(seed=seed, templates=templates)
    precision, recall = pairwise_scores(duplicate_labels(data.texts), data.labels_array())
    assert precision >= 0.95
    assert recall >= 0.95
    # and the biggest campaign is (nearly) one group, not cut into pieces
    truth = data.labels_array()
    labels = duplicate_labels(data.texts)
    biggest = np.bincount(truth[truth >= 0]).argmax()
    pieces = np.unique(labels[truth == biggest], return_counts=True)[1]
    assert pieces.max() >= 0.95 * pieces.sum()


def test_adversarial_generator_is_seeded_and_makes_every_variation() -> None:
    from ykien.analysis.tests.campaigns_gen import KIND_COPY, KIND_NEAR_MISS, generate

    a = generate(seed=3, organic_n=200)
    b = generate(seed=3, organic_n=200)
    assert a.texts == b.texts
    copies = [t for t, k in zip(a.texts, a.kinds, strict=True) if k == KIND_COPY]
    assert any(t == t.lower() for t in copies)
    assert any("Tôi là" in t or "tôi là" in t or "Toi la" in t for t in copies)
    assert any(" , " in t or " . " in t for t in copies)
    assert KIND_NEAR_MISS in a.kinds
    assert sorted(set(a.labels) - {-1})[:2] == [0, 1]


def test_bad_input_two_copies_a_huge_letter_other_languages_and_empty() -> None:
    huge = ("Đề nghị giữ nguyên quy định về mức bồi thường khi thu hồi đất nông nghiệp. " * 1400)[
        :100_000
    ]
    texts = [
        huge,
        huge + " Xin cảm ơn.",  # a campaign of two copies
        "I fully support this draft, it protects workers and their families.",
        "我完全支持这个草案，它保护工人。",
        "Полностью поддерживаю этот проект закона.",
        "",
        "   ",
        "👍",
    ]
    assert len(huge) == 100_000
    groups = duplicate_groups(texts)
    assert groups == [DuplicateGroup(group=1, members=(0, 1))]


def test_command_sees_containment_unless_told_not_to(tmp_path: Path) -> None:
    full = " ".join(LETTER)
    copy = (
        "Tôi là Nguyễn Thị Hoà, sáu mươi hai tuổi, giáo viên đã nghỉ hưu, cư trú tại ấp Tân "
        "Hoà, xã Tân Quới, huyện Bình Tân, tỉnh Vĩnh Long; gia đình tôi có ba thế hệ sống "
        "bằng nghề trồng lúa và đã hai lần bị thu hồi đất để làm đường và khu công nghiệp. "
        "Lần thứ hai, cả xóm chúng tôi phải chờ gần năm năm mới nhận được nền nhà tái định "
        "cư, trong thời gian đó con cháu tôi phải nghỉ học để đi làm thuê ở thành phố. "
        + " ".join(LETTER[1:])
    )
    content = _csv([("A", full), ("B", copy)])
    code, out, _ = _run(tmp_path, content)
    assert code == 0
    assert out.splitlines() == ['{"group": 1, "ids": ["A", "B"], "size": 2}']
    code, out, _ = _run(tmp_path, content, no_containment=True)
    assert code == 0
    assert out == ""
    code, _, err = _run(tmp_path, content, containment=1.5)
    assert code == 2
    assert "--containment" in err

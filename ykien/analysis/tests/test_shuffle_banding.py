"""Near-duplicates over Parquet partitions with the banding as a Dask shuffle give exactly
the in-process groups."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ykien.analysis import duplicates as dup
from ykien.analysis import parquet
from ykien.analysis import shuffle_banding as sb
from ykien.analysis.duplicates import grouping as gr
from ykien.analysis.tests.bench_generator import comment_generator
from ykien.analysis.tests.campaigns_gen import generate

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def _layout(root: Path, texts: list[str], timestamps: list[float]) -> list[parquet.PartFile]:
    """The texts as a draft/day/clause layout (clause from the position, small files)."""
    with parquet.ParquetWriter(root, flush_rows=150) as writer:
        for i, (text, ts) in enumerate(zip(texts, timestamps, strict=True)):
            writer.add(7, i % 3, i, text, datetime.fromtimestamp(ts, UTC))
    return parquet.part_files(root, draft=7)


def _in_file_order(files: list[parquet.PartFile]) -> tuple[list[str], np.ndarray]:
    ids = parquet.read_column([f.path for f in files], "id")
    return parquet.read_texts([f.path for f in files]), ids


def test_adversarial_set_gives_the_in_process_groups(client: Any, tmp_path: Path) -> None:
    made = generate(seed=3, templates="all")
    # exact copies, and texts without words, beside the campaigns and near misses
    texts = [*made.texts, made.texts[0], made.texts[0], "", "👍 !!", made.texts[5]]
    stamps = [*made.timestamps, *made.timestamps[:5]]
    files = _layout(tmp_path / "layout", texts, stamps)
    assert len({(f.day, f.clause) for f in files}) > 40
    ordered, ids = _in_file_order(files)
    assert sorted(ids.tolist()) == list(range(len(texts)))
    stats = sb.BandingStats()
    on_cluster = sb.duplicate_labels(
        client, files, task_rows=500, records_per_partition=10_000, stats=stats
    )
    in_process = dup.duplicate_labels(ordered)
    assert np.array_equal(on_cluster, in_process)
    assert sb.duplicate_groups(client, tmp_path / "layout", task_rows=700) == dup.duplicate_groups(
        ordered
    )
    # it was a real shuffle over several tasks and partitions, with exact copies collapsed
    assert stats.tasks > 5
    assert stats.shuffle_partitions > 5
    assert stats.representatives < stats.rows - 3
    assert stats.verified_edges > 1000
    # and the groups are the campaigns: the planted ones are found
    truth = np.asarray([*made.labels, made.labels[0], made.labels[0], -1, -1, made.labels[5]])
    truth = truth[ids]
    precision, recall = dup.pairwise_scores(in_process, truth)
    assert precision > 0.99
    assert recall > 0.95


def test_generated_comments_with_containment_off(client: Any, tmp_path: Path) -> None:
    texts = comment_generator().generate(3_000, seed=11).texts
    files = _layout(tmp_path / "g", texts, [1_751_328_000.0 + 3600.0 * i for i in range(3_000)])
    ordered, _ = _in_file_order(files)
    got = sb.duplicate_labels(client, files, containment=None, threshold=0.6, task_rows=400)
    assert np.array_equal(got, dup.duplicate_labels(ordered, containment=None, threshold=0.6))
    assert len(dup.groups_from_labels(got)) > 50


def test_nothing_or_one_text(client: Any, tmp_path: Path) -> None:
    assert sb.duplicate_labels(client, []).tolist() == []
    files = _layout(tmp_path / "one", ["Một ý kiến."], [1_751_328_000.0])
    assert sb.duplicate_labels(client, files).tolist() == [0]
    with pytest.raises(ValueError, match="threshold"):
        sb.duplicate_labels(client, files, threshold=0.0)


def test_bucket_leader_is_the_smallest_member_whatever_the_order() -> None:
    members = np.array([5, 2, 9, 4, 7, 1], np.int64)
    starts = np.array([True, False, False, True, False, False])
    a, b = gr.bucket_pairs(members, starts)
    assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == [(1, 4), (1, 7), (2, 5), (2, 9)]


def test_layout_paths_and_order(tmp_path: Path) -> None:
    with parquet.ParquetWriter(tmp_path, flush_rows=2) as writer:
        for i, day in enumerate([3, 1, 1, 2, 1]):
            writer.add(2, i % 2, 10 + i, f"ý kiến {i}", datetime(2026, 1, day, 23, tzinfo=UTC))
    files = parquet.part_files(tmp_path)
    assert [(f.day, f.clause, f.rows) for f in files] == [
        ("2026-01-01", 0, 2),
        ("2026-01-01", 1, 1),
        ("2026-01-02", 1, 1),
        ("2026-01-03", 0, 1),
    ]
    assert all("/draft=2/day=2026-01-0" in f.path for f in files)
    texts = parquet.read_texts([f.path for f in files])
    assert texts == ["ý kiến 2", "ý kiến 4", "ý kiến 1", "ý kiến 3", "ý kiến 0"]
    assert parquet.part_files(tmp_path, clauses=[0], days=["2026-01-03"])[0].rows == 1
    with pytest.raises(ValueError, match="aware"):
        parquet.ParquetWriter(tmp_path).add(2, 0, 1, "x", datetime(2026, 1, 1))

"""The duplicate and topic jobs on a Dask cluster give the in-process results."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from ykien.analysis import distributed as ykd
from ykien.analysis import duplicates as dup
from ykien.analysis import topics as tp
from ykien.analysis.commands import duplicates as duplicates_command
from ykien.analysis.commands import topics as topics_command
from ykien.analysis.tests.bench_generator import comment_generator
from ykien.analysis.tests.labelled import labelled_set

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster) as connected:
        yield connected


def test_duplicate_groups_on_the_cluster_are_the_in_process_ones(client: Any) -> None:
    texts = comment_generator().generate(6_000, seed=5).texts
    in_process = dup.duplicate_labels(texts)
    on_cluster = ykd.duplicate_labels(client, texts, partition_size=1_100)  # 6 partitions
    assert len(dup.groups_from_labels(in_process)) > 100
    assert np.array_equal(on_cluster, in_process)
    assert np.array_equal(ykd.signatures(client, texts[:10]), dup.signatures(texts[:10]))
    assert ykd.signatures(client, []).shape == (0, dup.DEFAULT_NUM_PERM)


def test_topics_on_the_cluster_are_the_in_process_ones(client: Any) -> None:
    texts, _ = labelled_set(seed=7)
    texts = [*texts, "", "👍", "I fully support this draft."]
    in_process = tp.topics(texts)
    on_cluster = ykd.topics(client, texts, partition_size=47)  # 5 partitions
    assert np.array_equal(on_cluster.labels, in_process.labels)
    assert on_cluster.topics == in_process.topics
    assert on_cluster.skipped == in_process.skipped
    assert on_cluster.skipped["other_language"] == 1
    assert len(in_process.topics) >= 5


def _csv(path: Path, texts: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ma", "noi_dung"])
        writer.writerows([f"c{i}", text] for i, text in enumerate(texts))
    return path


def _run(module: ModuleType, **options: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = module.handle({"text_column": "noi_dung", "id_column": "ma", **options}, out, err)
    return code, out.getvalue(), err.getvalue()


def test_commands_take_engine_dask(cluster: Any, tmp_path: Path) -> None:
    texts = comment_generator().generate(600, seed=2).texts
    path = str(_csv(tmp_path / "gop_y.csv", texts))
    dask = {"engine": "dask", "scheduler": cluster.scheduler_address}
    local = _run(duplicates_command, file=path, threshold=0.5)
    remote = _run(duplicates_command, file=path, threshold=0.5, **dask)
    assert local[0] == remote[0] == 0
    assert remote[1] == local[1]
    assert remote[1].count("\n") >= 10
    assert remote[2] == local[2]

    short = str(_csv(tmp_path / "chu_de.csv", labelled_set(per_theme=10, seed=4)[0]))
    topic_options = {"file": short, "format": "json", "max_topics": 8, "embedder": "tfidf"}
    local = _run(topics_command, **topic_options)
    remote = _run(topics_command, **topic_options, **dask)
    assert local[0] == remote[0] == 0
    assert remote[1] == local[1]
    assert '"topics": [{"topic": 1' in remote[1]


def test_an_unreachable_scheduler_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ykd.DaskUnavailable, match="không kết nối được"):
        ykd.connect("tcp://127.0.0.1:9", timeout=1)


def test_partitions_cover_the_input_in_order() -> None:
    assert ykd.partitions(0, 10) == []
    assert ykd.partitions(25, 10) == [(0, 10), (10, 20), (20, 25)]
    assert ykd.partitions(3, 0) == [(0, 1), (1, 2), (2, 3)]


def test_clause_summaries_on_the_cluster_are_the_in_process_ones(client: Any) -> None:
    texts, _ = labelled_set(seed=7)
    texts = [*texts, "", "👍"]
    stances = [("agree", "disagree", "reword")[i % 3] for i in range(len(texts))]
    clauses = [i % 7 for i in range(len(texts) - 4)] + [8, 8, 8, 9]  # 8: two usable; 9: none
    options: dict[str, Any] = {"stances": stances, "clauses": clauses}
    in_process = tp.topics(texts, **options)
    on_cluster = ykd.topics(client, texts, partition_size=47, **options)  # 5 partitions
    assert [c.clause for c in in_process.clauses] == list(range(7))
    assert in_process.clauses_skipped == (8, 9)
    assert on_cluster.clauses == in_process.clauses
    assert on_cluster.clauses_skipped == in_process.clauses_skipped

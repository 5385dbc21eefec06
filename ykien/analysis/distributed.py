"""The duplicate and topic jobs on a Dask cluster (`distributed`, optional extra `[cluster]`).

The algorithms are the in-process ones; only where the partition steps run changes:

- duplicates: the texts are cut into partitions, `duplicates.signatures` runs on each
  partition on the workers, the signatures (n × 128 uint32: 512 bytes a comment) come
  back and `duplicates.group_signatures` groups them once on the driver. Signatures are
  computed per text with fixed parameters, so the groups are exactly the in-process ones.
- topics: `topics.run_topics` with a `DaskRunner`: segmentation, features and hashed
  counts run on the workers and stay there; the counts and document frequencies come
  back to the driver, which clusters; the phrase counts and sentences of the sampled
  members of each topic are then asked from the partitions that hold them.

Nothing here imports Django; `distributed` is imported on first use.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ykien.analysis import duplicates as dup
from ykien.analysis import topics as tp

__all__ = [
    "DaskRunner",
    "DaskUnavailable",
    "connect",
    "duplicate_labels",
    "partitions",
    "signatures",
    "topics",
]

DUPLICATE_PARTITION = 20_000  # texts per signature task (≈ 10 MB of text, 10 MB of signatures)
TOPIC_PARTITION = 5_000  # texts per segmentation task (pyvi: ≈ 10 CPU-seconds)


class DaskUnavailable(RuntimeError):
    """`distributed` is not installed, or the scheduler cannot be reached."""


def connect(address: str, *, timeout: float = 20.0) -> Any:
    """A `distributed.Client` connected to the scheduler at `address` ("tcp://host:8786")."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskUnavailable("chưa cài dask.distributed (pip install 'ykien[cluster]')") from exc
    try:
        return Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise DaskUnavailable(f"không kết nối được bộ lập lịch Dask tại {address}: {exc}") from exc


def partitions(n: int, size: int) -> list[tuple[int, int]]:
    """(start, stop) of consecutive partitions of at most `size` of n items."""
    size = max(size, 1)
    return [(start, min(start + size, n)) for start in range(0, n, size)]


class DaskRunner:
    """`topics.Runner` on a `distributed.Client`: tasks are not cached by value
    (`pure=False`) and results stay on the workers until gathered."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return list(self.client.gather(list(handles)))

    def scatter(self, data: Any) -> Any:
        return self.client.scatter(data)


def _signatures(texts: Sequence[str]) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    return dup.signatures_and_sizes(texts, workers=1)


def signatures_and_sizes(
    client: Any, texts: Sequence[str], *, partition_size: int = DUPLICATE_PARTITION
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """`duplicates.signatures_and_sizes(texts)`, partition by partition on the cluster's
    workers."""
    bounds = partitions(len(texts), partition_size)
    if not bounds:
        return np.empty((0, dup.DEFAULT_NUM_PERM), np.uint32), np.empty(0, np.uint32)
    chunks = client.scatter([list(texts[a:b]) for a, b in bounds])
    futures = [client.submit(_signatures, chunk, pure=False) for chunk in chunks]
    parts = client.gather(futures)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def signatures(
    client: Any, texts: Sequence[str], *, partition_size: int = DUPLICATE_PARTITION
) -> npt.NDArray[np.uint32]:
    """`duplicates.signatures(texts)`, partition by partition on the cluster's workers."""
    return signatures_and_sizes(client, texts, partition_size=partition_size)[0]


def duplicate_labels(
    client: Any,
    texts: Sequence[str],
    *,
    threshold: float = dup.DEFAULT_THRESHOLD,
    partition_size: int = DUPLICATE_PARTITION,
) -> npt.NDArray[np.int64]:
    """`duplicates.duplicate_labels(texts)`: signatures on the cluster, grouping here."""
    sig, sizes = signatures_and_sizes(client, texts, partition_size=partition_size)
    return dup.group_signatures(sig, sizes=sizes, threshold=threshold, workers=os.cpu_count() or 1)


def topics(
    client: Any,
    texts: Sequence[str],
    *,
    partition_size: int = TOPIC_PARTITION,
    **options: Any,
) -> tp.TopicResult:
    """`topics.topics(texts)`, with the partition steps on the cluster. `options` are
    those of `topics.run_topics` (embedder, max_topics, min_topic_size, max_chars, seed)."""
    bounds = partitions(len(texts), partition_size)
    chunks = client.scatter([list(texts[a:b]) for a, b in bounds]) if bounds else []
    return tp.run_topics(
        [(a, chunk) for (a, _), chunk in zip(bounds, chunks, strict=True)],
        len(texts),
        runner=DaskRunner(client),
        **options,
    )

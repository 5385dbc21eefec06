"""Near-duplicate comments and campaigns.

Groups comments that are the same or nearly the same: a form letter with a personal
introduction added, a few words or synonyms changed, a sentence dropped, typed with or
without diacritics. Pure numpy, no Django, so it runs in a web process, a task worker
or, partition by partition, on a Dask cluster.

Two texts are near-duplicates when the Jaccard similarity of their sets of word pairs
(`shingle_size` consecutive words of `text.tokens`) reaches `threshold`. A group is a
star: every member is a near-duplicate of the group's central text.

The method, in three steps, without a Python loop over texts or pairs:

1. `signatures(texts)` (per partition, embarrassingly parallel): hash the tokens of a
   batch of texts at once (`text.hash_tokens`: lower case, no diacritics, punctuation
   dropped), hash their word pairs, and summarise each set by a one-permutation MinHash:
   a pair hash picks one of `num_perm` bins with its high bits and competes for the
   bin's minimum with its low 32 bits (each pair goes to two bins, which halves the
   empty ones); empty bins are filled by "optimal densification" (Shrivastava 2017), so
   two texts agree on a bin with probability equal to their Jaccard similarity. One
   hash per pair instead of `num_perm` is what makes it fast. Result: an
   (n, num_perm) uint32 array.
2. `group_signatures(signatures)` (one pass over all signatures): identical signatures
   are collapsed first (exact copies), banded LSH proposes candidate pairs by sorting
   band hashes (`np.argsort`, no Python dicts; each member of a bucket is paired with
   the bucket's leader), candidates are verified on 8-bit fingerprints of the minima,
   and the verified links are cut into stars around approximate medoids of their
   connected components (`scipy.sparse.csgraph`).
3. `groups_from_labels` lists each group once with its members; `campaigns` flags the
   groups that look coordinated (many in a short window, new or repeated identities).

The steps, one module each: `minhash` (1), `grouping` (2) and `groups` (3, and the
convenience entry points). Callers import from this package.
"""

from ykien.analysis.duplicates.grouping import (
    group_signatures,
    lsh_bands,
)
from ykien.analysis.duplicates.groups import (
    Campaign,
    DuplicateGroup,
    campaigns,
    duplicate_groups,
    duplicate_labels,
    groups_from_labels,
    pairwise_scores,
)
from ykien.analysis.duplicates.minhash import (
    DEFAULT_CONTAINMENT,
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE_SIZE,
    DEFAULT_THRESHOLD,
    EMPTY,
    shingle_hashes,
    signatures,
    signatures_and_sizes,
)

__all__ = [
    "DEFAULT_CONTAINMENT",
    "DEFAULT_NUM_PERM",
    "DEFAULT_SHINGLE_SIZE",
    "DEFAULT_THRESHOLD",
    "EMPTY",
    "Campaign",
    "DuplicateGroup",
    "campaigns",
    "duplicate_groups",
    "duplicate_labels",
    "group_signatures",
    "groups_from_labels",
    "lsh_bands",
    "pairwise_scores",
    "shingle_hashes",
    "signatures",
    "signatures_and_sizes",
]

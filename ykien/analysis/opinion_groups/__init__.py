"""Polis-compatible opinion groups over statement votes.

Pure functions over numpy / scipy arrays; nothing here imports Django, so the same code
runs in a web process, a task worker or a Dask worker.

The method follows the Polis math server (an independent implementation, written from
its published description):

1. The vote matrix: one row per participant, one column per comment, 1 = agree,
   -1 = disagree, 0 = pass; a re-vote replaces the earlier vote.
2. Missing votes are filled with the comment's mean and the matrix is centred. Filled
   cells are then exactly zero, so the centred matrix keeps the sparsity of the votes:
   ``X[p, c] = vote - mean[c]`` where ``p`` voted on ``c`` and 0 elsewhere. Moderated-out
   comments are zeroed, as Polis does.
3. Two principal components of ``X`` by (block) power iteration on ``X^T X``, computed with
   sparse matrix products only: the dense matrix is never built.
4. A participant's projection ``X[p] @ components`` is scaled by
   ``sqrt(n_comments / n_votes_cast)``, so that people who voted on few comments are not
   bunched at the centre. Like Polis, a zeroed (moderated-out) column counts as a vote.
5. Participants with at least ``min(7, n_comments)`` votes are clustered; if fewer than 15
   are, the set is topped up by most votes. (Polis also keeps in anyone it once let in;
   ``keep_first_voters=True`` mimics that with the first 15 voters by time.)
6. k-means with k = 100 over the projections gives base clusters; weighted k-means over
   the base centres for k = 2 .. min(5, 2 + n_base // 12), and the k with the best
   silhouette wins. A participant's group is the group of their base cluster.
7. Representative comments per group (``pa = (na + 1) / (ns + 2)``,
   ``ra = pa / pa_rest``, one- and two-proportion z-tests, both above 1.2816), plain
   consensus (what most participants agree or disagree on) and group-aware consensus
   (product over groups of ``(agrees_g + 1) / (seen_g + 2)``).

The parts, one module each: `base` (the parameters), `matrix` (1), `projection` (2–4),
`clustering` (5–6), `statistics` (7) and `pipeline` (all of it). Callers import from this
package.
"""

from ykien.analysis.opinion_groups.base import (
    AGREE,
    BASE_CLUSTERS,
    DISAGREE,
    GROUP_SELECT,
    GROUP_STARTS,
    MAX_GROUPS,
    MIN_CLUSTERED,
    MIN_GROUP_SHARE,
    MIN_VOTES,
    PASS,
    PICK_MAX,
    Z_90,
    BoolArray,
    Direction,
    FloatArray,
    IntArray,
)
from ykien.analysis.opinion_groups.clustering import (
    Clustering,
    base_clusters,
    clusterable,
    group_clusters,
    silhouette,
    weighted_kmeans,
)
from ykien.analysis.opinion_groups.matrix import (
    VoteMatrix,
    build_vote_matrix,
)
from ykien.analysis.opinion_groups.pipeline import (
    OpinionGroups,
    adjusted_rand_index,
    opinion_groups,
)
from ykien.analysis.opinion_groups.projection import (
    PCA,
    centred_matrix,
    pca,
    principal_components,
)
from ykien.analysis.opinion_groups.statistics import (
    Consensus,
    ConsensusComment,
    RepComment,
    VoteCounts,
    consensus,
    count_votes,
    group_aware_consensus,
    prop_test,
    representative_comments,
    two_prop_test,
)

__all__ = [
    "AGREE",
    "BASE_CLUSTERS",
    "DISAGREE",
    "GROUP_SELECT",
    "GROUP_STARTS",
    "MAX_GROUPS",
    "MIN_CLUSTERED",
    "MIN_GROUP_SHARE",
    "MIN_VOTES",
    "PASS",
    "PCA",
    "PICK_MAX",
    "Z_90",
    "BoolArray",
    "Clustering",
    "Consensus",
    "ConsensusComment",
    "Direction",
    "FloatArray",
    "IntArray",
    "OpinionGroups",
    "RepComment",
    "VoteCounts",
    "VoteMatrix",
    "adjusted_rand_index",
    "base_clusters",
    "build_vote_matrix",
    "centred_matrix",
    "clusterable",
    "consensus",
    "count_votes",
    "group_aware_consensus",
    "group_clusters",
    "opinion_groups",
    "pca",
    "principal_components",
    "prop_test",
    "representative_comments",
    "silhouette",
    "two_prop_test",
    "weighted_kmeans",
]

"""The parameters of the method (Polis's values) and the array types."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

AGREE = 1
DISAGREE = -1
PASS = 0

#: One-sided z for 90 % confidence, the threshold Polis uses for every test.
Z_90 = 1.2816
MIN_VOTES = 7
MIN_CLUSTERED = 15
BASE_CLUSTERS = 100
MAX_GROUPS = 5
PICK_MAX = 5
#: A group must hold at least this share of the clustered participants (one or two
#: people far from everyone else are not an opinion group).
MIN_GROUP_SHARE = 0.05
#: k-means starts per k for the groups; the best silhouette among them is kept.
GROUP_STARTS = 40
#: How the run is chosen for each k: "silhouette" (the best separated) or "inertia".
GROUP_SELECT = "inertia"

Direction = Literal["agree", "disagree"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

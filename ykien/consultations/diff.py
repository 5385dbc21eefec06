"""What changed between two versions of a draft, node by node (Điều, khoản, điểm …).

Pure Python (no Django); the result is plain JSON.

Nodes are matched level by level: Phần, Chương and Mục by their titles, Điều across the whole
document, khoản and điểm inside the matched Điều (then across the document for the ones that
moved to another Điều). Within each group identical texts are paired first, then nodes with the
same title, then very similar texts (so an inserted Điều that shifts the numbering does not pair
the old Điều 5 with the new, unrelated Điều 5), then nodes keeping their kind and number, then
fairly similar texts.

Each change has a ``status``:

``unchanged``  same text, same place
``moved``      same text, but renumbered or under another parent (``renumbered`` is true)
``modified``   the node's own title or text changed (``renumbered`` tells if it also moved);
               ``title_diff`` / ``text_diff`` are word-level spans
``added``      ``title_diff`` / ``text_diff`` hold the whole title / text as one ``insert``
``removed``    … as one ``delete``

A node's own text excludes its children: a changed khoản does not make its Điều "modified".
Changes are listed in the new version's reading order, removed nodes where they used to be.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Final

from ykien.consultations.splitter import Node, from_json, iter_nodes, label

STATUSES: Final = ("unchanged", "moved", "modified", "added", "removed")
_CONTAINERS: Final = ("part", "chapter", "section")
_WORD_RE: Final = re.compile(r"\w+")
_TOKEN_RE: Final = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(eq=False)
class _Unit:
    node: Node
    path: tuple[int, ...]
    parent: _Unit | None
    order: int
    ref: tuple[str, ...]
    children: list[_Unit] = field(default_factory=list)
    partner: _Unit | None = None
    _full: str | None = None

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def own(self) -> str:
        return _squash(f"{self.node.title}\n{self.node.text}")

    @property
    def full(self) -> str:
        if self._full is None:
            parts = [self.own, *(child.full for child in self.children)]
            self._full = "\n".join(part for part in parts if part)
        return self._full


def _squash(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


class _Similarity:
    """How alike two units are: Dice over their sets of words and word pairs.

    Cheap enough to compare every Điều of a long law with every other (sets, not sequence
    alignment); :func:`_text_ratio` reports the finer figure for matched pairs only.
    """

    def __init__(self, text_of: Callable[[_Unit], str]) -> None:
        self.text_of = text_of
        self.shingles: dict[int, frozenset[str]] = {}

    def shingles_of(self, unit: _Unit) -> frozenset[str]:
        key = id(unit)
        if key not in self.shingles:
            words = _words(self.text_of(unit))
            pairs = (f"{x} {y}" for x, y in itertools.pairwise(words))
            self.shingles[key] = frozenset((*words, *pairs))
        return self.shingles[key]

    def ratio(self, a: _Unit, b: _Unit) -> float:
        sa, sb = self.shingles_of(a), self.shingles_of(b)
        if not sa and not sb:
            return 1.0
        return 2 * len(sa & sb) / (len(sa) + len(sb))


def _text_ratio(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _flatten(nodes: Sequence[Node]) -> list[_Unit]:
    units: list[_Unit] = []
    by_path: dict[tuple[int, ...], _Unit] = {}
    for order, (path, node) in enumerate(iter_nodes(nodes)):
        parent = by_path.get(path[:-1])
        ref = (*(parent.ref if parent else ()), label(node))
        unit = _Unit(node, path, parent, order, ref)
        if parent:
            parent.children.append(unit)
        by_path[path] = unit
        units.append(unit)
    return units


def _pair(a: _Unit, b: _Unit) -> None:
    a.partner, b.partner = b, a


def _match(olds: Sequence[_Unit], news: Sequence[_Unit], sim: _Similarity) -> None:
    """Pair units of the same kind, in the stages described in the module docstring."""
    olds = [u for u in olds if u.partner is None]
    news = [u for u in news if u.partner is None]
    if not olds or not news:
        return
    # 1. Identical text, in order first, then anywhere (a block moved as it was).
    okeys = [(u.kind, _squash(sim.text_of(u))) for u in olds]
    nkeys = [(u.kind, _squash(sim.text_of(u))) for u in news]
    matcher = SequenceMatcher(None, okeys, nkeys, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            _pair(olds[block.a + k], news[block.b + k])
    free_new: dict[tuple[str, str], list[_Unit]] = {}
    for unit, key in zip(news, nkeys, strict=True):
        if unit.partner is None:
            free_new.setdefault(key, []).append(unit)
    for unit, key in zip(olds, okeys, strict=True):
        if unit.partner is None and free_new.get(key):
            _pair(unit, free_new[key].pop(0))
    # 2. Same title (Điều and Chương keep their titles through renumbering), then similar text,
    # same number, fairly similar text.
    titles: dict[tuple[str, str], tuple[list[_Unit], list[_Unit]]] = {}
    for side, units in ((0, olds), (1, news)):
        for unit in units:
            if unit.partner is None and unit.node.title.strip():
                key = (unit.kind, _squash(unit.node.title).lower())
                titles.setdefault(key, ([], []))[side].append(unit)
    for same_old, same_new in titles.values():
        _greedy(same_old, same_new, sim, 0.0)
    _greedy(olds, news, sim, 0.6)
    for old in olds:
        if old.partner is not None or not old.node.number:
            continue
        for new in news:
            if (
                new.partner is None
                and new.kind == old.kind
                and new.node.number == old.node.number
                and (
                    (old.node.title and old.node.title == new.node.title)
                    or sim.ratio(old, new) >= 0.2
                )
            ):
                _pair(old, new)
                break
    _greedy(olds, news, sim, 0.4)


def _greedy(olds: Sequence[_Unit], news: Sequence[_Unit], sim: _Similarity, floor: float) -> None:
    """Pair the most similar (old, new) units first, down to ``floor``."""
    olds = [u for u in olds if u.partner is None]
    news = [u for u in news if u.partner is None]
    candidates: list[tuple[float, int, int, _Unit, _Unit]] = []
    for old, new in _pairs_to_compare(olds, news, sim, floor):
        ratio = sim.ratio(old, new)
        if ratio >= floor:
            same_number = 0 if old.node.number == new.node.number else 1
            distance = abs(old.order - new.order)
            candidates.append((-ratio, same_number, distance, old, new))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    for _ratio, _same, _distance, old, new in candidates:
        if old.partner is None and new.partner is None:
            _pair(old, new)


_BRUTE_FORCE_PAIRS: Final = 4000
_RARE_SHINGLES: Final = 12
_MAX_POSTING: Final = 200
_CANDIDATES: Final = 10


def _pairs_to_compare(
    olds: Sequence[_Unit], news: Sequence[_Unit], sim: _Similarity, floor: float
) -> Iterable[tuple[_Unit, _Unit]]:
    """Every pair of the same kind; for long texts only the pairs sharing one of the old
    unit's rarest shingles, or its number.

    A law of 700 articles, each rewritten, would otherwise need half a million comparisons.
    """
    if floor <= 0 or len(olds) * len(news) <= _BRUTE_FORCE_PAIRS:
        return [(o, n) for o in olds for n in news if o.kind == n.kind]
    index: dict[str, list[_Unit]] = {}
    by_number: dict[tuple[str, str], list[_Unit]] = {}
    for new in news:
        by_number.setdefault((new.kind, new.node.number), []).append(new)
        for shingle in sim.shingles_of(new):
            index.setdefault(shingle, []).append(new)
    pairs: list[tuple[_Unit, _Unit]] = []
    for old in olds:
        rarest = sorted(sim.shingles_of(old), key=lambda s: (len(index.get(s, ())), s))
        shared: Counter[int] = Counter()
        units: dict[int, _Unit] = {}
        for shingle in rarest[:_RARE_SHINGLES]:
            for new in index.get(shingle, [])[:_MAX_POSTING]:
                shared[id(new)] += 1
                units[id(new)] = new
        found = {id(n): n for n in by_number.get((old.kind, old.node.number), [])}
        for key, _count in shared.most_common(_CANDIDATES):
            found[key] = units[key]
        pairs.extend((old, new) for new in found.values() if new.kind == old.kind)
    return pairs


def _of_kind(units: Iterable[_Unit], *kinds: str) -> list[_Unit]:
    return [u for u in units if u.kind in kinds]


def _match_children(old: _Unit, new: _Unit, full: _Similarity) -> None:
    for kinds in (("clause",), ("point",)):
        _match(_of_kind(old.children, *kinds), _of_kind(new.children, *kinds), full)
    for child in old.children:
        if child.partner is not None and child.partner.parent is new:
            _match_children(child, child.partner, full)


def _as_tree(tree: Sequence[Node] | Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> list[Node]:
    if isinstance(tree, Mapping):
        return from_json(tree)
    items = list(tree)
    if items and not isinstance(items[0], Node):
        return from_json(items)  # type: ignore[arg-type]
    return items  # type: ignore[return-value]


def diff_versions(
    old_tree: Sequence[Node] | Sequence[Mapping[str, Any]] | Mapping[str, Any],
    new_tree: Sequence[Node] | Sequence[Mapping[str, Any]] | Mapping[str, Any],
) -> dict[str, Any]:
    """Compare two versions of a draft (nodes, or the JSON of :func:`splitter.to_json`).

    Returns ``{"summary": {status: count}, "changes": [change, ...]}``; see the module
    docstring for the statuses. Each change has ``status``, ``kind``, ``old`` and ``new``
    (``{"path", "ref", "number", "title"}`` or None), ``renumbered``, ``similarity`` (0-1 of
    the node's own text, None for added or removed), ``title_diff`` and ``text_diff``
    (lists of ``{"op": "equal" | "insert" | "delete", "text"}``, None when unchanged or
    empty; an added node's whole title / text is one ``insert``, a removed one's one
    ``delete``).
    """
    olds = _flatten(_as_tree(old_tree))
    news = _flatten(_as_tree(new_tree))
    own = _Similarity(lambda u: u.own)
    full = _Similarity(lambda u: u.full)
    for kind in ("preamble", "closing"):
        old_k, new_k = _of_kind(olds, kind), _of_kind(news, kind)
        for a, b in zip(old_k, new_k, strict=False):
            _pair(a, b)
    for kind in _CONTAINERS:
        _match(_of_kind(olds, kind), _of_kind(news, kind), own)
    _match(_of_kind(olds, "article"), _of_kind(news, "article"), full)
    for unit in olds:
        if unit.kind == "article" and unit.partner is not None:
            _match_children(unit, unit.partner, full)
    # Khoản and điểm moved to another Điều keep almost all of their words.
    for kind in ("clause", "point"):
        _greedy(_of_kind(olds, kind), _of_kind(news, kind), full, 0.8)

    changes: list[dict[str, Any]] = []
    removed_after: dict[int, list[_Unit]] = {}
    for unit in olds:
        if unit.partner is None and (unit.parent is None or unit.parent.partner is not None):
            removed_after.setdefault(_anchor(unit, olds), []).extend(_removed_subtree(unit))
    for unit in removed_after.get(-1, []):
        changes.append(_alone("removed", unit))
    for unit in news:
        if unit.partner is None:
            changes.append(_alone("added", unit))
        else:
            changes.append(_matched(unit.partner, unit))
        for gone in removed_after.get(unit.order, []):
            changes.append(_alone("removed", gone))
    summary = dict.fromkeys(STATUSES, 0)
    for change in changes:
        summary[change["status"]] += 1
    return {"summary": summary, "changes": changes}


def _last_order(unit: _Unit) -> int:
    while unit.children:
        unit = unit.children[-1]
    return unit.order


def _anchor(unit: _Unit, olds: Sequence[_Unit]) -> int:
    """Where a removed node is listed: after the new place of the sibling it followed."""
    siblings = unit.parent.children if unit.parent else [u for u in olds if u.parent is None]
    before = siblings[: siblings.index(unit)]
    for sibling in reversed(before):
        if sibling.partner is not None:
            return _last_order(sibling.partner)
    if unit.parent is not None and unit.parent.partner is not None:
        return unit.parent.partner.order
    return -1


def _removed_subtree(unit: _Unit) -> list[_Unit]:
    """A removed node and its descendants that were not matched elsewhere."""
    out = [unit]
    for child in unit.children:
        if child.partner is None:
            out.extend(_removed_subtree(child))
    return out


def _side(unit: _Unit) -> dict[str, Any]:
    return {
        "path": list(unit.path),
        "ref": list(unit.ref),
        "number": unit.node.number,
        "title": unit.node.title,
    }


def _matched(old: _Unit, new: _Unit) -> dict[str, Any]:
    renumbered = old.node.number != new.node.number or (
        (old.parent.partner if old.parent else None) is not new.parent
    )
    title_changed = _squash(old.node.title) != _squash(new.node.title)
    text_changed = _squash(old.node.text) != _squash(new.node.text)
    status = "modified" if title_changed or text_changed else "unchanged"
    if status == "unchanged" and renumbered:
        status = "moved"
    entry = _entry(status, new.kind, old, new)
    entry["renumbered"] = renumbered
    entry["similarity"] = round(_text_ratio(old.own, new.own), 3)
    if title_changed:
        entry["title_diff"] = word_diff(old.node.title, new.node.title)
    if text_changed:
        entry["text_diff"] = word_diff(old.node.text, new.node.text)
    return entry


def _entry(status: str, kind: str, old: _Unit | None, new: _Unit | None) -> dict[str, Any]:
    return {
        "status": status,
        "kind": kind,
        "old": _side(old) if old else None,
        "new": _side(new) if new else None,
        "renumbered": False,
        "similarity": None,
        "title_diff": None,
        "text_diff": None,
    }


def _alone(status: str, unit: _Unit) -> dict[str, Any]:
    """An added node (its title and text as one ``insert`` span each) or a removed one (as one
    ``delete`` span each); None for an empty title or text."""
    added = status == "added"
    entry = _entry(status, unit.kind, None if added else unit, unit if added else None)
    op = "insert" if added else "delete"
    for key, text in (("title_diff", unit.node.title), ("text_diff", unit.node.text)):
        if text.strip():
            entry[key] = [{"op": op, "text": text}]
    return entry


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """Word-level spans turning ``old`` into ``new``.

    ``equal`` + ``insert`` spans give ``new`` exactly; ``equal`` + ``delete`` give ``old`` up to
    the kind of whitespace. A change is one ``delete`` then one ``insert``, not a word salad.
    """
    a, b = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    ka = [" " if t.isspace() else t for t in a]
    kb = [" " if t.isspace() else t for t in b]
    segments: list[list[str]] = []  # [op, old text, new text]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            segments.append(["equal", old_part, new_part])
        else:
            segments.append(["change", old_part, new_part])
    # The space between two changed words belongs to the change.
    for i in range(1, len(segments) - 1):
        seg = segments[i]
        if (
            seg[0] == "equal"
            and segments[i - 1][0] == "change"
            and segments[i + 1][0] == "change"
            and not seg[2].strip()
        ):
            seg[0] = "change"
    merged: list[list[str]] = []
    for seg in segments:
        if merged and merged[-1][0] == seg[0] == "change":
            merged[-1][1] += seg[1]
            merged[-1][2] += seg[2]
        else:
            merged.append(list(seg))
    spans: list[dict[str, str]] = []
    for kind, old_part, new_part in merged:
        if kind == "equal":
            spans.append({"op": "equal", "text": new_part})
            continue
        if old_part:
            spans.append({"op": "delete", "text": old_part})
        if new_part:
            spans.append({"op": "insert", "text": new_part})
    return spans

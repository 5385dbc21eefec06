"""Walking a split tree, its JSON form, and the officers' corrections before publishing: merge,
split a node at a line, re-type. The corrections are pure: each returns a new tree. A *path* is
the list of child indexes from the top-level list: ``[1, 0, 2]`` is
``nodes[1].children[0].children[2]``."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any, cast

from ykien.consultations.splitter.base import (
    KINDS,
    RANK,
    Node,
    NodeKind,
    SplitResult,
    TreeEditError,
    heading_line,
    label,
    parse_heading,
)
from ykien.consultations.splitter.build import _article_title_and_body, _is_closing_start

# ---------------------------------------------------------------------------------------------
# Walking, JSON


def get_node(nodes: Sequence[Node], path: Sequence[int]) -> Node:
    """The node at ``path``; :class:`TreeEditError` ("bad_path") if there is none."""
    if not path:
        raise TreeEditError("bad_path", "empty path")
    current: Sequence[Node] = nodes
    node: Node | None = None
    for index in path:
        if not 0 <= index < len(current):
            raise TreeEditError("bad_path", f"no node at {list(path)}")
        node = current[index]
        current = node.children
    assert node is not None  # noqa: S101
    return node


def to_json(nodes: Sequence[Node]) -> list[dict[str, Any]]:
    """The tree as JSON-ready dicts: kind, number, title, text, children."""
    return [
        {
            "kind": n.kind,
            "number": n.number,
            "title": n.title,
            "text": n.text,
            "children": to_json(n.children),
        }
        for n in nodes
    ]


def result_to_json(result: SplitResult) -> dict[str, Any]:
    """``{"title": ..., "nodes": [...], "warnings": [{"code", "line", "detail"}]}``."""
    return {
        "title": result.title,
        "nodes": to_json(result.nodes),
        "warnings": [{"code": w.code, "line": w.line, "detail": w.detail} for w in result.warnings],
    }


def from_json(data: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> list[Node]:
    """Rebuild nodes from :func:`to_json` output (or a dict with a "nodes" key)."""
    items = data["nodes"] if isinstance(data, Mapping) else data
    out: list[Node] = []
    for item in items:
        kind = item.get("kind")
        if kind not in KINDS:
            raise TreeEditError("bad_kind", f"unknown kind {kind!r}")
        out.append(
            Node(
                cast("NodeKind", kind),
                str(item.get("number") or ""),
                str(item.get("title") or ""),
                str(item.get("text") or ""),
                from_json(item.get("children") or []),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Corrections (pure: each returns a new tree)


def _siblings(tree: list[Node], path: Sequence[int]) -> list[Node]:
    return tree if len(path) == 1 else get_node(tree, path[:-1]).children


def _last_descendant(node: Node) -> Node:
    while node.children:
        node = node.children[-1]
    return node


def _next_after_subtree(tree: list[Node], path: Sequence[int]) -> tuple[int, ...] | None:
    p = list(path)
    while p:
        if p[-1] + 1 < len(_siblings(tree, p)):
            return (*p[:-1], p[-1] + 1)
        p.pop()
    return None


def _join(*parts: str, sep: str = "\n") -> str:
    return sep.join(part for part in parts if part)


def as_text(node: Node) -> str:
    """The node's own heading, title and text as they would be printed (children excluded)."""
    head = heading_line(node)
    if node.kind in {"clause", "point"}:
        return _join(head, node.title, node.text, sep=" ")
    if node.kind == "article":
        return _join(_join(head, node.title, sep=" "), node.text)
    if head and node.title:
        head = f"{head}. {node.title}"
    return _join(head or node.title, node.text)


def _check_children(parent: Node, children: Sequence[Node]) -> None:
    """:class:`TreeEditError` ("bad_hierarchy") unless each of ``children`` is of a lower level
    than ``parent`` (Phần > Chương > Mục > Điều > khoản > điểm); a preamble or closing is a plain
    block of text and holds no children."""
    for child in children:
        if (
            parent.kind not in RANK
            or child.kind not in RANK
            or RANK[child.kind] <= RANK[parent.kind]
        ):
            raise TreeEditError("bad_hierarchy", f"{label(parent)} cannot hold {label(child)}")


def merge_error(nodes: Sequence[Node], path_a: Sequence[int], path_b: Sequence[int]) -> str | None:
    """Why :func:`merge` would refuse (its error code), or None if it would succeed."""
    try:
        _check_merge(nodes, tuple(path_a), tuple(path_b))
    except TreeEditError as exc:
        return exc.code
    return None


def _check_merge(nodes: Sequence[Node], path_a: tuple[int, ...], path_b: tuple[int, ...]) -> bool:
    """The checks of :func:`merge`; True if b is a's first child (False: its next sibling)."""
    a = get_node(nodes, path_a)
    b = get_node(nodes, path_b)
    first_child = path_b == (*path_a, 0)
    if not first_child and path_b != (*path_a[:-1], path_a[-1] + 1):
        raise TreeEditError(
            "not_adjacent", "the second node must be the next sibling or the first child"
        )
    if a.kind in RANK and b.kind in RANK and RANK[b.kind] < RANK[a.kind]:
        raise TreeEditError("higher_level", f"{label(b)} is above {label(a)}")
    _check_children(a, b.children)
    return first_child


def merge(nodes: Sequence[Node], path_a: Sequence[int], path_b: Sequence[int]) -> list[Node]:
    """Fold node b into node a, keeping a's kind, number and title.

    b must be either

    * a's **next sibling** (the node right after a under the same parent), of the same level
      as a or lower — never higher (Phần > Chương > Mục > Điều > khoản > điểm; a preamble or
      closing, which have no level, may be folded into any node before them): b's heading and
      text are appended to the text of a's last descendant (the text that precedes b), and b's
      children follow a's; or
    * a's **first child**: its heading and text are appended to a's text and its children take
      its place.

    The result must keep the hierarchy (every child of a lower level than its parent; a preamble
    or closing holds no children). Otherwise :class:`TreeEditError` is raised — "not_adjacent"
    (b is neither), "higher_level" (b is of a higher level than a) or "bad_hierarchy" — and
    nothing changes.
    """
    path_a, path_b = tuple(path_a), tuple(path_b)
    first_child = _check_merge(nodes, path_a, path_b)
    tree = copy.deepcopy(list(nodes))
    a = get_node(tree, path_a)
    b = get_node(tree, path_b)
    b_text = as_text(b)
    if first_child:
        a.text = _join(a.text, b_text)
        a.children[0:1] = b.children
    else:
        target = _last_descendant(a)
        target.text = _join(target.text, b_text)
        _siblings(tree, path_b).pop(path_b[-1])
        a.children.extend(b.children)
    return tree


def _node_from_text(text: str, default_kind: NodeKind) -> Node:
    first, _, more = text.partition("\n")
    h = parse_heading(first)
    if h is None:
        if _is_closing_start(first):
            return Node("closing", text=text)
        return Node(default_kind, text=text)
    if h.kind in {"clause", "point"}:
        return Node(h.kind, h.number, text=_join(h.rest, more))
    if h.kind == "article":
        title, body = _article_title_and_body(h.rest)
        return Node("article", h.number, title, _join(body, more))
    return Node(h.kind, h.number, h.rest, more)


def split_node(nodes: Sequence[Node], path: Sequence[int], at_offset: int) -> list[Node]:
    """Cut a node's text at ``at_offset``; the rest becomes a new node.

    If the rest starts with a heading ("2.", "b)", "Điều 7. ..."), the new node takes that kind
    and number; otherwise it copies the node's kind with no number (fix it with
    :func:`retype`). A deeper kind (a điểm cut out of a khoản) becomes the node's first child;
    the same or a higher kind is placed after the node at its own level and takes along what
    follows in the text (the node's children and later siblings up to that level).
    """
    tree = copy.deepcopy(list(nodes))
    node = get_node(tree, path)
    if not 0 < at_offset < len(node.text):
        raise TreeEditError("bad_offset", f"offset must be between 1 and {len(node.text) - 1}")
    head, rest = node.text[:at_offset].rstrip(), node.text[at_offset:].strip()
    if not rest or not head:
        raise TreeEditError("bad_offset", "nothing to split at this offset")
    new = _node_from_text(rest, node.kind)
    node.text = head
    path = tuple(path)
    if new.kind == "closing" or node.kind in {"preamble", "closing"} or new.kind == "preamble":
        top = path[0]
        if len(path) == 1:
            new.children, node.children = node.children, []
        tree.insert(top + 1, new)
        return tree
    if RANK[new.kind] > RANK[node.kind]:
        node.children.insert(0, new)
        return tree
    # Climb to the highest ancestor-or-self whose rank is not above the new node's.
    level = len(path)
    while (
        level > 1
        and get_node(tree, path[: level - 1]).kind in RANK
        and (RANK[get_node(tree, path[: level - 1]).kind] >= RANK[new.kind])
    ):
        level -= 1
    moved, node.children = node.children, []
    for depth in range(len(path), level - 1, -1):
        siblings = _siblings(tree, path[:depth])
        index = path[depth - 1]
        if depth > level:
            moved.extend(siblings[index + 1 :])
            del siblings[index + 1 :]
    new.children = moved
    _siblings(tree, path[:level]).insert(path[level - 1] + 1, new)
    return tree


def retype(
    nodes: Sequence[Node],
    path: Sequence[int],
    kind: str,
    number: str,
    *,
    title: str | None = None,
) -> list[Node]:
    """Change a node's kind and number (and title if given); the structure is unchanged.

    The hierarchy must stay valid: the new kind must be of a lower level than the parent's and
    of a higher level than each child's ("bad_hierarchy" otherwise); a preamble or closing only
    at the top level and without children ("bad_kind" / "bad_hierarchy")."""
    if kind not in KINDS:
        raise TreeEditError("bad_kind", f"unknown kind {kind!r}")
    if kind in {"preamble", "closing"} and len(path) != 1:
        raise TreeEditError("bad_kind", f"{kind} must be at the top level")
    tree = copy.deepcopy(list(nodes))
    node = get_node(tree, path)
    node.kind = cast("NodeKind", kind)
    _check_children(node, node.children)
    if len(path) > 1:
        _check_children(get_node(tree, path[:-1]), [node])
    node.number = number.strip() if kind in RANK else ""
    if title is not None:
        node.title = title.strip()
    return tree

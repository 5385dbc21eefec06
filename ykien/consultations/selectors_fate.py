"""What became of a comment: the critique points it supports, the drafting body's answers, and
what happened to its clause in the latest published version of the draft; and the same, clause
by clause, for a whole draft ("you said — we did").

Only what is public is ever read here: a critique point once the critique document is issued,
an answer once the drafting body's answers are published (``PointStatus.PUBLISHED``), versions
once published. The records keep codes; the labels and sentences are properties, translated in
the reader's language when they are read (a notification sent later in another language reads
them again).

The public pages (``consultations:comment_fate``, ``consultations:you_said``) use these; other
apps (notifications, "my page") call ``selectors.comment_fate`` / ``selectors.you_said``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from ykien.consultations.diff import diff_versions
from ykien.consultations.models import (
    Answer,
    Comment,
    CommentStatus,
    CritiqueDocument,
    CritiquePoint,
    DocumentStatus,
    Draft,
    DraftVersion,
    Node,
    PointStatus,
    Stance,
    VersionStatus,
)
from ykien.consultations.models.draft import label_in_language
from ykien.consultations.splitter import from_json, iter_nodes
from ykien.core.selectors import today

# What happened to the clause a comment is about (``ClauseChange.status``).
GENERAL = "general"  # the comment is on the whole draft, not on a clause
NO_NEW_VERSION = "no_new_version"  # the version commented on is still the latest
UNCHANGED = "unchanged"
MOVED = "moved"  # same text, renumbered or moved under another parent
MODIFIED = "modified"  # its text, or the text of one of its khoản / điểm, changed
REMOVED = "removed"

# Where the comment's chain stands (``CommentFate.stage``).
COLLECTING = "collecting"  # the critique document is not issued yet: no point is public
NOT_CITED = "not_cited"  # the document is issued, and no point cites this comment
AWAITING_ANSWER = "awaiting_answer"  # cited by a point whose answer is not published yet
ANSWERED = "answered"  # every point citing it has its answer published


@dataclass(frozen=True)
class StanceCount:
    stance: str  # a ``Stance`` code
    count: int

    @property
    def label(self) -> str:
        return str(Stance(self.stance).label)


@dataclass(frozen=True)
class PointAnswer:
    """The drafting body's published answer to a point."""

    answer: str  # an ``Answer`` code
    text: str
    answered_at: dt.datetime | None

    @property
    def label(self) -> str:
        return str(Answer(self.answer).label)


@dataclass(frozen=True)
class FatePoint:
    """A public critique point; ``answer`` is None until the answers are published."""

    pk: int
    position: int
    title: str
    text: str
    answer: PointAnswer | None
    overdue: bool = False  # not answered by the document's answer date


@dataclass
class ClauseChange:
    """What became of a clause (a node of the version commented on) in the latest published
    version. ``rows`` are the changes of ``diff.diff_versions`` of the node and its khoản /
    điểm that did not stay unchanged (none for ``UNCHANGED``, ``NO_NEW_VERSION``, ``GENERAL``)."""

    status: str
    old_version: int | None = None
    new_version: int | None = None
    old_label: str = ""  # stored Vietnamese labels ("Điều 3, khoản 1")
    new_label: str = ""
    new_node_id: int | None = None  # the clause's node in the latest version
    new_position: int | None = None  # … its position there (how it is found)
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status in (MODIFIED, REMOVED)

    @property
    def new_label_text(self) -> str:
        return label_in_language(self.new_label)

    @property
    def old_label_text(self) -> str:
        return label_in_language(self.old_label)

    @property
    def message(self) -> str:
        """One sentence in the reader's language."""
        n = {"n": self.new_version, "old": self.old_version, "label": self.new_label_text}
        if self.status == GENERAL:
            return _("Góp ý này về toàn bộ dự thảo, không gắn với một điều, khoản cụ thể.")
        if self.status == NO_NEW_VERSION:
            return _("Chưa có phiên bản mới của dự thảo sau phiên bản %(old)s.") % n
        if self.status == UNCHANGED:
            return _("Điều, khoản này không thay đổi trong phiên bản %(n)s.") % n
        if self.status == MOVED:
            return (
                _("Nội dung không thay đổi; trong phiên bản %(n)s được đánh số lại: %(label)s.") % n
            )
        if self.status == REMOVED:
            return _("Điều, khoản này đã được bỏ khỏi dự thảo trong phiên bản %(n)s.") % n
        return _("Điều, khoản này đã được sửa trong phiên bản %(n)s (%(label)s).") % n

    def display_rows(self) -> list[dict[str, Any]]:
        """``rows`` with their positions in the reader's language."""
        out = []
        for row in self.rows:
            shown = dict(row)
            for side in ("old", "new"):
                if row.get(side):
                    shown[side] = {
                        **row[side],
                        "ref": [label_in_language(r) for r in row[side]["ref"]],
                    }
            out.append(shown)
        return out


@dataclass
class CommentFate:
    """The chain of one comment: the public points citing it, their answers, its clause."""

    comment: Comment
    stage: str
    points: list[FatePoint]
    clause: ClauseChange

    @property
    def answers(self) -> list[PointAnswer]:
        return [p.answer for p in self.points if p.answer is not None]

    @property
    def stage_label(self) -> str:
        return {
            COLLECTING: _("Ý kiến đang được tiếp nhận, tổng hợp; văn bản phản biện chưa ban hành."),
            NOT_CITED: _("Văn bản phản biện đã ban hành; góp ý này không được dẫn trong điểm nào."),
            AWAITING_ANSWER: _("Góp ý được dẫn trong văn bản phản biện; chờ cơ quan soạn thảo."),
            ANSWERED: _("Cơ quan soạn thảo đã trả lời công khai."),
        }[self.stage]


# ------------------------------------------------------------------------------- the clause


class _Mapper:
    """Maps nodes of older versions to the latest published version, one diff per version."""

    def __init__(self, latest: DraftVersion | None, versions: Iterable[DraftVersion]) -> None:
        self.latest = latest
        self.versions = {v.pk: v for v in versions}
        self._diffs: dict[int, tuple[list[dict[str, Any]], list[tuple[int, ...]]]] = {}
        self._latest_paths: dict[tuple[int, ...], int] | None = None

    def _diff(self, version: DraftVersion) -> tuple[list[dict[str, Any]], list[tuple[int, ...]]]:
        if version.pk not in self._diffs:
            assert self.latest is not None  # noqa: S101 (only asked when there is a newer one)
            changes = diff_versions(version.tree, self.latest.tree)["changes"]
            paths = [path for path, _node in iter_nodes(from_json(version.tree))]
            self._diffs[version.pk] = (changes, paths)
        return self._diffs[version.pk]

    def latest_position(self, path: Sequence[int]) -> int | None:
        if self._latest_paths is None:
            assert self.latest is not None  # noqa: S101
            self._latest_paths = {
                p: i for i, (p, _n) in enumerate(iter_nodes(from_json(self.latest.tree)))
            }
        return self._latest_paths.get(tuple(path))

    def change(self, node: Node | None) -> ClauseChange:
        """The ``ClauseChange`` of ``node``; ``new_label`` and ``new_node_id`` are filled by
        ``_name_new`` from the latest version's rows, read once for all the nodes."""
        if node is None:
            return ClauseChange(GENERAL)
        version = self.versions.get(node.version_id)
        old_number = version.number if version else None
        if version is None or self.latest is None or version.number >= self.latest.number:
            return ClauseChange(
                NO_NEW_VERSION, old_number, old_number, node.label, node.label, node.pk
            )
        changes, paths = self._diff(version)
        if node.position >= len(paths):  # the rows and the tree disagree: say nothing changed
            return ClauseChange(UNCHANGED, old_number, self.latest.number, node.label)
        mine = paths[node.position]
        own = next(
            (c for c in changes if c["old"] and tuple(c["old"]["path"]) == mine),
            None,
        )
        new_path = tuple(own["new"]["path"]) if own and own["new"] else None
        subtree = [
            c
            for c in changes
            if (c["old"] and tuple(c["old"]["path"])[: len(mine)] == mine)
            or (new_path and c["new"] and tuple(c["new"]["path"])[: len(new_path)] == new_path)
        ]
        rows = [c for c in subtree if c["status"] != "unchanged"]
        if own is None or own["status"] == "removed":
            status = REMOVED
        elif any(c["status"] in ("modified", "added", "removed") for c in rows):
            status = MODIFIED
        elif own["status"] == "moved":
            status = MOVED
        else:
            status = UNCHANGED
            rows = []
        result = ClauseChange(status, old_number, self.latest.number, node.label, rows=rows)
        if new_path is not None:
            result.new_position = self.latest_position(new_path)
        return result


def _name_new(changes: Iterable[ClauseChange], latest: DraftVersion | None) -> None:
    """Give each change the label and id of its clause in the latest version (one query); a
    clause whose text stayed but whose label did not (its article renumbered) has moved."""
    wanted = [c for c in changes if c.status in (UNCHANGED, MOVED, MODIFIED)]
    positions = {c.new_position for c in wanted if c.new_position is not None}
    if latest is None or not positions:
        return
    rows = {
        position: (pk, label)
        for pk, position, label in Node.objects.filter(
            version=latest, position__in=positions
        ).values_list("id", "position", "label")
    }
    for change in wanted:
        found = rows.get(change.new_position) if change.new_position is not None else None
        change.new_node_id, change.new_label = found if found else (None, change.old_label)
        if change.status == UNCHANGED and change.new_label != change.old_label:
            change.status = MOVED  # same text, but its article was renumbered


# ------------------------------------------------------------------------------- the points


def _issued(draft: Draft) -> CritiqueDocument | None:
    """The draft's critique document if it is issued (the points are public from then on)."""
    return (
        CritiqueDocument.objects.filter(draft=draft, status=DocumentStatus.ISSUED)
        .only("id", "status", "answer_due")
        .first()
    )


def _fate_point(point: CritiquePoint, document: CritiqueDocument, on: dt.date) -> FatePoint:
    published = point.status == PointStatus.PUBLISHED
    answer = (
        PointAnswer(point.answer, point.answer_text, point.answered_at)
        if published and point.answer
        else None
    )
    overdue = (
        not published
        and document.answer_due is not None
        and point.status == PointStatus.PENDING
        and on > document.answer_due
    )
    return FatePoint(point.pk, point.position, point.title, point.text, answer, overdue)


def _stage(document: CritiqueDocument | None, points: list[FatePoint]) -> str:
    if document is None:
        return COLLECTING
    if not points:
        return NOT_CITED
    if any(p.answer is None for p in points):
        return AWAITING_ANSWER
    return ANSWERED


def _published_versions(draft: Draft) -> list[DraftVersion]:
    return list(
        draft.versions.exclude(status=VersionStatus.REVIEW)
        .defer("text", "warnings", "file")
        .order_by("number")
    )


def comment_for_fate(*, draft: Draft, pk: int) -> Comment | None:
    """A comment of ``draft`` in any moderation state, with its clause (the page decides who
    may see a comment that is not visible)."""
    comment = Comment.objects.select_related("node").filter(draft=draft, pk=pk).first()
    if comment is not None:
        comment.draft = draft
    return comment


def comment_fate(comment: Comment) -> CommentFate:
    """What became of ``comment`` (it need not be visible: the caller decides who may see it):
    the critique points citing it once the critique document is issued, each with the drafting
    body's answer once published, and what its clause became in the latest published version
    (a diff of the clause and its khoản / điểm). A handful of queries; the diff of the two
    versions is computed in Python."""
    draft = comment.draft
    document = _issued(draft)
    on = today()
    points = (
        [
            _fate_point(p, document, on)
            for p in CritiquePoint.objects.filter(draft=draft, comments=comment).order_by(
                "position", "id"
            )
        ]
        if document is not None
        else []
    )
    node = comment.node
    if node is None:
        clause = ClauseChange(GENERAL)
    else:
        versions = list(
            DraftVersion.objects.filter(pk__in={node.version_id, draft.current_version_id})
            .exclude(status=VersionStatus.REVIEW)
            .defer("text", "warnings", "file")
        )
        latest = next((v for v in versions if v.pk == draft.current_version_id), None)
        clause = _Mapper(latest, versions).change(node)
        _name_new([clause], latest)
    return CommentFate(comment, _stage(document, points), points, clause)


# --------------------------------------------------------------------- you said — we did


@dataclass
class ClauseRow:
    """One clause of a version (``node``; None: comments on the whole draft) with its visible
    comments by stance, the public points drawn from them or about the clause, and what the
    clause became in the latest version."""

    node: Node | None
    by_stance: list[StanceCount]
    points: list[FatePoint]
    change: ClauseChange
    # where the opinion groups' comments on the clause stand (set by the page from the latest
    # analysis, ``selectors_analysis.common_ground_of``); None without one
    groups: dict[str, Any] | None = None
    # the clause's own summary by stance (set by the page from the latest topics run,
    # ``selectors_analysis.stance_summaries_in``); None without one
    summary: dict[str, Any] | None = None

    @property
    def total(self) -> int:
        return sum(s.count for s in self.by_stance)


@dataclass
class VersionRows:
    number: int
    rows: list[ClauseRow]


@dataclass
class YouSaid:
    """A draft's comments and what was done with them, version by version, clause by clause."""

    latest: int | None  # the number of the latest published version
    issued: bool  # the critique document is issued (points are public)
    versions: list[VersionRows]
    other_points: list[FatePoint]  # public points tied to no clause listed
    by_stance: list[StanceCount]

    @property
    def total(self) -> int:
        return sum(s.count for s in self.by_stance)


def you_said(*, draft: Draft) -> YouSaid:
    """ "You said — we did" of a published draft: for every clause with visible comments (and
    every clause a public point is about), the comments by stance, the public points drawn from
    those comments or about the clause with their published answers, and what the clause became
    in the latest published version. A fixed number of queries whatever the number of clauses
    (eight at most); one diff per version commented on, computed in Python."""
    versions = _published_versions(draft)
    by_pk = {v.pk: v for v in versions}
    latest = by_pk.get(draft.current_version_id) if draft.current_version_id else None
    counts: dict[tuple[int, int | None], dict[str, int]] = defaultdict(dict)
    for row in (
        Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE)
        .values("version_id", "node_id", "stance")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[row["version_id"], row["node_id"]][row["stance"]] = row["n"]
    document = _issued(draft)
    points: dict[int, FatePoint] = {}
    by_node: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    if document is not None:
        on = today()
        for point in CritiquePoint.objects.filter(draft=draft).order_by("position", "id"):
            points[point.pk] = _fate_point(point, document, on)
        cited = (
            CritiquePoint.comments.through.objects.filter(
                critiquepoint__draft=draft, comment__status=CommentStatus.VISIBLE
            )
            .values_list("critiquepoint_id", "comment__version_id", "comment__node_id")
            .distinct()
        )
        about = CritiquePoint.nodes.through.objects.filter(critiquepoint__draft=draft).values_list(
            "critiquepoint_id", "node__version_id", "node_id"
        )
        for point_id, linked_version, linked_node in [*cited, *about]:
            if point_id not in by_node[linked_version, linked_node]:
                by_node[linked_version, linked_node].append(point_id)
    keys = set(counts) | set(by_node)
    nodes = Node.objects.in_bulk([node_id for _v, node_id in keys if node_id is not None])
    mapper = _Mapper(latest, versions)
    sections: dict[int, list[ClauseRow]] = defaultdict(list)
    used: set[int] = set()
    for version_id, node_id in sorted(
        keys,
        key=lambda k: (k[1] is not None, nodes[k[1]].position if k[1] in nodes else -1),
    ):
        node = nodes.get(node_id) if node_id is not None else None
        if version_id not in by_pk or (node_id is not None and node is None):
            continue
        ids = sorted(by_node.get((version_id, node_id), []), key=lambda pk: points[pk].position)
        used.update(ids)
        stances = counts.get((version_id, node_id), {})
        sections[version_id].append(
            ClauseRow(
                node,
                [StanceCount(s.value, stances[s.value]) for s in Stance if stances.get(s.value)],
                [points[pk] for pk in ids],
                mapper.change(node),
            )
        )
    _name_new([r.change for rows in sections.values() for r in rows], latest)
    totals: dict[str, int] = defaultdict(int)
    for stances in counts.values():
        for stance, n in stances.items():
            totals[stance] += n
    return YouSaid(
        latest=latest.number if latest else None,
        issued=document is not None,
        versions=[VersionRows(v.number, sections[v.pk]) for v in versions if sections[v.pk]],
        other_points=[p for pk, p in points.items() if pk not in used],
        by_stance=[StanceCount(s.value, totals[s.value]) for s in Stance if totals.get(s.value)],
    )

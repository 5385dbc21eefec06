"""Reads of the consultations domain. Other apps (analysis, portal, reporting) use these."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ykien.consultations.diff import diff_versions
from ykien.consultations.lifecycle import DRAFT
from ykien.consultations.models import (
    AuthorKind,
    Comment,
    CommentCount,
    CommentStatus,
    CritiqueDocument,
    CritiquePoint,
    DocumentStatus,
    Draft,
    DraftStatus,
    DraftVersion,
    ExpertOpinion,
    Invitation,
    InvitationStatus,
    Node,
    PointStatus,
    Stance,
    Statement,
    StatementStatus,
    VersionStatus,
    Vote,
)
from ykien.consultations.selectors_comments import (  # noqa: F401 (part of this module's API)
    CommentPage,
    comments_public,
    comments_public_page,
)
from ykien.consultations.selectors_fate import (  # noqa: F401 (part of this module's API)
    ClauseChange,
    CommentFate,
    YouSaid,
    comment_fate,
    you_said,
)
from ykien.core import lists
from ykien.core.models import Role, User
from ykien.core.selectors import audit_events as core_audit_events
from ykien.core.selectors import today, user_scope_unit_ids

PUBLIC_STATUSES = (
    DraftStatus.OPEN,
    DraftStatus.CLOSED,
    DraftStatus.CONSOLIDATING,
    DraftStatus.ISSUED,
    DraftStatus.ANSWERED,
)
STAFF_ROLES = (Role.OFFICER, Role.LEADER)


def draft_get(*, pk: int) -> Draft | None:
    return (
        Draft.objects.select_related("unit", "drafting_unit", "current_version")
        .filter(pk=pk)
        .first()
    )


@dataclass
class HistoryRow:
    at: dt.datetime
    who: str
    what: str
    reason: str


def draft_history(*, draft: Draft) -> list[HistoryRow]:
    """The draft's registration and every change of its status, newest first, in words (from
    the audit log): an early end says so, a reopening gives the new end date."""
    # The lifecycle's moves (``consultations.draft.<action>``), and those logged before the
    # lifecycle engine by the status they led to (``draft.<status>``).
    actions = [
        "draft.register",
        *(DRAFT.event_name(edge.action) for edge in DRAFT.edges),
        *(f"draft.{s}" for s in DraftStatus.values),
    ]
    events = core_audit_events(object_type="consultations.draft", object_id=str(draft.pk)).filter(
        action__in=actions
    )
    rows = []
    for event in events:
        after = event.after or {}
        status = after.get("status") or event.action.removeprefix("draft.")
        if event.action == "draft.register":
            what = pgettext("diễn biến dự thảo", "Tiếp nhận dự thảo")
        elif status == DraftStatus.CLOSED and after.get("closed_early_at"):
            what = pgettext("diễn biến dự thảo", "Kết thúc lấy ý kiến sớm")
        elif status == DraftStatus.OPEN and (event.before or {}).get("status") == "closed":
            end = after.get("comment_end")
            what = (
                pgettext("diễn biến dự thảo", "Mở lại lấy ý kiến, hạn góp ý mới %(end)s")
                % {"end": dt.date.fromisoformat(end).strftime("%d/%m/%Y")}
                if end
                else pgettext("diễn biến dự thảo", "Mở lại lấy ý kiến")
            )
        else:
            what = pgettext("diễn biến dự thảo", "Chuyển sang: %(s)s") % {
                "s": DraftStatus(status).label
            }
        who = str(event.actor) if event.actor else ""
        rows.append(HistoryRow(event.at, who, what, event.reason))
    return rows


# What the public list's status filter offers: the label a draft shows (``_status.html``), so
# an open draft is "upcoming", "open" or, once its period is over, "closed" (`Draft.phase_on`).
PUBLIC_STAGES = ("upcoming", *PUBLIC_STATUSES)


def _stage_q(stage: str, on: dt.date) -> Q:
    started = Q(comment_start__isnull=True) | Q(comment_start__lte=on)
    ended = Q(comment_end__lt=on)
    if stage == "upcoming":
        return Q(status=DraftStatus.OPEN, comment_start__gt=on)
    if stage == DraftStatus.OPEN:
        return Q(status=DraftStatus.OPEN) & started & ~ended
    if stage == DraftStatus.CLOSED:
        return Q(status=DraftStatus.CLOSED) | (Q(status=DraftStatus.OPEN) & started & ended)
    return Q(status=stage)


def drafts_public(
    *, query: str = "", status: str = "", stage: str = "", on: dt.date | None = None
) -> QuerySet[Draft]:
    """Published drafts, newest first, filtered by a title query and a stored status, or by a
    stage of ``PUBLIC_STAGES`` on the day ``on``: the phase the list shows for the draft that
    day, today by default (an open draft before its period is "upcoming", after it "closed")."""
    qs = Draft.objects.filter(
        status__in=PUBLIC_STATUSES, current_version__isnull=False
    ).select_related("unit", "drafting_unit")
    if query:
        qs = qs.filter(title__icontains=query)
    if status:
        qs = qs.filter(status=status)
    if stage:
        qs = qs.filter(_stage_q(stage, on or today()))
    return qs.order_by("-received_on", "-id")


def drafts_open(*, on: dt.date, limit: int = 5) -> list[Draft]:
    """Drafts open for comment on ``on``, the nearest deadline first."""
    return list(
        Draft.objects.filter(
            status=DraftStatus.OPEN,
            current_version__isnull=False,
            comment_end__gte=on,
        )
        .filter(Q(comment_start__isnull=True) | Q(comment_start__lte=on))
        .select_related("unit")
        .order_by("comment_end", "id")[:limit]
    )


def _draft_list(
    qs: QuerySet[Draft],
    *,
    status: str,
    kind: str,
    terms: Sequence[str],
    ordering: Sequence[str],
) -> QuerySet[Draft]:
    """``qs`` narrowed by a staff list's filters: ``terms`` are folded words that must each
    begin a word of the title, the summary or the drafting body (``core.lists.search``)."""
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    qs = lists.search(qs, "search_text", terms)
    return qs.order_by(*(ordering or ("-received_on", "-id")))


def comment_period_due_q(due: str, on: dt.date) -> Q:
    """Drafts open for comment whose announced period ends ``today``, within seven days
    (``week``, today included) or has ended (``overdue``: still open, to be closed and
    consolidated) on ``on`` — the dashboard's counts and the drafts list's ``due`` filter."""
    from ykien.core.dashboard import WEEK_DAYS

    open_ = Q(status=DraftStatus.OPEN)
    if due == "overdue":
        return open_ & Q(comment_end__lt=on)
    last = on + dt.timedelta(days=0 if due == "today" else WEEK_DAYS - 1)
    return open_ & Q(comment_end__gte=on, comment_end__lte=last)


def drafts_for_staff(
    *,
    user: User,
    status: str = "",
    kind: str = "",
    due: str = "",
    recent: bool = False,
    on: dt.date | None = None,
    terms: Sequence[str] = (),
    ordering: Sequence[str] = (),
) -> QuerySet[Draft]:
    """Drafts received by the units this officer or leader works for (superuser: all), newest
    received first unless ``ordering`` says otherwise. ``due`` (``today``, ``week``,
    ``overdue``: ``comment_period_due_q``) and ``recent`` (received in the last seven days)
    count from ``on`` (default: today in Vietnam)."""
    from ykien.core.dashboard import WEEK_DAYS

    qs = Draft.objects.select_related("unit", "drafting_unit")
    if not user.is_superuser:
        qs = qs.filter(unit_id__in=user_scope_unit_ids(user=user, roles=STAFF_ROLES))
    day = on or today()
    if due:
        qs = qs.filter(comment_period_due_q(due, day))
    if recent:
        qs = qs.filter(received_on__gte=day - dt.timedelta(days=WEEK_DAYS - 1))
    return _draft_list(qs, status=status, kind=kind, terms=terms, ordering=ordering)


def drafts_for_respondent(
    *,
    user: User,
    status: str = "",
    kind: str = "",
    terms: Sequence[str] = (),
    ordering: Sequence[str] = (),
) -> QuerySet[Draft]:
    """Drafts of the respondent's drafting units whose critique document is issued, each with
    ``pending``: its points not answered yet."""
    units = user_scope_unit_ids(user=user, roles=[Role.RESPONDENT])
    qs = (
        Draft.objects.filter(
            drafting_unit_id__in=units, status__in=(DraftStatus.ISSUED, DraftStatus.ANSWERED)
        )
        .select_related("unit", "drafting_unit", "document")
        .annotate(pending=Count("points", filter=Q(points__status=PointStatus.PENDING)))
    )
    return _draft_list(qs, status=status, kind=kind, terms=terms, ordering=ordering)


def version_get(*, draft: Draft, number: int) -> DraftVersion | None:
    return draft.versions.filter(number=number).first()


@dataclass
class NodeRow:
    node: Node
    comments: int = 0
    heat: int = 0  # 0..5, the share of the busiest node


def version_rows(*, version: DraftVersion) -> list[NodeRow]:
    """A published version's nodes in reading order with their visible comment counts (one
    query for the nodes, one GROUP BY for the counts)."""
    nodes = list(
        Node.objects.filter(version=version)
        .only("id", "kind", "number", "title", "text", "depth", "position", "label", "parent_id")
        .order_by("position")
    )
    counts = node_comment_counts(version=version)
    top = max(counts.values(), default=0)
    rows = []
    for node in nodes:
        node.is_whole_text = len(nodes) == 1
        n = counts.get(node.pk, 0)
        heat = 0 if not n or not top else max(1, round(5 * n / top))
        rows.append(NodeRow(node, n, heat))
    return rows


def commentable_nodes(*, draft: Draft) -> list[Node]:
    """The nodes of every version of the draft that take comments (``Node.commentable``:
    articles, clauses, points, and the one node of a text without structure), by version then
    reading order; one query (``is_whole_text`` is set from the version's node count)."""
    nodes = list(
        Node.objects.filter(draft=draft)
        .select_related("version")
        .only("id", "kind", "label", "parent_id", "position", "version__number", "version_id")
        .order_by("version__number", "position")
    )
    per_version = Counter(n.version_id for n in nodes)
    for node in nodes:
        node.is_whole_text = per_version[node.version_id] == 1
    return [n for n in nodes if n.commentable]


def node_comment_counts(*, version: DraftVersion) -> dict[int, int]:
    """The visible comments of each node of ``version`` that has any, from the counters
    (``models.CommentCount``: a few rows per node, not the comments)."""
    return {
        node_id: n
        for node_id, n in CommentCount.objects.filter(
            draft_id=version.draft_id, node__version=version
        )
        .values("node_id")
        .annotate(n=Sum("visible"))
        .values_list("node_id", "n")
        if n
    }


def comments_visible_count(*, draft: Draft, node: Node | None = None, general: bool = False) -> int:
    """The visible comments, from the counters: of the whole draft (every version, on nodes
    and on the whole draft), of one ``node``, or with ``general`` those on the whole draft
    only."""
    rows = CommentCount.objects.filter(draft=draft)
    if node is not None:
        rows = rows.filter(node=node)
    elif general:
        rows = rows.filter(node__isnull=True)
    total = rows.aggregate(n=Sum("visible"))["n"]
    return int(total or 0)


def node_get(*, draft: Draft, pk: int) -> Node | None:
    return Node.objects.select_related("version").filter(draft=draft, pk=pk).first()


def comments_for_moderation(
    *,
    draft: Draft,
    status: str = "",
    stance: str = "",
    reported: bool = False,
    terms: Sequence[str] = (),
    ordering: Sequence[str] = (),
) -> QuerySet[Comment]:
    """The draft's comments for its moderators. ``terms``: folded words that must each begin a
    word of the proposed wording or the reasons (``core.lists.search``); ``reported``: only
    comments reported at least once; ``ordering``: the list's sort (default most reported
    first, then newest)."""
    qs = Comment.objects.filter(draft=draft).select_related("node", "moderated_by")
    if status:
        qs = qs.filter(status=status)
    if stance:
        qs = qs.filter(stance=stance)
    if reported:
        qs = qs.filter(report_count__gt=0)
    qs = lists.search(qs, "search_text", terms)
    return qs.order_by(*(ordering or ("-report_count", "-created_at", "-id")))


def moderation_counts(*, draft: Draft) -> dict[str, int]:
    counts = dict(
        Comment.objects.filter(draft=draft)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {s.value: counts.get(s.value, 0) for s in CommentStatus}


@dataclass
class StatementRow:
    statement: Statement
    agree: int = 0
    disagree: int = 0
    passed: int = 0
    mine: int | None = None
    #: Proposed by the participant the rows were read for.
    own: bool = False

    @property
    def mine_label(self) -> str:
        """The participant's vote in words ("Đồng ý", "Không đồng ý", "Bỏ qua"); "" if none."""
        return "" if self.mine is None else str(Vote.Value(self.mine).label)

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passed


def statements(
    *, draft: Draft, participant: str = "", status: str = StatementStatus.ACTIVE
) -> list[StatementRow]:
    """Statements of a draft with vote tallies and the participant's own vote."""
    qs = Statement.objects.filter(draft=draft)
    if status:
        qs = qs.filter(status=status)
    qs = qs.annotate(
        agree=Count("votes", filter=Q(votes__value=1)),
        disagree=Count("votes", filter=Q(votes__value=-1)),
        passed=Count("votes", filter=Q(votes__value=0)),
    ).order_by("created_at", "id")
    mine: dict[int, int] = {}
    if participant:
        mine = dict(
            Vote.objects.filter(draft=draft, participant=participant).values_list(
                "statement_id", "value"
            )
        )
    return [
        StatementRow(
            s,
            s.agree,  # type: ignore[attr-defined]
            s.disagree,  # type: ignore[attr-defined]
            s.passed,  # type: ignore[attr-defined]
            mine.get(s.pk),
            own=bool(participant) and s.participant == participant,
        )
        for s in qs
    ]


def statements_proposed_by(*, draft: Draft, participant: str) -> list[Statement]:
    """The statements ``participant`` proposed that are not (or no longer) put to the vote:
    waiting for an officer, or withdrawn with a reason; oldest first."""
    if not participant:
        return []
    return list(
        Statement.objects.filter(draft=draft, participant=participant)
        .exclude(status=StatementStatus.ACTIVE)
        .order_by("created_at", "id")
    )


# --------------------------------------------------------------------- analysis inputs


def draft_vote_rows(*, draft_id: int) -> list[tuple[str, int, int, dt.datetime]]:
    """Every vote on the draft's statements as (participant id, statement id, vote, timestamp):
    the input of the opinion-groups analysis (a re-vote is stored as the latest value)."""
    return list(
        Vote.objects.filter(draft_id=draft_id)
        .order_by("updated_at", "id")
        .values_list("participant", "statement_id", "value", "updated_at")
    )


def draft_comment_rows(
    *, draft_id: int, include_hidden: bool = False
) -> list[tuple[int, str, dt.datetime, str]]:
    """Comments as (id, text, created, author key): the input of duplicate and topic analysis.
    The text is the proposed wording and the reasons, joined by a blank line."""
    qs = Comment.objects.filter(draft_id=draft_id)
    if not include_hidden:
        qs = qs.filter(status=CommentStatus.VISIBLE)
    rows = qs.order_by("created_at", "id").values_list(
        "id", "proposed_wording", "reasons", "created_at", "participant"
    )
    return [
        (pk, "\n\n".join(p for p in (wording, reasons) if p), created, author)
        for pk, wording, reasons, created, author in rows
    ]


# ---------------------------------------------------------------------------- statistics


@dataclass
class VersionComments:
    """A published (or superseded) version and its visible comments."""

    version: DraftVersion
    comments: int


@dataclass
class DraftStats:
    """Draft-wide figures (every version) and the heat map of one version (``version``)."""

    comments: int
    participants: int
    by_stance: list[tuple[str, str, int]]  # value, label, count
    by_kind: list[tuple[str, str, int]]  # participants by kind of author
    timeline: list[tuple[dt.date, int]]
    votes: int
    voters: int
    expert_opinions: int
    peak: int = 0
    rows: list[NodeRow] = field(default_factory=list)  # the heat map of ``version``
    version: DraftVersion | None = None
    versions: list[VersionComments] = field(default_factory=list)  # every published one
    version_comments: int = 0  # visible comments on ``version`` (its nodes and the whole text)
    version_node_comments: int = 0  # … of which on one of its nodes (the heat map's total)

    @property
    def version_general_comments(self) -> int:
        return self.version_comments - self.version_node_comments


def published_versions(*, draft: Draft) -> list[DraftVersion]:
    """The versions the public has seen (published or superseded), oldest first."""
    return list(draft.versions.exclude(status=VersionStatus.REVIEW).order_by("number"))


def draft_stats(*, draft: Draft, version: DraftVersion | None = None) -> DraftStats:
    """The stance split, participants by kind, comments per day, votes and expert opinions of
    a draft (visible comments, every version); the visible comments of each published version;
    comments per node (the heat map) of ``version`` (default: the current one)."""
    visible = Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE)
    stance = dict(visible.values("stance").annotate(n=Count("id")).values_list("stance", "n"))
    kinds = Counter(
        dict(
            visible.values("author_kind")
            .annotate(n=Count("participant", distinct=True))
            .values_list("author_kind", "n")
        )
    )
    timeline = list(
        visible.annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("id"))
        .order_by("day")
        .values_list("day", "n")
    )
    votes = Vote.objects.filter(draft=draft)
    version = version or draft.current_version
    rows = version_rows(version=version) if version else []
    per_version = dict(
        visible.values("version_id").annotate(n=Count("id")).values_list("version_id", "n")
    )
    return DraftStats(
        comments=sum(stance.values()),
        participants=visible.values("participant").distinct().count(),
        by_stance=[(s.value, str(s.label), stance.get(s.value, 0)) for s in Stance],
        by_kind=[(k.value, str(k.label), kinds.get(k.value, 0)) for k in AuthorKind],
        timeline=timeline,
        votes=votes.count(),
        voters=votes.values("participant").distinct().count(),
        expert_opinions=ExpertOpinion.objects.filter(draft=draft).count(),
        peak=max((n for _d, n in timeline), default=0),
        rows=rows,
        version=version,
        versions=[
            VersionComments(v, per_version.get(v.pk, 0)) for v in published_versions(draft=draft)
        ],
        version_comments=per_version.get(version.pk, 0) if version else 0,
        version_node_comments=sum(r.comments for r in rows),
    )


@dataclass
class HotNode:
    """A node with its visible comments; ``label`` names the version when the draft's comments
    on nodes span several versions (``Điều 3, khoản 1 (bản 1)``)."""

    node: Node
    comments: int
    label: str


def most_commented(*, draft: Draft, limit: int = 10) -> list[HotNode]:
    """The nodes with the most visible comments, over every version of the draft (most
    comments first, then the newest version, then reading order)."""
    on_nodes = Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE, node__isnull=False)
    counts = list(
        on_nodes.values("node_id")
        .annotate(n=Count("id"))
        .order_by("-n", "-node__version__number", "node__position")
        .values_list("node_id", "n")[:limit]
    )
    nodes = Node.objects.select_related("version").in_bulk([pk for pk, _n in counts])
    several = on_nodes.values("version_id").distinct().count() > 1
    hot = []
    for pk, n in counts:
        node = nodes[pk]
        text = str(node)
        if several:
            text = _("%(label)s (bản %(number)s)") % {"label": text, "number": node.version.number}
        hot.append(HotNode(node, n, text))
    return hot


# ------------------------------------------------------------------ experts, critique


def invitations(*, draft: Draft) -> QuerySet[Invitation]:
    return draft.invitations.select_related("expert").order_by("expert_name")


def invitation_counts(*, draft: Draft) -> dict[str, int]:
    """How many of the draft's invitations are sent (not yet opened), opened and answered."""
    counts = dict.fromkeys(InvitationStatus.values, 0)
    for row in draft.invitations.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def opinions(*, draft: Draft) -> QuerySet[ExpertOpinion]:
    return ExpertOpinion.objects.filter(draft=draft).select_related("invitation", "node")


def points(*, draft: Draft) -> QuerySet[CritiquePoint]:
    return (
        CritiquePoint.objects.filter(draft=draft)
        .prefetch_related("nodes")
        .annotate(
            n_comments=Count("comments", distinct=True),
            n_opinions=Count("opinions", distinct=True),
        )
        .order_by("position", "id")
    )


def point_get(*, draft: Draft, pk: int) -> CritiquePoint | None:
    return CritiquePoint.objects.filter(draft=draft, pk=pk).first()


@dataclass
class PointSupport:
    """What a critique point rests on: its clauses and its supporting comments counted by
    stance and by kind of author (only the non-zero rows, in the order of the choices)."""

    nodes: list[str] = field(default_factory=list)
    total: int = 0
    by_stance: list[tuple[str, str, int]] = field(default_factory=list)  # value, label, count
    by_kind: list[tuple[str, str, int]] = field(default_factory=list)  # value, label, count
    opinions: int = 0
    from_conference: bool = False

    def __bool__(self) -> bool:
        return bool(self.nodes or self.total or self.opinions or self.from_conference)


def _point_node_labels(nodes: list[Node]) -> list[str]:
    """Node labels in reading order, identical labels of one version once; when the nodes
    span several versions each label names its version (``Điều 3, khoản 1 (bản 1)``)."""
    several = len({n.version_id for n in nodes}) > 1
    seen: set[tuple[int, str]] = set()
    labels: list[str] = []
    for n in sorted(nodes, key=lambda n: (n.version.number, n.position)):
        text = str(n)
        if (n.version_id, text) in seen:
            continue
        seen.add((n.version_id, text))
        if several:
            text = _("%(label)s (bản %(number)s)") % {"label": text, "number": n.version.number}
        labels.append(text)
    return labels


def points_support(*, points: list[CritiquePoint]) -> dict[int, PointSupport]:
    """``PointSupport`` of each point by id, for a whole list of points in four queries
    (labels are translated in the active language)."""
    support = {p.pk: PointSupport(from_conference=p.from_conference) for p in points}
    if not support:
        return support
    ids = list(support)
    nodes: dict[int, list[Node]] = {}
    for link in CritiquePoint.nodes.through.objects.filter(critiquepoint_id__in=ids).select_related(
        "node__version"
    ):
        nodes.setdefault(link.critiquepoint_id, []).append(link.node)
    links = CritiquePoint.comments.through.objects.filter(critiquepoint_id__in=ids)

    def by(column: str) -> dict[tuple[int, str], int]:
        rows = links.values("critiquepoint_id", column).annotate(n=Count("id"))
        return {(r["critiquepoint_id"], r[column]): r["n"] for r in rows}

    stances, kinds = by("comment__stance"), by("comment__author_kind")
    opinions = {
        r["critiquepoint_id"]: r["n"]
        for r in CritiquePoint.opinions.through.objects.filter(critiquepoint_id__in=ids)
        .values("critiquepoint_id")
        .annotate(n=Count("id"))
    }
    for pk, row in support.items():
        row.nodes = _point_node_labels(nodes.get(pk, []))
        row.by_stance = [
            (s.value, str(s.label), stances[pk, s.value])
            for s in Stance
            if stances.get((pk, s.value))
        ]
        row.by_kind = [
            (k.value, str(k.label), kinds[pk, k.value])
            for k in AuthorKind
            if kinds.get((pk, k.value))
        ]
        row.total = sum(n for _v, _l, n in row.by_stance)
        row.opinions = opinions.get(pk, 0)
    return support


def document_get(*, draft: Draft) -> CritiqueDocument | None:
    return CritiqueDocument.objects.filter(draft=draft).first()


def is_point_overdue(
    *, document: CritiqueDocument | None, point: CritiquePoint, on: dt.date
) -> bool:
    return bool(
        document is not None
        and document.status == DocumentStatus.ISSUED
        and document.answer_due is not None
        and point.status == PointStatus.PENDING
        and on > document.answer_due
    )


def overdue_points(*, draft: Draft, on: dt.date) -> int:
    document = document_get(draft=draft)
    if document is None or document.answer_due is None or on <= document.answer_due:
        return 0
    return draft.points.filter(status=PointStatus.PENDING).count()


def version_diff(*, old: DraftVersion, new: DraftVersion) -> dict[str, Any]:
    """What changed between two versions, node by node (see ``diff.diff_versions``)."""
    return diff_versions(old.tree, new.tree)


# ------------------------------------------------------------------------- indicators


def count_received(*, unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return Draft.objects.filter(unit_id__in=unit_ids, received_on__range=(start, end)).count()


def count_critiqued(*, unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return CritiqueDocument.objects.filter(
        draft__unit_id__in=unit_ids,
        status=DocumentStatus.ISSUED,
        issue_date__range=(start, end),
    ).count()


def count_comments(*, unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return Comment.objects.filter(
        draft__unit_id__in=unit_ids, created_at__date__range=(start, end)
    ).count()


def count_expert_opinions(*, unit_ids: set[int], start: dt.date, end: dt.date) -> int:
    return Invitation.objects.filter(
        draft__unit_id__in=unit_ids,
        answered_at__isnull=False,
        answered_at__date__range=(start, end),
    ).count()

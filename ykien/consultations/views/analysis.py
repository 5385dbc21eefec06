"""The officer's analysis screen of a draft (duplicate groups, topic clusters, opinion groups), its
progress for the polling script, a topic turned into a critique point; and the common ground of
the opinion groups shown on the public draft page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ykien.consultations import selectors, selectors_analysis, services
from ykien.consultations.models import AnalysisKind, AnalysisRun, Draft, DraftStatus, Node
from ykien.consultations.permissions import MANAGE
from ykien.consultations.views.common import comment_url, get_draft, user
from ykien.core.errors import DomainError

SOURCES = 10  # comments linked after a summary sentence (then "and N more")


def _comment_links(draft: Draft, ids: set[int]) -> dict[int, str]:
    """Where each visible comment is read: its own page (``common.comment_url``). A comment
    not visible to the public gets no link."""
    rows = selectors.comments_public(draft=draft).filter(pk__in=ids).values_list("pk", flat=True)
    return {pk: comment_url(draft.pk, pk) for pk in rows}


def _with_links(items: list[dict[str, Any]], links: dict[int, str]) -> list[dict[str, Any]]:
    return [{**item, "url": links.get(item["id"], "")} for item in items]


def _when(seconds: float | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC) if seconds is not None else None


def _evidence(group: dict[str, Any]) -> dict[str, Any] | None:
    """A group's evidence with times as datetimes (shown in the local time zone)."""
    ev = group.get("evidence")
    if not ev:
        return None
    burst = ev.get("burst")
    if burst:
        burst = {
            **burst,
            "start": _when(burst["start"]),
            "end": _when(burst["end"]),
            "first": _when(burst["first"]),
            "last": _when(burst["last"]),
            "hours": round(burst["window_hours"]),
        }
    return {**ev, "burst": burst}


def _stances(topic: dict[str, Any], links: dict[int, str]) -> list[dict[str, Any]]:
    """The topic's summary by stance, each sentence with links to its comments."""
    return [
        {
            "stance": part["stance"],
            "label": services.stance_label(part["stance"]),
            "sentences": [
                {
                    "text": x["text"],
                    "sources": [
                        {"id": pk, "url": links.get(pk, "")} for pk in x["sources"][:SOURCES]
                    ],
                    "more": max(0, len(x["sources"]) - SOURCES),
                }
                for x in part["sentences"]
            ],
        }
        for part in topic.get("by_stance", [])
    ]


def _clause_label(node: Node | None, clause: dict[str, Any]) -> str:
    """A summarised clause's label in the reader's language (the run's stored label when the
    node is gone); the comments on the whole draft are "Góp ý chung"."""
    if clause["node"] is None:
        return _("Góp ý chung")
    return node.label_text if node is not None else str(clause["label"])


def _clause_summaries(
    draft: Draft, result: dict[str, Any] | None, links: dict[int, str]
) -> list[dict[str, Any]]:
    """Per clause of a topics run (document order): its label in the reader's language, a
    link to it, its key phrases and its own summary by stance, each sentence linked to its
    comments."""
    if not result:
        return []
    clauses = result.get("clauses", [])
    nodes = Node.objects.filter(draft=draft).in_bulk([c["node"] for c in clauses if c["node"]])
    several = len({c["version"] for c in clauses}) > 1
    out = []
    for clause in clauses:
        node = nodes.get(clause["node"]) if clause["node"] else None
        out.append(
            {
                **clause,
                "label": _clause_label(node, clause),
                "version": clause["version"] if several else None,
                "url": (
                    reverse("consultations:node", args=[draft.pk, node.pk])
                    if node is not None
                    else reverse("consultations:general", args=[draft.pk])
                ),
                "stances": _stances(clause, links),
            }
        )
    return out


def _standings(result: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """Statements (common ground or differences) with each group's agreement in percent,
    next to the group's name and colour."""
    ids = [int(g["id"]) for g in result.get("groups", [])]
    out = []
    for item in result.get(key, []):
        per_group = [
            {
                "number": gid + 1,
                "colour": selectors_analysis.group_colour(gid),
                "agree": round(100 * a),
                "disagree": round(100 * d),
                "seen": n,
            }
            for gid, a, d, n in zip(
                ids, item["agree"], item["disagree"], item["seen"], strict=False
            )
        ]
        out.append({**item, "groups": per_group})
    return out


def _clauses(result: dict[str, Any], draft: Draft) -> list[dict[str, Any]]:
    """Per clause, where the groups' comments stand, with the clause's label in the
    reader's language and a link to it."""
    ids = [int(g["id"]) for g in result.get("groups", [])]
    nodes = {
        n.pk: n
        for n in Node.objects.filter(
            draft=draft, pk__in=[c["node"] for c in result.get("clauses", []) if c["node"]]
        ).select_related("version")
    }
    # The same clause of two versions has the same label: say which version when several show.
    several = len({n.version.number for n in nodes.values()}) > 1
    out = []
    for clause in result.get("clauses", []):
        node = nodes.get(clause["node"]) if clause["node"] else None
        out.append(
            {
                **clause,
                "label": node.label_text if node is not None else _("Góp ý chung"),
                "version": node.version.number if several and node is not None else None,
                "url": (
                    reverse("consultations:node", args=[draft.pk, node.pk])
                    if node is not None
                    else reverse("consultations:general", args=[draft.pk])
                ),
                "groups": [
                    {
                        "number": gid + 1,
                        "colour": selectors_analysis.group_colour(gid),
                        "agree": round(100 * a),
                        "disagree": round(100 * d),
                        "reword": r,
                        "seen": n,
                    }
                    for gid, a, d, r, n in zip(
                        ids,
                        clause["agree"],
                        clause["disagree"],
                        clause["reword"],
                        clause["seen"],
                        strict=False,
                    )
                ],
            }
        )
    return out


def common_ground_context(draft: Draft, result: dict[str, Any] | None) -> dict[str, Any]:
    """The context of ``consultations/analysis/_common_ground.html`` for an opinion-groups result (the
    staff screen's latest run, or the public summary of ``selectors_analysis.common_ground_in``)."""
    if not result:
        return {"common_ground": [], "differences": [], "clauses": []}
    return {
        "common_ground": _standings(result, "common_ground"),
        "differences": _standings(result, "differences"),
        "clauses": _clauses(result, draft),
    }


def public_common_ground(draft: Draft, run: AnalysisRun | None) -> dict[str, Any] | None:
    """For the public draft page: common ground and differences of ``run`` (the latest finished
    opinion-groups run), with no participant in it; None before a run has finished."""
    if run is None:
        return None
    summary = selectors_analysis.common_ground_in(run)
    if not summary["groups"]:
        return None
    return {**common_ground_context(draft, summary), "computed_at": summary["computed_at"]}


@login_required
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the three panels; POST ``kind``: request a new run of that analysis."""
    draft = get_draft(pk, request, MANAGE)
    if request.method == "POST":
        kinds = (
            AnalysisKind.values
            if request.POST.get("kind") == "all"
            else [request.POST.get("kind", "")]
        )
        try:
            for kind in kinds:
                services.analysis_run_request(actor=user(request), draft_id=draft.pk, kind=kind)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Đã yêu cầu phân tích; kết quả hiện khi chạy xong."))
        return redirect("consultations:analysis", pk=draft.pk)

    latest = selectors_analysis.latest_runs(draft_id=draft.pk)
    done = {
        kind: selectors_analysis.latest_done(draft_id=draft.pk, kind=kind)
        for kind in AnalysisKind.values
    }
    dup = done[AnalysisKind.DUPLICATES]
    top = done[AnalysisKind.TOPICS]
    ops = done[AnalysisKind.OPINION_GROUPS]
    ids: set[int] = set()
    if dup:
        ids |= {m["id"] for g in dup.result["groups"] for m in g["members"]}
    if top:
        ids |= {r["id"] for t in top.result["topics"] for r in t["representatives"]}
        ids |= {
            pk
            for t in top.result["topics"]
            for part in t.get("by_stance", [])
            for x in part["sentences"]
            for pk in x["sources"]
        }
        ids |= {
            pk
            for c in top.result.get("clauses", [])
            for part in c["by_stance"]
            for x in part["sentences"]
            for pk in x["sources"]
        }
    links = _comment_links(draft, ids)
    duplicate_groups = (
        [
            {**g, "members": _with_links(g["members"], links), "evidence": _evidence(g)}
            for g in dup.result["groups"]
        ]
        if dup
        else []
    )
    topics = (
        [
            {
                **t,
                "representatives": _with_links(t["representatives"], links),
                "stances": _stances(t, links),
            }
            for t in top.result["topics"]
        ]
        if top
        else []
    )
    panels = [(kind, label, latest[kind], done[kind]) for kind, label in AnalysisKind.choices]
    return render(
        request,
        "consultations/analysis/screen.html",
        {
            "draft": draft,
            "panels": panels,
            "active": any(run is not None and run.active for run in latest.values()),
            "dup": dup,
            "duplicate_groups": duplicate_groups,
            "top": top,
            "topics": topics,
            "clause_summaries": _clause_summaries(draft, top.result if top else None, links),
            "ops": ops,
            "plot": selectors_analysis.scatter(ops.result) if ops else None,
            **common_ground_context(draft, ops.result if ops else None),
            "no_groups": bool(ops and "no_groups" in ops.result.get("notes", [])),
            "consolidating": draft.status == DraftStatus.CONSOLIDATING,
        },
    )


@login_required
def status(request: HttpRequest, pk: int) -> JsonResponse:
    """Status and progress of the newest run of each analysis (polled by ``consultations/analysis/progress.js``)."""
    draft = get_draft(pk, request, MANAGE)
    return JsonResponse({"runs": selectors_analysis.status_of(draft_id=draft.pk)})


@login_required
@require_POST
def topic_point(request: HttpRequest, pk: int, run_id: int, topic: int) -> HttpResponse:
    """Turn a topic cluster into a critique point, then open it for editing."""
    draft = get_draft(pk, request, MANAGE)
    run = selectors_analysis.run_get(draft_id=draft.pk, pk=run_id)
    if run is None:
        raise Http404
    try:
        point = services.point_from_topic(actor=user(request), run=run, topic=topic)
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("consultations:analysis", pk=draft.pk)
    messages.success(request, _("Đã tạo điểm phản biện từ cụm chủ đề; hãy rà soát và sửa lại."))
    return redirect("consultations:point_edit", pk=draft.pk, point_id=point.pk)

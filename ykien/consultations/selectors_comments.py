"""The public lists of comments, newest first: of a whole draft (the draft page's latest
comments), of one node (the clause page, the API) or on the whole draft only (the general
comments page), and their keyset pages. Re-exported by ``selectors``.

The pages are reached by cursor, never by ``OFFSET``: a draft of a million comments reads its
thousandth page as fast as its first (``docs/domains/consultations.md``, "The draft page at
scale")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ykien.consultations.models import Comment, CommentStatus, Draft, Node


def _comments_of(*, draft: Draft, node: Node | None, general: bool) -> QuerySet[Comment]:
    qs = Comment.objects.filter(draft=draft)
    if node is not None:
        return qs.filter(node=node)
    return qs.filter(node__isnull=True) if general else qs


def comments_public(
    *, draft: Draft, node: Node | None = None, general: bool = False
) -> QuerySet[Comment]:
    """Visible comments, newest first: of the whole draft, of one ``node``, or with
    ``general`` those on the whole draft only (no node)."""
    qs = _comments_of(draft=draft, node=node, general=general)
    return (
        qs.filter(status=CommentStatus.VISIBLE)
        .select_related("node")
        .order_by("-created_at", "-id")
    )


@dataclass
class CommentPage:
    """One page of visible comments, newest first, reached by keyset: ``older`` / ``newer``
    are the comment ids to pass as cursors for the next and previous pages (on the web pages
    ``?cu-hon=`` / ``?moi-hon=``; None: there is none); ``first``: whether this is the newest
    page."""

    comments: list[Comment]
    older: int | None
    newer: int | None
    first: bool


def _before(t: dt.datetime, pk: int) -> Q:
    # (created_at, id) < (t, pk), written so that the index bound is ``created_at <= t``.
    return Q(created_at__lte=t) & (Q(created_at__lt=t) | Q(id__lt=pk))


def _after(t: dt.datetime, pk: int) -> Q:
    return Q(created_at__gte=t) & (Q(created_at__gt=t) | Q(id__gt=pk))


def comments_public_page(
    *,
    draft: Draft,
    node: Node | None = None,
    general: bool = False,
    older_than: int | None = None,
    newer_than: int | None = None,
    size: int = 20,
    offset: int = 0,
) -> CommentPage | None:
    """A page of ``size`` visible comments, newest first, of the whole draft, of one ``node``
    or (``general``) of those on the whole draft only: the newest page (skipping ``offset``
    comments: the API's former paging, kept for small offsets), the page older than comment
    ``older_than`` or the one newer than ``newer_than`` (a comment of the same draft and node,
    whatever its status now). Each page costs a walk of the ``(draft, status, created_at, id)``
    or ``(node, status, created_at, id)`` index from its cursor, however deep: no ``OFFSET``.
    None when the cursor is not a comment of this draft and node. A page newer than the cursor
    that reaches the newest comment is the newest page."""
    qs = comments_public(draft=draft, node=node, general=general)
    cursor = older_than if older_than is not None else newer_than
    if cursor is None:
        rows = list(qs[offset : offset + size + 1])
        shown = rows[:size]
        return CommentPage(
            shown,
            shown[-1].pk if len(rows) > size else None,
            shown[0].pk if offset and shown else None,
            not offset,
        )
    anchor = (
        _comments_of(draft=draft, node=node, general=general)
        .filter(pk=cursor)
        .values_list("created_at", "pk")
        .first()
    )
    if anchor is None:
        return None
    if older_than is not None:
        rows = list(qs.filter(_before(*anchor))[: size + 1])
        shown = rows[:size]
        top = (shown[0].created_at, shown[0].pk) if shown else anchor
        return CommentPage(
            shown,
            shown[-1].pk if len(rows) > size else None,
            top[1] if qs.filter(_after(*top)).exists() else None,
            False,
        )
    rows = list(qs.filter(_after(*anchor)).order_by("created_at", "id")[: size + 1])
    if len(rows) <= size:  # nothing newer than these: the newest page
        return comments_public_page(draft=draft, node=node, general=general, size=size)
    shown = rows[:size][::-1]
    bottom = (shown[-1].created_at, shown[-1].pk)
    return CommentPage(
        shown, bottom[1] if qs.filter(_before(*bottom)).exists() else None, shown[0].pk, False
    )

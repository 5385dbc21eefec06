"""Demo data for "what became of a comment": on the answered 2024 Trà Vinh draft, a citizen's
comment whose chain is complete (cited by the point the drafting body accepted, and its clause
reworded in version 2) and one whose point was explained (its clause unchanged).

Called from ``demo.load_tra_vinh`` while that draft is still open (a new version can be
published only before the critique document is issued)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ykien.consultations import demo_texts as texts
from ykien.consultations import services
from ykien.consultations.models import Comment, Draft, Node
from ykien.core.models import User
from ykien.core.permissions import SYSTEM

#: The reasons of the comment with a complete chain (how the demo finds it again).
COMPLETE_REASONS = (
    "Ở các ấp đặc biệt khó khăn, có đông đồng bào dân tộc Khmer, người hoạt động không chuyên "
    "trách phải đảm nhiệm nhiều việc hơn nhưng dự thảo chưa nêu rõ họ thuộc đối tượng áp dụng."
)
ADDED = ", kể cả người hoạt động ở các ấp đặc biệt khó khăn có đông đồng bào dân tộc Khmer"
EXPLAINED_REASONS = (
    "Mức phụ cấp bằng 1,0 lần mức lương cơ sở còn thấp so với khối lượng công việc ở ấp, khóm."
)


def revised(chapters: list[texts.Chapter]) -> list[texts.Chapter]:
    """Version 2 of ``texts.generic``'s chapters: Điều 2, khoản 1 (the persons the text applies
    to) names the people of the poorest hamlets, as the accepted point asked."""
    number, title, articles = chapters[0]
    heading, clauses = articles[1]
    first = str(clauses[0]).removesuffix(".") + ADDED + "."
    return [
        (number, title, [articles[0], (heading, [first, *clauses[1:]]), *articles[2:]]),
        *chapters[1:],
    ]


def comments_and_version(
    draft: Draft, *, head: list[str], chapters: list[texts.Chapter], tail: list[str]
) -> dict[int, list[int]]:
    """Post the two comments on version 1, then publish version 2 (``revised``); returns the
    comments each critique point (by index) is to cite."""
    author = User.objects.filter(username="congdan").first() or User.objects.get(
        username="dan01.demo"
    )
    nodes = {
        n.label: n
        for n in Node.objects.filter(
            version_id=draft.current_version_id, label__in=("Điều 2, khoản 1", "Điều 3, khoản 1")
        )
    }
    who = services.Participant.of_user(author)
    complete = services.comment_post(
        draft_id=draft.pk,
        node_id=nodes["Điều 2, khoản 1"].pk,
        participant=who,
        stance="reword",
        proposed_wording=f"Bổ sung cụm từ “{ADDED.removeprefix(', ')}” vào cuối khoản này.",
        reasons=COMPLETE_REASONS,
    )
    explained = services.comment_post(
        draft_id=draft.pk,
        node_id=nodes["Điều 3, khoản 1"].pk,
        participant=who,
        stance="disagree",
        reasons=EXPLAINED_REASONS,
    )
    version = services.version_upload(
        actor=SYSTEM,
        draft=draft,
        filename="du-thao-1-v2.txt",
        data=texts.as_txt(head, revised(chapters), tail),
        note="Tiếp thu ý kiến về đối tượng áp dụng",
    )
    services.version_publish(actor=SYSTEM, version=version)
    draft.refresh_from_db()
    return {0: [complete.pk], 1: [explained.pk]}


def backdate(draft: Draft, end: dt.date) -> None:
    """Version 2 came out at the end of the comment period, after every comment on version 1."""
    moment = timezone.make_aware(dt.datetime.combine(end, dt.time(18, 0)))
    draft.versions.filter(number=2).update(published_at=moment)


def urls(out: Any) -> None:
    """Print the pages of the complete chain (when the demo has it)."""
    comment = Comment.objects.filter(reasons=COMPLETE_REASONS).first()
    if comment is None:
        return
    base = settings.SITE_URL.rstrip("/")
    fate = reverse("consultations:comment_fate", args=[comment.draft_id, comment.pk])
    said = reverse("consultations:you_said", args=[comment.draft_id])
    out.write(f"Kết quả của một góp ý (trọn chuỗi): {base}{fate}\n")
    out.write(f"Ý kiến của Nhân dân và kết quả tiếp thu: {base}{said}\n")

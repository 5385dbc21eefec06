"""Reads of the dialogue app: public dialogues, questions grouped for the head, commitments for
the accountability board, figures for the briefing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from ykien.analysis.duplicates import duplicate_groups
from ykien.analysis.topics import topics
from ykien.core import lists
from ykien.core.models import Role, Unit, UnitKind, User
from ykien.core.selectors import unit_ancestors, user_units
from ykien.dialogue.models import (
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueStatus,
    Question,
    QuestionStatus,
)

FRONT_ROLES = (Role.OFFICER.value, Role.LEADER.value)


def front_units_for(*, user: User) -> list[Unit]:
    """Front committees where ``user`` is officer or leader (to organise dialogues from)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(
            Unit.objects.filter(kind=UnitKind.FRONT, valid_to__isnull=True).order_by(
                "depth", "name"
            )[:200]
        )
    return [u for u in user_units(user=user, roles=FRONT_ROLES) if u.kind == UnitKind.FRONT]


def nearest_front_above(unit: Unit) -> Unit | None:
    """The nearest ancestor of ``unit`` that is a front committee (not ``unit`` itself)."""
    for ancestor in reversed(unit_ancestors(unit=unit)):
        if ancestor.kind == UnitKind.FRONT:
            return ancestor
    return None


def escalation_target(commitment: Commitment) -> Unit | None:
    """The front committee one level above the one that organised the dialogue."""
    return nearest_front_above(commitment.dialogue.unit)


def dialogues_public() -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(status__in=DialogueStatus.public()).select_related(
        "unit", "head_unit"
    )


def dialogue_public_get(*, pk: int) -> Dialogue | None:
    return dialogues_public().filter(pk=pk).first()


def public_places() -> QuerySet[Unit]:
    """The units a visitor may narrow the public lists to: each front committee that organised
    a public dialogue, each unit whose head held one or to which a commitment is addressed, and
    the units above them (a province shows its communes' dialogues)."""
    public = Dialogue.objects.filter(status__in=DialogueStatus.public())
    ids: set[int] = set()
    for unit_id, head_id in public.values_list("unit_id", "head_unit_id"):
        ids |= {unit_id, head_id}
    ids |= set(
        Commitment.objects.filter(dialogue__in=public).values_list("addressee_id", flat=True)
    )
    above: set[int] = set()
    for unit in Unit.objects.filter(pk__in=ids).only("id", "path"):
        above |= set(unit.ancestor_ids)
    return Unit.objects.filter(pk__in=ids | above).order_by("depth", "name")


def dialogues_public_list(
    *,
    terms: Sequence[str] = (),
    status: str = "",
    place: Unit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    ordering: Sequence[str] = ("-held_on", "-pk"),
) -> QuerySet[Dialogue]:
    """The public list: public dialogues searched (folded words), filtered by status, by place
    (organised by a front committee, or held by the head of a unit, in ``place``'s subtree and
    the units merged into it) and by the session's day, in ``ordering``."""
    from ykien.core.selectors import unit_scope_ids

    qs = dialogues_public()
    if status:
        qs = qs.filter(status=status)
    if place is not None:
        ids = unit_scope_ids(unit=place)
        qs = qs.filter(Q(unit_id__in=ids) | Q(head_unit_id__in=ids))
    qs = lists.in_period(qs, "held_on", start, end)
    return lists.search(qs, "search_text", terms).order_by(*ordering)


def commitments_public_list(
    *,
    today: dt.date,
    terms: Sequence[str] = (),
    status: str = "",
    overdue: bool = False,
    place: Unit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    ordering: Sequence[str] = ("due_on", "pk"),
) -> QuerySet[Commitment]:
    """The public list of commitments: those of public dialogues searched (folded words),
    filtered by status, by ``overdue`` (awaited past the due date on ``today``), by place (the
    addressee or the organising front committee in ``place``'s subtree and the units merged into
    it) and by due date, in ``ordering``."""
    from ykien.core.selectors import unit_scope_ids

    qs = commitments_public()
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status__in=CommitmentStatus.awaiting(), due_on__lt=today)
    if place is not None:
        ids = unit_scope_ids(unit=place)
        qs = qs.filter(Q(addressee_id__in=ids) | Q(dialogue__unit_id__in=ids))
    qs = lists.in_period(qs, "due_on", start, end)
    return lists.search(qs, "search_text", terms).order_by(*ordering)


def dialogues_for_desk(*, user: User) -> QuerySet[Dialogue]:
    """The dialogues the front committees of ``user`` organised (all for a superuser)."""
    qs = Dialogue.objects.select_related("unit", "head_unit")
    if user.is_superuser:
        return qs
    from ykien.core.selectors import unit_scope_ids

    ids: set[int] = set()
    for unit in front_units_for(user=user):
        ids |= unit_scope_ids(unit=unit)
    return qs.filter(unit_id__in=ids)


def dialogues_desk_list(
    *,
    user: User,
    terms: Sequence[str] = (),
    status: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    ordering: Sequence[str] = ("-held_on", "-pk"),
) -> QuerySet[Dialogue]:
    """The officers' list: ``dialogues_for_desk`` searched (folded words), filtered by status and
    the session's day, with the number of questions and of commitments, in ``ordering``."""
    qs = dialogues_for_desk(user=user)
    if status:
        qs = qs.filter(status=status)
    qs = lists.in_period(qs, "held_on", start, end)
    qs = lists.search(qs, "search_text", terms)
    qs = qs.annotate(
        n_questions=Count("questions", distinct=True),
        n_commitments=Count("commitments", distinct=True),
    )
    return qs.order_by(*ordering)


def questions_public(*, dialogue: Dialogue) -> QuerySet[Question]:
    """Questions shown on the public page (not those left out of the dialogue)."""
    return dialogue.questions.exclude(status=QuestionStatus.HIDDEN)


def unanswered_numbers(dialogue: Dialogue) -> list[int]:
    """The numbers (as on the officer's page: every question in the order received, from 1) of
    the questions of ``dialogue`` still awaiting an answer: the minutes are issued only when
    none is left (each answered, or left out with its reason)."""
    statuses = dialogue.questions.order_by("created_at", "pk").values_list("status", flat=True)
    return [n for n, status in enumerate(statuses, 1) if status == QuestionStatus.RECEIVED]


def commitments_public(
    *, start: dt.date | None = None, end: dt.date | None = None, addressee: Unit | None = None
) -> QuerySet[Commitment]:
    """Commitments of public dialogues, for the accountability board."""
    qs = Commitment.objects.filter(dialogue__status__in=DialogueStatus.public()).select_related(
        "dialogue", "dialogue__unit", "addressee", "escalated_to"
    )
    qs = lists.in_period(qs, "dialogue__held_on", start, end)
    if addressee is not None:
        qs = qs.filter(addressee=addressee)
    return qs.order_by("due_on", "pk")


def commitment_public_get(*, pk: int) -> Commitment | None:
    return commitments_public().filter(pk=pk).first()


def commitments_to_answer(*, user: User) -> QuerySet[Commitment]:
    """Commitments addressed to the units where ``user`` is the head's office or respondent."""
    units = user_units(user=user, roles=[Role.HEAD_OFFICE.value, Role.RESPONDENT.value])
    from ykien.core.selectors import unit_scope_ids

    ids: set[int] = set()
    for unit in units:
        ids |= unit_scope_ids(unit=unit)
    return Commitment.objects.filter(addressee_id__in=ids).select_related("dialogue", "addressee")


def commitments_overdue(*, today: dt.date) -> QuerySet[Commitment]:
    """Open commitments past their due date (the escalation job's candidates)."""
    return Commitment.objects.filter(status=CommitmentStatus.OPEN, due_on__lt=today).select_related(
        "dialogue", "dialogue__unit", "addressee"
    )


# --------------------------------------------------------------------------- grouping


@dataclass
class QuestionGroup:
    """Questions grouped for the head: near-duplicates of one question, under a topic."""

    title: str  # the group's first question (or the topic's key phrases)
    questions: list[Question] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.questions)


@dataclass
class Grouping:
    topics: list[tuple[str, list[QuestionGroup]]]  # (key phrases, groups of near-duplicates)
    total: int
    flagged: int


def _twin_labels(questions: Sequence[Question]) -> list[int]:
    """For each of ``questions``, the position of the first question of its near-duplicate group
    (``analysis.duplicates``; its own position when it has no twin)."""
    label = list(range(len(questions)))
    for group in duplicate_groups([q.text for q in questions], min_size=2):
        for member in group.members:
            label[member] = group.members[0]
    return label


def question_twins(*, dialogue: Dialogue) -> dict[int, list[Question]]:
    """For each question of ``dialogue`` not left out, the other questions that ask the same
    (the near-duplicates the head's grouping puts together), in the order received: one answer
    is given to them all (``services.question_answer(twins=…)``)."""
    questions = list(questions_public(dialogue=dialogue).order_by("created_at", "pk"))
    label = _twin_labels(questions)
    return {
        q.pk: [other for j, other in enumerate(questions) if j != i and label[j] == label[i]]
        for i, q in enumerate(questions)
    }


def questions_grouped(*, dialogue: Dialogue) -> Grouping:
    """The dialogue's questions (not left out) grouped for the head: near-duplicates together
    (``analysis.duplicates``), the groups under topics with their key phrases
    (``analysis.topics``; one topic "Các câu hỏi" when too few questions to cluster), largest
    first, with counts."""
    questions = list(questions_public(dialogue=dialogue).order_by("created_at", "pk"))
    label = _twin_labels(questions)
    groups: dict[int, QuestionGroup] = {}
    for i, question in enumerate(questions):
        lead = label[i]
        groups.setdefault(lead, QuestionGroup(title=questions[lead].text))
        groups[lead].questions.append(question)
    # Topics over the groups' lead questions.
    leads = sorted(groups)
    by_topic: dict[str, list[QuestionGroup]] = {}
    result = topics([questions[i].text for i in leads]) if len(leads) >= 6 else None
    if result is not None and result.topics:
        names = {t.topic: ", ".join(t.key_phrases[:4]) for t in result.topics}
        for position, lead in enumerate(leads):
            name = names.get(int(result.labels[position]), "")
            by_topic.setdefault(name, []).append(groups[lead])
    else:
        by_topic[""] = [groups[lead] for lead in leads]
    ordered = [
        (name, sorted(items, key=lambda g: -g.count))
        for name, items in sorted(by_topic.items(), key=lambda kv: -sum(g.count for g in kv[1]))
    ]
    return Grouping(
        topics=ordered,
        total=len(questions),
        flagged=sum(1 for q in questions if q.flagged),
    )


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figures:
    dialogues_held: int
    questions_received: int
    questions_answered: int
    kept_on_time: int
    late: int
    not_kept: int


HELD = (DialogueStatus.HELD, DialogueStatus.MINUTES, DialogueStatus.CLOSED)


def period_figures(*, unit_ids: set[int], start: dt.date, end: dt.date, today: dt.date) -> Figures:
    """The briefing's figures for dialogues held by ``unit_ids`` from ``start`` to ``end``:
    questions received and answered in them; their commitments kept by the due date, late (kept
    after it, or still awaited past it on ``today``) and not kept."""
    dialogues = Dialogue.objects.filter(
        unit_id__in=unit_ids, held_on__gte=start, held_on__lte=end, status__in=HELD
    )
    questions = Question.objects.filter(dialogue__in=dialogues)
    commitments = Commitment.objects.filter(dialogue__in=dialogues)
    kept = commitments.filter(kept=True, answered_on__isnull=False)
    on_time = kept.filter(answered_on__lte=F("due_on")).count()
    kept_late = kept.filter(answered_on__gt=F("due_on")).count()
    waiting_late = commitments.filter(
        status__in=CommitmentStatus.awaiting(), due_on__lt=today
    ).count()
    return Figures(
        dialogues_held=dialogues.count(),
        questions_received=questions.count(),
        questions_answered=questions.filter(status=QuestionStatus.ANSWERED).count(),
        kept_on_time=on_time,
        late=kept_late + waiting_late,
        not_kept=commitments.filter(kept=False).count(),
    )

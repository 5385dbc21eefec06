"""The allowed transitions of an activity (per form), of a recommendation and of a Regulation 124
feedback: the one place where the lifecycles are written down (services enforce them, tests walk
every edge)."""

from __future__ import annotations

from ykien.oversight.models import (
    ActivityForm,
    ActivityStatus,
    ConductFeedback,
    RecommendationStatus,
)

A = ActivityStatus
_SIMPLE: dict[str, frozenset[str]] = {
    A.PLANNED: frozenset({A.IN_PROGRESS, A.CANCELLED}),
    A.IN_PROGRESS: frozenset({A.REPORTED, A.CANCELLED}),
    A.REPORTED: frozenset({A.CLOSED}),
}

ACTIVITY_TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    # Supervision team (NQLT 403/2017, Điều 7–8): decision → notice → session → report.
    ActivityForm.TEAM: {
        A.PLANNED: frozenset({A.DECIDED, A.CANCELLED}),
        A.DECIDED: frozenset({A.NOTIFIED, A.CANCELLED}),
        A.NOTIFIED: frozenset({A.SESSION_HELD, A.CANCELLED}),
        A.SESSION_HELD: frozenset({A.REPORTED}),
        A.REPORTED: frozenset({A.CLOSED}),
    },
    ActivityForm.DOCUMENT_REVIEW: _SIMPLE,
    ActivityForm.BOARD: _SIMPLE,
    ActivityForm.JOINT: _SIMPLE,
}

# Statuses in which findings and recommendations may be written.
ACTIVITY_FINDINGS_OPEN = frozenset({A.IN_PROGRESS, A.SESSION_HELD, A.REPORTED})

R = RecommendationStatus
_ANSWERS = frozenset({R.DONE, R.IN_PROGRESS, R.EXPLAINED, R.REJECTED})

RECOMMENDATION_TRANSITIONS: dict[str, frozenset[str]] = {
    R.DRAFT: frozenset({R.ISSUED}),
    R.ISSUED: _ANSWERS | {R.ESCALATED},
    R.ESCALATED: _ANSWERS,
    # A plan may be revised (a new answer), and an overdue plan escalated.
    R.IN_PROGRESS: _ANSWERS | {R.ESCALATED},
    R.DONE: frozenset({R.CLOSED}),
    R.EXPLAINED: frozenset({R.CLOSED}),
    R.REJECTED: frozenset({R.CLOSED}),
    R.CLOSED: frozenset(),
}


FS = ConductFeedback.Status
# Regulation 124 feedback: received → reviewing → concluded / dismissed (never backwards).
FEEDBACK_TRANSITIONS: dict[str, tuple[str, ...]] = {
    FS.RECEIVED: (FS.REVIEWING,),
    FS.REVIEWING: (FS.CONCLUDED, FS.DISMISSED),
    FS.CONCLUDED: (),
    FS.DISMISSED: (),
}


def activity_can_move(form: str, current: str, target: str) -> bool:
    return target in ACTIVITY_TRANSITIONS.get(form, {}).get(current, frozenset())


def recommendation_can_move(current: str, target: str) -> bool:
    return target in RECOMMENDATION_TRANSITIONS.get(current, frozenset())


def feedback_next_states(current: str) -> tuple[str, ...]:
    """The statuses a feedback may move to from ``current`` (none once it is finished)."""
    return FEEDBACK_TRANSITIONS.get(current, ())


def feedback_can_move(current: str, target: str) -> bool:
    return target in feedback_next_states(current)

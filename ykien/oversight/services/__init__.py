"""Writes of the supervision domain, one module per section; callers import this package
(``from ykien.oversight import services``). Every service checks the actor's permission
(``core.permissions``; jobs act as ``SYSTEM``), validates its input and changes state in one
transaction; the lifecycles' steps go through ``core.lifecycle.transition`` (lock, permission,
edge, change, history, audit, event). Side effects (search index, mail) run on commit.

| module | section |
|---|---|
| ``programmes`` | yearly programmes and their items |
| ``activities`` | activities and their steps, per form |
| ``findings`` | findings and documents of an activity |
| ``recommendations`` | drafting, countersigning, sending, answering, closing |
| ``escalation`` | referral to the front one level up; weekly reminders |
| ``feedback`` | Regulation 124 feedback |
| ``positions`` | officials' positions; board members |
"""

from ykien.oversight.services._common import BOARD_KINDS, MAX_ANSWER_DAYS
from ykien.oversight.services.activities import (
    ShortNoticeWarning,
    activity_cancel,
    activity_close,
    activity_create,
    activity_report,
    activity_start,
    results_deadline,
    subject_report_receive,
    team_decide,
    team_notify,
    team_session_record,
)
from ykien.oversight.services.escalation import (
    escalation_target,
    recommendation_escalate,
    recommendation_remind,
    recommendations_remind_overdue,
)
from ykien.oversight.services.feedback import (
    FEEDBACK_SNAPSHOT_EXCLUDE,
    competent_front,
    feedback_assign,
    feedback_rotate_keys,
    feedback_sender_reveal,
    feedback_set_status,
    feedback_submit,
)
from ykien.oversight.services.findings import activity_document_add, finding_add
from ykien.oversight.services.positions import board_member_add, position_create
from ykien.oversight.services.programmes import (
    programme_agree,
    programme_create,
    programme_item_add,
    programme_item_cancel,
    programme_item_edit,
)
from ykien.oversight.services.recommendations import (
    recommendation_answer,
    recommendation_close,
    recommendation_countersign,
    recommendation_create,
    recommendation_issue,
)

__all__ = [
    "BOARD_KINDS",
    "FEEDBACK_SNAPSHOT_EXCLUDE",
    "MAX_ANSWER_DAYS",
    "ShortNoticeWarning",
    "activity_cancel",
    "activity_close",
    "activity_create",
    "activity_document_add",
    "activity_report",
    "activity_start",
    "board_member_add",
    "competent_front",
    "escalation_target",
    "feedback_assign",
    "feedback_rotate_keys",
    "feedback_sender_reveal",
    "feedback_set_status",
    "feedback_submit",
    "finding_add",
    "position_create",
    "programme_agree",
    "programme_create",
    "programme_item_add",
    "programme_item_cancel",
    "programme_item_edit",
    "recommendation_answer",
    "recommendation_close",
    "recommendation_countersign",
    "recommendation_create",
    "recommendation_escalate",
    "recommendation_issue",
    "recommendation_remind",
    "recommendations_remind_overdue",
    "results_deadline",
    "subject_report_receive",
    "team_decide",
    "team_notify",
    "team_session_record",
]

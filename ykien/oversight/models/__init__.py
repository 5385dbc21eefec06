from ykien.oversight.models.activity import (
    Activity,
    ActivityDocument,
    ActivityForm,
    ActivityStatus,
    Finding,
)
from ykien.oversight.models.board import BoardMember
from ykien.oversight.models.feedback import ConductFeedback, FeedbackStep, OfficialPosition
from ykien.oversight.models.programme import Programme, ProgrammeItem, ProgrammeItemEvent
from ykien.oversight.models.recommendation import (
    Answer,
    AnswerDocument,
    AnswerKind,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
)

__all__ = [
    "Activity",
    "ActivityDocument",
    "ActivityForm",
    "ActivityStatus",
    "Answer",
    "AnswerDocument",
    "AnswerKind",
    "BoardMember",
    "ConductFeedback",
    "FeedbackStep",
    "Finding",
    "OfficialPosition",
    "Programme",
    "ProgrammeItem",
    "ProgrammeItemEvent",
    "Recommendation",
    "RecommendationEvent",
    "RecommendationStatus",
]

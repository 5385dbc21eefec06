"""Writes of the consultations domain: receive a draft, split and publish it, take comments and
votes, invite experts, hold the conference, consolidate points, issue the critique document and
record the drafting body's answers, and analyse the comments and votes (``analysis``). One
module per section; callers import this package.

Every service checks permission through the one policy (``core.permissions``; jobs, the demo
and commands act as ``SYSTEM``, never ``None``), changes state in one transaction and writes an
audit event; notifications (mail, the search index) are sent on commit. Every change of state
is a transition of a lifecycle declared in ``consultations.lifecycle`` and made by
``core.lifecycle.transition``, which also publishes the domain event. Comment intake is not a
transition: it stays one conditional INSERT (``intake``, ADR 0004).
"""

from ykien.consultations.services.analysis import (
    analysis_run_execute,
    analysis_run_request,
    point_from_topic,
    stance_label,
)
from ykien.consultations.services.answers import point_answer
from ykien.consultations.services.common import (
    DEFAULT_PARSE_SECONDS,
    MAX_COMMENT_CHARS,
    MAX_UPLOAD_BYTES,
    REPORT_ADDRESS_WINDOW,
    REPORT_THRESHOLD,
    extract_message,
)
from ykien.consultations.services.conference import (
    ATTACHMENT_KINDS,
    conference_attach,
    conference_save,
)
from ykien.consultations.services.document import (
    ISSUED_NUMBER_RE,
    default_answer_days,
    document_issue,
    document_return,
    document_save,
    document_submit,
    is_issued_number,
)
from ykien.consultations.services.drafts import (
    close_expired_drafts,
    closes_early,
    draft_register,
    draft_transition,
    draft_update,
    early_close_reason_message,
)
from ykien.consultations.services.intake import (
    Participant,
    comment_post,
    open_for_participation,
)
from ykien.consultations.services.invitations import (
    SentInvitation,
    invitation_by_link,
    invitation_closed_early,
    invitation_closed_early_message,
    invitation_link,
    invitation_open,
    invitation_send,
    opinion_submit,
)
from ykien.consultations.services.moderation import (
    address_hash,
    comment_moderate,
    comment_report,
)
from ykien.consultations.services.points import point_remove, point_save
from ykien.consultations.services.statements import (
    statement_moderate,
    statement_propose,
    vote_cast,
)
from ykien.consultations.services.tree import TREE_ERRORS, version_tree_edit
from ykien.consultations.services.versions import (
    DraftText,
    draft_text_read,
    version_publish,
    version_upload,
    version_upload_refusal,
)

__all__ = [
    "ATTACHMENT_KINDS",
    "DEFAULT_PARSE_SECONDS",
    "ISSUED_NUMBER_RE",
    "MAX_COMMENT_CHARS",
    "MAX_UPLOAD_BYTES",
    "REPORT_ADDRESS_WINDOW",
    "REPORT_THRESHOLD",
    "TREE_ERRORS",
    "DraftText",
    "Participant",
    "SentInvitation",
    "address_hash",
    "analysis_run_execute",
    "analysis_run_request",
    "close_expired_drafts",
    "closes_early",
    "comment_moderate",
    "comment_post",
    "comment_report",
    "conference_attach",
    "conference_save",
    "default_answer_days",
    "document_issue",
    "document_return",
    "document_save",
    "document_submit",
    "draft_register",
    "draft_text_read",
    "draft_transition",
    "draft_update",
    "early_close_reason_message",
    "extract_message",
    "invitation_by_link",
    "invitation_closed_early",
    "invitation_closed_early_message",
    "invitation_link",
    "invitation_open",
    "invitation_send",
    "is_issued_number",
    "open_for_participation",
    "opinion_submit",
    "point_answer",
    "point_from_topic",
    "point_remove",
    "point_save",
    "stance_label",
    "statement_moderate",
    "statement_propose",
    "version_publish",
    "version_tree_edit",
    "version_upload",
    "version_upload_refusal",
    "vote_cast",
]

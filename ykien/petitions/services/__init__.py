"""Writes of the petitions domain, one module per section, re-exported here so callers keep
``from ykien.petitions import services`` / ``services.petition_accept(...)``:

- ``intake``: receiving a petition (public form, Open311, reception, post) and tracking codes;
- ``handling``: classify, assign, accept, refuse, transfer, merge, extend, settle;
- ``answers``: the answer to the sender and the sender's rating;
- ``confidential``: revealing the sender and reading files with a reason, key rotation;
- ``reminders``: mail to the handlers of petitions due soon or overdue;
- ``pending``: files of the public form kept while the sender corrects it;
- ``senders``: a citizen attaches a petition to their account, and erasure with the account.

Every state change goes through ``core.lifecycle.transition`` with the lifecycle declared in
``petitions.lifecycle`` (permission, edge, change, step, audit, event). The sender's identity
only ever travels as a ``core.pii.SenderIdentity`` (whose ``repr`` hides it) and is stored
encrypted; audit snapshots leave out the ciphertext, the tracking code and the free texts.
"""

from ykien.petitions.services._base import as_of, route_unit, today
from ykien.petitions.services.answers import petition_answer, petition_rate
from ykien.petitions.services.confidential import (
    attachment_read,
    attachments_rotate,
    identities_rotate,
    sender_reveal,
)
from ykien.petitions.services.handling import (
    petition_accept,
    petition_assign,
    petition_classify,
    petition_extend,
    petition_merge,
    petition_refuse,
    petition_settle,
    petition_transfer,
)
from ykien.petitions.services.intake import petition_submit
from ykien.petitions.services.pending import (
    PENDING_TTL,
    PendingFile,
    pending_discard,
    pending_files,
    pending_keep,
    pending_purge,
    pending_remove,
    pending_take,
    pending_token_new,
)
from ykien.petitions.services.reminders import REMINDER_DAYS, petition_remind, reminders_send
from ykien.petitions.services.senders import petition_attach, sender_account_erase

__all__ = [
    "PENDING_TTL",
    "REMINDER_DAYS",
    "PendingFile",
    "as_of",
    "attachment_read",
    "attachments_rotate",
    "identities_rotate",
    "pending_discard",
    "pending_files",
    "pending_keep",
    "pending_purge",
    "pending_remove",
    "pending_take",
    "pending_token_new",
    "petition_accept",
    "petition_answer",
    "petition_assign",
    "petition_attach",
    "petition_classify",
    "petition_extend",
    "petition_merge",
    "petition_rate",
    "petition_refuse",
    "petition_remind",
    "petition_settle",
    "petition_submit",
    "petition_transfer",
    "reminders_send",
    "route_unit",
    "sender_account_erase",
    "sender_reveal",
    "today",
]

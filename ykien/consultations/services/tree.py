"""Corrections of the split of a version under review: merge, split, re-type (the pure tree
operations are ``splitter.merge``, ``split_node``, ``retype``)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from ykien.consultations import splitter
from ykien.consultations.codes import TREE_ERROR_CODES
from ykien.consultations.models import DraftVersion, VersionStatus
from ykien.consultations.services.common import require_staff
from ykien.core.audit import audit_record
from ykien.core.errors import InvalidTransition, ValidationFailed
from ykien.core.permissions import Actor

#: The message of each refused correction, by the splitter's code (``codes.ErrorCode``).
TREE_ERRORS = {str(code): code.label for code in TREE_ERROR_CODES}


@transaction.atomic
def version_tree_edit(
    *,
    actor: Actor,
    version: DraftVersion,
    op: str,
    path: Sequence[int],
    other: Sequence[int] | None = None,
    offset: int | None = None,
    kind: str = "",
    number: str = "",
    title: str | None = None,
) -> DraftVersion:
    """Correct the split of a version under review: ``merge`` (path with ``other``: its next
    sibling, never of a higher level, or its first child — see ``splitter.merge``), ``split``
    (at ``offset`` in the node's text) or ``retype`` (kind, number, title; the kind must stay
    below the parent's and above the children's). A refused edit raises ``ValidationFailed``
    with the splitter's code and changes nothing."""
    require_staff(actor, version.draft)
    version = DraftVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.REVIEW:
        raise InvalidTransition(_("Phiên bản đã công khai; không sửa cấu trúc được nữa."))
    tree = splitter.from_json(version.tree)
    try:
        if op == "merge":
            new_tree = splitter.merge(tree, path, other or [])
        elif op == "split":
            new_tree = splitter.split_node(tree, path, int(offset or 0))
        elif op == "retype":
            new_tree = splitter.retype(tree, path, kind, number, title=title)
        else:
            raise ValidationFailed(_("Thao tác không hợp lệ."), field="op")
    except splitter.TreeEditError as exc:
        message = TREE_ERRORS.get(exc.code, str(exc))
        raise ValidationFailed(str(message), code=exc.code) from exc
    version.tree = splitter.to_json(new_tree)
    version.save(update_fields=["tree"])
    audit_record(
        actor=actor,
        action=f"draft.tree_{op}",
        obj=version,
        unit=version.draft.unit,
        after={
            "path": list(path),
            "other": list(other or []),
            "offset": offset,
            "kind": kind,
            "number": number,
        },
    )
    return version

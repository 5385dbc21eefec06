"""Writes of the accounts app: a citizen's profile and the deletion of their account.

Sign-up, confirmation and password reset are django-allauth's (configured in settings, adapted in
``accounts.adapter``); what is ours is the profile and the erasure of a person."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ykien.accounts.codes import AuditAction, ErrorCode
from ykien.accounts.models import Language, Profile
from ykien.accounts.selectors import commune_is_current
from ykien.core import mine
from ykien.core.audit import audit_record
from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.text import nfc

# Prefix of the user name a deleted account keeps (a name must stay unique; it says nothing of
# whose account it was).
DELETED_PREFIX = "da-xoa-"


def profile_create(*, user: User, language: str = "") -> Profile:
    """The profile of a new account (or the existing one), in ``language`` when it is one of
    the site's."""
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"language": language if language in Language.values else ""}
    )
    return profile


@transaction.atomic
def profile_update(
    *, actor: User, full_name: str, commune_id: int | None, language: str
) -> Profile:
    """Save the person's own name, commune (one in force today, or none) and language.

    Raises ``ValidationFailed`` (an empty name, a commune that is not a current one, a
    language the site does not have)."""
    name = " ".join(nfc(full_name).split())
    if not name or len(name) > 150:
        raise ValidationFailed(_("Xin nhập họ và tên (tối đa 150 ký tự)."), field="full_name")
    if language not in Language.values:
        raise ValidationFailed(_("Ngôn ngữ không hợp lệ."), field="language")
    commune = None
    if commune_id is not None:
        commune = commune_is_current(unit_id=commune_id)
        if commune is None:
            raise ValidationFailed(
                _("Xã, phường không có trong danh sách hiện hành. Xin chọn lại."),
                code=ErrorCode.BAD_COMMUNE,
                field="commune",
            )
    profile = profile_create(user=actor)
    changed = [
        name_
        for name_, before, after in (
            ("full_name", actor.full_name, name),
            ("commune", profile.commune_id, commune.pk if commune else None),
            ("language", profile.language, language),
        )
        if before != after
    ]
    actor.full_name = name
    actor.save(update_fields=["full_name"])
    profile.commune = commune
    profile.language = language
    profile.save()
    # Which fields changed, not their values: the log outlives the account (a deleted account's
    # name must not stay in it).
    audit_record(
        actor=actor, action=AuditAction.PROFILE_UPDATE, obj=profile, after={"changed": changed}
    )
    return profile


@transaction.atomic
def profile_language_set(*, user: Any, language: str) -> int:
    """The language chosen in the header by a signed-in person with a profile (staff without
    one keep none): returns the profiles changed. Not audited: a reading preference."""
    if language not in Language.values:
        return 0
    return (
        Profile.objects.filter(user_id=user.pk).exclude(language=language).update(language=language)
    )


def account_delete(*, actor: User, password: str) -> dict[str, int]:
    """Delete the person's own account, in one transaction: their contributions in every app
    become anonymous (``core.mine.erase_all``, which returns how many records each app
    changed), then their own data goes — name, e-mail, phone, profile, e-mail addresses —, the
    password becomes unusable, the account inactive and its user name one that names no one.
    The audit log keeps that an account was deleted, and the counts.

    Raises ``PermissionDenied`` for a staff account (their acts are official records) and
    ``ValidationFailed`` for a wrong password; nothing changes then."""
    from allauth.account.models import EmailAddress

    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("Bạn cần đăng nhập."))
    if not _may_delete(actor):
        raise PermissionDenied(
            _(
                "Tài khoản cán bộ không tự xóa được: những việc cán bộ đã làm là hồ sơ công vụ. "
                "Xin liên hệ quản trị viên của đơn vị."
            ),
            code=ErrorCode.STAFF_CANNOT_DELETE,
        )
    if not actor.check_password(password):
        raise ValidationFailed(
            _("Mật khẩu không đúng."), code=ErrorCode.WRONG_PASSWORD, field="password"
        )
    counts = mine.erase_all(actor)
    Profile.objects.filter(user=actor).delete()
    EmailAddress.objects.filter(user=actor).delete()
    actor.username = f"{DELETED_PREFIX}{actor.pk}-{secrets.token_hex(4)}"
    actor.full_name = actor.first_name = actor.last_name = ""
    actor.email = actor.phone = actor.position = ""
    actor.set_unusable_password()
    actor.is_active = False
    actor.save()
    audit_record(
        actor=actor,  # now named by its new user name only
        action=AuditAction.ACCOUNT_DELETE,
        obj=actor,
        after={"erased": counts},
    )
    return counts


def _may_delete(actor: User) -> bool:
    return allows(actor, "accounts.delete_account", actor)

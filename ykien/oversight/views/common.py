"""Helpers shared by the supervision views: permission checks and turning domain errors into
form errors (so that everything the user typed is shown again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest

from ykien.core.errors import DomainError
from ykien.core.models import User


def current_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def require(request: HttpRequest, perm: str, obj: Any = None) -> User:
    user = current_user(request)
    if not user.is_authenticated or not user.has_perm(perm, obj):
        raise DjangoPermissionDenied
    return user


def attempt(form: forms.Form, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run ``call``; on a domain error put its message on the form (on its field when the form
    has it) and return (False, error)."""
    try:
        return True, call()
    except DomainError as exc:
        target = exc.field if exc.field and exc.field in form.fields else None
        form.add_error(target, str(exc.message))
        return False, exc

"""Helpers shared by the supervision views: permission checks and turning domain errors into
form errors (so that everything the user typed is shown again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest

from ykien.core.errors import DomainError
from ykien.core.forms import form_error
from ykien.core.models import User
from ykien.core.permissions import allows


def current_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def require(request: HttpRequest, perm: str, obj: Any = None) -> User:
    """The signed-in user when they hold ``perm`` on ``obj`` (``core.permissions``), else 403."""
    user = current_user(request)
    if not user.is_authenticated or not allows(user, perm, obj):
        raise DjangoPermissionDenied
    return user


def attempt(form: forms.Form, call: Callable[[], Any]) -> tuple[bool, Any]:
    """Run ``call``; on a domain error put its message on the form (on its field when the form
    has it) and return (False, error)."""
    try:
        return True, call()
    except DomainError as exc:
        form_error(form, exc)
        return False, exc

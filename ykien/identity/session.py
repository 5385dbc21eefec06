"""The verified person of a browser session. A citizen signed in through the identity provider is
not a user account (ADR 0009): the session keeps the four fields of the ``VerifiedPerson`` and
when they stop counting, nothing else, and nothing is written to the database."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest

from ykien.identity.person import AGE_BANDS, SEXES, VerifiedPerson, province_codes

SESSION_KEY = "identity.person"
NEXT_KEY = "identity.next"


def current_person(request: HttpRequest) -> VerifiedPerson | None:
    """The citizen signed in through the identity provider in this session, or None."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        until = float(data["until"])
        person = VerifiedPerson(
            subject_hash=str(data["subject_hash"]),
            province_code=str(data["province_code"]),
            age_band=str(data["age_band"]),
            sex=str(data["sex"]),
        )
    except (KeyError, TypeError, ValueError):
        session.pop(SESSION_KEY, None)
        return None
    if (
        until < time.time()
        or person.province_code not in province_codes()
        or person.age_band not in ("", *AGE_BANDS)
        or person.sex not in ("", *SEXES)
    ):
        session.pop(SESSION_KEY, None)
        return None
    return person


def person_sign_in(request: HttpRequest, person: VerifiedPerson) -> None:
    """Keep ``person`` in the session for IDENTITY_SESSION_SECONDS, under a new session key
    (no session fixation); a staff or citizen account signed in alongside stays signed in."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "subject_hash": person.subject_hash,
        "province_code": person.province_code,
        "age_band": person.age_band,
        "sex": person.sex,
        "until": time.time() + settings.IDENTITY_SESSION_SECONDS,
    }


def person_sign_out(request: HttpRequest) -> None:
    """Forget the verified person of this session (other sign-ins stay)."""
    if request.session.pop(SESSION_KEY, None) is not None:
        request.session.cycle_key()

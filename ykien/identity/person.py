"""The verified person: what the platform keeps of a citizen signed in through the identity
provider, and how it is made from the provider's claims. Nothing else about the person is kept:
not the identifier (only its keyed hash), not the name, not the birth date (only the age band)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from vietnam_provinces import ProvinceCode

from ykien.identity.codes import ErrorCode
from ykien.identity.errors import IdentityError

AGE_BANDS = ("16-24", "25-34", "35-44", "45-54", "55-64", "65+")
# (lowest age, band), highest first.
_BAND_FLOORS = (
    (65, "65+"),
    (55, "55-64"),
    (45, "45-54"),
    (35, "35-44"),
    (25, "25-34"),
    (16, "16-24"),
)
SEXES = ("male", "female")
_GENDERS = {
    "male": "male",
    "m": "male",
    "nam": "male",
    "female": "female",
    "f": "female",
    "nữ": "female",
    "nu": "female",
}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MAX_SUB_LENGTH = 255


@dataclass(frozen=True)
class VerifiedPerson:
    """A citizen as the identity provider vouches for them."""

    subject_hash: str  # hex HMAC-SHA256(IDENTITY_HASH_KEY, issuer + "\x00" + sub)
    province_code: str  # one of the 34 provinces after the 2025 merger: "01" … "96"
    age_band: str  # one of AGE_BANDS, or "" (unknown)
    sex: str  # "male" | "female" | "" (unknown)

    def __repr__(self) -> str:
        # The hash identifies a person across ballots: kept out of logs and tracebacks.
        return f"VerifiedPerson(<ẩn>, province_code={self.province_code!r})"


@cache
def province_codes() -> frozenset[str]:
    """The codes of the 34 provinces and centrally-run cities, two digits ("01", "79", "86")."""
    return frozenset(f"{code.value:02d}" for code in ProvinceCode)


def hash_key() -> bytes:
    key = settings.IDENTITY_HASH_KEY
    if not key:
        raise ImproperlyConfigured(
            "YKIEN_IDENTITY_HASH_KEY must be set to sign citizens in through OpenID Connect "
            "(a long random secret; keep a copy outside the backups: changing it makes every "
            "person new)."
        )
    return key.encode()


def subject_hash(issuer: str, sub: str) -> str:
    """The keyed hash that stands for the person ``sub`` of ``issuer``."""
    message = f"{issuer}\x00{sub}".encode()
    return hmac.new(hash_key(), message, hashlib.sha256).hexdigest()


def age_band(age: int) -> str:
    for floor, band in _BAND_FLOORS:
        if age >= floor:
            return band
    return ""  # under 16: no band (the bands are those of the national consultation's reports)


def age_on(birthdate: dt.date, today: dt.date) -> int:
    return (
        today.year - birthdate.year - ((today.month, today.day) < (birthdate.month, birthdate.day))
    )


def _birthdate(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year == 0:  # OIDC: "0000" stands for a year left out
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _province(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.isascii() or not value.strip().isdigit():
        raise IdentityError(ErrorCode.UNKNOWN_PROVINCE)
    code = value.strip().zfill(2)
    if code not in province_codes():
        raise IdentityError(ErrorCode.UNKNOWN_PROVINCE)
    return code


class ClaimsReader:
    """Turns verified claims of one issuer into a ``VerifiedPerson``, with the settings it needs
    read once (it runs on every API ballot: no settings lookup, no Django time-zone machinery)."""

    def __init__(self, issuer: str) -> None:
        self.issuer = issuer
        self.key = hash_key()
        self.province_claim = settings.OIDC_PROVINCE_CLAIM
        self.zone = ZoneInfo(settings.TIME_ZONE)

    def person(self, claims: Mapping[str, object], today: dt.date | None = None) -> VerifiedPerson:
        """The person the (already verified) ID token ``claims`` describe: ``sub``, the province
        claim (settings.OIDC_PROVINCE_CLAIM), ``birthdate`` (YYYY-MM-DD) or ``age_band``,
        ``gender``. Raises IdentityError (missing_claim, unknown_province)."""
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub or len(sub) > MAX_SUB_LENGTH:
            raise IdentityError(ErrorCode.MISSING_CLAIM)
        province_claim = claims.get(self.province_claim)
        if province_claim is None or province_claim == "":
            raise IdentityError(ErrorCode.MISSING_CLAIM)
        province = _province(province_claim)
        band = ""
        born = _birthdate(claims.get("birthdate"))
        if born is not None:
            # The birthday is reckoned in Vietnam (settings.TIME_ZONE).
            band = age_band(age_on(born, today or dt.datetime.now(self.zone).date()))
        elif claims.get("age_band") in AGE_BANDS:
            band = str(claims["age_band"])
        gender = claims.get("gender")
        sex = _GENDERS.get(gender.strip().lower(), "") if isinstance(gender, str) else ""
        digest = hmac.new(self.key, f"{self.issuer}\x00{sub}".encode(), hashlib.sha256)
        return VerifiedPerson(
            subject_hash=digest.hexdigest(), province_code=province, age_band=band, sex=sex
        )


def person_from_claims(
    claims: Mapping[str, object], *, issuer: str, today: dt.date | None = None
) -> VerifiedPerson:
    """``ClaimsReader(issuer).person(claims, today)``."""
    return ClaimsReader(issuer).person(claims, today)

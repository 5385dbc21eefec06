"""Citizens' national identity through OpenID Connect (docs/domains/national.md, "Identity").

The contract other apps use::

    from ykien.identity import VerifiedPerson, IdentityError, verify_identity_token, current_person

(None of these modules defines or imports a model: importing them while Django loads its apps is
safe.)"""

from __future__ import annotations

from ykien.identity.config import is_configured
from ykien.identity.errors import IdentityError
from ykien.identity.person import VerifiedPerson
from ykien.identity.session import current_person
from ykien.identity.tokens import verify_identity_token

__all__ = [
    "IdentityError",
    "VerifiedPerson",
    "current_person",
    "is_configured",
    "verify_identity_token",
]

from ykien.core.models.apikeys import ApiKey
from ykien.core.models.audit import AuditEvent
from ykien.core.models.calendar import DeadlineRule, HolidayOverride
from ykien.core.models.people import Role, RoleGrant, User
from ykien.core.models.units import Unit, UnitKind, UnitLevel, UnitSuccession

__all__ = [
    "ApiKey",
    "AuditEvent",
    "DeadlineRule",
    "HolidayOverride",
    "Role",
    "RoleGrant",
    "Unit",
    "UnitKind",
    "UnitLevel",
    "UnitSuccession",
    "User",
]

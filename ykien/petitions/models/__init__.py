from ykien.petitions.models.intake import ServiceCategory
from ykien.petitions.models.petition import (
    Attachment,
    Channel,
    Kind,
    Petition,
    PetitionEvent,
    Status,
)

__all__ = [
    "Attachment",
    "Channel",
    "Kind",
    "Petition",
    "PetitionEvent",
    "ServiceCategory",
    "Status",
]

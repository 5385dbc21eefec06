from ykien.petitions.models.intake import ApiClient, ServiceCategory
from ykien.petitions.models.petition import (
    Attachment,
    Channel,
    Kind,
    Petition,
    PetitionEvent,
    Status,
)

__all__ = [
    "ApiClient",
    "Attachment",
    "Channel",
    "Kind",
    "Petition",
    "PetitionEvent",
    "ServiceCategory",
    "Status",
]

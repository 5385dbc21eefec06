from ykien.petitions.models.intake import ServiceCategory
from ykien.petitions.models.pending import PendingUpload
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
    "PendingUpload",
    "Petition",
    "PetitionEvent",
    "ServiceCategory",
    "Status",
]

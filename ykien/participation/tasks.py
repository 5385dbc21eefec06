"""Background tasks (django-tasks): delivering an event's notifications."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from ykien.participation import delivery


@task()
def deliver_event(event: dict[str, Any]) -> int:
    """Store and mail the notifications of one domain event."""
    return delivery.deliver(delivery.event_from_dict(event))

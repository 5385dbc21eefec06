"""Background tasks (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from ykien.petitions.services import reminders_send


@task()
def send_reminders() -> int:
    """Mail handlers their due-soon and overdue petitions (no identity in the mail)."""
    return reminders_send()

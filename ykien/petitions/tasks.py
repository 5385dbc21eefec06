"""Background tasks (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from ykien.petitions.services import pending_purge, reminders_send


@task()
def send_reminders() -> int:
    """Mail handlers their due-soon and overdue petitions (no identity in the mail)."""
    return reminders_send()


@task()
def purge_pending_uploads() -> int:
    """Remove the files of the public form kept past ``services.PENDING_TTL``."""
    return pending_purge()

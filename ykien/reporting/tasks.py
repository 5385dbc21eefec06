"""Background tasks of the briefing (django-tasks; `ykien worker` runs them)."""

from __future__ import annotations

from django_tasks import task

from ykien.core.selectors import today
from ykien.reporting import services


@task()
def send_reminders() -> int:
    """Remind the units that have not sent the figures of a period due within three working days
    or past due (once per unit and day); schedule it daily, e.g. from cron: `ykien report remind`."""
    return len(services.reminders_send(today=today()))

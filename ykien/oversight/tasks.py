"""Background tasks of the supervision app."""

from __future__ import annotations

from django_tasks import task

from ykien.oversight import services


@task()
def remind_overdue_recommendations() -> int:
    """Flag and remind overdue recommendations (mail to the addressee's respondents)."""
    return services.recommendations_remind_overdue()

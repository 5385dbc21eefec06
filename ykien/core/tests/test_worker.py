"""`ykien worker` keeps running through database errors ("database is locked", a lost
connection): it waits with a capped exponential back-off, logs each retry, and runs the task."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import InterfaceError, OperationalError
from django_tasks import task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from ykien.core.management.commands import worker as worker_cmd

RAN: list[str] = []


@task()
def remember(value: str) -> str:
    RAN.append(value)
    return value


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    RAN.clear()


@pytest.mark.django_db(transaction=True)
def test_database_locked_twice_then_the_task_runs_and_the_worker_does_not_exit(
    database_tasks, caplog
):
    result = remember.enqueue("phản ánh 1")
    real = db_worker.exclusive_transaction
    calls = {"n": 0}

    @contextmanager
    def locked_twice(using=None):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise OperationalError("database is locked")
        with real(using):
            yield

    with (
        mock.patch.object(db_worker, "exclusive_transaction", locked_twice),
        mock.patch("time.sleep") as sleep,
        caplog.at_level(logging.WARNING, logger="ykien.worker"),
    ):
        call_command("worker", "--batch", "--interval", "0")  # returns: nothing left to run

    assert RAN == ["phản ánh 1"]
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert [c.args for c in sleep.call_args_list] == [(1.0,), (2.0,)]
    assert [r.getMessage() for r in caplog.records if r.name == "ykien.worker"] == [
        "Database error in the task worker (OperationalError: database is locked); retry 1 in 1 s",
        "Database error in the task worker (OperationalError: database is locked); retry 2 in 2 s",
    ]


def test_the_back_off_doubles_up_to_a_minute_and_restarts_after_a_healthy_run():
    outcomes: list[BaseException | None] = [
        *[OperationalError("database is locked")] * 8,
        InterfaceError("connection already closed"),
        None,
    ]
    now = {"t": 0.0}

    def step():
        outcome = outcomes.pop(0)
        if len(outcomes) == 1:
            now["t"] += worker_cmd.HEALTHY_AFTER  # ran a healthy while before this error
        if outcome is not None:
            raise outcome

    with mock.patch("time.sleep") as sleep:
        worker_cmd.run_resilient(step, clock=lambda: now["t"])
    assert [c.args[0] for c in sleep.call_args_list] == [1, 2, 4, 8, 16, 32, 60, 60, 1]


def test_any_other_error_still_ends_the_worker():
    def step():
        raise ValueError("a bug")

    with mock.patch("time.sleep") as sleep, pytest.raises(ValueError, match="a bug"):
        worker_cmd.run_resilient(step)
    assert sleep.call_count == 0

"""`ykien serve`: a web worker that dies is started again, and a worker that dies again within
seconds of its restart does not bring the server down (granian's crash-loop guard would exit
it): `/healthz` keeps answering."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from granian.constants import Interfaces

from ykien.core.management.commands import serve

PROJECT = Path(__file__).resolve().parents[3]
OK = {"status": "ok", "database": "ok", "vendor": "sqlite"}


def test_granian_is_told_to_respawn_failed_workers(monkeypatch):
    monkeypatch.delenv("WEB_BACKLOG", raising=False)
    monkeypatch.delenv("WEB_ACCESS_LOG", raising=False)
    monkeypatch.delenv("WEB_KILL_TIMEOUT", raising=False)
    options = serve.granian_options(host="0.0.0.0", port=8123, workers=3, threads=5)  # noqa: S104
    assert options == {
        "target": "ykien.wsgi:application",
        "address": "0.0.0.0",  # noqa: S104
        "port": 8123,
        "interface": Interfaces.WSGI,
        "workers": 3,
        "blocking_threads": 5,
        "backlog": 1024,
        "log_access": False,
        "respawn_failed_workers": True,
        "workers_kill_timeout": 30,
    }
    server = serve.server_class()(**options)
    assert server.respawn_failed_workers is True
    assert server.workers == 3


def test_the_respawn_back_off_doubles_up_to_thirty_seconds():
    assert [serve.respawn_delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> set[int]:
    """Live (not zombie) child processes of ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _healthz(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


def _restarted(server: subprocess.Popen, dead: int) -> set[int] | None:
    workers = _children(server.pid)
    return workers if len(workers) == 2 and dead not in workers else None


def _wait(predicate, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_worker_killed_twice_in_a_row_is_restarted_and_healthz_keeps_answering(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "YKIEN_TESTING": "1",
        "YKIEN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "WEB_KILL_TIMEOUT": "2",  # a worker asked to stop while still starting is killed
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "ykien.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _wait(lambda: _healthz(port) and len(_children(server.pid)) == 2, 20)
        original = _children(server.pid)
        victim = min(original)
        for _ in range(2):  # the second kill comes within seconds of the first restart
            os.kill(victim, signal.SIGKILL)
            # the other worker answers while the dead one waits for its restart
            assert _wait(lambda: _healthz(port), 10) == OK
            workers = _wait(lambda v=victim: _restarted(server, v), 20)
            (victim,) = workers - original  # the restarted worker
            original = workers
            assert server.poll() is None
        assert _wait(lambda: _healthz(port), 10) == OK
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, err = server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, err = server.communicate()
    assert server.returncode == 0  # stopped when asked, not by the crash-loop guard
    assert "crash loop" not in err
    assert "restarting it in" in err

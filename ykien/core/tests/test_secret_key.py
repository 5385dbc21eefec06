"""SECRET_KEY: a command that serves nothing runs without one (the key the demo kept under var/,
else one for the process); serving or running tasks without an exported key still refuses to
start outside the demo and development. Run as real `ykien` processes with a clean environment."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ykien.core.tests import processes

DRAFT = """NGHỊ QUYẾT
Quy định mức hỗ trợ
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức hỗ trợ.
Điều 2. Mức hỗ trợ
1. Hỗ trợ 70% chi phí.
2. Tối đa 3 tỷ đồng.
"""


def ykien(args: list[str], var: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """``ykien ARGS`` with nothing but a path, a scratch var/ and its SQLite database."""
    env = processes.clean_env(
        var, YKIEN_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var / 'ykien.sqlite3'}", **extra
    )
    return processes.ykien(args, env)


@pytest.fixture
def draft_file(tmp_path: Path) -> Path:
    path = tmp_path / "du-thao.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_drafts_split_runs_on_a_fresh_checkout_without_any_secret(tmp_path, draft_file):
    var = tmp_path / "var"
    result = ykien(["drafts", "split", str(draft_file), "--indent", "0"], var)
    assert result.returncode == 0, result.stderr
    nodes = json.loads(result.stdout)["nodes"]
    articles = [(n["kind"], n["number"]) for n in nodes if n["kind"] == "article"]
    assert articles == [("article", "1"), ("article", "2")]
    assert not (var / "secret_key").exists()  # nothing secret written by a read-only command


def test_a_command_uses_the_key_the_demo_kept_under_var(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    (var / "secret_key").write_text("the-demo-key-" + "x" * 40 + "\n")
    result = ykien(
        ["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"], var
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "the-demo-key-" + "x" * 40


@pytest.mark.parametrize("command", [["serve", "--port", "1"], ["worker"]])
def test_serving_without_an_exported_key_refuses_even_with_one_under_var(tmp_path, command):
    var = tmp_path / "var"
    var.mkdir()
    (var / "secret_key").write_text("the-demo-key-" + "x" * 40)
    result = ykien(command, var)
    assert result.returncode == 2
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert result.stdout == ""


def test_a_process_started_by_a_command_does_not_inherit_its_leniency(tmp_path):
    """The web workers import the settings themselves: a command name recorded by another
    process (here a parent `ykien shell`) does not let them start without a key."""
    var = tmp_path / "var"
    var.mkdir()
    (var / "secret_key").write_text("the-demo-key-" + "x" * 40)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "YKIEN_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'ykien.sqlite3'}",
        "YKIEN_CLI_COMMAND": f"{os.getpid()}:shell",
    }
    result = processes.python(["-c", "import ykien.wsgi"], env)
    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_demo_still_generates_its_key_under_var(tmp_path):
    var = tmp_path / "var"
    result = ykien(
        ["shell", "-c", "from django.conf import settings; print(len(settings.SECRET_KEY))"],
        var,
        YKIEN_DEMO="1",
    )
    assert result.returncode == 0, result.stderr
    assert (var / "secret_key").stat().st_mode & 0o777 == 0o600
    assert int(result.stdout.strip().splitlines()[-1]) >= 50

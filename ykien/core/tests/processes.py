"""Running Python and ``ykien`` as real processes from the tests, as an operator would (not a
test module)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]
#: Every process runs in the project's folder, its output captured as text.
OPTIONS = {"cwd": PROJECT, "capture_output": True, "text": True}


def clean_env(home: Path, **values: str) -> dict[str, str]:
    """Nothing from the test run's environment: a path, ``home``, a UTF-8 locale and ``values``."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        **values,
    }


def python(
    argv: list[str], env: dict[str, str], *, timeout: int = 120, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """``python ARGV`` with ``env`` (``OPTIONS``)."""
    return subprocess.run([sys.executable, *argv], env=env, timeout=timeout, check=check, **OPTIONS)


def ykien(
    args: list[str], env: dict[str, str], *, timeout: int = 120, check: bool = False
) -> subprocess.CompletedProcess[str]:
    """``ykien ARGS`` (the command line of ``ykien.cli``) with ``env``."""
    return python(["-m", "ykien.cli", *args], env, timeout=timeout, check=check)

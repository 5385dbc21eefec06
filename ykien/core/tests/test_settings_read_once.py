"""Settings are read from the environment in one module, ``ykien/settings.py`` (and ``cli.py``,
which starts Django): everything else asks ``django.conf.settings``. Handing the environment on
to a process the platform starts (the demo's worker, pg_dump) is not reading a setting."""

from __future__ import annotations

import ast
from pathlib import Path

import ykien
from ykien.core.management.commands import serve

ROOT = Path(ykien.__file__).parent
ALLOWED = {"settings.py", "cli.py", "testing_env.py", "wsgi.py"}


def _reads(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        text = ast.unparse(node) if isinstance(node, ast.expr) else ""
        if (
            (
                isinstance(node, ast.Call)
                and ast.unparse(node.func)
                in {
                    "os.environ.get",
                    "os.getenv",
                    "os.environ.__getitem__",
                }
            )
            or (
                isinstance(node, ast.Subscript)
                and isinstance(node.ctx, ast.Load)
                and text.startswith("os.environ[")
            )
            or (
                isinstance(node, ast.Compare)
                and any(ast.unparse(c) == "os.environ" for c in node.comparators)
            )
        ):
            lines.append(node.lineno)
    return lines


def test_no_module_reads_the_environment_but_settings():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if str(relative) in ALLOWED or "tests" in path.parts or "migrations" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        found += [f"{relative}:{line}" for line in _reads(tree)]
    assert found == []


def test_the_web_server_takes_its_settings(settings):
    settings.WEB_BACKLOG = 64
    settings.WEB_ACCESS_LOG = True
    settings.WEB_KILL_TIMEOUT = 5
    options = serve.granian_options(host="127.0.0.1", port=8123, workers=1, threads=2)
    assert (options["backlog"], options["log_access"], options["workers_kill_timeout"]) == (
        64,
        True,
        5,
    )

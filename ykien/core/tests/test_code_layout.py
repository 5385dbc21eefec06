"""Two rules of the layout, read from the source: no hand-written module is longer than 800
lines (migrations and demo data aside: a longer one becomes a package of cohesive parts), and
``ykien.analysis`` is a library of algorithms: none of its modules imports Django or an app of
the platform, except the command-line wrappers in ``analysis/commands/`` (and the tests)."""

from __future__ import annotations

import ast
from pathlib import Path

import ykien

ROOT = Path(ykien.__file__).parent
MAX_LINES = 800
ANALYSIS = ROOT / "analysis"


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _too_long(root: Path) -> list[str]:
    found = []
    for path in _python_files(root):
        relative = path.relative_to(root)
        if "migrations" in relative.parts or path.name.startswith("demo"):
            continue
        with path.open(encoding="utf-8") as fh:
            lines = sum(1 for _ in fh)
        if lines > MAX_LINES:
            found.append(f"{relative}: {lines}")
    return found


def test_no_module_is_longer_than_800_lines():
    assert _too_long(ROOT) == []


def test_the_length_rule_finds_a_long_module_and_spares_migrations_and_demo_data(tmp_path):
    for name in ("app/long.py", "app/migrations/0001_initial.py", "app/demo_texts.py"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    (tmp_path / "app/short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    assert _too_long(tmp_path) == [f"app/long.py: {MAX_LINES + 1}"]


def _imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every module a source imports (at any depth: inside a function too), with its line;
    relative imports resolved against ``ykien.analysis``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                module = "ykien.analysis." + module  # the library's own: always allowed
            found.append((node.lineno, module))
    return found


def _forbidden(module: str) -> bool:
    top = module.split(".")[0]
    if top == "django" or top.startswith("django_"):
        return True
    return (
        top == "ykien" and module != "ykien.analysis" and not module.startswith("ykien.analysis.")
    )


def _library_imports_outside(folder: Path) -> list[str]:
    found = []
    for path in _python_files(folder):
        relative = path.relative_to(folder)
        if relative.parts[0] in ("commands", "tests"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{relative}:{line}: {module}" for line, module in _imported(tree) if _forbidden(module)
        ]
    return found


def test_the_analysis_library_imports_no_django_and_no_app():
    assert _library_imports_outside(ANALYSIS) == []
    # the library is no app: no models, migrations, views or templates of its own
    assert not (ANALYSIS / "models.py").exists()
    assert not (ANALYSIS / "apps.py").exists()
    assert not (ANALYSIS / "migrations").exists()
    assert not (ANALYSIS / "templates").exists()


def test_the_import_rule_finds_django_and_apps_at_any_depth(tmp_path):
    (tmp_path / "commands").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "algo.py").write_text(
        "import numpy as np\n"
        "from ykien.analysis.text import fold\n"
        "from . import text\n"
        "import django.db\n"
        "def f():\n"
        "    from ykien.consultations.models import Draft\n"
        "    from django_tasks import task\n"
        "    import ykien.core.audit\n",
        encoding="utf-8",
    )
    (tmp_path / "commands" / "cli.py").write_text("from django.conf import settings\n")
    (tmp_path / "tests" / "test_x.py").write_text("from ykien.core.models import User\n")
    assert _library_imports_outside(tmp_path) == [
        "algo.py:4: django.db",
        "algo.py:6: ykien.consultations.models",
        "algo.py:7: django_tasks",
        "algo.py:8: ykien.core.audit",
    ]

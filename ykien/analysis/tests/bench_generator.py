"""The comment generator of ``bench/gen_comments.py``, loaded for the tests that use it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def comment_generator() -> ModuleType:
    path = Path(__file__).resolve().parents[3] / "bench" / "gen_comments.py"
    spec = importlib.util.spec_from_file_location("gen_comments", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_comments"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module

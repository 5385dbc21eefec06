"""A pytest plugin loaded before anything else (``-p ykien.testing_env`` in pyproject's addopts):
it marks the process as a test run (``YKIEN_TESTING=1``) before pytest-django reads
``ykien.settings``, so a bare ``pytest`` gets the test settings (local-memory cache, tasks run
immediately, generated keys under var/) exactly as ``scripts/test.sh`` does. An explicit
``YKIEN_TESTING`` in the environment wins."""

from __future__ import annotations

import os

os.environ.setdefault("YKIEN_TESTING", "1")
# No map tiles from outside: tests never reach beyond 127.0.0.1 (a test sets its own tile URL).
os.environ.setdefault("MAP_TILE_URL", "")

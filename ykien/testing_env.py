"""A pytest plugin loaded before anything else (``-p ykien.testing_env`` in pyproject's addopts):
it marks the process as a test run (``YKIEN_TESTING=1``) before pytest-django reads
``ykien.settings``, so a bare ``pytest`` gets the test settings (local-memory cache, tasks run
immediately, generated keys under var/) exactly as ``scripts/test.sh`` does. An explicit
``YKIEN_TESTING`` in the environment wins."""

from __future__ import annotations

import os

os.environ.setdefault("YKIEN_TESTING", "1")

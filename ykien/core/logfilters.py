"""Logging filters (used by ``settings.LOGGING``).

Django logs a refused request (403, ``PermissionDenied``) on ``django.request`` with the
exception's traceback, and a suspicious one on ``django.security.*`` at ERROR with its traceback:
every curious visitor would fill the log with stack frames. :class:`ClientErrorsOneLine` makes
those one WARNING line; a 500 keeps its traceback.
"""

from __future__ import annotations

import logging


class ClientErrorsOneLine(logging.Filter):
    """Records of a 4xx response (``status_code`` in ``extra``, as ``django.request`` and
    ``django.security.*`` give it) or from ``django.security.*`` lose their traceback and are
    logged at WARNING (never above); everything else, 5xx included, passes unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        client_error = isinstance(status, int) and 400 <= status < 500
        security = record.name == "django.security" or record.name.startswith("django.security.")
        if (client_error or security) and not (isinstance(status, int) and status >= 500):
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            if record.levelno > logging.WARNING:
                record.levelno = logging.WARNING
                record.levelname = logging.getLevelName(logging.WARNING)
        return True

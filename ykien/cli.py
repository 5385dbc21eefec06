"""The ``ykien`` command: Django's manage.py, plus ``demo``, ``serve``, ``worker``, ``backup``,
``restore`` and ``deadline`` (management commands in ``ykien.core``)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ykien.settings")
    args = list(sys.argv if argv is None else argv)
    command = args[1] if len(args) > 1 else ""
    if command == "demo":
        # The demo runs with a generated secret key under var/ and DEBUG off by default.
        os.environ.setdefault("YKIEN_DEMO", "1")
    # Which command this process runs (settings: only serving ones need SECRET_KEY exported).
    os.environ["YKIEN_CLI_COMMAND"] = f"{os.getpid()}:{command}"
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"ykien: cấu hình sai / configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()

"""The ``ykien`` command: Django's manage.py, plus ``demo``, ``serve``, ``worker``, ``backup``,
``restore`` and ``deadline`` (management commands in ``ykien.core``)."""

from __future__ import annotations

import os
import sys

# SQLSTATE of PostgreSQL's "relation … does not exist" (the message itself may be translated).
UNDEFINED_TABLE = "42P01"


def missing_table(exc: BaseException) -> bool:
    """Did a query fail because a table does not exist, i.e. the database was never migrated (or
    not up to date)? SQLite: "no such table"; PostgreSQL: SQLSTATE 42P01."""
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == UNDEFINED_TABLE:
        return True
    text = str(exc).lower()
    return "no such table" in text or ("relation" in text and "does not exist" in text)


def not_migrated_message() -> str:
    """The one line shown instead of a traceback (the site's language, Vietnamese by default)."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext as _

    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Cơ sở dữ liệu chưa được tạo hoặc chưa cập nhật: hãy chạy “ykien migrate” (hoặc "
            "“make demo” để có dữ liệu mẫu) rồi chạy lại lệnh."
        )


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
    from django.db.utils import OperationalError, ProgrammingError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"ykien: cấu hình sai / configuration error: {exc}\n")
        sys.exit(2)
    except (OperationalError, ProgrammingError) as exc:
        # Any command on a database without its tables (a fresh checkout, a new DATABASE_URL):
        # one line that says what to do, not a traceback. ``migrate`` itself keeps its errors.
        if command == "migrate" or not missing_table(exc):
            raise
        sys.stderr.write(f"ykien: {not_migrated_message()}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()

"""`ykien analysis <sub-command>`: text analysis of a CSV file from the command line.

Each sub-command lives in the library, `ykien.analysis.commands.<name>` (no Django there), and
exposes `add_arguments(parser)` and `handle(options, stdout, stderr) -> int`; this command only
mounts them (the library is no app, so it has no management commands of its own).
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

SUBCOMMANDS = {
    "duplicates": "ykien.analysis.commands.duplicates",
    "opinion-groups": "ykien.analysis.commands.opinion_groups",
    "topics": "ykien.analysis.commands.topics",
    # reads the database, so it lives with the consultations, not in the library
    "export-parquet": "ykien.consultations.parquet_export",
}


class Command(BaseCommand):
    help = "Phân tích văn bản: trùng lặp, nhóm ý kiến, chủ đề."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=CommandParser)
        for name, module_path in SUBCOMMANDS.items():
            try:
                module = importlib.import_module(module_path)
            except ModuleNotFoundError:
                continue
            p = sub.add_parser(
                name,
                help=(module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else name,
            )
            module.add_arguments(p)

    def handle(self, *args: Any, **options: Any) -> None:
        module = importlib.import_module(SUBCOMMANDS[options["subcommand"]])
        code = module.handle(options, self.stdout, self.stderr)
        if code:
            raise CommandError(f"exit {code}", returncode=code)

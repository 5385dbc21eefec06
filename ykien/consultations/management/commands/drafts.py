"""`ykien drafts split FILE` and `ykien drafts diff OLD NEW`: the draft import from a shell.

Both run exactly the code of the web import: :func:`extract_text`, then :func:`split`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ykien.consultations.diff import diff_versions
from ykien.consultations.extract import DEFAULT_MAX_BYTES, ExtractError, extract_text
from ykien.consultations.splitter import SplitResult, split, to_json


class Command(BaseCommand):
    help = "Nhập dự thảo từ tệp .docx, .pdf hoặc .txt: tách cấu trúc, so sánh hai phiên bản."
    # Reads files only: no database, so no need to wait for the system checks.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        split_parser = actions.add_parser(
            "split",
            help="in cây Chương/Mục/Điều/khoản/điểm dưới dạng JSON",
            description='In {"nodes": [...], "warnings": [...]} cho tệp dự thảo.',
        )
        split_parser.add_argument("file", help="tệp .docx, .pdf hoặc .txt ('-' để đọc stdin)")
        self._common(split_parser)
        split_parser.add_argument(
            "--text", action="store_true", help="chỉ in văn bản đã trích xuất, không tách"
        )
        diff_parser = actions.add_parser(
            "diff",
            help="so sánh hai phiên bản dự thảo, từng khoản một (JSON)",
        )
        diff_parser.add_argument("old", help="phiên bản cũ")
        diff_parser.add_argument("new", help="phiên bản mới")
        self._common(diff_parser)
        diff_parser.add_argument(
            "--all", action="store_true", help="liệt kê cả những phần không thay đổi"
        )

    @staticmethod
    def _common(parser: CommandParser) -> None:
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=DEFAULT_MAX_BYTES,
            help=f"dung lượng tối đa (mặc định {DEFAULT_MAX_BYTES})",
        )
        parser.add_argument("--indent", type=int, default=2, help="thụt lề JSON (0: một dòng)")

    def handle(self, *args: Any, **options: Any) -> None:
        indent = options["indent"] or None
        if options["action"] == "split":
            output: Any
            if options["text"]:
                self.stdout.write(self._extract(options["file"], options["max_bytes"]).text)
                return
            output = self._split(options["file"], options["max_bytes"])
        else:
            old = self._split(options["old"], options["max_bytes"])
            new = self._split(options["new"], options["max_bytes"])
            output = diff_versions(old["nodes"], new["nodes"])
            if not options["all"]:
                output["changes"] = [c for c in output["changes"] if c["status"] != "unchanged"]
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=indent))

    def _read(self, name: str) -> tuple[str, bytes]:
        if name == "-":
            return "stdin.txt", sys.stdin.buffer.read()
        path = Path(name)
        try:
            return path.name, path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp / cannot read {name}: {exc.strerror}") from exc

    def _extract(self, name: str, max_bytes: int) -> Any:
        filename, data = self._read(name)
        try:
            return extract_text(filename, data, max_bytes=max_bytes)
        except ExtractError as exc:
            raise CommandError(f"{name}: {exc.message} / {exc.message_en} [{exc.code}]") from exc

    def _split(self, name: str, max_bytes: int) -> dict[str, Any]:
        extracted = self._extract(name, max_bytes)
        result: SplitResult = split(extracted.text)
        warnings = [
            {"code": w.code, "line": 0, "detail": w.detail, "message": w.message()}
            for w in extracted.warnings
        ]
        warnings += [
            {"code": w.code, "line": w.line, "detail": w.detail, "message": w.message()}
            for w in result.warnings
        ]
        return {"nodes": to_json(result.nodes), "warnings": warnings}

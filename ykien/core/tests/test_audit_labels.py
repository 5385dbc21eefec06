"""Every audit action the code writes has a label, and the audit log page shows no code.

The first test reads the source: every ``audit_record(action=…)`` and ``audit_change(…)`` (and
``AuditEvent`` written directly) in ``ykien/`` is collected — literal codes, the f-strings the services build from a
state (expanded with the states they can take) and the lifecycles' ``<name>.<action>`` — and
each must have a registered label. A new action without a label fails here.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path
from unittest import mock

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst

import ykien
from ykien.core import apps_manifest, audit
from ykien.core.lifecycle import Lifecycle
from ykien.core.models import AuditEvent, Role
from ykien.core.tests.factories import UserFactory, grant

ROOT = Path(ykien.__file__).parent


def _targets(transitions) -> set[str]:
    found: set[str] = set()
    for value in transitions.values():
        found.update(str(to) for to in value)
    return found


def _expansions() -> dict[str, set[str]]:
    """The f-strings of the services, with every value their placeholder can take."""
    from ykien.consultations.models import RunStatus

    return {
        "f'draft.tree_{op}'": {f"draft.tree_{op}" for op in ("merge", "split", "retype")},
        # A run is audited once it has ended.
        "f'analysis.{run.status}'": {f"analysis.{s}" for s in (RunStatus.DONE, RunStatus.FAILED)},
    }


# Actions labelled by a pattern rather than one by one (``admin.<verb>.<model>``: core.codes).
ADMIN = re.compile(r"^f[\"']admin\.")


def _audit_enum_values(value: ast.Attribute) -> set[str]:
    """The value of ``<…>AuditAction.NAME`` in the apps' ``codes`` modules (empty: not one)."""
    if not ast.unparse(value.value).endswith("AuditAction"):
        return set()
    return {
        str(getattr(module.AuditAction, value.attr))
        for _label, module in apps_manifest.modules("codes")
        if hasattr(getattr(module, "AuditAction", None), value.attr)
    }


def _written_actions() -> tuple[set[str], set[str], list[str]]:
    """(codes, f-strings, calls whose action the scan cannot read) of ``ykien/`` without tests."""
    codes: set[str] = set()
    patterns: set[str] = set()
    unknown: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = ast.unparse(node.func)
            if not (
                called.endswith(("audit_record", "audit_change"))
                or called == "AuditEvent.objects.create"
            ):
                continue
            for keyword in node.keywords:
                if keyword.arg != "action":
                    continue
                value = keyword.value
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    codes.add(value.value)
                elif isinstance(value, ast.JoinedStr):
                    patterns.add(ast.unparse(value))
                elif ast.unparse(value) == "lifecycle.event_name(action)":
                    pass  # the lifecycles' actions: checked below from their declarations
                elif isinstance(value, ast.Attribute) and _audit_enum_values(value):
                    codes |= _audit_enum_values(value)  # ``codes.AuditAction.X``
                elif not (where == "core/audit.py" or ast.unparse(value) == "action"):
                    unknown.append(f"{where}: {ast.unparse(value)}")
    return codes, patterns, unknown


def _lifecycles() -> list[Lifecycle]:
    found: dict[int, Lifecycle] = {}
    for _label, module in apps_manifest.submodules("lifecycle"):
        for value in vars(module).values():
            if isinstance(value, Lifecycle):
                found[id(value)] = value
    return list(found.values())


def test_every_action_written_has_a_label():
    codes, patterns, unknown = _written_actions()
    assert not unknown, (
        f"audit actions the scan cannot read (use a literal or an f-string): {unknown}"
    )
    expansions = _expansions()
    unexpanded = sorted(p for p in patterns if p not in expansions and not ADMIN.match(p))
    assert not unexpanded, f"add these f-strings to _expansions(): {unexpanded}"
    assert len(codes) > 40  # the scan found the services' calls
    for pattern in patterns & expansions.keys():
        codes |= expansions[pattern]
    for lifecycle in _lifecycles():
        codes |= {lifecycle.event_name(edge.action) for edge in lifecycle.edges}
    assert len(codes) > 60  # … and the lifecycles' actions
    with translation.override("vi"):
        unlabelled = sorted(code for code in codes if code not in audit.registered_actions())
        assert not unlabelled, f"register a label in the app's codes.AuditAction: {unlabelled}"
        for code in codes:
            label = audit.action_label(code)
            assert "." not in label, (code, label)
            assert "_" not in label, (code, label)


def test_a_lifecycle_registers_its_actions_from_its_edges():
    from ykien.core.lifecycle import Edge
    from ykien.portal.models import Article, ArticleStatus

    widget = Lifecycle(
        name="tests.widget",
        model=Article,
        states=ArticleStatus,
        edges=(
            Edge(
                "publish",
                {ArticleStatus.DRAFT},
                ArticleStatus.PUBLISHED,
                "portal.manage_article",
                "Đăng tin",
            ),
        ),
    )
    audit.register_lifecycle(widget, {})
    assert audit.action_label("tests.widget.publish") == "Đăng tin"
    audit.register_lifecycle(widget, {"publish": "Đăng tin bài lên cổng"})
    assert audit.action_label("tests.widget.publish") == "Đăng tin bài lên cổng"


# Models never written to the audit log (counters, search index, rendered audio, the log itself).
NOT_AUDITED = {
    "core.auditevent",
    "core.unitsuccession",
    "consultations.node",
    "consultations.vote",
    "consultations.commentreport",
    "consultations.commentcount",
    "consultations.expertopinion",
    "portal.tag",
    "portal.audiotrack",
    "portal.searchentry",
    "portal.viewhit",
    "reporting.value",
}
APPS = ("core", "consultations", "experts", "reporting", "portal")


def test_every_field_of_an_audited_record_has_a_vietnamese_label():
    # bookkeeping; ``search_text``: the folded copy a staff list searches, never a changed field
    hidden = {"id", "created_at", "updated_at", "path", "depth", "numchild", "search_text"}
    missing = []
    with translation.override("vi"):
        for model in apps.get_models():
            label = model._meta.label_lower
            if model._meta.app_label not in APPS or label in NOT_AUDITED:
                continue
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.concrete_fields:
                if field.name in hidden or any(w in field.name for w in audit.REDACTED_FIELDS):
                    continue  # bookkeeping, or never copied into the log
                shown = audit.detail_label(field.name, model)
                if shown == capfirst(field.name.replace("_", " ")):
                    missing.append(f"{label}.{field.name}")
    assert not missing, f"fields shown by their code name: {missing}"


# ------------------------------------------------------------------------------ the page


def _events(tree) -> list[AuditEvent]:
    unit = tree.prov_b
    rows = [
        (
            "portal.article.published",
            "portal.article",
            {
                "status": "draft",
                "publish_at": None,
                "links": [],
            },
            {
                "status": "published",
                "publish_at": "2026-03-02T01:00:00+00:00",
                "links": [{"kind": "draft", "key": "3"}],
            },
        ),
        (
            "portal.feedback.reply",
            "portal.feedback",
            {
                "status": "pending",
                "reply": "",
                "replied_by": None,
                "reply_unit": None,
                "moderated_by": None,
            },
            {
                "status": "published",
                "reply": "Cảm ơn bạn đọc.",
                "replied_by": 1,
                "reply_unit": unit.pk,
                "moderated_by": 1,
            },
        ),
        (
            "draft.closed",
            "consultations.draft",
            {
                "status": "open",
                "comment_end": "2026-04-30",
                "closed_early_at": None,
                "closed_early_reason": "",
            },
            {
                "status": "closed",
                "comment_end": "2026-04-30",
                "closed_early_at": "2026-04-10T03:00:00+00:00",
                "closed_early_reason": "Cơ quan soạn thảo rút dự thảo",
            },
        ),
        (
            "draft.tree_retype",
            "consultations.draftversion",
            None,
            {
                "path": [2, 0],
                "other": [2, 1],
                "offset": 14,
                "kind": "article",
                "number": "3",
            },
        ),
        (
            "draft.version_upload",
            "consultations.draftversion",
            None,
            {
                "number": 2,
                "filename": "du-thao.docx",
                "sha256": "ab" * 32,
            },
        ),
        ("comment.hidden", "consultations.comment", {"status": "visible"}, {"status": "hidden"}),
        (
            "statement.active",
            "consultations.statement",
            {"status": "pending"},
            {"status": "active"},
        ),
        (
            "document.issue",
            "consultations.critiquedocument",
            None,
            {
                "status": "issued",
                "number_symbol": "12/BC-MTTQ",
                "issue_date": "2026-05-02",
                "answer_due": "2026-06-01",
            },
        ),
        (
            "point.answer",
            "consultations.critiquepoint",
            {
                "answer": "",
                "answered_by": None,
                "answered_at": None,
                "status": "pending",
            },
            {
                "answer": "accepted",
                "answered_by": 1,
                "answered_at": "2026-05-20T02:00:00+00:00",
                "status": "answered",
            },
        ),
        ("invitation.send", "consultations.invitation", None, {"expert": 1, "due": "2026-05-01"}),
        (
            "conference.attach",
            "consultations.conferenceattachment",
            None,
            {"filename": "bien-ban.pdf", "size": 2048},
        ),
        (
            "api_token.create",
            "consultations.apitoken",
            None,
            {"name": "Báo chí", "prefix": "ykAb12cd"},
        ),
        (
            "expert.update",
            "experts.expert",
            {"community_consent": False, "kind": "scientist"},
            {"community_consent": True, "kind": "scientist"},
        ),
        (
            "reporting.submission.submitted",
            "reporting.submission",
            {
                "status": "draft",
                "submitted_at": None,
                "values": {"PB-CHU-TRI": "2"},
            },
            {
                "status": "submitted",
                "submitted_at": "2026-04-01T02:00:00+00:00",
                "values": {"PB-CHU-TRI": "3"},
            },
        ),
        (
            "reporting.submission.import",
            "reporting.submission",
            None,
            {
                "period": "2026-Q1",
                "status": "approved",
                "values": {"PB-CHU-TRI": "3"},
            },
        ),
        (
            "reporting.reminder",
            "reporting.reminder",
            None,
            {
                "recipients": ["canbo"],
                "period": "2026-Q1",
            },
        ),
        (
            "reporting.indicator.save",
            "reporting.indicator",
            None,
            {
                "code": "HS-NHAN",
                "name": "Số đơn thư nhận được",
                "source": "computed",
                "computed_code": "petitions.received",
                "applies_to": ["front/commune"],
                "measure": "count",
                "aggregation": "sum",
                "active": True,
            },
        ),
        (
            "analysis.failed",
            "consultations.analysisrun",
            None,
            {
                "status": "failed",
                "error": "Không đủ góp ý để phân tích",
            },
        ),
        (
            "analysis.request",
            "consultations.analysisrun",
            None,
            {
                "kind": "duplicates",
                "status": "queued",
                "progress": 0,
                "requested_by": 1,
                "result": None,
                "draft": 3,
            },
        ),
        (
            "calendar.rule",
            "core.deadlinerule",
            {"variants": {"complex": 30}},
            {"variants": {"complex": 45}},
        ),
        ("otp.enable", "core.user", None, {"device": 4}),
        ("petition.accept", "petitions.petition", {"status": "received"}, {"status": "accepted"}),
        (
            "oversight.feedback.status",
            "oversight.conductfeedback",
            {"status": "received"},
            {"status": "reviewing"},
        ),
    ]
    return [
        AuditEvent.objects.create(
            action=action,
            object_type=object_type,
            object_id="3",
            unit=unit,
            before=before,
            after=after,
        )
        for action, object_type, before, after in rows
    ]


def _log_text(client, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
        response = client.get("/can-bo/nhat-ky/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    table = response.content.decode().split("<table>", 1)[1].split("</table>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", table))


def test_audit_log_page_shows_no_code_in_either_language(tree, client):
    from ykien.reporting.models import Indicator, Period

    admin = UserFactory(username="quantri", full_name="Lê Văn Tâm")
    UserFactory(username="canbo", full_name="Trần Thị Hoa")
    grant(admin, tree.prov_b, Role.ADMIN)
    Period.objects.create(
        code="2026-Q1",
        kind="quarter",
        year=2026,
        number=1,
        start="2026-01-01",
        end="2026-03-31",
        due="2026-04-05",
    )
    Indicator.objects.create(code="PB-CHU-TRI", name="Số cuộc phản biện chủ trì", measure="count")
    events = _events(tree)
    client.force_login(admin)
    keys = {k for e in events for source in (e.before, e.after) if source for k in source}
    for language in ("vi", "en"):
        text = _log_text(client, language)
        for event in events:
            assert event.action not in text, (language, event.action)
            assert event.object_type not in text, (language, event.object_type)
        for raw in (
            "{",
            "}",
            "[",
            "]",
            "PB-CHU-TRI",
            "petitions.received",
            "front/commune",
            "2026-Q1",
            "canbo ",
        ):
            assert raw not in text, (language, raw)
        # No Python repr ('a', 'b': …); an apostrophe in English words ("unit's") is fine.
        assert not re.search(r"(^|[\s(,:])'|'($|[\s),:])", text), (language, text)
        assert not re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", text), (language, text)
        if language == "vi":
            for key in keys:
                assert f" {capfirst(key.replace('_', ' '))}: " not in text, key
            assert "Trần Thị Hoa" in text  # the reminder's recipient by name
            assert "quý I/2026" in text  # the period by its title
            assert "Số liệu: Số cuộc phản biện chủ trì: 2 → Số cuộc phản biện chủ trì: 3" in text
            assert "Đơn vị nhập: Ủy ban Mặt trận Tổ quốc (cấp xã)" in text
            assert "Mã chỉ tiêu tự tính: Số đơn thư tiếp nhận" in text
            assert "Liên kết: — → Dự thảo #3" in text
            assert "Biến thể: Vụ việc phức tạp: 30 → Vụ việc phức tạp: 45" in text
            # A correction of the draft's structure: the part edited, as people count.
            for shown in (
                "Phần được sửa: 3 › 1",
                "Phần được gộp: 3 › 2",
                "Loại: Điều",
                "Số hiệu: 3",
            ):
                assert shown in text, shown

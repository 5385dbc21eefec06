"""Writing the audit log, and reading it as people do.

Services call ``audit_record``; readers of confidential data call ``audit_confidential_read``.
Both run inside the caller's transaction. Sign-ins, sign-outs and failed sign-ins are recorded by
``audit_sign_in`` from Django's signals (connected when this module is imported: core's
``ready()`` and every service import it).

The log stores codes (``petition.accept``, field names, ids, UTC times); ``audit_entries``
turns a page of events into what a person reads: each action by its translated label (every app
registers its ``codes.AuditAction`` from ``AppConfig.ready`` with ``register_actions``), the
record by its kind and number and its name today, and the changes as "label: before → after" with
units and people by name, codes by label (never the code: "(không rõ)" when none is known), no file
path, and times in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from django.apps import apps
from django.contrib.auth import signals as auth_signals
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ykien.core import codes
from ykien.core.clientip import client_ip
from ykien.core.errors import ValidationFailed
from ykien.core.models import AuditEvent, DeadlineRule, Unit, User

# Field names never copied into before/after snapshots (secrets, ciphertext).
REDACTED_FIELDS = frozenset({"password", "secret", "key", "token", "ciphertext"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes | memoryview):
        return "<binary>"
    if isinstance(value, FieldFile):  # an empty file field has no url: keep the name (or None)
        return value.name or None
    return value


def snapshot(obj: models.Model | None, *, exclude: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """A JSON-safe dict of a model's concrete fields, without secrets or ciphertext."""
    if obj is None:
        return None
    # model_to_dict would skip non-editable fields (a unit's path); read every concrete field.
    data = {f.name: f.value_from_object(obj) for f in obj._meta.concrete_fields}
    return {
        k: _jsonable(v)
        for k, v in data.items()
        if k not in exclude and not any(word in k for word in REDACTED_FIELDS)
    }


def _search_text(actor: Any, *parts: str | None) -> str:
    """The folded words of an event for the log's search: ``parts`` and the person's name."""
    from ykien.core.lists import fold_for_search

    person = actor if isinstance(actor, User) and actor.is_authenticated else None
    names = (person.full_name, person.username) if person is not None else ("", "")
    return fold_for_search(*parts, *names)


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    unit: Unit | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    ip: str | None = None,
) -> AuditEvent:
    """Write one audit event for a state change (call inside the service's transaction)."""
    changed_before, changed_after = before, after
    if before is not None and after is not None:
        keys = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        changed_before = {k: before.get(k) for k in sorted(keys)}
        changed_after = {k: after.get(k) for k in sorted(keys)}
    return AuditEvent.objects.create(
        # A person; the system (``core.permissions.SYSTEM``) and anonymous visitors are no one.
        actor=actor if isinstance(actor, User) and actor.is_authenticated else None,
        kind=AuditEvent.Kind.CHANGE,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        unit=unit,
        before=changed_before,
        after=changed_after,
        reason=reason,
        ip=ip,
        search_text=_search_text(actor, str(obj)[:255] if obj is not None else "", reason),
    )


def audit_change(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    unit: Unit | None = None,
    before: dict[str, Any] | None = None,
    exclude: tuple[str, ...] = (),
    ip: str | None = None,
) -> AuditEvent:
    """``audit_record`` of ``obj`` as it is now (its snapshot without ``exclude``) against
    ``before``, its snapshot taken before the change (``None``: a new record)."""
    after = snapshot(obj, exclude=exclude)
    return audit_record(
        actor=actor, action=action, obj=obj, unit=unit, before=before, after=after, ip=ip
    )


def audit_confidential_read(
    *,
    actor: User | None,
    obj: models.Model,
    fields: list[str],
    reason: str,
    unit: Unit | None = None,
    ip: str | None = None,
) -> AuditEvent:
    """Log a read of confidential personal data; a reason is required. ``actor`` ``None``: the
    platform read it for a check of its own (``core.pii.system_sender_read``), no person saw it."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationFailed(
            _("Phải nêu lý do xem thông tin bảo mật (ít nhất 5 ký tự)."), field="reason"
        )
    return AuditEvent.objects.create(
        actor=actor,
        kind=AuditEvent.Kind.READ,
        action=codes.AuditAction.CONFIDENTIAL_READ,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=f"{obj._meta.verbose_name} #{obj.pk}",
        unit=unit,
        after={"fields": fields},
        reason=reason,
        ip=ip,
        search_text=_search_text(actor, f"{obj._meta.verbose_name} #{obj.pk}", reason),
    )


def _sign_in_unit(user: User | None) -> Unit | None:
    """The unit whose leaders and administrators read a person's sign-ins: the highest unit where
    the person holds a role today (none for a citizen or a user name nobody has: only
    superusers read those)."""
    if user is None:
        return None
    from ykien.core.selectors import role_grants_valid

    grant = role_grants_valid(user=user).order_by("unit__depth", "unit__name", "pk").first()
    return grant.unit if grant is not None else None


def audit_sign_in(
    *, action: str, user: User | None, request: HttpRequest | None, username: str = ""
) -> AuditEvent:
    """Record a sign-in, a sign-out or a failed sign-in (``codes.AuditAction.LOGIN``,
    ``LOGOUT``, ``LOGIN_FAILED``): the person (for a failure: no one signed in, the record is
    the account whose user name was typed, if there is one), the address
    (``core.clientip.client_ip``) and, for a failure, the user name typed — never a password."""
    failed = action == codes.AuditAction.LOGIN_FAILED
    return AuditEvent.objects.create(
        actor=None if failed else user,
        kind=AuditEvent.Kind.LOGIN,
        action=action,
        object_type=User._meta.label_lower if user is not None else "",
        object_id=str(user.pk) if user is not None else "",
        unit=_sign_in_unit(user),
        after={"username": username[:150]} if failed else None,
        ip=client_ip(request) if request is not None else None,
        search_text=_search_text(None if failed else user, username[:150] if failed else ""),
    )


def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if isinstance(user, User):
        audit_sign_in(action=codes.AuditAction.LOGIN, user=user, request=request)


def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if isinstance(user, User) and user.is_authenticated:  # None when nobody was signed in
        audit_sign_in(action=codes.AuditAction.LOGOUT, user=user, request=request)


def _sign_in_failed(
    sender: Any, credentials: Mapping[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str((credentials or {}).get(User.USERNAME_FIELD) or "")
    user = User._default_manager.filter(username=username).first() if username else None
    audit_sign_in(
        action=codes.AuditAction.LOGIN_FAILED, user=user, request=request, username=username
    )


# Every way in (the sign-in page, the admin's, a test's force_login) sends these signals.
auth_signals.user_logged_in.connect(_signed_in, dispatch_uid="ykien.core.audit.signed_in")
auth_signals.user_logged_out.connect(_signed_out, dispatch_uid="ykien.core.audit.signed_out")
auth_signals.user_login_failed.connect(
    _sign_in_failed, dispatch_uid="ykien.core.audit.sign_in_failed"
)


# --------------------------------------------------------------------------- reading the log

_ACTIONS: dict[str, Any] = {}
_DETAIL_LABELS: dict[str, Any] = dict(codes.DETAIL_LABELS)
_ACTION_DETAIL_LABELS: dict[tuple[str, str], Any] = {}
_VALUE_LABELS: dict[str, Mapping[str, Any]] = {}
# Keys of a snapshot that are bookkeeping, not something a person changed.
_HIDDEN_KEYS = frozenset({"id", "created_at", "updated_at"})
_HIDDEN_UNIT_KEYS = frozenset({"path", "depth", "numchild"})  # the tree's own bookkeeping
# Keys that are not fields of the record but hold the id of a unit.
_UNIT_KEYS = frozenset({"successor"})
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A stored code no label is known for (a value since removed from its list): never the code.
UNKNOWN = gettext_lazy("(không rõ)")
# What a file field holds is a storage path (a random name under a folder): never shown.
ATTACHED_FILE = gettext_lazy("tệp đính kèm")
# The fields that name a record by what a person typed (never a code, never a translated word).
_NAME_FIELDS = ("title", "name")


def register_actions(choices: Iterable[tuple[str, Any]]) -> None:
    """Label audit actions: an app passes its ``codes.AuditAction.choices`` once, from ready()."""
    for code, label in choices:
        _ACTIONS[code] = label


def register_detail_labels(labels: Mapping[str, Any], *, actions: Iterable[str] = ()) -> None:
    """Label the keys an app writes into ``before``/``after`` that are not fields of the record;
    with ``actions``, only in the events of those actions (where a key means something else
    than the record's field of that name)."""
    actions = list(actions)
    if not actions:
        _DETAIL_LABELS.update(labels)
    for action in actions:
        _ACTION_DETAIL_LABELS.update({(action, key): label for key, label in labels.items()})


def register_value_labels(key: str, labels: Mapping[str, Any]) -> None:
    """Show the codes stored under ``key`` (a refusal ground, a deadline variant) by label."""
    _VALUE_LABELS[key] = {**_VALUE_LABELS.get(key, {}), **labels}


# Values written by a function of the app that stored them: ``(object_type, key)`` → function
# (``object_type`` "" for every record). See ``register_value_format``.
_VALUE_FORMATS: dict[tuple[str, str], Callable[[Any], str | None]] = {}


def register_value_format(
    key: str, formatter: Callable[[Any], str | None], *, object_type: str = ""
) -> None:
    """Show what is stored under ``key`` (of records of ``object_type``, or of any record) with
    ``formatter(value)``, called at reading time in the reader's language: for codes that name
    a row (an indicator's code, a period's code, a username) or a JSON value. It returns None to
    let the log show the value as usual."""
    _VALUE_FORMATS[(object_type, key)] = formatter


def register_lifecycle(lifecycle: Any, labels: Mapping[str, Any] | None = None) -> None:
    """Label the actions a ``core.lifecycle.Lifecycle`` writes (``<name>.<action>``): by
    ``labels[action]`` when given, else by the edge's own label. Call from the app's ready()."""
    labels = labels or {}
    register_actions(
        (lifecycle.event_name(edge.action), labels.get(edge.action) or edge.label)
        for edge in lifecycle.edges
        if labels.get(edge.action) or edge.label
    )


def registered_actions() -> frozenset[str]:
    """The actions that have a label (the test of labels reads it)."""
    return frozenset(_ACTIONS)


def action_choices() -> list[tuple[str, str]]:
    """``(code, label)`` of every labelled action, one per label in the reader's language, by
    label: actions a person cannot tell apart (a code renamed, the same step of two lifecycles)
    are one choice, whose code stands for all of them (``actions_labelled_as``)."""
    first: dict[str, str] = {}
    for code in sorted(_ACTIONS):
        first.setdefault(action_label(code), code)
    return sorted(((code, label) for label, code in first.items()), key=lambda pair: pair[1])


def actions_labelled_as(code: str) -> list[str]:
    """The registered actions shown with the same label as ``code`` (``code`` itself first)."""
    label = action_label(code)
    return [
        code,
        *sorted(other for other in _ACTIONS if other != code and action_label(other) == label),
    ]


register_actions(codes.AuditAction.choices)
register_detail_labels(
    {"username": gettext_lazy("Tên đăng nhập đã nhập")}, actions=[codes.AuditAction.LOGIN_FAILED]
)
register_value_labels("fields", codes.PERSONAL_FIELDS)
for _key in ("variant", "accept_variant", "settle_variant"):
    register_value_labels(_key, codes.RULE_VARIANTS)


def _rule_variants(value: Any) -> str | None:
    """A deadline rule's cases (``{"complex": 45}``) by label: "Vụ việc phức tạp: 45"."""
    if not isinstance(value, dict) or not set(value) <= set(codes.RULE_VARIANTS):
        return None
    return "; ".join(f"{codes.RULE_VARIANTS[k]}: {v}" for k, v in value.items())


register_value_format("variants", _rule_variants, object_type="core.deadlinerule")


def _computed_indicator(value: Any) -> str | None:
    """The code of a figure an app computes (``petitions.received``, ``core.indicators``) by the
    figure's name, wherever it is stored as a record's ``code``; other codes as they are (a
    unit's code, the code a person gave an indicator: people type those in forms)."""
    from ykien.core.indicators import all_computed

    computed = all_computed().get(str(value))
    return _(computed.name) if computed is not None else None


register_value_format("code", _computed_indicator)


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """The kind of record (``petitions.petition`` → "Đơn thư"), in the reader's language."""
    model = _model(object_type)
    if model is None:
        return _("Đối tượng khác") if object_type else ""
    return str(capfirst(model._meta.verbose_name))


def action_label(action: str, object_type: str = "") -> str:
    """The translated label of an audit action; never its code."""
    if action in _ACTIONS:
        return str(_ACTIONS[action])
    parts = action.split(".")
    if len(parts) == 3 and parts[0] == "admin" and parts[1] in codes.ADMIN_ACTIONS:
        what = object_type_label(object_type) or _("bản ghi")
        return str(codes.ADMIN_ACTIONS[parts[1]]) % {"object": what}
    verb = codes.ACTION_VERBS.get(parts[-1], codes.OTHER_ACTION)
    what = object_type_label(object_type)
    return f"{verb}: {what}" if what else str(verb)


@dataclass(frozen=True)
class Change:
    """One line of an event's details: ``label: before → after`` (``before`` None when the
    event records only the new value)."""

    label: str
    before: str | None
    after: str


@dataclass(frozen=True)
class AuditEntry:
    """An audit event as a person reads it: the record by its kind and number
    (``object_label``) and its name today (``object_name``, "" when it has none or is gone),
    both in the reader's language — never the text stored when the change was made, which is in
    the language of the person who made it."""

    event: AuditEvent
    action: str
    is_read: bool
    object_label: str
    object_name: str
    changes: list[Change] = field(default_factory=list)


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def _local_time(value: str) -> str | None:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def _day(value: str) -> str | None:
    try:
        return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return None


class _Names:
    """Names of the records a page of events points to, read with one query per model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = {}
        self.found: dict[type[models.Model], dict[str, str]] = {}

    def want(self, model: type[models.Model], value: Any) -> None:
        if value not in (None, "") and not isinstance(value, list | dict | bool):
            self.wanted.setdefault(model, set()).add(value)

    def load(self) -> None:
        for model, wanted in self.wanted.items():
            ids = []
            for value in wanted:  # a code stored under a field's name is not an id
                try:
                    ids.append(model._meta.pk.to_python(value))
                except (ValidationError, TypeError, ValueError):
                    continue
            rows = model._default_manager.filter(pk__in=ids)
            if model is Unit:
                names = {str(pk): name for pk, name in rows.values_list("pk", "name")}
            else:
                names = {str(row.pk): str(row) for row in rows}
            self.found[model] = names

    def name(self, model: type[models.Model], value: Any) -> str:
        found = self.found.get(model, {}).get(str(value))
        return found or f"{capfirst(model._meta.verbose_name)} #{value}"


def _related(model: type[models.Model] | None, key: str) -> type[models.Model] | None:
    if key in _UNIT_KEYS:
        return Unit
    found = _field(model, key)
    if found is not None and found.is_relation and found.many_to_one:
        return found.related_model  # type: ignore[return-value]
    return None


def _display(model: type[models.Model], found: models.Field, value: Any) -> str | None:
    """A code kept in a field without choices whose model names it (``get_<field>_display``,
    as an oversight programme's item does with its form of supervision): by that label, or
    "(không rõ)" when the model does not know the code either."""
    method = getattr(model, f"get_{found.name}_display", None)
    if method is None or isinstance(value, list | dict):
        return None
    shown = str(method(model(**{found.attname: value})))
    return shown if shown != str(value) else str(UNKNOWN)


def _rule_name(code: str) -> str | None:
    from ykien.core.calendar import translated

    row = DeadlineRule.objects.filter(code=code).order_by("-valid_from").first()
    return translated(row.name) if row is not None else None


def _value(value: Any, *, key: str, model: type[models.Model] | None, names: _Names) -> str:
    """One stored value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    formatter = _VALUE_FORMATS.get((model._meta.label_lower if model else "", key))
    formatter = formatter or _VALUE_FORMATS.get(("", key))
    if formatter is not None and (shown := formatter(value)) is not None:
        return shown
    related = _related(model, key)
    if related is not None:
        return names.name(related, value)
    found = _field(model, key)
    if isinstance(found, models.FileField):
        return str(ATTACHED_FILE)
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if key in _VALUE_LABELS:
        labels = _VALUE_LABELS[key]
        items = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(str(item), UNKNOWN)) for item in items)
    if found is not None and found.choices:
        return str(dict(found.flatchoices).get(value, UNKNOWN))
    if found is not None and model is not None and (shown := _display(model, found, value)):
        return shown
    if isinstance(value, list):
        return ", ".join(_value(v, key=key, model=None, names=names) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(str(k), None)}: {_value(v, key=str(k), model=None, names=names)}"
            for k, v in value.items()
        )
    if isinstance(value, str):
        if (key == "rule" or key.endswith("_rule")) and (name := _rule_name(value)):
            return name
        if isinstance(found, models.DateTimeField) or _ISO_DATETIME.match(value):
            shown = _local_time(value)
            if shown:
                return shown
        if isinstance(found, models.DateField) or _ISO_DATE.fullmatch(value):
            shown = _day(value)
            if shown:
                return shown
        if found is not None and key in ("due_basis", "basis", "note"):
            from ykien.core.calendar import stored_description_text

            return stored_description_text(value)
    return str(value)


def _label(key: str, model: type[models.Model] | None, action: str = "") -> str:
    if (action, key) in _ACTION_DETAIL_LABELS:
        return str(capfirst(_ACTION_DETAIL_LABELS[(action, key)]))
    found = _field(model, key)
    if found is not None and found.verbose_name and found.verbose_name != key.replace("_", " "):
        return str(capfirst(found.verbose_name))
    if key in _DETAIL_LABELS:
        return str(capfirst(_DETAIL_LABELS[key]))
    if found is not None and found.is_relation and found.related_model is not None:
        # A link without a name of its own is named by what it points to ("Dự thảo").
        return str(capfirst(found.related_model._meta.verbose_name))
    if found is not None:
        return str(capfirst(found.verbose_name))
    return str(capfirst(key.replace("_", " ")))


def detail_label(key: str, model: type[models.Model] | None, action: str = "") -> str:
    """How the log names ``key`` of a record of ``model`` (in an event of ``action``): the
    field's name, a registered label, or (for a link without a name) what it points to."""
    return _label(key, model, action)


def _name_field(model: type[models.Model]) -> str | None:
    for name in _NAME_FIELDS:
        found = _field(model, name)
        if isinstance(found, models.CharField) and not found.choices:
            return name
    return None


def _record_names(events: Sequence[AuditEvent]) -> dict[tuple[str, str], str]:
    """The name of each record the events are about, as it reads today in the active language
    (a title or a name typed by a person; ``<field>_text`` when the model translates it), read
    with one query per kind of record."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        if event.object_id:
            wanted.setdefault(event.object_type, set()).add(event.object_id)
    names: dict[tuple[str, str], str] = {}
    for object_type, object_ids in wanted.items():
        model = _model(object_type)
        name = _name_field(model) if model is not None else None
        if model is None or name is None:
            continue
        ids = []
        for object_id in object_ids:
            try:
                ids.append(model._meta.pk.to_python(object_id))
            except (ValidationError, TypeError, ValueError):
                continue
        for row in model._default_manager.filter(pk__in=ids).only("pk", name):
            translated = getattr(row, f"{name}_text", None)
            names[(object_type, str(row.pk))] = str(translated or getattr(row, name))
    return names


def _keys(event: AuditEvent, model: type[models.Model] | None) -> list[str]:
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    hidden = _HIDDEN_KEYS | (_HIDDEN_UNIT_KEYS if model is Unit else frozenset())
    return [k for k in dict.fromkeys([*before, *after]) if k not in hidden]


T = TypeVar("T")

# What a value formatter (``VALUE_FORMATS``) read once while ``audit_entries`` works: None outside.
_MEMO: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "audit_memo", default=None
)


def memo(key: str, read: Callable[[], T]) -> T:
    """``read()``, read once per ``audit_entries`` call (a page or an export of the log, which
    may format thousands of values); outside one, read every time."""
    found = _MEMO.get()
    if found is None:
        return read()
    if key not in found:
        found[key] = read()
    return cast(T, found[key])


def audit_entries(events: Sequence[AuditEvent]) -> list[AuditEntry]:
    """``events`` (one page of the log) as people read them; names are read in bulk."""
    token = _MEMO.set({})
    try:
        return _entries(events)
    finally:
        _MEMO.reset(token)


def _entries(events: Sequence[AuditEvent]) -> list[AuditEntry]:
    names = _Names()
    for event in events:
        model = _model(event.object_type)
        for source in (event.before, event.after):
            if isinstance(source, dict):
                for key, value in source.items():
                    related = _related(model, key)
                    if related is not None:
                        names.want(related, value)
    names.load()
    record_names = _record_names(events)
    # The same labels and values recur from one event to the next (an export reads thousands):
    # each is worked out once per call (a label costs translation lookups, a rule's name a query).
    labels: dict[tuple[Any, ...], str] = {}
    values: dict[tuple[Any, ...], str] = {}

    def label(key: str, model: type[models.Model] | None, action: str) -> str:
        found = labels.get((key, model, action))
        if found is None:
            found = labels[(key, model, action)] = _label(key, model, action)
        return found

    def shown(raw: Any, key: str, model: type[models.Model] | None) -> str:
        if not isinstance(raw, str | int | float | bool) and raw is not None:
            return _value(raw, key=key, model=model, names=names)
        cache_key = (key, model, type(raw), raw)
        found = values.get(cache_key)
        if found is None:
            found = values[cache_key] = _value(raw, key=key, model=model, names=names)
        return found

    entries = []
    for event in events:
        model = _model(event.object_type)
        before = event.before if isinstance(event.before, dict) else {}
        after = event.after if isinstance(event.after, dict) else {}
        changes = [
            Change(
                label=label(key, model, event.action),
                before=shown(before.get(key), key, model)
                if key in before and event.before is not None and event.after is not None
                else None,
                after=shown(after.get(key, before.get(key)), key, model),
            )
            for key in _keys(event, model)
        ]
        if event.before is None or event.after is None:
            # A record created (or removed) whole: what it had, not every empty field.
            changes = [c for c in changes if c.after != "—"]
        kind = object_type_label(event.object_type)
        entries.append(
            AuditEntry(
                event=event,
                action=action_label(event.action, event.object_type),
                is_read=event.kind == AuditEvent.Kind.READ,
                object_label=f"{kind} #{event.object_id}" if event.object_id else kind,
                object_name=record_names.get((event.object_type, event.object_id), ""),
                changes=changes,
            )
        )
    return entries

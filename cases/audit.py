"""The one way to write the audit trail and the access log."""

import contextvars
import datetime
import decimal
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from cases.models import AccessLogEntry, AuditEvent, Case

request_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_ip", default=None)


def _jsonable(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict:
    """JSON-safe values of an instance's concrete fields (foreign keys as ids)."""
    names = list(fields) if fields is not None else None
    result = {}
    for field in instance._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        if field.name in {"id", "created_at", "updated_at"}:
            continue
        result[field.attname] = _jsonable(getattr(instance, field.attname))
    return result


def diff(before: dict, after: dict) -> dict:
    keys = sorted(set(before) | set(after))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor,
    partnership,
    action: str,
    obj: models.Model | None = None,
    case: Case | None = None,
    changes: dict | None = None,
    note: str = "",
) -> AuditEvent:
    return AuditEvent.objects.create(
        partnership=partnership,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        case=case,
        changes=changes or {},
        note=note,
        ip_address=request_ip.get(),
    )


def audit_created(*, actor, partnership, obj, case=None, action=None, note="") -> AuditEvent:
    after = snapshot(obj)
    return audit_record(
        actor=actor,
        partnership=partnership,
        action=action or f"{obj._meta.model_name}.create",
        obj=obj,
        case=case,
        changes={k: [None, v] for k, v in after.items() if v not in (None, "", [], {})},
        note=note,
    )


def access_record(
    *,
    user,
    kind: str,
    case: Case | None = None,
    obj=None,
    object_repr: str = "",
    partnership=None,
) -> AccessLogEntry:
    """Log a read of personal details (or a download): of a case, or of `obj`, a record of a
    partnership (on its case when it has one, e.g. a received referral); or, for a search, of
    the partnership whose records were searched (`partnership`, with what was searched for in
    `object_repr`)."""
    if case is None and obj is not None and getattr(obj, "case_id", None):
        case = obj.case
    if case is None and obj is None and partnership is None:
        raise ValueError("access_record needs the case or the record that was read")
    if case is not None:
        partnership_id = case.partnership_id
    elif obj is not None:
        partnership_id = obj.partnership_id
    else:
        partnership_id = partnership.pk
    return AccessLogEntry.objects.create(
        partnership_id=partnership_id,
        user=user,
        case=case,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        kind=kind,
        object_repr=object_repr[:200],
        ip_address=request_ip.get(),
    )

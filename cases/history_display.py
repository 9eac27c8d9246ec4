"""The case history as a business manager reads it: each audit event as a sentence ("Sam Smith
saved the draft referral LIN-R-0003 (4 times)"), its changes with the fields' verbose names,
choice labels, people's and agencies' names (never ids), Yes/No and "3 November 2026".

Stage apps label their own action codes with register_actions() from their AppConfig.ready()
(the core never imports them, tests/cases/test_core_independence.py); an unknown code is shown
humanised. Names are looked up in bulk: one query per referenced model per page.
"""

import dataclasses
import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import ForeignObjectRel
from django.utils import dateformat, timezone
from django.utils.dateparse import parse_date, parse_datetime

from cases.models.meetings import MeetingRole
from cases.models.notices import NoticeRecipient

EMPTY = "not set"
REMOVED = "a record no longer available"

# key -> label mapping for a partnership (e.g. its triage outcomes or lookup lists).
ValueLabels = Callable[..., dict]


@dataclass(frozen=True)
class ActionLabel:
    """How one action code reads.

    phrase: past tense, lower case, completing "<who> ...": "saved the draft referral {name}".
      {object} is the record as recorded, {name} the same without its model's name in front
      ("Referral LIN-R-0003" -> "LIN-R-0003"); {before[key]} / {after[key]} a change, readable.
    model: "app_label.Model" whose fields the changes name, when not the event's own record.
    labels: labels for change keys that are not fields of the model.
    refs: change key -> "app_label.Model" whose primary key it holds (shown by name).
    choices: change key -> (value, label) pairs, for keys without a model field.
    values: change key -> callable(partnership) -> {value: label}, for partnership lists.
    hide: change keys not shown on the page (still in the CSV).
    collapse: consecutive repeats (same person, same record) show as one line with a count.
    """

    phrase: str
    model: str | None = None
    labels: dict = field(default_factory=dict)
    refs: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    hide: frozenset = frozenset()
    collapse: bool = False


_actions: dict[str, ActionLabel] = {}


def register_actions(labels: dict[str, ActionLabel | str]) -> None:
    """Label action codes; a plain string is the phrase."""
    for code, label in labels.items():
        _actions[code] = ActionLabel(label) if isinstance(label, str) else label


def action_spec(code: str) -> ActionLabel | None:
    return _actions.get(code)


def humanise(code: str) -> str:
    """ "referral.save_draft" -> "Referral save draft": the fallback for an unlabelled code."""
    words = re.sub(r"[._\s]+", " ", code or "").strip()
    return words[:1].upper() + words[1:] if words else "Changed"


@dataclass
class Change:
    key: str
    label: str
    before: object
    after: object
    before_label: str
    after_label: str
    hidden: bool = False


@dataclass
class HistoryRow:
    event: object  # the newest AuditEvent of the row
    who: str
    action_label: str
    sentence: str
    changes: list[Change]
    count: int = 1
    first_at: datetime.datetime | None = None  # the oldest event's time, when collapsed

    @property
    def when(self) -> datetime.datetime:
        return self.event.created_at

    @property
    def note(self) -> str:
        return self.event.note

    @property
    def shown_changes(self) -> list[Change]:
        return [c for c in self.changes if not c.hidden]


class _Blank(dict):
    def __missing__(self, key):
        return ""


def _cap(text: str) -> str:
    """First letter up, the rest as written ("NHS number", not "Nhs number")."""
    return text[:1].upper() + text[1:]


def _model(label: str | None):
    if not label:
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    try:
        found = model._meta.get_field(key)
    except FieldDoesNotExist:
        found = None
    # A reverse relation shares its name with change keys ("deadlines" of a stage's start).
    if found is not None and not isinstance(found, ForeignObjectRel):
        return found
    for f in model._meta.concrete_fields:
        if f.attname == key:
            return f
    return None


def _is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def person_name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() if hasattr(user, "get_full_name") else "") or str(user)


def _name(obj) -> str:
    if hasattr(obj, "get_full_name"):
        return person_name(obj)
    return str(obj)


def _format_date(value: datetime.date) -> str:
    return dateformat.format(value, "j F Y")


def _format_datetime(value: datetime.datetime) -> str:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{dateformat.format(value, 'j F Y')}, {dateformat.format(value, 'H:i')}"


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_CODE = re.compile(r"^[a-z]+(_[a-z]+)+$")


def _plain_text(value) -> str:
    """A value with no field to say what it is: dates, Yes/No and codes made readable."""
    if _is_empty(value):
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(_plain_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{humanise(str(k))}: {_plain_text(v)}" for k, v in value.items())
    text = str(value)
    if _ISO_DATE.match(text) and (d := parse_date(text)):
        return _format_date(d)
    if _ISO_DATETIME.match(text):
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment:
            return _format_datetime(moment)
    if _CODE.match(text):
        return humanise(text)
    return text


def _field_value(f, value) -> str:
    if _is_empty(value):
        return EMPTY
    if isinstance(value, list | tuple):
        return ", ".join(_field_value(f, v) for v in value)
    if isinstance(f, models.BooleanField) or isinstance(value, bool):
        return "Yes" if value else "No"
    if f.choices:
        labels = {str(k): str(v) for k, v in f.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(f, models.DateTimeField):
        moment = parse_datetime(str(value)) if isinstance(value, str) else value
        return _format_datetime(moment) if moment else str(value)
    if isinstance(f, models.DateField):
        day = parse_date(str(value)[:10]) if isinstance(value, str) else value
        return _format_date(day) if day else str(value)
    if isinstance(value, int | float):
        return str(value)
    return _plain_text(value)


@dataclass
class _Plan:
    """How one change key of one event is shown, decided before the names are looked up."""

    label: str
    ref_model: type | None = None  # the value is a primary key of this model
    field: object = None
    choices: dict | None = None
    values: ValueLabels | None = None
    hidden: bool = False


def _plan(spec: ActionLabel | None, model, key: str) -> _Plan:
    spec = spec or ActionLabel("")
    hidden = key in spec.hide
    if key in spec.refs:
        ref = _model(spec.refs[key])
        label = spec.labels.get(key) or (
            _cap(str(ref._meta.verbose_name)) if ref else humanise(key)
        )
        return _Plan(label, ref_model=ref, hidden=hidden)
    f = _field(model, key)
    label = spec.labels.get(key)
    if f is not None:
        label = label or _cap(str(f.verbose_name))
        if f.is_relation and (f.many_to_one or f.one_to_one) and key == f.attname != f.name:
            return _Plan(label, ref_model=f.related_model, hidden=hidden)
    else:
        label = label or humanise(key[:-3] if key.endswith("_id") else key)
    if key in spec.choices:
        return _Plan(label, choices={str(k): str(v) for k, v in spec.choices[key]}, hidden=hidden)
    if key in spec.values:
        return _Plan(label, values=spec.values[key], field=f, hidden=hidden)
    # A key naming an id with no model to look it up in is never shown as the id.
    if f is None and (key.endswith("_id") or key in ("id", "pk")):
        return _Plan(label, ref_model=None, field=None, hidden=True)
    return _Plan(label, field=f, hidden=hidden)


def _pk(model, value):
    try:
        return model._meta.pk.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None


class _Names:
    """Every id a page of events refers to, looked up with one query per model."""

    def __init__(self):
        self.wanted: dict[type, set] = defaultdict(set)
        self.found: dict[type, dict] = {}

    def want(self, model, value) -> None:
        if model is None or _is_empty(value):
            return
        for v in value if isinstance(value, list | tuple) else [value]:
            if (pk := _pk(model, v)) is not None:
                self.wanted[model].add(pk)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            rows = model._base_manager.filter(pk__in=pks)
            self.found[model] = {str(obj.pk): _name(obj) for obj in rows}

    def name(self, model, value) -> str:
        if _is_empty(value):
            return EMPTY
        if isinstance(value, list | tuple):
            return ", ".join(self.name(model, v) for v in value)
        if model is None:
            return REMOVED
        return self.found.get(model, {}).get(str(_pk(model, value)), REMOVED)


def _render(plan: _Plan, value, names: _Names, lists: dict, partnership) -> str:
    if plan.ref_model is not None:
        return names.name(plan.ref_model, value)
    if _is_empty(value):
        return EMPTY
    if plan.choices is not None:
        if isinstance(value, list | tuple):
            return ", ".join(plan.choices.get(str(v), _plain_text(v)) for v in value)
        return plan.choices.get(str(value), _plain_text(value))
    if plan.values is not None:
        key = plan.values
        if key not in lists:
            try:
                lists[key] = {str(k): str(v) for k, v in key(partnership).items()}
            except Exception:  # a list that cannot be read must not hide the history
                lists[key] = {}
        labels = lists[key]
        items = value if isinstance(value, list | tuple) else [value]
        return ", ".join(labels.get(str(v)) or _plain_text(v) for v in items)
    if plan.field is not None:
        return _field_value(plan.field, value)
    return _plain_text(value)


def _object_name(event, model) -> str:
    text = event.object_repr or ""
    if model is not None:
        prefix = str(model._meta.verbose_name)
        if text.lower().startswith(prefix.lower() + " "):
            return text[len(prefix) + 1 :]
    return text


def _phrase(spec: ActionLabel | None, event, model, changes: list[Change]) -> tuple[str, str]:
    """(action label, sentence without the person)."""
    if spec is None or not spec.phrase:
        label = humanise(event.action)
        what = f": {event.object_repr}" if event.object_repr else ""
        return label, f"{label[:1].lower()}{label[1:]}{what}"
    before = _Blank({c.key: c.before_label for c in changes})
    after = _Blank({c.key: c.after_label for c in changes})
    name = _object_name(event, _model_of(event))
    values = {"before": before, "after": after, "object": event.object_repr, "name": name}
    try:
        sentence = spec.phrase.format_map(_Blank(values))
        bare = re.sub(r"\s*\{(object|name)\}", "", spec.phrase).format_map(_Blank(values))
    except (KeyError, IndexError, ValueError, AttributeError):
        sentence = bare = spec.phrase
    bare = re.sub(r"\s+", " ", bare).strip()
    return bare[:1].upper() + bare[1:], re.sub(r"\s+", " ", sentence).strip()


def _model_of(event):
    if not event.content_type_id:
        return None
    # From the content type cache: no query even when the event's content type is not loaded.
    return ContentType.objects.get_for_id(event.content_type_id).model_class()


def _bare_id(plan: _Plan, before, after) -> bool:
    """A number under a key no field, list or lookup explains is an id: never shown."""
    if plan.ref_model or plan.field or plan.choices or plan.values:
        return False
    return any(isinstance(v, int) and not isinstance(v, bool) for v in (before, after))


def _implied(key: str, before) -> bool:
    """What the page already says: every record is the partnership's, and a record made on a
    case belongs to it (moving a record to another case still shows)."""
    field = key[:-3] if key.endswith("_id") else key
    return field == "partnership" or (field == "case" and _is_empty(before))


def _rows(events: list, partnership) -> list[HistoryRow]:
    names = _Names()
    plans = []
    for event in events:
        spec = action_spec(event.action)
        model = _model(spec.model) if spec and spec.model else _model_of(event)
        event_plans = {}
        for key, pair in (event.changes or {}).items():
            plan = _plan(spec, model, key)
            event_plans[key] = plan
            if plan.ref_model is not None and isinstance(pair, list | tuple) and len(pair) == 2:
                names.want(plan.ref_model, pair[0])
                names.want(plan.ref_model, pair[1])
        plans.append((event, spec, model, event_plans))
    names.fetch()
    lists: dict = {}
    rows = []
    for event, spec, model, event_plans in plans:
        changes = []
        for key, pair in (event.changes or {}).items():
            before, after = (
                pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
            )
            plan = event_plans[key]
            if _bare_id(plan, before, after):
                plan = _Plan(plan.label, hidden=True)
            elif _implied(key, before):
                plan = dataclasses.replace(plan, hidden=True)  # the CSV still names it
            changes.append(
                Change(
                    key=key,
                    label=plan.label,
                    before=before,
                    after=after,
                    before_label=_render(plan, before, names, lists, partnership),
                    after_label=_render(plan, after, names, lists, partnership),
                    hidden=plan.hidden,
                )
            )
        label, sentence = _phrase(spec, event, model, changes)
        who = person_name(event.actor) if event.actor_id else "The system"
        rows.append(
            HistoryRow(
                event=event,
                who=who,
                action_label=label,
                sentence=f"{who} {sentence}",
                changes=changes,
            )
        )
    return rows


def _same(a: HistoryRow, b: HistoryRow) -> bool:
    x, y = a.event, b.event
    spec = action_spec(x.action)
    return bool(
        spec
        and spec.collapse
        and x.action == y.action
        and x.actor_id == y.actor_id
        and x.content_type_id == y.content_type_id
        and x.object_id == y.object_id
    )


def _merge(group: list[HistoryRow]) -> HistoryRow:
    """Each field from its first value in the group to its last (lists of either order)."""
    group = sorted(group, key=lambda r: (r.event.created_at, r.event.pk or 0))
    oldest, newest = group[0], group[-1]
    merged: dict[str, Change] = {}
    for row in group:  # oldest to newest
        for change in row.changes:
            if change.key in merged:
                first = merged[change.key]
                change = Change(
                    key=change.key,
                    label=change.label,
                    before=first.before,
                    after=change.after,
                    before_label=first.before_label,
                    after_label=change.after_label,
                    hidden=change.hidden,
                )
            merged[change.key] = change
    changes = [c for c in merged.values() if c.before != c.after]
    count = len(group)
    return HistoryRow(
        event=newest.event,
        who=newest.who,
        action_label=f"{newest.action_label} ({count} times)",
        sentence=f"{newest.sentence} ({count} times)",
        changes=changes,
        count=count,
        first_at=oldest.event.created_at,
    )


def history_rows(events: Iterable, *, partnership=None, collapse: bool = True) -> list[HistoryRow]:
    """Readable rows for a page of audit events, in their order. With collapse, consecutive
    repeats of a collapsible action (a draft saved again and again) become one row."""
    rows = _rows(list(events), partnership)
    if not collapse:
        return rows
    result: list[HistoryRow] = []
    group: list[HistoryRow] = []
    for row in rows:
        if group and not _same(group[0], row):
            result.append(group[0] if len(group) == 1 else _merge(group))
            group = []
        group.append(row)
    if group:
        result.append(group[0] if len(group) == 1 else _merge(group))
    return result


# --- the core's own action codes ------------------------------------------------------------

# A statutory notice's changes: recipients by the bodies' names, documents by file name; its
# case, partnership and creator are the event's own.
_NOTICE_LABELS = {
    "choices": {"recipients": NoticeRecipient.choices},
    "refs": {"documents": "cases.Attachment"},
    "labels": {"documents": "Documents sent"},
    "hide": frozenset({"partnership_id", "case_id", "created_by_id", "sent_by_id"}),
}

# An action's changes (cases.services.actions): the agency and person by name.
_ACTION_LABELS = {
    "model": "cases.ActionItem",
    "labels": {"update": "Update", "evidence": "Evidence"},
    "refs": {"evidence": "cases.Attachment"},
}

_MEETING_HIDDEN = frozenset({"partnership_id", "case_id", "created_by_id", "uid"})
# A chronology's changes: the agency and subjects by name; entry events name their chronology
# (`chronology`, its name when written) in the sentence, not as a change.
_CHRONOLOGY_LABELS = {
    "model": "cases.Chronology",
    "labels": {
        "entries": "Entries imported",
        "entered_on_behalf": "On the agency's behalf",
        "written_by": "Written by",
    },
    "hide": frozenset({"partnership_id", "case_id", "created_by_id", "chronology"}),
}
_ENTRY_LABELS = {
    **_CHRONOLOGY_LABELS,
    "model": "cases.ChronologyEntry",
    "refs": {"subjects": "cases.Subject"},
    "labels": {"subjects": "Subjects", "entered_on_behalf": "On the agency's behalf"},
}

register_actions(
    {
        "case.create": "opened the case {object}",
        "case.update": "updated the case {object}",
        "case.restriction": "changed who can see the case {object}",
        "case.access_grant": ActionLabel(
            "gave someone access to the restricted case {object}",
            labels={"access_list": "Access list"},
        ),
        "case.access_revoke": ActionLabel(
            "took away someone's access to the restricted case {object}",
            labels={"access_list": "Access list"},
        ),
        "case.archive": "archived the case {object}",
        "case.stage": "moved the case {object} to {after[stage]}",
        "stage.start": ActionLabel(
            "started the {after[stage]} clock on {object}",
            labels={"day_zero": "Counted from", "deadlines": "Deadlines"},
        ),
        "stage.recompute": ActionLabel(
            "recalculated the deadlines of {object}", labels={"day_zero": "Counted from"}
        ),
        "stage.close": "closed a stage's deadlines on {object}",
        "deadline.met": "recorded a deadline as met on {object}",
        "deadline.waive": "waived a deadline on {object}",
        "notice.create": ActionLabel(
            "recorded that a statutory notice is due: {name}", **_NOTICE_LABELS
        ),
        "notice.sent": ActionLabel(
            "recorded the statutory notice {name} as sent on {after[sent_on]}", **_NOTICE_LABELS
        ),
        "notice.cancel": ActionLabel("cancelled the statutory notice {name}", **_NOTICE_LABELS),
        "notice.due_moved": ActionLabel(
            "moved the due date of the statutory notice {name} to {after[due_date]}",
            **_NOTICE_LABELS,
        ),
        "action.add": ActionLabel("added the action {object} to the action plan", **_ACTION_LABELS),
        "action.progress": ActionLabel(
            "recorded progress on the action {object}", **_ACTION_LABELS
        ),
        "action.status": ActionLabel(
            "marked the action {object} as {after[status]}", **_ACTION_LABELS
        ),
        "action.move_due": ActionLabel(
            "moved the due date of the action {object} to {after[due_date]}", **_ACTION_LABELS
        ),
        "action.close": ActionLabel("closed the action {object}", **_ACTION_LABELS),
        "action.cancel": ActionLabel("cancelled the action {object}", **_ACTION_LABELS),
        "action_plan.signed_off": ActionLabel(
            "recorded the {object} as signed off on {after[signed_off_on]}",
            model="cases.ActionPlan",
        ),
        "impact_statement.record": ActionLabel(
            "recorded the impact statement", model="cases.ImpactStatement"
        ),
        "chronology.open": ActionLabel("asked for {object}", **_CHRONOLOGY_LABELS),
        "chronology.entry_add": ActionLabel(
            "added an {object} to {after[chronology]}", **_ENTRY_LABELS
        ),
        "chronology.entry_update": ActionLabel(
            "changed the {object} in {after[chronology]}", **_ENTRY_LABELS
        ),
        "chronology.entry_remove": ActionLabel(
            "removed the {object} from {after[chronology]}", **_ENTRY_LABELS
        ),
        "chronology.import": ActionLabel(
            "imported {after[entries]} entries from a spreadsheet into {object}",
            **_CHRONOLOGY_LABELS,
        ),
        "chronology.submit": ActionLabel("submitted {object}", **_CHRONOLOGY_LABELS),
        "chronology.return": ActionLabel("returned {object} for changes", **_CHRONOLOGY_LABELS),
        "subject.create": "added {object} to the case",
        "subject.update": "updated the details of {object}",
        "subject.archive": "removed {object} from the case",
        "casenote.create": "added a note to the case",
        "attachment.create": "uploaded the document {object}",
        "attachment.archive": "removed the document {object}",
        "invitation.create": "invited {object} to join the partnership",
        "invitation.accept": "accepted the invitation of {object}",
        "invitation.revoke": "withdrew the invitation of {object}",
        "membership.create": "added {object} to the partnership",
        "membership.update": "changed the roles or details of {object}",
        "membership.deputy_name": ActionLabel(
            "named {after[deputy]} as their deputy for authorising referrals",
            refs={"deputy": "cases.User"},
            labels={"deputy": "Nominated deputy"},
        ),
        "membership.deputy_remove": ActionLabel(
            "removed {before[deputy]} as their deputy for authorising referrals",
            refs={"deputy": "cases.User"},
            labels={"deputy": "Nominated deputy"},
        ),
        # Sign-off chains (cases.services.signoff); the comments are the event's note.
        "sign_off.start": ActionLabel(
            "started the sign-off of the {after[document]}; it is with “{after[step]}”",
            labels={"document": "Document", "step": "Step"},
        ),
        "sign_off.approve": ActionLabel(
            "signed off “{before[step]}” for the {after[document]}",
            labels={"document": "Document", "step": "Step"},
        ),
        "sign_off.complete": ActionLabel(
            "gave the last sign-off of the {after[document]} (“{before[step]}”): it is signed off",
            labels={"document": "Document", "step": "Step"},
        ),
        "sign_off.return": ActionLabel(
            "returned the {after[document]} for changes at “{before[step]}”",
            labels={"document": "Document", "step": "Step"},
        ),
        "sign_off.resubmit": ActionLabel(
            "resubmitted the {after[document]} for sign-off as version {after[version]}",
            labels={"document": "Document", "step": "Step"},
        ),
        "sign_off.withdraw": ActionLabel(
            "withdrew the sign-off of the {after[document]}",
            labels={"document": "Document"},
        ),
        # Meetings (cases.services.meetings); a cancellation's reason and the quorum's why are
        # the event's note.
        "meeting.schedule": ActionLabel(
            "scheduled the meeting “{object}” and e-mailed the invitations",
            labels={"invited": "Invited"},
            hide=_MEETING_HIDDEN,
        ),
        "meeting.update": ActionLabel(
            "changed the meeting “{object}” and e-mailed the invitees the update",
            hide=_MEETING_HIDDEN,
        ),
        "meeting.cancel": "cancelled the meeting “{object}” and e-mailed the invitees",
        "meeting.invitee_add": ActionLabel(
            "invited {after[invitee]} to the meeting “{object}”",
            labels={"invitee": "Invited", "role": "Role in the meeting"},
            choices={"role": MeetingRole.choices},
        ),
        "meeting.invitee_remove": ActionLabel(
            "took {before[invitee]} off the invitations to the meeting “{object}”",
            labels={"invitee": "Invited"},
        ),
        "meeting.attendance": ActionLabel(
            "recorded who attended the meeting “{object}”: {after[quorum]}",
            labels={"attended": "Attended", "quorum": "Quorum"},
        ),
        "meeting.document_add": ActionLabel(
            "added {after[document]} to the papers of the meeting “{object}”",
            refs={"document": "cases.Attachment"},
            labels={"document": "Document"},
        ),
        "meeting.papers_sent": ActionLabel(
            "e-mailed the invitees a link to the papers of the meeting “{object}”",
            labels={"sent_to": "Sent to"},
        ),
        "workflow.update": "changed the partnership's workflow settings",
        "workflow.load_preset": "loaded a workflow preset for the partnership",
        "closure_day.add": "added the closure day {object}",
        "closure_day.remove": "removed the closure day {object}",
        "document_template.save": ActionLabel(
            "changed the wording of the template “{object}”",
            labels={"template": "Template", "title": "Title", "body": "Text"},
        ),
        "document_template.reset": ActionLabel(
            "reset the template “{object}” to its registered wording",
            labels={"template": "Template", "title": "Title", "body": "Text"},
        ),
        "api_token.create": "created an API token",
        "api_token.revoke": "revoked an API token",
        "api_token.end.revoked": "ended an API token (revoked)",
        "api_token.end.password_changed": "ended the API tokens (the password changed)",
        "api_token.end.no_membership": "ended the API tokens (the last membership ended)",
        "calendar_feed.create": "created a calendar feed",
        "calendar_feed.reset": "reset the calendar feed's address",
        "calendar_feed.revoke": "turned off the calendar feed",
        "reminders.preference": "changed their reminder e-mail settings",
        "sign_in.wrong_code": "entered a wrong two-factor code",
    }
)

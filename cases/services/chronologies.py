"""Chronologies (cases.models.chronologies): one service per transition, used by the pages, the
API and the stage apps alike (docs/chronologies.md).

    chronology_open     the business manager asks an agency for its chronology: the stage,
                        the kind, the scope period and the due date
    entry_add           an entry, by the agency or a business manager on its behalf
    entry_update        an entry changed
    entry_remove        an entry taken out (kept, marked removed)
    chronology_import   the entries of a spreadsheet, all or nothing
    chronology_submit   the agency's SLO sends it to the partnership
    chronology_return   the business manager sends it back, with the reason

A stage app opens the chronologies its stage needs with check_permission=False, like notices.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cases import permissions
from cases.audit import audit_record, snapshot
from cases.chronology_columns import BY_FIELD, TEXT_FIELDS
from cases.chronology_import import read_chronology
from cases.errors import InvalidTransition
from cases.models import (
    Agency,
    Case,
    Chronology,
    ChronologyEntry,
    ChronologyEntrySubject,
    ChronologyKind,
    ChronologyPurpose,
    ChronologyStatus,
    Membership,
    Subject,
    User,
)
from cases.services.deadlines import deadline_meet

NOT_ALLOWED_TO_MANAGE = "Only a business manager can ask for or return chronologies."
NOT_ALLOWED_TO_EDIT = "Only the agency's safeguarding lead officer or staff, or a business "
NOT_ALLOWED_TO_EDIT += "manager on the agency's behalf, can change its chronology."
NOT_ALLOWED_TO_SUBMIT = "Only the agency's safeguarding lead officer or a business manager can "
NOT_ALLOWED_TO_SUBMIT += "submit its chronology."
ENTRY_FIELDS = ("occurred_on", "occurred_at", *TEXT_FIELDS)


def _audit(*, actor, chronology: Chronology, action: str, changes: dict, note="", obj=None):
    audit_record(
        actor=actor,
        partnership=chronology.case.partnership,
        action=action,
        obj=obj if obj is not None else chronology,
        case=chronology.case,
        changes=changes,
        note=note,
    )


def _locked(chronology: Chronology) -> Chronology:
    """The chronology re-read under a row lock: the state checks see the latest status."""
    locked = (
        Chronology.objects.select_for_update(of=("self",))
        .select_related("case", "case__partnership", "agency")
        .get(pk=chronology.pk)
    )
    return locked


def _check_editable(chronology: Chronology) -> None:
    if not chronology.is_editable:
        raise InvalidTransition(
            "This chronology has been submitted: a business manager must return it before it "
            "can be changed."
        )


# The clock's step that the first request for a review's chronology meets, where the
# partnership's settings have it: Dorset 002 7.9, "PDSCP Business Manager sends out requests for
# the Reports and chronologies" immediately after the first review panel.
REQUEST_STEPS = {ChronologyPurpose.LCSPR: "report_requests"}


@transaction.atomic
def chronology_open(
    *,
    actor: User,
    membership: Membership | None,
    case: Case,
    agency: Agency,
    purpose: str,
    kind: str = ChronologyKind.EVENTS,
    scope_from: datetime.date | None = None,
    scope_to: datetime.date | None = None,
    due_date: datetime.date | None = None,
    check_permission: bool = True,
) -> Chronology:
    """Ask an agency involved in the case for its chronology (Lincolnshire 000: "the chronology
    template (Appendix F) to be completed and returned by a date specified in the TOR")."""
    if check_permission and (
        membership is None or not permissions.can_manage_chronologies(membership, case)
    ):
        raise PermissionDenied(NOT_ALLOWED_TO_MANAGE)
    errors: dict[str, str] = {}
    if purpose not in ChronologyPurpose.values:
        errors["purpose"] = "Select which review the chronology is for"
    if kind not in ChronologyKind.values:
        errors["kind"] = "Select the kind of chronology"
    if agency is None or not case.agencies.filter(pk=agency.pk).exists():
        errors["agency"] = "Select an agency involved in the case"
    if scope_from and scope_to and scope_to < scope_from:
        errors["scope_to"] = "The end of the scope period must be the same as or after its start"
    if (
        not errors
        and Chronology.objects.filter(case=case, agency=agency, purpose=purpose, kind=kind).exists()
    ):
        errors["agency"] = f"{agency.name} has already been asked for this chronology"
    if errors:
        raise ValidationError(errors)
    chronology = Chronology.objects.create(
        partnership_id=case.partnership_id,
        case=case,
        agency=agency,
        purpose=purpose,
        kind=kind,
        scope_from=scope_from,
        scope_to=scope_to,
        due_date=due_date,
        created_by=actor,
    )
    after = {k: v for k, v in snapshot(chronology).items() if v not in (None, "", [], {})}
    after.pop("created_by_id", None)
    _audit(
        actor=actor,
        chronology=chronology,
        action="chronology.open",
        changes={k: [None, v] for k, v in after.items()},
    )
    if purpose in REQUEST_STEPS:
        deadline_meet(actor=actor, case=case, stage=purpose, key=REQUEST_STEPS[purpose])
    return chronology


def _editor(membership: Membership | None, chronology: Chronology) -> None:
    if membership is None or not permissions.can_edit_chronology(membership, chronology):
        raise PermissionDenied(NOT_ALLOWED_TO_EDIT)


def _on_behalf(membership: Membership, chronology: Chronology) -> bool:
    """Written by someone who is not of the agency: a business manager on its behalf."""
    return membership.agency_id != chronology.agency_id


def _case_subjects(chronology: Chronology, subjects) -> list[Subject]:
    subjects = list(subjects or ())
    if any(s.case_id != chronology.case_id or s.archived_at is not None for s in subjects):
        raise ValidationError({"subjects": "Select people on this case"})
    return subjects


def _clean_entry(entry: ChronologyEntry) -> None:
    errors = {}
    if entry.occurred_on is None:
        errors["occurred_on"] = "Enter the date of the event"
    elif entry.occurred_on > timezone.localdate():
        errors["occurred_on"] = "Date of the event must be today or in the past"
    if not (entry.details or "").strip():
        errors["details"] = "Enter the details of the event"
    for name in TEXT_FIELDS:
        column = BY_FIELD[name]
        if len(getattr(entry, name) or "") > column.max_length:
            errors[name] = f"{column.heading} must be {column.max_length:,} characters or fewer"
    if errors:
        raise ValidationError(errors)


def _entry_snapshot(entry: ChronologyEntry, subjects) -> dict:
    values = snapshot(entry, ENTRY_FIELDS)
    values["subjects"] = sorted(s.pk for s in subjects)
    return values


@transaction.atomic
def entry_add(
    *,
    actor: User,
    membership: Membership | None,
    chronology: Chronology,
    occurred_on: datetime.date | None,
    details: str,
    occurred_at: datetime.time | None = None,
    source: str = "",
    department: str = "",
    subjects=(),
    contact_type: str = "",
    by_whom: str = "",
    analysis: str = "",
) -> ChronologyEntry:
    _editor(membership, chronology)
    chronology = _locked(chronology)
    _check_editable(chronology)
    subjects = _case_subjects(chronology, subjects)
    last = ChronologyEntry.objects.filter(chronology=chronology).aggregate(Max("position"))
    entry = ChronologyEntry(
        partnership_id=chronology.partnership_id,
        chronology=chronology,
        occurred_on=occurred_on,
        occurred_at=occurred_at,
        source=(source or "").strip(),
        department=(department or "").strip(),
        contact_type=(contact_type or "").strip(),
        by_whom=(by_whom or "").strip(),
        details=(details or "").strip(),
        analysis=(analysis or "").strip(),
        entered_on_behalf=_on_behalf(membership, chronology),
        position=(last["position__max"] or 0) + 1,
        created_by=actor,
    )
    _clean_entry(entry)
    entry.save()
    _link_subjects(entry, subjects)
    changes = {
        k: [None, v] for k, v in _entry_snapshot(entry, subjects).items() if v not in (None, "", [])
    }
    if entry.entered_on_behalf:
        changes["entered_on_behalf"] = [None, True]
    changes["chronology"] = [None, str(chronology)]
    _audit(
        actor=actor,
        chronology=chronology,
        action="chronology.entry_add",
        changes=changes,
        obj=entry,
    )
    return entry


def _link_subjects(entry: ChronologyEntry, subjects: list[Subject]) -> None:
    ChronologyEntrySubject.objects.bulk_create(
        ChronologyEntrySubject(partnership_id=entry.partnership_id, entry=entry, subject=s)
        for s in subjects
    )


@transaction.atomic
def entry_update(
    *,
    actor: User,
    membership: Membership | None,
    entry: ChronologyEntry,
    subjects=None,
    **fields,
) -> ChronologyEntry:
    """Change the given fields of an entry (and its subjects, when given)."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"entry_update got unknown fields {sorted(unknown)}")
    chronology = entry.chronology
    _editor(membership, chronology)
    chronology = _locked(chronology)
    _check_editable(chronology)
    entry = ChronologyEntry.objects.select_for_update().get(pk=entry.pk, removed_at__isnull=True)
    entry.chronology = chronology
    had = list(Subject.objects.filter(pk__in=_subject_ids(entry)))
    before = _entry_snapshot(entry, had)
    for name, value in fields.items():
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    _clean_entry(entry)
    now = had
    if subjects is not None:
        now = _case_subjects(chronology, subjects)
    entry.save()
    if subjects is not None:
        ChronologyEntrySubject.objects.filter(entry=entry).delete()
        _link_subjects(entry, now)
    changes = {
        k: [before.get(k), v] for k, v in _entry_snapshot(entry, now).items() if before.get(k) != v
    }
    if changes:
        if _on_behalf(membership, chronology):
            changes["entered_on_behalf"] = [None, True]
        changes["chronology"] = [None, str(chronology)]
        _audit(
            actor=actor,
            chronology=chronology,
            action="chronology.entry_update",
            changes=changes,
            obj=entry,
        )
    return entry


def _subject_ids(entry: ChronologyEntry) -> list[int]:
    return list(
        ChronologyEntrySubject.objects.filter(entry=entry).values_list("subject_id", flat=True)
    )


@transaction.atomic
def entry_remove(
    *, actor: User, membership: Membership | None, entry: ChronologyEntry
) -> ChronologyEntry:
    chronology = entry.chronology
    _editor(membership, chronology)
    chronology = _locked(chronology)
    _check_editable(chronology)
    removed = ChronologyEntry.objects.filter(pk=entry.pk, removed_at__isnull=True).update(
        removed_at=timezone.now()
    )
    if not removed:
        raise InvalidTransition("This entry has already been removed.")
    entry.refresh_from_db()
    _audit(
        actor=actor,
        chronology=chronology,
        action="chronology.entry_remove",
        changes={
            "occurred_on": [entry.occurred_on.isoformat(), None],
            "chronology": [None, str(chronology)],
        },
        obj=entry,
    )
    return entry


@transaction.atomic
def chronology_import(
    *, actor: User, membership: Membership | None, chronology: Chronology, uploaded
) -> list[ChronologyEntry]:
    """Add every row of a spreadsheet to the chronology, or none of them: the reasons of every
    bad row and cell in one ValidationError({"file": [...]}) (cases.chronology_import)."""
    _editor(membership, chronology)
    chronology = _locked(chronology)
    _check_editable(chronology)
    subjects = list(Subject.objects.filter(case=chronology.case_id, archived_at__isnull=True))
    rows = read_chronology(uploaded, subjects=subjects)
    last = ChronologyEntry.objects.filter(chronology=chronology).aggregate(Max("position"))
    start = last["position__max"] or 0
    on_behalf = _on_behalf(membership, chronology)
    entries = ChronologyEntry.objects.bulk_create(
        [
            # Ids, not instances: a related instance costs a descriptor and router call per row.
            ChronologyEntry(
                partnership_id=chronology.partnership_id,
                chronology_id=chronology.pk,
                occurred_on=row.values["occurred_on"],
                occurred_at=row.values.get("occurred_at"),
                **{name: row.values.get(name, "") for name in TEXT_FIELDS},
                entered_on_behalf=on_behalf,
                position=start + index,
                created_by_id=actor.pk,
            )
            for index, row in enumerate(rows, start=1)
        ],
        batch_size=1000,
    )
    ChronologyEntrySubject.objects.bulk_create(
        [
            ChronologyEntrySubject(
                partnership_id=chronology.partnership_id, entry_id=entry.pk, subject_id=subject.pk
            )
            for entry, row in zip(entries, rows, strict=True)
            for subject in row.values["subjects"]
        ],
        batch_size=1000,
    )
    changes = {"entries": [None, len(entries)]}
    if on_behalf:
        changes["entered_on_behalf"] = [None, True]
    _audit(
        actor=actor,
        chronology=chronology,
        action="chronology.import",
        changes=changes,
        note=f"From the file {uploaded.name}"[:500],
    )
    return entries


@transaction.atomic
def chronology_submit(
    *,
    actor: User,
    membership: Membership | None,
    chronology: Chronology,
    written_by: str = "",
    author_not_involved: bool = False,
) -> Chronology:
    """The agency sends its chronology to the partnership (or a business manager does on its
    behalf); it cannot be changed until a business manager returns it. An LCSPR's chronology
    names who wrote it, a senior member of staff not involved with the case (Swindon 001
    Appendix 10); a rapid review's may."""
    if membership is None or not permissions.can_submit_chronology(membership, chronology):
        raise PermissionDenied(NOT_ALLOWED_TO_SUBMIT)
    chronology = _locked(chronology)
    if chronology.status == ChronologyStatus.SUBMITTED:
        raise InvalidTransition("This chronology has already been submitted.")
    written_by = (written_by or "").strip()
    errors = {}
    if not ChronologyEntry.objects.filter(chronology=chronology, removed_at__isnull=True).exists():
        errors["entries"] = "Add at least one entry before submitting the chronology"
    if len(written_by) > 200:
        errors["written_by"] = "Name and job title must be 200 characters or fewer"
    if chronology.needs_writer:
        if not written_by:
            errors["written_by"] = "Enter the name and job title of the person who wrote it"
        if not author_not_involved:
            errors["author_not_involved"] = (
                "Confirm that the person who wrote it had no involvement with the case"
            )
    if errors:
        raise ValidationError(errors)
    before = chronology.status
    chronology.status = ChronologyStatus.SUBMITTED
    chronology.submitted_by = actor
    chronology.submitted_at = timezone.now()
    chronology.written_by = written_by
    chronology.author_not_involved = bool(author_not_involved)
    chronology.save(
        update_fields=[
            "status",
            "submitted_by",
            "submitted_at",
            "written_by",
            "author_not_involved",
            "updated_at",
        ]
    )
    changes = {"status": [before, chronology.status]}
    if written_by:
        changes["written_by"] = [None, written_by]
    if _on_behalf(membership, chronology):
        changes["entered_on_behalf"] = [None, True]
    _audit(actor=actor, chronology=chronology, action="chronology.submit", changes=changes)
    return chronology


@transaction.atomic
def chronology_return(
    *, actor: User, membership: Membership | None, chronology: Chronology, reason: str
) -> Chronology:
    """The business manager sends a submitted chronology back to the agency, saying why."""
    if membership is None or not permissions.can_manage_chronologies(membership, chronology.case):
        raise PermissionDenied(NOT_ALLOWED_TO_MANAGE)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter what the agency needs to change"})
    chronology = _locked(chronology)
    if chronology.status != ChronologyStatus.SUBMITTED:
        raise InvalidTransition("Only a submitted chronology can be returned.")
    chronology.status = ChronologyStatus.RETURNED
    chronology.returned_reason = reason.strip()
    chronology.save(update_fields=["status", "returned_reason", "updated_at"])
    _audit(
        actor=actor,
        chronology=chronology,
        action="chronology.return",
        changes={"status": [ChronologyStatus.SUBMITTED.value, chronology.status]},
        note=chronology.returned_reason,
    )
    return chronology

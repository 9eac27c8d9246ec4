"""The audit trail and access log: every write recorded with before/after, append-only in the
ORM and in PostgreSQL itself, reads and downloads logged, CSV exports correct and safe."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cases.models import (
    AccessKind,
    AccessLogEntry,
    AppendOnlyError,
    AuditEvent,
    Role,
)
from cases.services import cases as case_services
from cases.services import documents as document_services
from cases.services import people as people_services
from cases.services import subjects as subject_services
from tests.factories import UserFactory
from tests.world import PDF_BYTES

BM = Role.BUSINESS_MANAGER


def _bm(world):
    return world.alpha.members[BM]


def _new_event(before_ids, action):
    events = list(AuditEvent.objects.exclude(pk__in=before_ids).filter(action=action))
    assert len(events) == 1, f"expected one new {action!r} event, found {len(events)}"
    return events[0]


# Each: (action, run(world) -> object audited, field that must show [before, after]).
def _case_create(w):
    bm = _bm(w)
    return case_services.case_create(actor=bm.user, membership=bm, title="Child N")


def _case_update(w):
    bm = _bm(w)
    return case_services.case_update(
        actor=bm.user, membership=bm, case=w.alpha.case, title="Child T (renamed)"
    )


def _case_restrict(w):
    bm = _bm(w)
    return case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=w.alpha.case, is_restricted=True
    )


def _access_grant(w):
    bm = _bm(w)
    member = w.alpha.members[Role.LEAD_REVIEWER]
    case_services.case_access_grant(actor=bm.user, membership=bm, case=w.alpha.case, member=member)
    return w.alpha.case


def _access_revoke(w):
    bm = _bm(w)
    member = w.alpha.members[Role.LEAD_REVIEWER]
    case_services.case_access_revoke(actor=bm.user, membership=bm, case=w.alpha.case, member=member)
    return w.alpha.case


def _case_archive(w):
    bm = _bm(w)
    return case_services.case_archive(actor=bm.user, membership=bm, case=w.alpha.case, reason="Dup")


def _subject_add(w):
    bm = _bm(w)
    return subject_services.subject_add(
        actor=bm.user, membership=bm, case=w.alpha.case, role="parent", first_name="Pat"
    )


def _subject_update(w):
    bm = _bm(w)
    return subject_services.subject_update(
        actor=bm.user, membership=bm, subject=w.alpha.subject, first_name="Tess"
    )


def _subject_archive(w):
    bm = _bm(w)
    return subject_services.subject_archive(actor=bm.user, membership=bm, subject=w.alpha.subject)


def _note_add(w):
    bm = _bm(w)
    return document_services.case_note_add(
        actor=bm.user, membership=bm, case=w.alpha.case, text="Seen"
    )


def _attachment_add(w):
    bm = _bm(w)
    return document_services.attachment_add(
        actor=bm.user,
        membership=bm,
        case=w.alpha.case,
        uploaded=SimpleUploadedFile("x.pdf", PDF_BYTES),
    )


def _attachment_archive(w):
    bm = _bm(w)
    return document_services.attachment_archive(
        actor=bm.user, membership=bm, attachment=w.alpha.attachment
    )


def _invitation_create(w):
    bm = _bm(w)
    invitation, _ = people_services.invitation_create(
        actor=bm.user, membership=bm, email="inv@example.test", roles=[Role.EXECUTIVE]
    )
    return invitation


def _invitation_revoke(w):
    bm = _bm(w)
    people_services.invitation_revoke(actor=bm.user, membership=bm, invitation=w.alpha.invitation)
    return w.alpha.invitation


def _membership_create(w):
    return people_services.membership_create(
        partnership=w.alpha.partnership,
        user=UserFactory(),
        roles=[Role.EXECUTIVE],
        actor=_bm(w).user,
    )


def _membership_update(w):
    bm = _bm(w)
    return people_services.membership_update(
        actor=bm.user,
        membership=bm,
        target=w.alpha.members[Role.EXECUTIVE],
        roles=[Role.EXECUTIVE, Role.REVIEW_GROUP_MEMBER],
        agency=None,
        is_active=True,
    )


AUDITED = [
    ("case.create", _case_create, "title", [None, "Child N"]),
    ("case.update", _case_update, "title", ["Child T", "Child T (renamed)"]),
    ("case.restriction", _case_restrict, "is_restricted", [False, True]),
    ("case.access_grant", _access_grant, "access_list", [None, "lead_reviewer@alpha.test"]),
    ("case.access_revoke", _access_revoke, "access_list", ["lead_reviewer@alpha.test", None]),
    ("case.archive", _case_archive, "archived_at", None),
    ("subject.create", _subject_add, "first_name", [None, "Pat"]),
    ("subject.update", _subject_update, "first_name", ["Test", "Tess"]),
    ("subject.archive", _subject_archive, "archived_at", None),
    ("casenote.create", _note_add, "text", [None, "Seen"]),
    ("attachment.create", _attachment_add, "original_name", [None, "x.pdf"]),
    ("attachment.archive", _attachment_archive, "archived_at", None),
    ("invitation.create", _invitation_create, "email", [None, "inv@example.test"]),
    ("invitation.revoke", _invitation_revoke, None, None),
    ("membership.create", _membership_create, "roles", [None, ["executive"]]),
    (
        "membership.update",
        _membership_update,
        "roles",
        [["executive"], ["executive", "review_group_member"]],
    ),
]


@pytest.mark.parametrize(("action", "run", "field", "change"), AUDITED, ids=[a[0] for a in AUDITED])
def test_every_service_writes_an_audit_event(world, action, run, field, change):
    before = list(AuditEvent.objects.values_list("pk", flat=True))
    obj = run(world)
    event = _new_event(before, action)
    assert event.partnership_id == world.alpha.partnership.pk
    assert event.actor == _bm(world).user
    assert event.object_id == str(obj.pk)
    assert event.created_at is not None
    if field is not None:
        assert field in event.changes, event.changes
        if change is None:  # a timestamp: from nothing to something
            assert event.changes[field][0] is None and event.changes[field][1]
        else:
            assert event.changes[field] == change


def test_invitation_accept_is_audited_as_the_new_user(world):
    bm = _bm(world)
    _, token = people_services.invitation_create(
        actor=bm.user, membership=bm, email="joiner@example.test", roles=[Role.EXECUTIVE]
    )
    before = list(AuditEvent.objects.values_list("pk", flat=True))
    membership = people_services.invitation_accept(
        token=token, full_name="Joiner", password="a-long-enough-passphrase"
    )
    event = _new_event(before, "invitation.accept")
    assert event.actor == membership.user
    assert event.changes == {"roles": [None, ["executive"]]}


def test_an_update_that_changes_nothing_writes_nothing(world):
    bm = _bm(world)
    before = AuditEvent.objects.count()
    case_services.case_update(actor=bm.user, membership=bm, case=world.alpha.case, title="Child T")
    assert AuditEvent.objects.count() == before


def test_audit_records_the_request_ip_address(world, client_for):
    side = world.alpha
    client = client_for(side.user(BM))
    url = reverse("cases:case_edit", args=[side.partnership.slug, side.case.pk])
    form = {
        "title": "Child T2",
        "incident_date_day": "5",
        "incident_date_month": "1",
        "incident_date_year": "2026",
        "agencies": [side.agencies["police"].pk],
    }
    response = client.post(url, form, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="case.update").latest("id")
    assert event.ip_address == "203.0.113.9"
    assert event.changes == {"title": ["Child T", "Child T2"]}


# --- Append-only -------------------------------------------------------------------------------


@pytest.fixture
def audit_rows(world, client_for):
    side = world.alpha
    client_for(side.user(BM)).get(
        reverse("cases:case_detail", args=[side.partnership.slug, side.case.pk])
    )
    return AuditEvent.objects.filter(case=side.case).first(), AccessLogEntry.objects.first()


@pytest.mark.parametrize("model_index", [0, 1], ids=["AuditEvent", "AccessLogEntry"])
def test_orm_cannot_change_or_delete_audit_rows(audit_rows, model_index, world):
    row = audit_rows[model_index]
    model = type(row)
    assert row is not None
    row.object_repr = "rewritten"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).update(object_repr="rewritten")
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=row.pk).delete()
    # bulk_update runs in atomic(savepoint=False): give it its own savepoint to spoil.
    with pytest.raises(AppendOnlyError), transaction.atomic():
        model.objects.bulk_update([row], ["object_repr"])
    related = world.alpha.case.audit_events if model is AuditEvent else world.alpha.case.access_log
    with pytest.raises(AppendOnlyError):
        related.all().delete()
    with pytest.raises(AppendOnlyError):
        related.update(object_repr="rewritten")
    assert model.objects.get(pk=row.pk).object_repr != "rewritten"


@pytest.mark.parametrize("table", ["cases_auditevent", "cases_accesslogentry"])
@pytest.mark.parametrize(
    "sql",
    ["UPDATE {table} SET object_repr = 'rewritten'", "DELETE FROM {table}"],
    ids=["update", "delete"],
)
def test_postgresql_refuses_raw_update_and_delete(audit_rows, table, sql):
    """The application role has no UPDATE or DELETE privilege on audit rows (ADR 0009); the
    append-only trigger (migration 0002) still stops the owner."""
    assert connection.vendor == "postgresql"
    with (
        pytest.raises(DatabaseError, match="permission denied"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql.format(table=table))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE object_repr = 'rewritten'")  # noqa: S608
        assert cursor.fetchone()[0] == 0
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        assert cursor.fetchone()[0] > 0


# --- The access log ------------------------------------------------------------------------------


def test_case_page_logs_the_view_of_personal_details(world, client_for):
    side = world.alpha
    user = side.user(Role.SLO)
    url = reverse("cases:case_detail", args=[side.partnership.slug, side.case.pk])
    assert client_for(user).get(url, REMOTE_ADDR="198.51.100.7").status_code == 200
    entry = AccessLogEntry.objects.get(user=user)
    assert entry.case == side.case
    assert entry.kind == AccessKind.VIEW_PERSONAL_DETAILS
    assert entry.partnership == side.partnership
    assert entry.ip_address == "198.51.100.7"


@pytest.mark.parametrize("url_name", ["cases:attachment_download", "cases_api:attachment-download"])
def test_download_is_logged(world, client_for, url_name):
    side = world.alpha
    user = side.user(Role.EXECUTIVE)
    kwargs = (
        {"pk": side.case.pk, "attachment_pk": side.attachment.pk}
        if url_name.startswith("cases:")
        else {"case_pk": side.case.pk, "pk": side.attachment.pk}
    )
    url = reverse(url_name, kwargs={"partnership_slug": side.partnership.slug, **kwargs})
    response = client_for(user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    entry = AccessLogEntry.objects.get(user=user, kind=AccessKind.DOWNLOAD_DOCUMENT)
    assert entry.object_repr == "report.pdf"


def test_refused_download_is_not_served(world, client_for):
    side = world.alpha
    url = reverse(
        "cases:attachment_download", args=[side.partnership.slug, side.case.pk, side.attachment.pk]
    )
    assert client_for(side.user(Role.LEAD_REVIEWER)).get(url).status_code == 404
    assert not AccessLogEntry.objects.filter(kind=AccessKind.DOWNLOAD_DOCUMENT).exists()


# --- CSV exports ---------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


FORMULAS = ['=HYPERLINK("http://evil.test")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB"]


def test_history_csv_is_complete_and_formula_safe(world, client_for):
    side = world.alpha
    bm = _bm(world)
    case_services.case_update(actor=bm.user, membership=bm, case=side.case, title=FORMULAS[0])
    subject = subject_services.subject_add(
        actor=bm.user, membership=bm, case=side.case, role="parent", first_name=FORMULAS[1]
    )
    subject_services.subject_update(actor=bm.user, membership=bm, subject=subject, aliases="-2+3")
    subject_services.subject_archive(
        actor=bm.user, membership=bm, subject=subject, reason="@SUM(A1)"
    )

    url = reverse("cases:case_history_csv", args=[side.partnership.slug, side.case.pk])
    rows = _csv(client_for(bm.user).get(url))
    header, body = rows[0], rows[1:]
    # The raw values exactly as recorded, each with its readable form beside it.
    assert header == [
        "when",
        "who",
        "who_name",
        "action",
        "action_label",
        "record",
        "field",
        "field_label",
        "before",
        "before_label",
        "after",
        "after_label",
        "note",
        "ip_address",
    ]
    col = {name: n for n, name in enumerate(header)}
    events = AuditEvent.objects.filter(case=side.case)
    # One row per changed field, one row for an event without changes.
    assert len(body) == sum(max(1, len(e.changes)) for e in events)
    by_field = {(r[col["action"]], r[col["record"]], r[col["field"]]): r for r in body}
    title = by_field[("case.update", f"{side.case.reference} {FORMULAS[0]}", "title")]
    assert title[col["who"]] == bm.user.email
    assert title[col["before"]] == "Child T"
    assert title[col["after"]] == title[col["after_label"]] == "'" + FORMULAS[0]
    name = "'" + str(subject)  # the record's name is a formula too
    assert by_field[("subject.create", name, "first_name")][col["after"]] == "'+1+1"
    assert by_field[("subject.update", name, "aliases")][col["after"]] == "'-2+3"
    assert by_field[("subject.archive", name, "archived_at")][col["note"]] == "'@SUM(A1)"
    for row in body:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    # The export itself is logged.
    assert AccessLogEntry.objects.filter(user=bm.user, kind=AccessKind.EXPORT).count() == 1


def test_access_log_csv_is_complete_and_formula_safe(world, client_for):
    side = world.alpha
    bm = _bm(world)
    attachment = document_services.attachment_add(
        actor=bm.user,
        membership=bm,
        case=side.case,
        uploaded=SimpleUploadedFile("=cmd.pdf", PDF_BYTES),
    )
    executive = side.user(Role.EXECUTIVE)
    client_for(executive).get(
        reverse(
            "cases:attachment_download", args=[side.partnership.slug, side.case.pk, attachment.pk]
        )
    )
    client_for(executive).get(
        reverse("cases:case_detail", args=[side.partnership.slug, side.case.pk])
    )
    url = reverse("cases:case_access_log_csv", args=[side.partnership.slug, side.case.pk])
    rows = _csv(client_for(bm.user).get(url))
    assert rows[0] == ["when", "who", "what", "record", "ip_address"]
    body = rows[1:]
    # Newest first; the export of this very file is logged before it is written.
    assert [r[1:3] for r in body] == [
        [bm.user.email, "Exported data"],
        [executive.email, "Viewed personal details"],
        [executive.email, "Downloaded a document"],
    ]
    assert body[2][3] == "'=cmd.pdf"


def test_history_shows_a_started_clock_whose_change_key_is_a_reverse_relation(world, client_for):
    """A stage's start records its "deadlines", also the name of the case's reverse relation to
    Deadline: the history reads it as a change, not as the relation (it once failed with 500)."""
    import datetime

    from cases.services.deadlines import stage_start

    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    stage_start(
        actor=bm.user, case=side.case, stage="notification", day_zero=datetime.date(2026, 1, 6)
    )
    page = client_for(bm.user).get(
        reverse("cases:case_history", args=[side.partnership.slug, side.case.pk])
    )
    assert page.status_code == 200
    assert "Deadlines" in page.content.decode()

"""Who gets a copy of the submitted notification and by when (Dorset 002 3.6 and 2.6, BCP 003
section 5): the setting, the rows made at the submission, ticking them off, the e-mail without
a child's details."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.clock import calendar_for
from cases.errors import InvalidTransition
from cases.history_display import action_spec
from cases.models import AuditEvent, OutboundEmail
from cases.workflow.presets import BCP, DORSET, LINCOLNSHIRE, NORTH_LINCOLNSHIRE, SWINDON
from cases.workflow.validation import workflow_settings_errors
from notifications.models import NotificationCopy
from notifications.services import copies
from tests.notifications.conftest import AWARE, complete, start, submitted

pytestmark = pytest.mark.django_db


def test_the_presets_name_who_gets_a_copy_from_the_seeds():
    dorset = DORSET["notification_copies"]
    assert [r["label"] for r in dorset] == [
        "The 4 Corporate Directors",
        "The relevant Head of Locality or Head of Service",
        "PDSCP Leadership team and Independent Chair",
        "PDSCP Business Manager",
        "PDSCP Scrutineer (for information)",
        "Senior Solicitor, Legal Services",
    ]
    assert all(r["working_days"] == 5 and "3.6" in r["source"] for r in dorset)
    bcp = BCP["notification_copies"]
    assert [(r["key"], r["when"]) for r in bcp] == [
        ("pdscp_business_unit", "immediately"),
        ("bcp_scp", "within_working_days"),
        ("pdscp_business_manager", "within_working_days"),
    ]
    assert all(r["source"].startswith("000 ") for r in LINCOLNSHIRE["notification_copies"])
    assert SWINDON["notification_copies"][0]["source"].startswith("001 ")
    assert "notification_copies" not in NORTH_LINCOLNSHIRE  # silent seed: the default


def test_the_setting_is_validated_with_clear_errors():
    bad = [
        {"key": "a", "label": "A", "when": "soon"},
        {"key": "b", "label": "", "when": "within_working_days"},
        {"key": "c", "label": "C", "when": "immediately", "working_days": 2},
        {"key": "d", "label": "D", "when": "within_working_days", "working_days": 99},
        {"key": "d", "label": "D2", "when": "immediately", "colour": "red"},
    ]
    errors = workflow_settings_errors({**DORSET, "notification_copies": bad})
    assert errors == [
        "notification_copies[0].when: must be one of: immediately, within_working_days",
        "notification_copies[1].label: must not be empty",
        "notification_copies[1].working_days: missing",
        "notification_copies[2].working_days: only where the copy is due within working days",
        "notification_copies[3].working_days: must be a whole number of working days, 0 to 30",
        "notification_copies[4].colour: unknown field; expected one of: key, label, source,"
        " when, working_days",
        "notification_copies[4].key: duplicate key 'd'",
    ]
    assert workflow_settings_errors({**DORSET, "notification_copies": []}) == [
        "notification_copies: must not be empty"
    ]


def test_the_submission_lists_the_copies_due_by_day_5(dorset):
    n = submitted(dorset)
    rows = list(n.copies.all())
    assert len(rows) == 6
    day_5 = calendar_for(dorset.partnership).add_working_days(AWARE, 5)
    assert {r.due_date for r in rows} == {day_5}
    assert all(r.sent_on is None and r.partnership_id == dorset.partnership.pk for r in rows)
    event = AuditEvent.objects.get(case=dorset.case, action="notification.copies_create")
    assert len(event.changes["copies"][1]) == 6


def test_immediately_is_the_day_of_the_submission(dorset):
    dorset.partnership.workflow = {
        **dorset.partnership.workflow,
        "notification_copies": BCP["notification_copies"],
    }
    dorset.partnership.save()
    when = timezone.now() - datetime.timedelta(days=1)
    n = submitted(dorset, when)
    unit, scp, _ = n.copies.all()
    assert unit.due_date == timezone.localdate(when)
    assert scp.due_date == calendar_for(dorset.partnership).add_working_days(AWARE, 5)


def test_without_the_setting_the_business_manager_by_day_5(dorset):
    workflow = dict(dorset.partnership.workflow)
    workflow.pop("notification_copies")
    dorset.partnership.workflow = workflow
    dorset.partnership.save()
    n = submitted(dorset)
    (row,) = n.copies.all()
    assert row.label == "The partnership's business manager"


def test_ticking_off_several_at_once_and_undoing_one(dorset):
    n = submitted(dorset)
    first, second, *_ = n.copies.all()
    today = timezone.localdate()
    copies.copies_mark_sent(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        notification=n,
        copies=[first, second],
        sent_on=today,
    )
    first.refresh_from_db()
    assert (first.sent_on, first.sent_by) == (today, dorset.hoqa.user)
    with pytest.raises(InvalidTransition):
        copies.copies_mark_sent(
            actor=dorset.bm.user,
            membership=dorset.bm,
            notification=n,
            copies=[first],
            sent_on=today,
        )
    copies.copy_unmark(actor=dorset.bm.user, membership=dorset.bm, copy=first)
    first.refresh_from_db()
    assert first.sent_on is None and first.sent_by is None
    actions = list(
        AuditEvent.objects.filter(action__startswith="notification.copy_")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "notification.copy_sent",
        "notification.copy_sent",
        "notification.copy_unsent",
    ]
    assert all(action_spec(a) for a in actions)


def test_the_date_sent_errors_come_together(dorset):
    n = submitted(dorset)
    with pytest.raises(ValidationError) as missing:
        copies.copies_mark_sent(
            actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, copies=[], sent_on=None
        )
    assert missing.value.message_dict == {
        "sent_on": ["Enter the date the copy was sent"],
        "copies": ["Select who was sent a copy"],
    }
    row = n.copies.first()
    for day, message in (
        (timezone.localdate() + datetime.timedelta(days=1), "must be today or in the past"),
        (timezone.localdate() - datetime.timedelta(days=3), "after the date the notification"),
    ):
        with pytest.raises(ValidationError) as wrong:
            copies.copies_mark_sent(
                actor=dorset.hoqa.user,
                membership=dorset.hoqa,
                notification=n,
                copies=[row],
                sent_on=day,
            )
        assert message in wrong.value.message_dict["sent_on"][0]


def test_a_partnership_where_the_child_lived_is_added_and_removed(dorset):
    n = submitted(dorset)
    with pytest.raises(ValidationError) as empty:
        copies.copy_add(actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, label=" ")
    assert empty.value.message_dict == {"label": ["Enter who gets a copy"]}
    added = copies.copy_add(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        notification=n,
        label="Wiltshire SCP",
        note="Where the child lived until 2025 (002 paragraph 2.6)",
    )
    assert added.position == 7 and added.is_added
    copies.copy_remove(actor=dorset.hoqa.user, membership=dorset.hoqa, copy=added)
    added.refresh_from_db()
    assert added.removed_at is not None  # kept, never deleted
    assert list(copies.live_copies(n)) == list(n.copies.filter(key__gt=""))
    with pytest.raises(InvalidTransition):  # the partnership's own rows stay
        copies.copy_remove(actor=dorset.hoqa.user, membership=dorset.hoqa, copy=n.copies.first())


def test_only_those_who_manage_the_notification_and_only_once_submitted(dorset):
    n = complete(dorset, start(dorset))
    with pytest.raises(InvalidTransition):
        copies.copy_add(actor=dorset.hoqa.user, membership=dorset.hoqa, notification=n, label="X")
    n = submitted(dorset, notification=n)
    with pytest.raises(PermissionDenied):
        copies.copies_mark_sent(
            actor=dorset.police_slo.user,
            membership=dorset.police_slo,
            notification=n,
            copies=list(n.copies.all()),
            sent_on=timezone.localdate(),
        )
    assert not NotificationCopy.objects.filter(sent_on__isnull=False).exists()


def test_the_e_mail_at_the_submission_names_no_child(dorset):
    n = start(dorset)
    complete(dorset, n)
    from notifications.services import drafts

    drafts.notification_update(
        actor=dorset.hoqa.user,
        membership=dorset.hoqa,
        notification=n,
        children=[
            {
                "first_name": "Dora",
                "last_name": "Zebedee",
                "nhs_number": "9434765919",
                "address": "1 Quarry Lane, Wareham",
            }
        ],
    )
    n = submitted(dorset, notification=n)
    emails = list(OutboundEmail.objects.filter(key__startswith=f"notification:{n.pk}:submitted"))
    assert emails
    for email in emails:
        for text in (email.subject, email.body_text, email.body_html):
            for detail in ("Dora", "Zebedee", "9434765919", "943 476 5919", "Quarry Lane"):
                assert detail not in text

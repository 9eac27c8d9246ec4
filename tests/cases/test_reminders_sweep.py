"""The reminder sweep: what it queues, for whom, once; catch-up; digests; heartbeat."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import (
    Case,
    Deadline,
    DeadlineStatus,
    EmailStatus,
    Membership,
    Notification,
    OutboundEmail,
    Role,
    SweepHeartbeat,
)
from cases.permissions import visible_cases
from cases.reminders.recipients import Recipient, can_see, load_case_access
from cases.services import cases as case_services
from cases.services.reminders import reminders_sweep
from tests.cases.reminder_records import at
from tests.factories import make_member

D = dt.date
TODAY = D(2026, 11, 18)  # a Wednesday, no holidays near


def make_deadline(side, due, *, key="step", roles=("business_manager",), types=(), **extra):
    return Deadline.objects.create(
        partnership=side.partnership,
        case=extra.pop("case", side.case),
        stage=extra.pop("stage", "rapid_review"),
        key=key,
        label=extra.pop("label", f"Step {key}"),
        day_zero=due - dt.timedelta(days=21),
        due=due,
        responsible_roles=list(roles),
        responsible_agency_types=list(types),
        **extra,
    )


def users_notified(deadline, step=None):
    qs = Notification.objects.filter(deadline=deadline)
    if step:
        qs = qs.filter(step=step)
    return {n.user.email for n in qs}


def bms(side):
    return {side.user(Role.BUSINESS_MANAGER).email, side.all_roles.user.email}


def test_due_today_queues_one_email_and_notification_per_recipient(world):
    deadline = make_deadline(world.alpha, TODAY)
    result = reminders_sweep(now=at(TODAY))
    assert users_notified(deadline, "due") == bms(world.alpha)
    emails = OutboundEmail.objects.filter(key__startswith=f"reminder:{deadline.pk}:due:")
    assert {e.to for e in emails} == bms(world.alpha)
    assert all(e.status == EmailStatus.PENDING for e in emails)
    assert all(e.partnership_id == world.alpha.partnership.pk for e in emails)
    assert result["emails"] == 2
    # Again the same day (next sweep, a retry, a second beat): nothing new.
    reminders_sweep(now=at(TODAY, 9, 5))
    reminders_sweep(now=at(TODAY, 16))
    assert OutboundEmail.objects.filter(key__startswith="reminder:").count() == 2
    assert Notification.objects.count() == 2


def test_before_and_due_and_overdue_steps_over_days(world):
    deadline = make_deadline(world.alpha, TODAY)
    for day in (D(2026, 11, 16), D(2026, 11, 17), TODAY, D(2026, 11, 19), D(2026, 11, 20)):
        reminders_sweep(now=at(day))
    steps = sorted(
        set(Notification.objects.filter(deadline=deadline).values_list("step", flat=True))
    )
    assert steps == [
        "before_2",
        "due",
        "escalate_business_manager",
        "overdue_2026-11-19",
        "overdue_2026-11-20",
    ]


def test_nothing_before_the_send_hour_and_nothing_at_weekends(world, settings):
    settings.REMINDER_SEND_FROM_HOUR = 7
    make_deadline(world.alpha, TODAY)
    reminders_sweep(now=at(TODAY, 6, 55))
    assert not Notification.objects.exists()
    reminders_sweep(now=at(D(2026, 11, 21), 10))  # Saturday, after the due date
    assert not Notification.objects.exists()


def test_catch_up_after_days_of_downtime_sends_only_what_is_current(world):
    """Down from before the first reminder until five working days after the due date."""
    deadline = make_deadline(world.alpha, D(2026, 11, 11))
    reminders_sweep(now=at(TODAY))
    steps = set(Notification.objects.filter(deadline=deadline).values_list("step", flat=True))
    assert steps == {"overdue_2026-11-18", "escalate_business_manager", "escalate_executive"}
    keys = set(OutboundEmail.objects.values_list("key", flat=True))
    assert not any(":before_" in k or ":due:" in k for k in keys)
    # Escalations are sent once, not every day.
    reminders_sweep(now=at(D(2026, 11, 19)))
    escalations = Notification.objects.filter(deadline=deadline, kind="escalation")
    assert escalations.count() == len(bms(world.alpha)) + 2  # BMs, exec + all-roles member


def test_escalations_go_to_business_managers_then_executives(world):
    deadline = make_deadline(world.alpha, D(2026, 11, 13), roles=("slo",))  # Fri
    reminders_sweep(now=at(D(2026, 11, 16)))  # 1st overdue working day
    assert users_notified(deadline, "escalate_business_manager") == bms(world.alpha)
    assert users_notified(deadline, "escalate_executive") == set()
    reminders_sweep(now=at(D(2026, 11, 18)))  # 3rd
    execs = {world.alpha.user(Role.EXECUTIVE).email, world.alpha.all_roles.user.email}
    assert users_notified(deadline, "escalate_executive") == execs
    slos = {world.alpha.user(Role.SLO).email, world.alpha.all_roles.user.email}
    assert users_notified(deadline, "overdue_2026-11-18") == slos


def test_daily_digest_instead_of_individual_reminders(world):
    bm = world.alpha.user(Role.BUSINESS_MANAGER)
    bm.reminder_digest = True
    bm.save()
    due_today = make_deadline(world.alpha, TODAY, key="a")
    overdue = make_deadline(world.alpha, D(2026, 11, 17), key="b")
    soon = make_deadline(world.alpha, D(2026, 11, 19), key="c")  # no step today (before_2 = 17th)
    make_deadline(world.alpha, D(2026, 12, 18), key="far")
    reminders_sweep(now=at(TODAY))
    mine = Notification.objects.filter(user=bm)
    assert mine.filter(kind="reminder").exists()
    assert not mine.filter(kind="reminder", emailed=True).exists()
    assert (
        not OutboundEmail.objects.filter(to=bm.email, key__startswith="reminder:")
        .exclude(key__contains="escalate")
        .exists()
    )
    # Escalations still come at once.
    assert OutboundEmail.objects.filter(
        to=bm.email, key=f"reminder:{overdue.pk}:escalate_business_manager:{bm.pk}"
    ).exists()
    digest = OutboundEmail.objects.get(to=bm.email, key__startswith="digest:")
    assert digest.key == f"digest:{world.alpha.partnership.pk}:{bm.pk}:2026-11-18"
    for deadline in (due_today, overdue, soon):
        assert deadline.label in digest.body_text
    assert "Step far" not in digest.body_text
    assert "1 overdue" in digest.subject
    reminders_sweep(now=at(TODAY, 15))
    assert OutboundEmail.objects.filter(key__startswith="digest:").count() == 1
    # The other business manager still gets each reminder.
    other = world.alpha.all_roles.user
    assert OutboundEmail.objects.filter(key=f"reminder:{due_today.pk}:due:{other.pk}").exists()


def test_agency_typed_responsibility_and_case_visibility(world):
    side = world.alpha
    la_slo = make_member(side.partnership, Role.SLO, agency=side.agencies["la"]).user
    deadline = make_deadline(side, TODAY, roles=("slo",), types=("local_authority",))
    reminders_sweep(now=at(TODAY))
    # The case involves only the police: the LA's SLO cannot see it; the all-roles member (LA,
    # partnership-wide roles) can. The police SLO is not the LA's.
    assert users_notified(deadline) == {side.all_roles.user.email}
    case_services.case_update(
        actor=side.user(Role.BUSINESS_MANAGER),
        membership=side.members[Role.BUSINESS_MANAGER],
        case=side.case,
        agencies=[side.agencies["police"], side.agencies["la"]],
    )
    Notification.objects.all().delete()
    reminders_sweep(now=at(TODAY, 10))
    assert users_notified(deadline) == {side.all_roles.user.email, la_slo.email}


def test_nobody_responsible_falls_back_to_business_managers(world):
    deadline = make_deadline(world.alpha, TODAY, roles=("slo",), types=("probation",))
    reminders_sweep(now=at(TODAY))
    # Nobody is in a probation agency.
    assert users_notified(deadline) == bms(world.alpha)


def test_named_responsible_person(world):
    slo = world.alpha.user(Role.SLO)
    deadline = make_deadline(world.alpha, TODAY, responsible_user=slo)
    reminders_sweep(now=at(TODAY))
    assert users_notified(deadline) == {slo.email}


def test_restricted_case_reminds_only_people_on_its_access_list(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=side.case, is_restricted=True
    )
    deadline = make_deadline(side, TODAY, roles=("business_manager", "slo"))
    reminders_sweep(now=at(TODAY))
    assert users_notified(deadline) == {bm.user.email}


def test_closed_deadlines_archived_cases_and_other_partnerships_are_left_alone(world):
    make_deadline(world.alpha, TODAY, key="met", status=DeadlineStatus.MET)
    archived = world.beta.case
    Case.objects.filter(pk=archived.pk).update(archived_at=at(TODAY))
    make_deadline(world.beta, TODAY, case=archived)
    reminders_sweep(now=at(TODAY))
    assert not Notification.objects.exists()
    assert not OutboundEmail.objects.filter(key__startswith="reminder:").exists()


def test_recipients_never_cross_partnerships(world):
    alpha = make_deadline(world.alpha, TODAY, roles=("business_manager", "slo", "executive"))
    beta = make_deadline(world.beta, TODAY, roles=("business_manager", "slo", "executive"))
    reminders_sweep(now=at(TODAY))
    for deadline, side in ((alpha, world.alpha), (beta, world.beta)):
        members = set(
            Membership.objects.filter(partnership=side.partnership).values_list(
                "user__email", flat=True
            )
        )
        assert users_notified(deadline) and users_notified(deadline) <= members
        for n in Notification.objects.filter(deadline=deadline):
            assert n.partnership_id == side.partnership.pk


def test_in_memory_visibility_is_the_same_rule_as_visible_cases(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    open_case = side.case
    restricted = case_services.case_create(
        actor=bm.user, membership=bm, title="Child R", agencies=[side.agencies["school"]]
    )
    case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=restricted, is_restricted=True
    )
    case_services.case_access_grant(
        actor=bm.user, membership=bm, case=restricted, member=side.members[Role.LEAD_REVIEWER]
    )
    cases = [open_case, restricted]
    access = load_case_access({c.pk: c.is_restricted for c in cases})
    memberships = Membership.objects.filter(partnership=side.partnership).select_related("agency")
    checked = 0
    for m in memberships:
        member = Recipient(
            user_id=m.user_id,
            email="",
            digest=False,
            partnership_id=m.partnership_id,
            roles=m.role_set,
            agency_id=m.agency_id,
            agency_type=m.agency.agency_type if m.agency_id else None,
        )
        for case in cases:
            expected = visible_cases(m).filter(pk=case.pk).exists()
            assert can_see(member, access[case.pk]) == expected, (m, case)
            checked += 1
    assert checked >= 16


def test_heartbeat_records_each_sweep(world):
    assert not SweepHeartbeat.objects.exists()
    result = reminders_sweep(now=at(TODAY))
    beat = SweepHeartbeat.objects.get(name="reminders")
    assert beat.last_finished_at is not None and beat.last_started_at is not None
    assert beat.last_result == result


def test_query_count_does_not_grow_with_the_number_of_deadlines(world):
    def queries_for(n: int, day: dt.date) -> int:
        for i in range(n):
            make_deadline(world.alpha, day, key=f"k{day:%d}_{i}")
        with CaptureQueriesContext(connection) as ctx:
            reminders_sweep(now=at(day))
        return len(ctx.captured_queries)

    reminders_sweep(now=at(D(2026, 11, 13)))  # warm-up: the heartbeat row exists from now on
    few = queries_for(2, D(2026, 11, 16))
    many = queries_for(40, D(2026, 11, 17))
    assert many == few, (few, many)


@pytest.mark.parametrize("hour", [7, 13])
def test_bad_reminder_policy_in_stored_settings_does_not_stop_the_sweep(world, hour):
    partnership = world.alpha.partnership
    partnership.workflow["reminder_policy"] = {"before_working_days": "soon"}
    partnership.save()
    deadline = make_deadline(world.alpha, TODAY)
    reminders_sweep(now=at(TODAY, hour))
    assert users_notified(deadline, "due") == bms(world.alpha)


def test_beat_sweeps_at_once_when_it_starts():
    from types import SimpleNamespace

    from config.celery import _sweep_when_beat_starts, app

    sent = []
    fake_app = SimpleNamespace(send_task=lambda name, **options: sent.append((name, options)))
    _sweep_when_beat_starts(sender=SimpleNamespace(app=fake_app))
    assert [name for name, _ in sent] == ["cases.tasks.reminders_sweep"]
    assert "cases.tasks.reminders_sweep" in app.tasks

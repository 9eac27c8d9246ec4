"""The impact statement (BCP 003 section 15): the action plan stage counted from the day the plan
completes where the partnership says so (BCP), the statement due six months later, recorded once
every action is closed or cancelled; its page, API and history."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.history_display import history_rows
from cases.models import AgencyType, AuditEvent, CaseStage, Deadline, DeadlineStatus, Role
from cases.services import actions as services
from cases.services import cases as case_services
from cases.services.impact import impact_statement_record, plan_completed_on
from tests.factories import AgencyFactory, PartnershipFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def bcp(db):
    partnership = PartnershipFactory(
        name="BCP Safeguarding Children Partnership", slug="bcp", code="BCP", with_preset="bcp"
    )
    council = AgencyFactory(
        partnership=partnership,
        name="BCP Council",
        agency_type=AgencyType.LOCAL_AUTHORITY,
        is_statutory_partner=True,
    )

    def member(role, agency, name):
        email = f"{name.lower().replace(' ', '.')}@bcp.test"
        return make_member(partnership, role, agency=agency, email=email, full_name=name)

    bm = member(Role.BUSINESS_MANAGER, None, "Bea Manager")
    case = case_services.case_create(
        actor=bm.user,
        membership=bm,
        title="Child B",
        incident_date=datetime.date(2026, 6, 1),
        awareness_date=datetime.date(2026, 6, 1),
        agencies=[council],
        stage=CaseStage.LCSPR,
    )
    actions = [
        services.action_add(
            actor=bm.user,
            membership=bm,
            case=case,
            stage="lcspr",
            owner_agency=council,
            what=what,
            due_date=timezone.localdate() + datetime.timedelta(days=60),
            success_measure="Seen in the next audit",
        )
        for what in ("Refresh the neglect strategy", "Train the front door team")
    ]
    return {
        "partnership": partnership,
        "case": case,
        "actions": actions,
        "bm": bm,
        "rg": member(Role.REVIEW_GROUP_MEMBER, None, "Rory Group"),
        "slo": member(Role.SLO, council, "Sam Lead"),
    }


def _step(case):
    return Deadline.objects.filter(case=case, stage="action_plan", key="impact_statement").first()


def _complete(bcp):
    rg = bcp["rg"]
    first, second = bcp["actions"]
    services.action_close(actor=rg.user, membership=rg, action=first, note="Done")
    services.action_cancel(actor=rg.user, membership=rg, action=second, reason="Superseded")


def _record(bcp, member="rg", **values):
    fields = {
        "written_on": timezone.localdate(),
        "produced_by": "BCP Quality Assurance Group",
        "difference_made": "Audits show neglect is recognised earlier at the front door.",
    } | values
    m = bcp[member]
    return impact_statement_record(actor=m.user, membership=m, case=bcp["case"], **fields)


def test_the_completed_plan_starts_the_stage_and_the_statement_is_due_six_months_later(bcp):
    case, rg = bcp["case"], bcp["rg"]
    first, second = bcp["actions"]
    services.action_close(actor=rg.user, membership=rg, action=first, note="Done")
    assert plan_completed_on(case) is None
    assert _step(case) is None  # one action still open: the plan is not complete
    services.action_cancel(actor=rg.user, membership=rg, action=second, reason="Superseded")
    today = timezone.localdate()
    assert plan_completed_on(case) == today
    step = _step(case)
    assert step.day_zero == today
    assert step.due == today + relativedelta(months=6)
    statement = _record(bcp)
    step.refresh_from_db()
    assert step.status == DeadlineStatus.MET and step.met_on == statement.written_on


def test_the_statement_waits_for_the_plan_and_lists_every_error(bcp):
    with pytest.raises(ValidationError) as caught:
        _record(bcp, written_on=None, produced_by=" ", difference_made="")
    assert set(caught.value.message_dict) == {
        "written_on",
        "produced_by",
        "difference_made",
        "__all__",
    }
    _complete(bcp)
    future = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _record(bcp, written_on=future)
    assert caught.value.message_dict == {
        "written_on": ["The date of the impact statement must be today or in the past"]
    }
    with pytest.raises(PermissionDenied):
        _record(bcp, member="slo")


def test_correcting_it_is_audited_as_a_sentence(bcp):
    _complete(bcp)
    _record(bcp)
    _record(bcp, evidence="The spring audit of 40 cases.")
    events = list(AuditEvent.objects.filter(action="impact_statement.record").order_by("pk"))
    assert len(events) == 2
    assert events[1].changes == {"evidence": ["", "The spring audit of 40 cases."]}
    rows = history_rows(events, partnership=bcp["partnership"])
    assert "Rory Group recorded the impact statement" in rows[-1].sentence


def test_a_partnership_counting_from_the_agreed_plan_does_not_start_on_completion(world):
    from tests.cases.action_records import an_action

    side = world.alpha  # Lincolnshire's preset: from the plan's agreement
    rg = side.members[Role.REVIEW_GROUP_MEMBER]
    services.action_close(actor=rg.user, membership=rg, action=an_action(side), note="Done")
    assert not AuditEvent.objects.filter(action="stage.start", case=side.case).exists()


def _page(bcp):
    return reverse("cases:impact_statement", args=[bcp["partnership"].slug, bcp["case"].pk])


def test_the_page(bcp, client_for):
    rg = client_for(bcp["rg"].user)
    assert "The action plan is not complete yet" in rg.get(_page(bcp)).content.decode()
    assert rg.post(_page(bcp), {}).status_code == 403
    _complete(bcp)
    form = rg.get(_page(bcp)).content.decode()
    assert "Record the impact statement" in form
    bad = rg.post(_page(bcp), {"produced_by": ""}).content.decode()
    for message in (
        "Enter the date of the impact statement",
        "Enter who produced the impact statement",
        "Enter what difference the review has made",
    ):
        assert message in bad
    today = timezone.localdate()
    good = rg.post(
        _page(bcp),
        {
            "written_on_day": today.day,
            "written_on_month": today.month,
            "written_on_year": today.year,
            "produced_by": "BCP Quality Assurance Group",
            "difference_made": "Neglect is recognised earlier.",
        },
    )
    assert good.status_code == 302
    shown = client_for(bcp["slo"].user).get(_page(bcp)).content.decode()
    assert "Neglect is recognised earlier." in shown
    assert "Change the impact statement" not in shown
    plan = client_for(bcp["bm"].user).get(
        reverse("cases:action_plan", args=[bcp["partnership"].slug, bcp["case"].pk])
    )
    assert "Impact statement</a>: recorded" in plan.content.decode()


def test_the_api(bcp, client_for):
    url = f"/api/p/bcp/cases/{bcp['case'].pk}/actions/impact-statement/"
    rg = client_for(bcp["rg"].user)
    assert rg.get(url).status_code == 404
    refused = rg.put(url, {}, content_type="application/json")
    assert refused.status_code == 400
    assert set(refused.json()) >= {"written_on", "produced_by", "difference_made"}
    body = {
        "written_on": timezone.localdate().isoformat(),
        "produced_by": "QAG",
        "difference_made": "Earlier help.",
    }
    not_yet = rg.put(url, body, content_type="application/json")
    assert not_yet.status_code == 400
    _complete(bcp)
    done = rg.put(url, body, content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json()["plan_completed_on"] == timezone.localdate().isoformat()
    slo = client_for(bcp["slo"].user)
    assert slo.get(url).status_code == 200
    assert slo.put(url, body, content_type="application/json").status_code == 403

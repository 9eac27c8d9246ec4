"""The LCSPR's chronologies (issue 14): asked for through the one chronology machinery with the
purpose `lcspr`, written by a senior member of staff not involved with the case (Swindon 001
Appendix 10), listed on the LCSPR page and merged for the lead reviewer."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import AuditEvent, ChronologyStatus, Role
from cases.services import cases as case_services
from cases.services import chronologies as services
from tests.lcspr import records as lr

pytestmark = pytest.mark.django_db


def _lcspr_chronology(side, kind="events"):
    review = lr.an_lcspr(side)
    bm, slo = side.members[Role.BUSINESS_MANAGER], side.members[Role.SLO]
    chronology = services.chronology_open(
        actor=bm.user,
        membership=bm,
        case=review.case,
        agency=side.agencies["police"],
        purpose="lcspr",
        kind=kind,
        scope_from=datetime.date(2025, 6, 1),
        scope_to=datetime.date(2026, 3, 1),
        due_date=datetime.date(2027, 1, 20),
    )
    services.entry_add(
        actor=slo.user,
        membership=slo,
        chronology=chronology,
        occurred_on=datetime.date(2025, 11, 3),
        details="Officers attended the family home after a call from a neighbour.",
    )
    return review, chronology


def _url(name, side, review, *args):
    return reverse(f"cases:{name}", args=[side.partnership.slug, review.case.pk, *args])


def test_an_lcspr_chronology_names_its_writer_who_was_not_involved(world):
    side = world.alpha
    _review, chronology = _lcspr_chronology(side)
    slo = side.members[Role.SLO]
    with pytest.raises(ValidationError) as caught:
        services.chronology_submit(actor=slo.user, membership=slo, chronology=chronology)
    assert set(caught.value.message_dict) == {"written_by", "author_not_involved"}
    services.chronology_submit(
        actor=slo.user,
        membership=slo,
        chronology=chronology,
        written_by="Pat Senior, Detective Inspector",
        author_not_involved=True,
    )
    chronology.refresh_from_db()
    assert chronology.status == ChronologyStatus.SUBMITTED
    assert chronology.written_by == "Pat Senior, Detective Inspector"
    event = AuditEvent.objects.get(action="chronology.submit", object_id=str(chronology.pk))
    assert event.changes["written_by"] == [None, "Pat Senior, Detective Inspector"]


def test_a_rapid_review_chronology_does_not_need_the_writer(world):
    from tests.cases import chronology_records as cr

    side = world.alpha
    chronology = cr.a_chronology(side)
    slo = side.members[Role.SLO]
    services.chronology_submit(actor=slo.user, membership=slo, chronology=chronology)
    chronology.refresh_from_db()
    assert chronology.status == ChronologyStatus.SUBMITTED


def test_the_submit_page_shows_both_errors_at_once_then_submits(world, client_for):
    side = world.alpha
    review, chronology = _lcspr_chronology(side)
    client = client_for(side.user(Role.SLO))
    url = _url("chronology_submit", side, review, chronology.pk)
    page = client.get(url).content.decode()
    assert "no involvement with the case" in page
    bad = client.post(url, {"written_by": ""}).content.decode()
    assert "Enter the name and job title of the person who wrote it" in bad
    assert "Confirm that the person who wrote it had no involvement with the case" in bad
    good = client.post(
        url, {"written_by": "Pat Senior, Detective Inspector", "author_not_involved": "on"}
    )
    assert good.status_code == 302
    detail = client.get(_url("chronology_detail", side, review, chronology.pk)).content.decode()
    assert "Pat Senior, Detective Inspector, not involved with the case" in detail


def test_the_lcspr_page_lists_them_and_asks_with_the_lcspr_chosen(world, client_for):
    side = world.alpha
    review, chronology = _lcspr_chronology(side)
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    page = bm.get(reverse("lcspr:detail", args=[side.partnership.slug, review.pk])).content
    page = page.decode()
    assert "0 of 1 returned" in page
    assert "?purpose=lcspr" in page
    form = bm.get(_url("chronology_open", side, review) + "?purpose=lcspr").content.decode()
    assert 'value="lcspr" id="id_purpose_1" class="govuk-radios__input" checked' in form


def test_the_lead_reviewer_reads_the_merged_chronology_once_named_on_the_case(world, client_for):
    side = world.alpha
    review, chronology = _lcspr_chronology(side)
    slo, bm = side.members[Role.SLO], side.members[Role.BUSINESS_MANAGER]
    services.chronology_submit(
        actor=slo.user,
        membership=slo,
        chronology=chronology,
        written_by="Pat Senior, Detective Inspector",
        author_not_involved=True,
    )
    case_services.case_set_restricted(
        actor=bm.user, membership=bm, case=review.case, is_restricted=True
    )
    reviewer = side.members[Role.LEAD_REVIEWER]
    client = client_for(reviewer.user)
    url = _url("chronology_integrated", side, review) + "?purpose=lcspr&kind=events"
    assert client.get(url).status_code == 404
    case_services.case_access_grant(actor=bm.user, membership=bm, case=review.case, member=reviewer)
    page = client.get(url)
    assert page.status_code == 200
    assert "Officers attended the family home" in page.content.decode()


def test_the_api_submits_with_the_writer(world, client_for):
    side = world.alpha
    review, chronology = _lcspr_chronology(side)
    slo = client_for(side.user(Role.SLO))
    base = f"/api/p/{side.partnership.slug}/cases/{review.case.pk}/chronologies/"
    url = f"{base}{chronology.pk}/submit/"
    bad = slo.post(url, {}, content_type="application/json")
    assert bad.status_code == 400
    assert set(bad.json()) >= {"written_by", "author_not_involved"}
    good = slo.post(
        url,
        {"written_by": "Pat Senior, DI", "author_not_involved": True},
        content_type="application/json",
    )
    assert good.status_code == 200, good.content
    assert good.json()["written_by"] == "Pat Senior, DI"


def test_asking_for_an_lcspr_chronology_meets_dorsets_requests_step(dorset, mid_december):
    """Dorset 002 7.9: the business manager "sends out requests for the Reports and
    chronologies" after the first review panel; the first request meets that step."""
    from cases.models import Deadline, DeadlineStatus
    from lcspr.choices import LcsprSource
    from lcspr.services.start import lcspr_start

    review = lcspr_start(
        actor=dorset.bm.user,
        membership=dorset.bm,
        case=dorset.case,
        source=LcsprSource.PARTNERSHIP_DECISION,
        day_zero=datetime.date(2026, 12, 1),
    )
    step = Deadline.objects.get(case=review.case, stage="lcspr", key="report_requests")
    assert step.status == DeadlineStatus.OPEN
    services.chronology_open(
        actor=dorset.bm.user,
        membership=dorset.bm,
        case=review.case,
        agency=dorset.la,
        purpose="rapid_review",
    )
    step.refresh_from_db()
    assert step.status == DeadlineStatus.OPEN  # a rapid review's chronology is not the LCSPR's
    services.chronology_open(
        actor=dorset.bm.user,
        membership=dorset.bm,
        case=review.case,
        agency=dorset.la,
        purpose="lcspr",
        kind="organisational_changes",
    )
    step.refresh_from_db()
    assert step.status == DeadlineStatus.MET
    assert step.met_on == datetime.date(2026, 12, 15)

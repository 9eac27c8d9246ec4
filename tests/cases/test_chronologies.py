"""Chronologies (issue 13): the services, who sees what, the pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import AuditEvent, ChronologyStatus, Role
from cases.services import chronologies as services
from tests.cases import chronology_records as cr

pytestmark = pytest.mark.django_db


def _url(name, side, *args):
    return reverse(f"cases:{name}", args=[side.partnership.slug, side.case.pk, *args])


def test_the_agency_writes_and_submits_and_the_business_manager_returns(world):
    side = world.alpha
    chronology = cr.a_chronology(side)
    slo, bm = side.members[Role.SLO], side.members[Role.BUSINESS_MANAGER]
    entry = cr.an_entry(side)
    assert not entry.entered_on_behalf
    services.chronology_submit(actor=slo.user, membership=slo, chronology=chronology)
    chronology.refresh_from_db()
    assert chronology.status == ChronologyStatus.SUBMITTED
    with pytest.raises(InvalidTransition):
        services.entry_add(
            actor=slo.user,
            membership=slo,
            chronology=chronology,
            occurred_on=datetime.date(2025, 12, 1),
            details="Late",
        )
    with pytest.raises(ValidationError):
        services.chronology_return(actor=bm.user, membership=bm, chronology=chronology, reason="")
    services.chronology_return(
        actor=bm.user, membership=bm, chronology=chronology, reason="Add the strategy meeting"
    )
    added = services.entry_add(
        actor=bm.user,
        membership=bm,
        chronology=chronology,
        occurred_on=datetime.date(2025, 12, 1),
        details="Strategy discussion",
    )
    assert added.entered_on_behalf
    actions = list(
        AuditEvent.objects.filter(case=side.case, action__startswith="chronology.").values_list(
            "action", flat=True
        )
    )
    assert {
        "chronology.open",
        "chronology.entry_add",
        "chronology.submit",
        "chronology.return",
    } <= set(actions)


def test_agency_staff_of_another_agency_get_a_404_and_readers_do_not_edit(world, client_for):
    side = world.alpha
    school = cr.other_agency_chronology(side)
    police = cr.a_chronology(side)
    staff = side.user(Role.AGENCY_STAFF)
    assert client_for(staff).get(_url("chronology_detail", side, school.pk)).status_code == 404
    assert client_for(staff).get(_url("chronology_detail", side, police.pk)).status_code == 200
    assert client_for(staff).get(_url("chronology_integrated", side)).status_code == 403
    rg = side.user(Role.REVIEW_GROUP_MEMBER)
    assert client_for(rg).get(_url("chronology_integrated", side)).status_code == 200
    assert client_for(rg).get(_url("chronology_entry_add", side, police.pk)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.chronology_submit(
            actor=staff, membership=side.members[Role.AGENCY_STAFF], chronology=police
        )


def test_pages_render(world, client_for):
    side = world.alpha
    chronology = cr.a_chronology(side)
    entry = cr.an_entry(side)
    bm = side.user(Role.BUSINESS_MANAGER)
    client = client_for(bm)
    for url in (
        _url("chronology_list", side),
        _url("chronology_open", side),
        _url("chronology_detail", side, chronology.pk),
        _url("chronology_entry_add", side, chronology.pk),
        _url("chronology_entry_edit", side, chronology.pk, entry.pk),
        _url("chronology_entry_remove", side, chronology.pk, entry.pk),
        _url("chronology_import", side, chronology.pk),
        _url("chronology_template", side, chronology.pk),
        _url("chronology_submit", side, chronology.pk),
        _url("chronology_integrated", side),
        _url("chronology_integrated_xlsx", side),
        _url("case_detail", side),
        _url("case_history", side),
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_api(world, client_for):
    side = world.alpha
    chronology = cr.a_chronology(side)
    slo = client_for(side.user(Role.SLO))
    base = f"/api/p/{side.partnership.slug}/cases/{side.case.pk}/chronologies/"
    assert slo.get(base).json()[0]["id"] == chronology.pk
    detail = slo.get(f"{base}{chronology.pk}/").json()
    assert len(detail["entries"]) == 1
    created = slo.post(
        f"{base}{chronology.pk}/entries/",
        {"occurred_on": "2025-12-02", "details": "Visit", "subjects": [side.subject.pk]},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    bad = slo.post(
        f"{base}{chronology.pk}/entries/", {"occurred_on": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert slo.get(f"{base}integrated/").status_code == 403
    assert slo.post(f"{base}{chronology.pk}/submit/").status_code == 200
    assert slo.post(f"{base}{chronology.pk}/submit/").status_code == 409
    bm = client_for(side.user(Role.BUSINESS_MANAGER))
    integrated = bm.get(f"{base}integrated/?purpose=rapid_review")
    assert integrated.status_code == 200
    assert len(integrated.json()["entries"]) == 2
    assert bm.get(f"{base}integrated/xlsx/").status_code == 200
    assert (
        bm.post(
            f"{base}{chronology.pk}/return/", {"reason": "More"}, content_type="application/json"
        ).status_code
        == 200
    )

"""The action plan's API (issue 14): the same services and rules as the pages; 4xx with a reason,
another agency's action a 404."""

import pytest
from django.urls import reverse

from cases.models import ActionItem, Deadline, Role
from tests.cases.action_records import an_action
from tests.role_matrix import assert_matrix, expect

JSON = {"content_type": "application/json"}
BM, SLO, RG = Role.BUSINESS_MANAGER, Role.SLO, Role.REVIEW_GROUP_MEMBER
pytestmark = pytest.mark.django_db


def _url(name, side, **kwargs):
    return reverse(
        f"cases_api:{name}",
        kwargs={"partnership_slug": side.partnership.slug, "case_pk": side.case.pk, **kwargs},
    )


def test_create_list_and_steps(world, client_for):
    side = world.alpha
    bm = client_for(side.members[BM].user)
    body = {
        "stage": "lcspr",
        "owner_agency": side.agencies["police"].pk,
        "owner_person": side.members[SLO].user_id,
        "what": "Review the missing-from-home protocol",
        "due_date": "2027-06-01",
        "success_measure": "Protocol reissued",
    }
    created = bm.post(_url("action-list", side), body, **JSON)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["owner"] == "Alpha Police" and data["status"] == "open"
    assert data["rag"] == "green" and data["latest_update"] is None
    pk = data["id"]
    assert Deadline.objects.filter(case=side.case, key=f"action_{pk}").exists()

    slo = client_for(side.members[SLO].user)
    missing = slo.post(_url("action-move-due", side, pk=pk), {"due_date": "2027-07-01"}, **JSON)
    assert missing.status_code == 400 and "reason" in missing.json()
    moved = slo.post(
        _url("action-move-due", side, pk=pk),
        {"due_date": "2027-07-01", "reason": "Waiting for the new policy"},
        **JSON,
    )
    assert moved.status_code == 200 and moved.json()["due_date"] == "2027-07-01"
    assert moved.json()["latest_update"]["kind"] == "due_moved"
    done = slo.post(_url("action-status", side, pk=pk), {"status": "completed"}, **JSON)
    assert done.json()["status"] == "completed"
    again = slo.post(_url("action-status", side, pk=pk), {"status": "in_progress"}, **JSON)
    assert again.status_code == 409
    refused = slo.post(_url("action-close", side, pk=pk), {}, **JSON)
    assert refused.status_code == 403
    closed = client_for(side.members[RG].user).post(_url("action-close", side, pk=pk), {}, **JSON)
    assert closed.json()["status"] == "closed"
    listed = bm.get(_url("action-list", side)).json()
    assert [a["id"] for a in listed] == [pk]


def test_create_refuses_another_partnerships_agency_and_missing_fields(world, client_for):
    side = world.alpha
    bm = client_for(side.members[BM].user)
    response = bm.post(
        _url("action-list", side),
        {"stage": "lcspr", "owner_agency": world.beta.agencies["police"].pk},
        **JSON,
    )
    assert response.status_code == 400
    assert {"owner_agency", "what", "due_date", "success_measure"} <= set(response.json())
    assert not ActionItem.objects.exists()


def test_an_agency_sees_only_its_own_actions(world, client_for):
    side = world.alpha
    mine = an_action(side)
    bm = client_for(side.members[BM].user)
    theirs = bm.post(
        _url("action-list", side),
        {
            "stage": "rapid_review",
            "owner_agency": side.agencies["health"].pk,
            "what": "Health visitors to check the home",
            "due_date": "2027-06-01",
            "success_measure": "Visits recorded",
        },
        **JSON,
    ).json()["id"]
    slo = client_for(side.members[SLO].user)
    assert [a["id"] for a in slo.get(_url("action-list", side)).json()] == [mine.pk]
    assert slo.get(_url("action-detail", side, pk=theirs)).status_code == 404
    assert (
        slo.post(_url("action-progress", side, pk=theirs), {"text": "x"}, **JSON).status_code == 404
    )


def test_who_may_add_an_action(world, client_for):
    side = world.alpha
    assert_matrix(
        client_for,
        side,
        "post",
        _url("action-list", side),
        expect({201}, {BM}),
        data=lambda who: {
            "stage": "lcspr",
            "owner_agency": side.agencies["police"].pk,
            "what": f"Action by {who}",
            "due_date": "2027-06-01",
            "success_measure": "Done",
        },
        outsider=world.outsider,
        **JSON,
    )


def test_sending_a_stages_plan_for_sign_off(world, client_for):
    from tests.cases.action_records import with_plan_chain

    side = world.alpha
    an_action(side)  # the police's rapid review action
    url = _url("action-plan-sign-off", side)
    bm = client_for(side.members[BM].user)
    no_chain = bm.post(url, {"stage": "rapid_review"}, **JSON)
    assert no_chain.status_code == 400 and "sign_off_chains" in str(no_chain.json())
    with_plan_chain(side)
    assert bm.post(url, {"stage": "lcspr"}, **JSON).json() == {
        "stage": ["Add actions to this plan before sending it for sign-off"]
    }
    assert bm.post(url, {"stage": "later"}, **JSON).status_code == 400
    assert (
        client_for(side.members[SLO].user).post(url, {"stage": "rapid_review"}, **JSON).status_code
        == 403
    )
    sent = bm.post(url, {"stage": "rapid_review", "comments": "For the board"}, **JSON)
    assert sent.status_code == 201, sent.content
    assert sent.json()["document_type"] == "action_plan"
    assert sent.json()["status"] == "in_progress"

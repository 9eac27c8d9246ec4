"""Lincolnshire Appendix D, "Details of the child (please replicate for any additional
children)": legal status and child protection plan are recorded per child."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Role
from referrals.services import executive, triage
from tests.referrals import helpers

pytestmark = pytest.mark.django_db


def _two_children(side):
    referral = helpers.submitted(
        side,
        child={"first_name": "Sam", "last_name": "Example", "legal_status": "Section 20"},
    )
    return referral


def _recommend(side, referral, **fields):
    bm = side.members[Role.BUSINESS_MANAGER]
    triage.referral_decide(
        actor=bm.user,
        membership=bm,
        referral=referral,
        outcome="recommend_rapid_review",
        rationale="Serious harm.",
        decided_on=helpers.TODAY,
        decided_by="SIRG",
    )
    return executive.referral_recommend_to_executive(
        actor=bm.user, membership=bm, referral=referral, abuse_or_neglect="abuse", **fields
    )


def _add_sibling(side, referral):
    # Children are added while the referral is a draft; here straight onto the sent one.
    from referrals.models import ReferralChild

    return ReferralChild.objects.create(
        partnership=side.partnership,
        referral=referral,
        first_name="Alex",
        last_name="Example",
        legal_status="Child in need",
    )


def test_each_child_has_its_own_legal_status_and_plan(world):
    side = world.alpha
    referral = _two_children(side)
    sibling = _add_sibling(side, referral)
    first = referral.children.exclude(pk=sibling.pk).get()
    recommendation = _recommend(
        side,
        referral,
        children=[{"child": sibling.pk, "legal_status": "Interim care order"}],
    )
    entries = {e["child"]: e for e in recommendation.children}
    assert entries[first.pk]["legal_status"] == "Section 20"  # from the referral
    assert entries[sibling.pk]["legal_status"] == "Interim care order"  # as given
    assert entries[sibling.pk]["name"] == "Alex Example"
    assert recommendation.legal_status == ""  # no single block any more


def test_an_entry_for_a_child_not_on_the_referral_is_refused(world):
    side = world.alpha
    referral = _two_children(side)
    with pytest.raises(ValidationError) as error:
        _recommend(side, referral, children=[{"child": 999999, "legal_status": "x"}])
    assert "children" in error.value.message_dict


def test_the_recommendation_page_asks_per_child(world, client_for):
    side = world.alpha
    referral = _two_children(side)
    sibling = _add_sibling(side, referral)
    bm = side.members[Role.BUSINESS_MANAGER]
    triage.referral_decide(
        actor=bm.user,
        membership=bm,
        referral=referral,
        outcome="recommend_rapid_review",
        rationale="Serious harm.",
        decided_on=helpers.TODAY,
        decided_by="SIRG",
    )
    client = client_for(bm.user)
    url = reverse("referrals:recommend", args=[side.partnership.slug, referral.pk])
    page = client.get(url).content.decode()
    assert "Sam Example: legal status at the time of the incident" in page
    assert "Alex Example: legal status at the time of the incident" in page
    response = client.post(
        url,
        {
            "harm": "serious_harm",
            "abuse_or_neglect": "abuse",
            "outline": "Outline.",
            "rationale": "Criteria met.",
            f"child_{sibling.pk}_legal_status": "Interim care order",
        },
    )
    assert response.status_code == 302
    recommendation = referral.recommendations.get()
    assert {e["child"]: e["legal_status"] for e in recommendation.children}[sibling.pk] == (
        "Interim care order"
    )

"""Lincolnshire's Media Interest Referral (seed 000): circulated to SIRG, the Assurance Executive
updated, monitoring goes on; the case closes only when the business manager ends it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from cases.errors import InvalidTransition
from cases.models import CaseStage, OutboundEmail, Role
from referrals.services import media, triage
from tests.factories import api_token
from tests.referrals import helpers

TODAY = helpers.TODAY


pytestmark = pytest.mark.django_db


def _call(fn, member, **kwargs):
    return fn(actor=member.user, membership=member, **kwargs)


def _monitored(side):
    referral = helpers.submitted(side)
    _call(
        triage.referral_decide,
        side.members[Role.BUSINESS_MANAGER],
        referral=referral,
        outcome="media_interest",
        rationale="Local press are asking.",
        decided_on=TODAY,
        decided_by="SIRG",
    )
    referral.refresh_from_db()
    return referral


def _emailed(referral) -> set[str]:
    return set(
        OutboundEmail.objects.filter(key__startswith=f"referral:{referral.pk}:").values_list(
            "to", flat=True
        )
    )


def test_media_interest_is_circulated_and_monitored_not_closed(world):
    side = world.alpha
    referral = _monitored(side)
    assert referral.case.stage == CaseStage.MEDIA_MONITORING
    emailed = _emailed(referral)
    assert side.members[Role.REVIEW_GROUP_MEMBER].user.email in emailed
    assert side.members[Role.EXECUTIVE].user.email in emailed


def test_updates_then_ending_the_monitoring_closes_the_case(world):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    referral = _monitored(side)
    with pytest.raises(ValidationError) as error:
        _call(media.media_update, bm, referral=referral, note=" ")
    assert error.value.message_dict == {"note": ["Enter the update"]}
    with pytest.raises(PermissionDenied):
        _call(media.media_update, side.members[Role.SLO], referral=referral, note="x")
    _call(media.media_update, bm, referral=referral, note="BBC Radio Lincolnshire enquiry.")
    referral.refresh_from_db()
    assert referral.case.stage == CaseStage.MEDIA_MONITORING
    _call(media.media_monitoring_end, bm, referral=referral, note="Interest has died down.")
    referral.refresh_from_db()
    assert referral.case.stage == CaseStage.CLOSED
    with pytest.raises(InvalidTransition):
        _call(media.media_update, bm, referral=referral, note="Too late.")


def test_monitoring_pages_and_api(world, client_for):
    side = world.alpha
    bm = side.members[Role.BUSINESS_MANAGER]
    referral = _monitored(side)
    slug = side.partnership.slug
    client = client_for(bm.user)
    detail = client.get(reverse("referrals:detail", args=[slug, referral.pk])).content.decode()
    assert "Send a media interest update" in detail and "End media monitoring" in detail
    url = reverse("referrals:media_update", args=[slug, referral.pk])
    empty = client.post(url, {"note": ""})
    assert empty.status_code == 200 and "Enter the update" in empty.content.decode()
    assert client.post(url, {"note": "Press enquiry answered."}).status_code == 302

    api = Client(HTTP_AUTHORIZATION=f"Token {api_token(bm.user)}")
    end = reverse("referrals_api:referral-media-monitoring-end", args=[slug, referral.pk])
    blank = api.post(end, {"note": ""}, content_type="application/json")
    assert (
        blank.status_code == 400 and "Enter why the monitoring has ended" in blank.content.decode()
    )
    assert api.post(end, {"note": "Over."}, content_type="application/json").status_code == 200
    referral.refresh_from_db()
    assert referral.case.stage == CaseStage.CLOSED
    again = api.post(end, {"note": "Over."}, content_type="application/json")
    assert again.status_code == 409

    # Not monitored any more: the page says so and sends the user back.
    gone = client.get(reverse("referrals:media_monitoring_end", args=[slug, referral.pk]))
    assert gone.status_code == 302

"""North Lincolnshire (seed 004): the CSPR Group recommends a local learning review (or neither)
to the safeguarding partners, who confirm or challenge; the recommendation does not close triage."""

import pytest
from django.urls import reverse

from cases.models import CaseStage, Deadline, OutboundEmail, Role
from cases.workflow import preset, workflow_settings_errors
from referrals.choices import ReferralStatus as S
from referrals.services import executive, triage
from tests.referrals import helpers

pytestmark = pytest.mark.django_db
TODAY = helpers.TODAY


def _call(fn, member, **kwargs):
    return fn(actor=member.user, membership=member, **kwargs)


def _recommended(side):
    side.partnership.workflow = preset("north-lincolnshire")
    side.partnership.workflow_preset = "north-lincolnshire"
    side.partnership.save()
    referral = helpers.submitted(side)
    _call(
        triage.referral_decide,
        side.members[Role.BUSINESS_MANAGER],
        referral=referral,
        outcome="learning_review",
        learning_option="local_learning_review",
        rationale="Exceptional practice worth learning from.",
        decided_on=TODAY,
        decided_by="CSPR Group",
    )
    referral.refresh_from_db()
    return referral


def _decide(side, referral, verdict):
    return _call(
        executive.executive_decision_record,
        side.members[Role.EXECUTIVE],
        referral=referral,
        verdict=verdict,
        rationale="Considered by the three partners.",
        meeting_date=TODAY,
        attendees="Safeguarding partners",
    )


def test_a_learning_review_is_a_recommendation_that_keeps_triage_open(world):
    referral = _recommended(world.alpha)
    assert referral.status == S.AWAITING_EXECUTIVE and referral.outcome == ""
    assert referral.case.stage == CaseStage.TRIAGE
    assert not Deadline.objects.filter(case=referral.case, stage="learning_review").exists()
    executive_email = world.alpha.members[Role.EXECUTIVE].user.email
    assert OutboundEmail.objects.filter(to=executive_email, key__startswith="referral:").exists()


def test_the_partners_confirm_the_learning_review(world, client_for):
    referral = _recommended(world.alpha)
    slug = world.alpha.partnership.slug
    page = client_for(world.alpha.members[Role.EXECUTIVE].user).get(
        reverse("referrals:executive_decision", args=[slug, referral.pk])
    )
    text = page.content.decode()
    assert "Decision on the recommendation: Multi agency local learning review (LLR)" in text
    assert "rapid review" not in text.lower()
    _decide(world.alpha, referral, "agree")
    referral.refresh_from_db()
    assert referral.status == S.DECIDED and referral.outcome == "learning_review"
    assert referral.case.stage == CaseStage.LEARNING_REVIEW
    assert referral.executive_decisions.get().recommendation is None


def test_the_partners_challenge_and_triage_decides_again(world):
    referral = _recommended(world.alpha)
    _decide(world.alpha, referral, "disagree")
    referral.refresh_from_db()
    assert referral.status == S.IN_TRIAGE and referral.case.stage == CaseStage.TRIAGE


def test_other_presets_decide_a_learning_review_at_triage(world):
    referral = helpers.submitted(world.alpha)  # Lincolnshire
    _call(
        triage.referral_decide,
        world.alpha.members[Role.BUSINESS_MANAGER],
        referral=referral,
        outcome="learning_review",
        learning_option="lscp_facilitated",
        rationale="Learning.",
        decided_on=TODAY,
        decided_by="SIRG",
    )
    referral.refresh_from_db()
    assert referral.status == S.DECIDED and referral.case.stage == CaseStage.LEARNING_REVIEW


def test_executive_confirms_is_checked_in_the_settings():
    settings = preset("north-lincolnshire")
    settings["triage_outcomes"][0]["executive_confirms"] = "yes"
    assert "triage_outcomes[0].executive_confirms: must be true or false" in (
        workflow_settings_errors(settings)
    )

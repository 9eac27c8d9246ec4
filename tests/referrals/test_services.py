"""Every referral transition, and every refused one (cases.errors.InvalidTransition)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import DomainError, InvalidTransition
from cases.models import AuditEvent, CaseStage, Deadline, DeadlineStatus, Role, Subject
from cases.workflow import preset
from referrals.choices import ReferralStatus as S
from referrals.models import InformationRequest, Referral
from referrals.services import (
    authorisation,
    challenges,
    drafts,
    executive,
    triage,
)
from referrals.state import ALLOWED_FROM, transition_check
from tests.referrals import helpers

pytestmark = pytest.mark.django_db
TODAY = helpers.TODAY


def m(side, role):
    return side.members[role]


def call(fn, member, **kwargs):
    return fn(actor=member.user, membership=member, **kwargs)


# --- Drafting -----------------------------------------------------------------------------


def test_create_prefills_the_referrer_and_agency(world):
    slo = m(world.alpha, Role.SLO)
    referral = call(drafts.referral_create, slo)
    assert referral.status == S.DRAFT
    assert referral.agency == slo.agency
    assert referral.referrer_name == slo.user.full_name
    assert referral.referrer_email == slo.user.email
    assert AuditEvent.objects.filter(action="referral.create", object_id=str(referral.pk))


def test_only_agency_staff_start_agency_referrals(world):
    with pytest.raises(PermissionDenied):
        call(drafts.referral_create, m(world.alpha, Role.BUSINESS_MANAGER))
    with pytest.raises(PermissionDenied):
        call(drafts.referral_create, m(world.alpha, Role.LEAD_REVIEWER))


def test_save_draft_keeps_partial_answers_and_audits_them(world):
    slo = m(world.alpha, Role.SLO)
    referral = call(drafts.referral_create, slo)
    call(drafts.referral_save_draft, slo, referral=referral, why_now="New information.")
    referral.refresh_from_db()
    assert referral.why_now == "New information."
    event = AuditEvent.objects.get(action="referral.save_draft", object_id=str(referral.pk))
    assert event.changes["why_now"] == ["", "New information."]


def test_save_draft_checks_formats_not_completeness(world):
    slo = m(world.alpha, Role.SLO)
    referral = call(drafts.referral_create, slo)
    with pytest.raises(ValidationError) as err:
        call(drafts.referral_save_draft, slo, referral=referral, harm="exploded")
    assert "harm" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        call(
            drafts.referral_save_draft,
            slo,
            referral=referral,
            incident_date=TODAY + datetime.timedelta(days=2),
        )
    assert "incident_date" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        call(drafts.referral_save_draft, slo, referral=referral, reasons=["made_up"])
    assert "reasons" in err.value.message_dict


def test_items_are_validated_and_removed_by_archiving(world):
    slo = m(world.alpha, Role.SLO)
    referral = call(drafts.referral_create, slo)
    with pytest.raises(ValidationError) as err:
        call(
            drafts.referral_item_add,
            slo,
            referral=referral,
            collection="children",
            first_name="Sam",
            nhs_number="1234567890",
        )
    assert "nhs_number" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        call(
            drafts.referral_item_add,
            slo,
            referral=referral,
            collection="children",
            date_of_birth=datetime.date(2020, 5, 1),
            date_of_death=datetime.date(2020, 4, 1),
        )
    assert "date_of_death" in err.value.message_dict
    child = call(
        drafts.referral_item_add,
        slo,
        referral=referral,
        collection="children",
        first_name=" Sam ",
        nhs_number="943 476 5919",
    )
    assert child.first_name == "Sam" and child.nhs_number == "9434765919"
    other = world.beta.agencies["police"]
    with pytest.raises(ValidationError):
        call(drafts.referral_item_add, slo, referral=referral, collection="agencies", agency=other)
    call(drafts.referral_item_remove, slo, item=child)
    child.refresh_from_db()
    assert child.archived_at is not None


def test_colleagues_cannot_change_a_draft(world):
    referral = helpers.complete_draft(world.alpha, m(world.alpha, Role.AGENCY_STAFF))
    with pytest.raises(PermissionDenied):
        call(
            drafts.referral_save_draft,
            m(world.alpha, Role.REVIEW_GROUP_MEMBER),
            referral=referral,
            why_now="x",
        )


# --- Authorisation --------------------------------------------------------------------------


def test_staff_send_for_authorisation_and_the_slo_authorises(world):
    staff, slo = m(world.alpha, Role.AGENCY_STAFF), m(world.alpha, Role.SLO)
    referral = helpers.complete_draft(world.alpha, staff)
    call(authorisation.referral_submit_for_authorisation, staff, referral=referral)
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_AUTHORISATION
    with pytest.raises(PermissionDenied):
        call(authorisation.referral_authorise, staff, referral=referral)
    call(authorisation.referral_authorise, slo, referral=referral)
    referral.refresh_from_db()
    assert referral.status == S.SUBMITTED
    assert referral.authorised_by == slo.user
    assert referral.received_on == TODAY
    case = referral.case
    assert case.stage == CaseStage.TRIAGE
    assert list(case.agencies.all()) == [slo.agency]
    assert Subject.objects.filter(case=case, role="child", first_name="Sam").exists()
    assert AuditEvent.objects.filter(case=case, action="referral.authorise").exists()
    assert AuditEvent.objects.filter(case=case, action="stage.start").exists()


def test_incomplete_referrals_cannot_be_sent(world):
    slo = m(world.alpha, Role.SLO)
    referral = call(drafts.referral_create, slo)
    with pytest.raises(ValidationError) as err:
        call(authorisation.referral_submit_for_authorisation, slo, referral=referral)
    messages = " ".join(err.value.messages)
    assert "Add the child" in messages and "what happened" in messages.lower()


def test_return_needs_comments_and_reopens_the_draft(world):
    staff, slo = m(world.alpha, Role.AGENCY_STAFF), m(world.alpha, Role.SLO)
    referral = helpers.complete_draft(world.alpha, staff)
    call(authorisation.referral_submit_for_authorisation, staff, referral=referral)
    with pytest.raises(ValidationError):
        call(authorisation.referral_return, slo, referral=referral, comments=" ")
    call(authorisation.referral_return, slo, referral=referral, comments="Add the school.")
    referral.refresh_from_db()
    assert referral.status == S.RETURNED
    call(drafts.referral_save_draft, staff, referral=referral, anything_else="School added.")
    call(authorisation.referral_submit_for_authorisation, staff, referral=referral)
    referral.refresh_from_db()
    assert referral.status == S.AWAITING_AUTHORISATION


def test_swindon_authorisation_is_by_the_agency_executive(world):
    # Seed 001 section 4: "executive level sign off" within the referring agency (issue 11);
    # the partnership's executive, who decides, is not the authoriser.
    side = world.alpha
    side.partnership.workflow = preset("swindon")
    side.partnership.save()
    staff, slo = m(side, Role.AGENCY_STAFF), m(side, Role.SLO)
    referral = helpers.complete_draft(side, staff)
    call(authorisation.referral_submit_for_authorisation, staff, referral=referral)
    with pytest.raises(PermissionDenied):
        call(authorisation.referral_authorise, slo, referral=referral)
    from tests.factories import make_member

    executive_member = make_member(side.partnership, Role.EXECUTIVE, agency=slo.agency)
    with pytest.raises(PermissionDenied):
        call(authorisation.referral_authorise, executive_member, referral=referral)
    agency_executive = make_member(side.partnership, Role.AGENCY_EXECUTIVE, agency=slo.agency)
    call(authorisation.referral_authorise, agency_executive, referral=referral)
    referral.refresh_from_db()
    assert referral.status == S.SUBMITTED
    # Swindon's triage meeting within three working days and its decision within 15 (section 3).
    triage = Deadline.objects.filter(case=referral.case, stage="triage")
    assert dict(triage.values_list("key", "day")) == {"triage_meeting": 3, "triage_decision": 15}


def test_withdraw_keeps_the_referral(world):
    slo = m(world.alpha, Role.SLO)
    referral = helpers.complete_draft(world.alpha)
    call(authorisation.referral_withdraw, slo, referral=referral, reason="Sent in error")
    referral.refresh_from_db()
    assert referral.status == S.WITHDRAWN and referral.withdrawal_reason == "Sent in error"
    with pytest.raises(InvalidTransition):
        call(authorisation.referral_authorise, slo, referral=referral)


def test_external_referral_recorded_on_behalf_with_its_receipt_date(world):
    bm = m(world.alpha, Role.BUSINESS_MANAGER)
    referral = call(
        drafts.referral_create_external,
        bm,
        external_source="coroner",
        referrer_organisation="HM Coroner",
        referrer_email="coroner@example.test",
    )
    call(drafts.referral_item_add, bm, referral=referral, collection="children", first_name="Ola")
    call(
        drafts.referral_save_draft,
        bm,
        referral=referral,
        harm="died",
        what_happened="Sudden death.",
        reasons=["death_abuse_neglect"],
    )
    with pytest.raises(ValidationError):
        call(authorisation.referral_submit_for_authorisation, bm, referral=referral)
    received = TODAY - datetime.timedelta(days=1)
    call(authorisation.referral_authorise, bm, referral=referral, received_on=received)
    referral.refresh_from_db()
    assert referral.is_external and referral.received_on == received
    assert "entered on their behalf" in referral.referring_body
    assert list(referral.case.agencies.all()) == []


# --- Triage ---------------------------------------------------------------------------------


def test_quality_assure_once(world):
    bm = m(world.alpha, Role.BUSINESS_MANAGER)
    referral = helpers.submitted(world.alpha)
    call(triage.referral_quality_assure, bm, referral=referral, note="Complete.")
    referral.refresh_from_db()
    assert referral.status == S.IN_TRIAGE and referral.quality_assured_by == bm.user
    with pytest.raises(DomainError):
        call(triage.referral_quality_assure, bm, referral=referral)
    with pytest.raises(PermissionDenied):
        call(
            triage.referral_quality_assure,
            m(world.alpha, Role.REVIEW_GROUP_MEMBER),
            referral=referral,
        )


def test_more_information_round_trip(world):
    bm, slo = m(world.alpha, Role.BUSINESS_MANAGER), m(world.alpha, Role.SLO)
    referral = helpers.submitted(world.alpha)
    call(triage.referral_request_information, bm, referral=referral, question="Which school?")
    referral.refresh_from_db()
    assert referral.status == S.INFORMATION_REQUESTED
    with pytest.raises(InvalidTransition):
        call(triage.referral_request_information, bm, referral=referral, question="Again?")
    with pytest.raises(InvalidTransition):
        call(
            triage.referral_decide,
            bm,
            referral=referral,
            outcome="no_further_action",
            rationale="x",
            decided_on=TODAY,
            decided_by="BM",
        )
    with pytest.raises(PermissionDenied):
        call(triage.referral_provide_information, bm, referral=referral, response="x")
    call(triage.referral_provide_information, slo, referral=referral, response="Alpha Academy.")
    referral.refresh_from_db()
    assert referral.status == S.IN_TRIAGE
    request = InformationRequest.objects.get(referral=referral)
    assert request.response == "Alpha Academy." and request.responded_by == slo.user
    with pytest.raises(InvalidTransition):
        call(triage.referral_provide_information, slo, referral=referral, response="again")


def test_schedule_on_the_review_group_agenda(world):
    rg = m(world.alpha, Role.REVIEW_GROUP_MEMBER)
    referral = helpers.submitted(world.alpha)
    listing = call(
        triage.referral_schedule_review_group,
        rg,
        referral=referral,
        meeting_date=TODAY + datetime.timedelta(days=7),
    )
    referral.refresh_from_db()
    assert referral.status == S.IN_TRIAGE and listing.meeting_date > TODAY


@pytest.mark.parametrize(
    "outcome, stage",
    [
        ("no_further_action", CaseStage.CLOSED),
        ("media_interest", CaseStage.MEDIA_MONITORING),
        ("single_agency_review", CaseStage.LEARNING_REVIEW),
        ("learning_review", CaseStage.LEARNING_REVIEW),
    ],
)
def test_final_decisions_move_the_case(world, outcome, stage):
    bm = m(world.alpha, Role.BUSINESS_MANAGER)
    referral = helpers.submitted(world.alpha)
    extra = {"learning_option": "lscp_facilitated"} if outcome == "learning_review" else {}
    decision = call(
        triage.referral_decide,
        bm,
        referral=referral,
        outcome=outcome,
        rationale="Because.",
        decided_on=TODAY,
        decided_by="SIRG meeting",
        attendees="Chair, police, health",
        **extra,
    )
    referral.refresh_from_db()
    assert referral.status == S.DECIDED and referral.outcome == outcome
    assert referral.case.stage == stage
    assert decision.outcome_label and decision.recorded_by == bm.user
    with pytest.raises(InvalidTransition):
        call(
            triage.referral_decide,
            bm,
            referral=referral,
            outcome=outcome,
            rationale="Again",
            decided_on=TODAY,
            decided_by="x",
            **extra,
        )


def test_decision_checks_the_partnerships_outcomes_and_details(world):
    bm = m(world.alpha, Role.BUSINESS_MANAGER)
    referral = helpers.submitted(world.alpha)
    base = {"rationale": "x", "decided_on": TODAY, "decided_by": "SIRG"}
    with pytest.raises(ValidationError) as err:  # not in Lincolnshire's list
        call(
            triage.referral_decide, bm, referral=referral, outcome="notify_serious_incident", **base
        )
    assert "outcome" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        call(triage.referral_decide, bm, referral=referral, outcome="learning_review", **base)
    assert "learning_option" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        call(
            triage.referral_decide,
            bm,
            referral=referral,
            outcome="no_further_action",
            rationale="",
            decided_on=TODAY + datetime.timedelta(days=1),
            decided_by="",
        )
    assert {"rationale", "decided_by"} <= set(err.value.message_dict)
    with pytest.raises(PermissionDenied):
        call(
            triage.referral_decide,
            m(world.alpha, Role.SLO),
            referral=referral,
            outcome="no_further_action",
            **base,
        )


def test_more_information_as_a_decision_asks_the_referrer(world):
    bm = m(world.alpha, Role.BUSINESS_MANAGER)
    referral = helpers.submitted(world.alpha)
    call(
        triage.referral_decide,
        bm,
        referral=referral,
        outcome="more_information",
        rationale="Not enough to decide.",
        decided_on=TODAY,
        decided_by="SIRG",
        information_needed="What did the school know?",
    )
    referral.refresh_from_db()
    assert referral.status == S.INFORMATION_REQUESTED
    assert referral.information_requests.get().question == "What did the school know?"


def _swindon_submitted(side, *extra_outcomes):
    side.partnership.workflow = preset("swindon")
    side.partnership.workflow["triage_outcomes"] += list(extra_outcomes)
    side.partnership.save()
    from tests.factories import make_member

    authoriser = make_member(
        side.partnership, Role.AGENCY_EXECUTIVE, agency=side.agencies["police"]
    )
    staff = m(side, Role.SLO)
    referral = helpers.complete_draft(side, staff)
    call(authorisation.referral_submit_for_authorisation, staff, referral=referral)
    call(authorisation.referral_authorise, authoriser, referral=referral)
    referral.refresh_from_db()
    return referral


def test_triage_deadline_met_by_the_decision(world):
    referral = _swindon_submitted(world.alpha)
    call(
        triage.referral_decide,
        m(world.alpha, Role.BUSINESS_MANAGER),
        referral=referral,
        outcome="alternative_statutory_review",
        alternative_review="sar",
        rationale="Adult review better placed.",
        decided_on=TODAY,
        decided_by="Three statutory partners",
    )
    for deadline in Deadline.objects.filter(case=referral.case, stage="triage"):
        assert deadline.status == DeadlineStatus.MET and deadline.met_on == TODAY


def test_asking_for_more_information_is_not_the_decision_on_the_referral(world):
    # Swindon (seed 001 section 3): the decision on every referral within 15 working days; a
    # business manager who adds a "more information" outcome has not yet decided.
    more = {"key": "more_information", "label": "More information needed"}
    referral = _swindon_submitted(world.alpha, more)
    call(
        triage.referral_decide,
        m(world.alpha, Role.BUSINESS_MANAGER),
        referral=referral,
        outcome="more_information",
        rationale="Not enough to decide.",
        decided_on=TODAY,
        decided_by="Three statutory partners",
        information_needed="What did the school know?",
    )
    statuses = dict(
        Deadline.objects.filter(case=referral.case, stage="triage").values_list("key", "status")
    )
    assert statuses == {
        "triage_meeting": DeadlineStatus.MET,
        "triage_decision": DeadlineStatus.OPEN,
    }


# --- Executive ------------------------------------------------------------------------------


def test_recommendation_is_generated_and_sent(world):
    referral = helpers.awaiting_executive(world.alpha, what_happened="Outline text.")
    rec = referral.recommendations.get()
    assert rec.outline == "Outline text." and rec.harm == "serious_harm"
    assert rec.rationale == "Serious harm; abuse suspected." and rec.sent_at
    assert referral.status == S.AWAITING_EXECUTIVE


def test_recommendation_requires_the_reason(world):
    bm = m(world.alpha, Role.BUSINESS_MANAGER)
    referral = helpers.submitted(world.alpha, harm="not_known")
    call(
        triage.referral_decide,
        bm,
        referral=referral,
        outcome="recommend_rapid_review",
        rationale="x",
        decided_on=TODAY,
        decided_by="SIRG",
    )
    with pytest.raises(ValidationError) as err:
        call(executive.referral_recommend_to_executive, bm, referral=referral)
    assert {"harm", "abuse_or_neglect"} <= set(err.value.message_dict)


def test_executive_agrees_case_awaits_notification_and_triage_closes(world):
    referral = helpers.awaiting_executive(world.alpha)
    exe = m(world.alpha, Role.EXECUTIVE)
    with pytest.raises(PermissionDenied):
        call(
            executive.executive_decision_record,
            m(world.alpha, Role.BUSINESS_MANAGER),
            referral=referral,
            verdict="agree",
            rationale="x",
            meeting_date=TODAY,
            attendees="x",
        )
    call(
        executive.executive_decision_record,
        exe,
        referral=referral,
        verdict="agree",
        rationale="Criteria met.",
        meeting_date=TODAY,
        attendees="AE members",
    )
    referral.refresh_from_db()
    assert referral.status == S.DECIDED and referral.outcome == "recommend_rapid_review"
    assert referral.case.stage == CaseStage.AWAITING_NOTIFICATION
    assert not Deadline.objects.filter(case=referral.case, stage="triage", status="open")
    assert AuditEvent.objects.filter(case=referral.case, action="case.stage").exists()
    with pytest.raises(InvalidTransition):
        call(
            executive.executive_decision_record,
            exe,
            referral=referral,
            verdict="agree",
            rationale="again",
            meeting_date=TODAY,
            attendees="x",
        )


def test_agreement_starts_the_notification_clock_from_the_day_the_la_became_aware(world):
    # Dorset 2.3: "day zero, not day one"; every preset counts the notification from awareness.
    referral = helpers.awaiting_executive(world.alpha)
    case = referral.case
    case.awareness_date = TODAY - datetime.timedelta(days=1)
    case.save(update_fields=["awareness_date"])
    call(
        executive.executive_decision_record,
        m(world.alpha, Role.EXECUTIVE),
        referral=referral,
        verdict="agree",
        rationale="Criteria met.",
        meeting_date=TODAY,
        attendees="AE members",
    )
    clock = Deadline.objects.filter(case=case, stage="notification", status=DeadlineStatus.OPEN)
    assert clock.exists()
    assert {d.day_zero for d in clock} == {case.awareness_date}
    assert AuditEvent.objects.filter(case=case, action="stage.start").exists()


def test_the_notification_clock_counts_from_receipt_while_awareness_is_unknown(world):
    referral = helpers.awaiting_executive(world.alpha)
    referral.case.awareness_date = None
    referral.case.save(update_fields=["awareness_date"])
    call(
        executive.executive_decision_record,
        m(world.alpha, Role.EXECUTIVE),
        referral=referral,
        verdict="agree",
        rationale="Criteria met.",
        meeting_date=TODAY,
        attendees="AE members",
    )
    clock = Deadline.objects.filter(case=referral.case, stage="notification")
    assert clock.exists()
    assert {d.day_zero for d in clock} == {referral.received_on}


def test_executive_disagrees_back_to_triage(world):
    referral = helpers.awaiting_executive(world.alpha)
    call(
        executive.executive_decision_record,
        m(world.alpha, Role.EXECUTIVE),
        referral=referral,
        verdict="disagree",
        rationale="Learning review instead.",
        meeting_date=TODAY,
        attendees="AE",
    )
    referral.refresh_from_db()
    assert referral.status == S.IN_TRIAGE and referral.case.stage == CaseStage.TRIAGE
    call(
        triage.referral_decide,
        m(world.alpha, Role.BUSINESS_MANAGER),
        referral=referral,
        outcome="single_agency_review",
        rationale="As the AE advised.",
        decided_on=TODAY,
        decided_by="SIRG",
    )
    referral.refresh_from_db()
    assert referral.status == S.DECIDED


# --- Challenges -----------------------------------------------------------------------------


def _challenge(side, member, preset_name):
    side.partnership.workflow_preset = preset_name
    side.partnership.save()
    return call(
        challenges.challenge_raise,
        member,
        referral=helpers.awaiting_executive(side),
        kind="challenge",
        grounds="We think a learning review fits.",
        raised_on=TODAY,
    )


@pytest.mark.parametrize(
    "preset_name, steps",
    [
        # 000 Escalation Procedure: heard by the two together, not one after the other.
        ("lincolnshire", ["assurance_executive_and_chair"]),
        # 002 2.1: the Head of QA and Partnerships, then the PDSCP Executive.
        ("dorset", ["local_authority_lead", "pdscp_executive"]),
        # 003 section 6: the BCP Council lead officer, then the PDSCP escalation process.
        ("bcp", ["local_authority_lead", "pdscp_escalation"]),
        # 001: "the local resolution processes", steps not given.
        ("swindon", ["local_resolution"]),
    ],
)
def test_challenge_steps_come_from_the_partnerships_own_seed(preset_name, steps):
    from referrals.choices import LookupKind
    from referrals.defaults import default_lookups

    given = default_lookups(preset_name, preset(preset_name))[LookupKind.CHALLENGE_STEP]
    assert [key for key, _ in given] == steps
    assert not any("scrutineer" in label for _, label in given)


def test_lincolnshire_challenge_is_heard_in_one_step(world):
    challenge = _challenge(world.alpha, m(world.alpha, Role.SLO), "lincolnshire")
    assert [s["label"] for s in challenge.steps] == [
        "Heard by the Assurance Executive and the LSCP Independent Chair together"
    ]


def test_challenge_goes_through_the_partnerships_steps(world):
    slo, bm = m(world.alpha, Role.SLO), m(world.alpha, Role.BUSINESS_MANAGER)
    challenge = _challenge(world.alpha, slo, "dorset")
    assert challenge.raised_by_agency == slo.agency
    with pytest.raises(PermissionDenied):
        call(
            challenges.challenge_step_record,
            slo,
            challenge=challenge,
            outcome="escalated",
            notes="x",
            held_on=TODAY,
        )
    call(
        challenges.challenge_step_record,
        bm,
        challenge=challenge,
        outcome="escalated",
        notes="The Head of QA and Partnerships did not agree.",
        held_on=TODAY,
    )
    with pytest.raises(ValidationError):  # the last step cannot escalate
        call(
            challenges.challenge_step_record,
            bm,
            challenge=challenge,
            outcome="escalated",
            notes="x",
            held_on=TODAY,
        )
    call(
        challenges.challenge_step_record,
        bm,
        challenge=challenge,
        outcome="not_upheld",
        notes="The PDSCP Executive upheld the decision.",
        held_on=TODAY,
    )
    challenge.refresh_from_db()
    assert challenge.status == "resolved" and challenge.records.count() == 2
    with pytest.raises(InvalidTransition):
        call(
            challenges.challenge_step_record,
            bm,
            challenge=challenge,
            outcome="upheld",
            notes="x",
            held_on=TODAY,
        )


def test_an_upheld_challenge_sends_a_decided_referral_back_to_triage(world):
    referral = helpers.submitted(world.alpha)
    bm = m(world.alpha, Role.BUSINESS_MANAGER)
    call(
        triage.referral_decide,
        bm,
        referral=referral,
        outcome="single_agency_review",
        rationale="Single agency learning only.",
        decided_on=TODAY,
        decided_by="SIRG",
    )
    referral.refresh_from_db()
    assert referral.status == S.DECIDED
    challenge = call(
        challenges.challenge_raise,
        m(world.alpha, Role.SLO),
        referral=referral,
        kind="challenge",
        grounds="Several agencies were involved.",
        raised_on=TODAY,
    )
    call(
        challenges.challenge_step_record,
        bm,
        challenge=challenge,
        outcome="upheld",
        notes="The Assurance Executive agreed to look again.",
        held_on=TODAY,
    )
    referral.refresh_from_db()
    assert referral.status == S.IN_TRIAGE and referral.outcome == ""
    assert referral.case.stage == "triage"
    assert AuditEvent.objects.filter(case=referral.case, action="referral.reopen").exists()


def test_complaints_are_recorded_by_the_business_manager(world):
    referral = helpers.submitted(world.alpha)
    with pytest.raises(ValidationError):
        call(
            challenges.challenge_raise,
            m(world.alpha, Role.SLO),
            referral=referral,
            kind="complaint",
            grounds="x",
            raised_on=TODAY,
        )
    complaint = call(
        challenges.challenge_raise,
        m(world.alpha, Role.BUSINESS_MANAGER),
        referral=referral,
        kind="complaint",
        grounds="A parent complains about the delay.",
        raised_on=TODAY,
        raised_by_name="A parent",
    )
    assert complaint.raised_by_name == "A parent"
    assert complaint.steps[0]["key"] == "council_complaints"
    with pytest.raises(ValidationError):  # nothing decided yet to challenge
        call(
            challenges.challenge_raise,
            m(world.alpha, Role.SLO),
            referral=referral,
            kind="challenge",
            grounds="x",
            raised_on=TODAY,
        )


def test_north_lincolnshire_steps_end_with_the_scrutiny_officer(world):
    world.alpha.partnership.workflow_preset = "north-lincolnshire"
    world.alpha.partnership.save()
    referral = helpers.awaiting_executive(world.alpha)
    challenge = call(
        challenges.challenge_raise,
        m(world.alpha, Role.BUSINESS_MANAGER),
        referral=referral,
        kind="challenge",
        grounds="Difference of opinion on the criteria.",
        raised_on=TODAY,
    )
    assert [s["key"] for s in challenge.steps] == [
        "representatives",
        "safeguarding_partners",
        "independent_scrutiny_officer",
    ]


# --- The state machine as a table --------------------------------------------------------


@pytest.mark.parametrize("action", sorted(ALLOWED_FROM))
def test_every_action_is_refused_outside_its_statuses(action):
    for status in S.values:
        referral = Referral(status=status)
        if status in ALLOWED_FROM[action]:
            transition_check(referral, action)
        else:
            with pytest.raises(InvalidTransition):
                transition_check(referral, action)


def test_agencies_named_on_the_referral_join_the_case_on_receipt(world):
    """Issue 11 (7): their staff can then see the case, and the history says why."""
    from cases.models import AuditEvent
    from cases.permissions import can_view_case
    from referrals.services import authorisation, drafts
    from tests.factories import make_member

    side = world.alpha
    slo = side.members[Role.SLO]
    school_slo = make_member(side.partnership, Role.SLO, agency=side.agencies["school"])
    referral = helpers.complete_draft(side)
    drafts.referral_item_add(
        actor=slo.user,
        membership=slo,
        referral=referral,
        collection="agencies",
        agency=side.agencies["school"],
        practitioner_name="A Teacher",
    )
    referral = authorisation.referral_authorise(actor=slo.user, membership=slo, referral=referral)
    case = referral.case
    assert set(case.agencies.all()) == {side.agencies["police"], side.agencies["school"]}
    assert can_view_case(school_slo, case)
    event = AuditEvent.objects.get(case=case, action="case.update")
    assert side.agencies["school"].name in event.changes["agencies"][1]


def test_cases_opened_on_receipt_have_titles_that_tell_them_apart(world):
    """Issue 11 (8): two children with surnames starting R were both "Child R"."""
    side = world.alpha
    first = helpers.submitted(side, child={"first_name": "Ruby", "last_name": "Reed"})
    second = helpers.submitted(side, child={"first_name": "Rosa", "last_name": "Rowe"})
    third = helpers.submitted(side, child={"first_name": "Rex", "last_name": "Ray"})
    assert [r.case.title for r in (first, second, third)] == ["Child R", "Child R2", "Child R3"]


def test_bcp_always_refers_deaths_and_injuries_in_homes_custody_and_detention():
    # BCP section 5 (seed 003): "A referral will always be made when a child has died or is
    # seriously injured in a children's home ..., custodial settings ... and ... detention".
    from referrals.choices import LookupKind
    from referrals.defaults import default_lookups

    bcp = dict(default_lookups("bcp", {})[LookupKind.REASON])
    assert {"childrens_home", "custodial_setting", "detention"} <= set(bcp)
    assert "seriously injured" in bcp["custodial_setting"]
    assert "childrens_home" not in dict(default_lookups("dorset", {})[LookupKind.REASON])

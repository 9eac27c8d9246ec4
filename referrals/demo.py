"""Demo referrals in different states for cases.demo (entirely fictitious people)."""

import datetime

from django.utils import timezone

from cases.models import Role
from referrals.permissions import authoriser_role
from referrals.services import authorisation, drafts, executive, triage


def _child(seed: int, code: str, n: int) -> dict:
    from cases.demo import test_nhs_number

    return {
        "first_name": "Demo",
        "last_name": f"Referral {code}{n}",
        "date_of_birth": datetime.date(2016 + n, 2, 10 + n),
        "nhs_number": test_nhs_number(5000 + seed * 10 + n),
        "sex": "not_known",
        "ethnicity": "not_declared",
    }


def _draft(member, code, n, seed, **answers):
    referral = drafts.referral_create(actor=member.user, membership=member)
    drafts.referral_save_draft(
        actor=member.user,
        membership=member,
        referral=referral,
        harm="serious_harm",
        what_happened="Fictitious demonstration incident. No real person is described.",
        reasons=["serious_harm_working_together"],
        incident_date=timezone.localdate() - datetime.timedelta(days=2 + n),
        **answers,
    )
    drafts.referral_item_add(
        actor=member.user,
        membership=member,
        referral=referral,
        collection="children",
        **_child(seed, code, n),
    )
    return referral


def load_demo_referrals(index: int, code: str, partnership, members: dict) -> None:
    """A draft, one awaiting authorisation, one in triage waiting for information, and (where
    the agency has an authoriser) one with the executive; else an external one in triage.

    The agency's authoriser is its SLO, or (Swindon) its agency executive, whose sign-off the
    demo shows."""
    slo, staff = members[Role.SLO], members[Role.AGENCY_STAFF]
    authoriser = members.get(authoriser_role(partnership))
    if authoriser is not None and authoriser.agency_id != staff.agency_id:
        authoriser = None
    bm = members[Role.BUSINESS_MANAGER]
    today = timezone.localdate()
    # A draft the SLO is still writing.
    referral = drafts.referral_create(actor=slo.user, membership=slo)
    drafts.referral_save_draft(
        actor=slo.user,
        membership=slo,
        referral=referral,
        why_now="Demo draft: saved part-way, to be finished later.",
    )
    # Sent by a practitioner, waiting for the agency's authoriser.
    waiting = _draft(staff, code, 1, index)
    authorisation.referral_submit_for_authorisation(
        actor=staff.user, membership=staff, referral=waiting
    )
    if authoriser is not None:
        received = _draft(staff, code, 2, index)
        authorisation.referral_submit_for_authorisation(
            actor=staff.user, membership=staff, referral=received
        )
        authorisation.referral_authorise(
            actor=authoriser.user, membership=authoriser, referral=received
        )
        triage.referral_request_information(
            actor=bm.user,
            membership=bm,
            referral=received,
            question="Demo: which school does the child attend?",
        )
        outcomes = {o["key"] for o in partnership.workflow.get("triage_outcomes", [])}
        if "recommend_rapid_review" in outcomes:
            recommended = _draft(slo, code, 3, index)
            if authoriser.pk != slo.pk:
                authorisation.referral_submit_for_authorisation(
                    actor=slo.user, membership=slo, referral=recommended
                )
            authorisation.referral_authorise(
                actor=authoriser.user, membership=authoriser, referral=recommended
            )
            triage.referral_decide(
                actor=bm.user,
                membership=bm,
                referral=recommended,
                outcome="recommend_rapid_review",
                rationale="Demo: serious harm, abuse suspected, agencies' work raises questions.",
                decided_on=today,
                decided_by="Review group meeting (demo)",
            )
            executive.referral_recommend_to_executive(
                actor=bm.user, membership=bm, referral=recommended, abuse_or_neglect="abuse"
            )
    if authoriser is None or authoriser.pk != slo.pk:
        # Swindon (the agency executive signs off) also shows a referral the business manager
        # recorded for the child death overview panel.
        external = drafts.referral_create_external(
            actor=bm.user,
            membership=bm,
            external_source="cdop",
            referrer_organisation="Child Death Overview Panel (demo)",
            referrer_email="cdop@demo.invalid",
        )
        drafts.referral_save_draft(
            actor=bm.user,
            membership=bm,
            referral=external,
            harm="died",
            what_happened="Fictitious demonstration referral from the CDOP.",
            reasons=["death_abuse_neglect"],
        )
        drafts.referral_item_add(
            actor=bm.user,
            membership=bm,
            referral=external,
            collection="children",
            **_child(index, code, 4),
        )
        authorisation.referral_authorise(actor=bm.user, membership=bm, referral=external)

"""A referral of the size a real one has (issue 11, "Short decision pages"): two children, two
family members, two agencies and a few sentences in every answer, built through the services.
On the pages as they were, "check your answers" was about 13,000 px tall and "authorise" about
12,000 px (1280 px wide), with the decision at the very bottom."""

import datetime

from cases.models import Role
from referrals.services import drafts

TODAY = datetime.date.today()
SENTENCES = (
    "Mother took the younger child to the emergency department in the early hours. "
    "Clinicians found bruising to the face and a fracture that the explanation did not fit. "
    "Police and children's social care were informed the same morning and a strategy meeting "
    "was held that afternoon. "
)


def _text(n: int = 2) -> str:
    return (SENTENCES * n).strip()


def typical_draft(side, member=None):
    """A draft of the side's member (the police SLO by default) with every section answered."""
    member = member or side.members[Role.SLO]
    referral = drafts.referral_create(actor=member.user, membership=member)
    drafts.referral_save_draft(
        actor=member.user,
        membership=member,
        referral=referral,
        referrer_job_title="Detective Sergeant, public protection unit",
        referrer_phone="01522 555 0100",
        referrer_email="referrer@police.example.uk",
        referrer_address="Police headquarters\nDeepdale Lane\nNettleham LN2 2LT",
        harm="serious_harm",
        incident_date=TODAY - datetime.timedelta(days=4),
        incident_location="The family home, Gainsborough",
        what_happened=_text(1),
        why_now=_text(1),
        immediate_action=_text(1),
        reasons=["partner_notification"],
        reason_comment=_text(1),
        characteristics=[],
        characteristics_other="Domestic abuse in the household; parental substance misuse.",
        siblings_on_plan="yes",
        criminal_proceedings="dont_know",
        conviction="no",
        proceedings_details="Mother's partner arrested and released on bail.",
        summary_of_events=_text(2),
        why_meets_criteria=_text(1),
        what_worked_well=_text(1),
        worries=_text(1),
        key_issues=_text(1),
        key_worker_consulted="yes",
        key_worker_views="The social worker agrees a review would help.",
        involve_family="yes",
        family_involvement_views="Through the allocated social worker, with an advocate.",
        anything_else=_text(1),
    )

    def add(collection, **fields):
        drafts.referral_item_add(
            actor=member.user, membership=member, referral=referral, collection=collection, **fields
        )

    for n, (first, years) in enumerate((("Jordan", 1), ("Casey", 6)), start=1):
        add(
            "children",
            first_name=first,
            last_name="Typical",
            aliases="",
            date_of_birth=TODAY - datetime.timedelta(days=365 * years + 30),
            sex="male" if n == 1 else "female",
            nhs_number="",
            address="12 Example Road\nGainsborough DN21 1AA",
            ethnicity="white_british",
            faith="None",
            first_language="English",
            disability="None known",
            education_provision="Nursery" if n == 1 else "Example Primary School",
            carer_at_time="Mother and her partner",
            legal_status="None",
            cp_plan_status="yes",
            cp_plan_category="neglect",
            cp_plan_start=TODAY - datetime.timedelta(days=200),
            cin_status="no",
            tac_status="no",
            lac_status="no",
        )
    for role, relationship, first in (
        ("parent", "Mother", "Morgan"),
        ("carer", "Maternal grandmother", "Avery"),
    ):
        add(
            "family",
            role=role,
            relationship_to_child=relationship,
            first_name=first,
            last_name="Typical",
            date_of_birth=TODAY - datetime.timedelta(days=365 * 30),
            address="12 Example Road\nGainsborough DN21 1AA",
            ethnicity="white_british",
            legal_status="None",
            cp_plan_status="no",
        )
    for name, practitioner in (
        ("Children's social care", "A Social Worker"),
        ("Example Primary School", "The designated safeguarding lead"),
    ):
        add(
            "agencies",
            agency_name=name,
            practitioner_name=practitioner,
            contact_details="01522 555 0199",
            involvement=_text(1),
            involved_from=TODAY - datetime.timedelta(days=400),
            still_involved="yes",
        )
    referral.refresh_from_db()
    return referral

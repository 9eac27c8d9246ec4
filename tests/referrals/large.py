"""The large referral of issue 9 (8 children, 24 family members, 12 agencies, long names and
addresses), built through the services: for the PDF layout test and bench/pdf_render.py."""

import datetime

from cases.models import Role
from referrals.services import authorisation, drafts

LONG_ADDRESS = (
    "Flat 14B, Wolverhampton-Boulevard-Apartments, 1234 Extraordinarilylongstreetnamewithoutspaces"
    " Road, Little Snoring-on-the-Marsh, Lincolnshire LN12 3AB"
)
LONG_NAME = "Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh"
TODAY = datetime.date.today()


def large_referral(side):
    """A received referral of the side's police SLO: 22 pages as a PDF (30 with the automatic
    table layout the PDFs had before)."""
    slo = side.members[Role.SLO]
    referral = drafts.referral_create(actor=slo.user, membership=slo)
    story = " ".join(["The family moved between three local authorities in two years."] * 26)
    drafts.referral_save_draft(
        actor=slo.user,
        membership=slo,
        referral=referral,
        harm="serious_harm",
        what_happened=story,
        why_now=story,
        immediate_action=story,
        summary_of_events="\n".join([story] * 2),
        why_meets_criteria=story,
        worries=story,
        key_issues=story,
        anything_else=story,
        reasons=["partner_notification"],
        incident_date=TODAY - datetime.timedelta(days=3),
    )

    def add(collection, **fields):
        drafts.referral_item_add(
            actor=slo.user, membership=slo, referral=referral, collection=collection, **fields
        )

    for i in range(8):
        add(
            "children",
            first_name=f"Alexandria-Christabel{i}",
            last_name=LONG_NAME,
            aliases=f"{LONG_NAME}-Smith, Lexi{i}",
            date_of_birth=TODAY - datetime.timedelta(days=400 * (i + 1)),
            address=LONG_ADDRESS,
            sex="female",
            ethnicity="white_british",
            faith="Church of England",
            disability="None known to the referrer at the time of writing this referral",
            first_language="English",
            education_provision="St Extraordinarily-Long-Named Church of England Primary Academy",
            carer_at_time="Maternal grandmother and her partner",
            legal_status="Section 20 accommodation under the Children Act 1989",
            cp_plan_status="yes",
            cp_plan_category="multiple",
        )
    for i in range(24):
        add(
            "family",
            role="significant_other" if i % 3 else "parent",
            relationship_to_child=f"Mother's partner's brother-in-law ({i})",
            first_name=f"Maximilian-Bartholomew{i}",
            last_name=LONG_NAME,
            date_of_birth=TODAY - datetime.timedelta(days=9000 + 100 * i),
            address=LONG_ADDRESS,
            ethnicity="white_other",
            legal_status="Under investigation; bail conditions not to contact the children",
            cp_plan_status="has_been",
            cp_plan_category="neglect",
        )
    for i in range(12):
        add(
            "agencies",
            agency_name=f"Northern Lincolnshire and Goole NHS Foundation Trust Service {i}",
            practitioner_name=f"Dr {LONG_NAME} {i}",
            contact_details=f"practitioner.{LONG_NAME.lower()}{i}@nlg.nhs.example.uk 01234 567890",
            involvement=" ".join(["Health visiting, then school nursing and paediatrics."] * 18),
            involved_from=TODAY - datetime.timedelta(days=900),
            still_involved="yes",
        )
    referral.refresh_from_db()
    return authorisation.referral_authorise(actor=slo.user, membership=slo, referral=referral)

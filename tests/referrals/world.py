"""Referral records of a world side (tests/world.py), made on first use and kept in side.extra,
so tests that do not touch referrals pay nothing for them."""

from cases.models import Role
from referrals.lookups import lookups
from referrals.services import challenges, drafts
from tests.referrals import helpers


def referral(side):
    """Received, decided "recommend a rapid review" and awaiting the executive; challenged."""
    if "referral" not in side.extra:
        # "Sample": a canary for tests/test_access_log_coverage.py.
        item = helpers.awaiting_executive(side, child={"first_name": "Sam", "last_name": "Sample"})
        bm = side.members[Role.BUSINESS_MANAGER]
        side.extra["challenge"] = challenges.challenge_raise(
            actor=bm.user,
            membership=bm,
            referral=item,
            kind="challenge",
            grounds="The agency thinks a learning review fits better.",
            raised_on=helpers.TODAY,
        )
        side.extra["referral"] = item
    return side.extra["referral"]


def challenge(side):
    referral(side)
    return side.extra["challenge"]


def draft(side):
    """An external draft the business manager is entering, with a row in every list."""
    if "referral_draft" not in side.extra:
        bm = side.members[Role.BUSINESS_MANAGER]
        item = drafts.referral_create_external(
            actor=bm.user, membership=bm, external_source="coroner", referrer_name="HM Coroner"
        )
        for collection, fields in (
            ("children", {"first_name": "Alex", "last_name": "Sample"}),
            (
                "family",
                {"role": "parent", "relationship_to_child": "Mother", "last_name": "Sample"},
            ),
            ("agencies", {"agency": side.agencies["school"], "practitioner_name": "A Teacher"}),
        ):
            side.extra[f"draft_{collection}"] = drafts.referral_item_add(
                actor=bm.user, membership=bm, referral=item, collection=collection, **fields
            )
        side.extra["referral_draft"] = item
    return side.extra["referral_draft"]


def draft_child(side):
    draft(side)
    return side.extra["draft_children"]


def lookup(side):
    return lookups(side.partnership, "reason")[0]


def in_triage(side):
    """Received and waiting for triage, with a call for information to the school."""
    if "in_triage" not in side.extra:
        from referrals.services import agency_information

        item = helpers.submitted(side, child={"first_name": "Robin", "last_name": "Sample"})
        bm = side.members[Role.BUSINESS_MANAGER]
        side.extra["agency_call"] = agency_information.agency_information_request(
            actor=bm.user,
            membership=bm,
            referral=item,
            agency=side.agencies["school"],
            question="A summary of the school's involvement since 2024, please.",
        )
        side.extra["in_triage"] = item
    return side.extra["in_triage"]


def agency_call(side):
    in_triage(side)
    return side.extra["agency_call"]


def school_lead(side):
    """The school's safeguarding lead officer, who answers the call for information."""
    if "school_lead" not in side.extra:
        from tests.factories import make_member

        side.extra["school_lead"] = make_member(
            side.partnership, Role.SLO, agency=side.agencies["school"]
        )
    return side.extra["school_lead"].user


def monitored(side):
    """Decided "media interest": the case is monitored."""
    if "monitored" not in side.extra:
        from referrals.services import triage

        item = helpers.submitted(side, child={"first_name": "Kim", "last_name": "Sample"})
        bm = side.members[Role.BUSINESS_MANAGER]
        triage.referral_decide(
            actor=bm.user,
            membership=bm,
            referral=item,
            outcome="media_interest",
            rationale="Local press interest.",
            decided_on=helpers.TODAY,
            decided_by="SIRG",
        )
        side.extra["monitored"] = item
    return side.extra["monitored"]


def notification_agreement(side):
    """A statutory partner's agreement to notify (issue 12): recorded while the partnership's
    setting says the statutory partners decide, then the setting is put back."""
    if "notification_agreement" not in side.extra:
        from referrals.services import agreements

        item = helpers.awaiting_executive(side)
        before = side.partnership.workflow
        side.partnership.workflow = {
            **before,
            "notification_decision": {"by": "statutory_partners", "agreements_needed": 3},
        }
        side.partnership.save(update_fields=["workflow"])
        police = side.members[Role.SLO]
        try:
            side.extra["notification_agreement"] = agreements.notification_agreement_record(
                actor=police.user,
                membership=police,
                referral=item,
                agrees=True,
                rationale="The criteria are met.",
            )
        finally:
            side.partnership.workflow = before
            side.partnership.save(update_fields=["workflow"])
    return side.extra["notification_agreement"]

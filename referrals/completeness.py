"""What triage cannot do without. Everything else may be missing when a referral is sent:
the seeds say do not delay a referral for missing facts (Swindon, "Completing the form")."""

from __future__ import annotations

from dataclasses import dataclass

from referrals.choices import FamilyInvolvement
from referrals.models import Referral, ReferralChild


@dataclass(frozen=True)
class Problem:
    page: str  # the question page (or list) that answers it, see referrals.sections
    field: str
    message: str


# Documented in docs/referrals.md ("Required before sending").
def referral_problems(referral: Referral) -> list[Problem]:
    problems = []
    if referral.is_external:
        if not referral.external_source:
            problems.append(Problem("referrer", "external_source", "Select who made the referral"))
        if not (referral.referrer_organisation or referral.referrer_name):
            problems.append(
                Problem("referrer", "referrer_organisation", "Enter who made the referral")
            )
    elif not referral.referrer_name:
        problems.append(Problem("referrer", "referrer_name", "Enter the referrer's name"))
    if not (referral.referrer_phone or referral.referrer_email):
        problems.append(
            Problem(
                "referrer",
                "referrer_phone",
                "Enter a telephone number or email address so the partnership can contact the"
                " referrer",
            )
        )
    children = list(ReferralChild.objects.filter(referral=referral, archived_at__isnull=True))
    if not children:
        problems.append(Problem("children", "", "Add the child or children the referral is about"))
    for n, child in enumerate(children, start=1):
        if not child.first_name.strip():
            problems.append(
                Problem(
                    f"children/{child.pk}",
                    "first_name",
                    f"Enter the first name of child {n} (if the child has no name yet, enter"
                    " “Baby”)",
                )
            )
    if not referral.harm:
        problems.append(Problem("incident", "harm", "Select what happened to the child"))
    if not referral.what_happened.strip():
        problems.append(Problem("what-happened", "what_happened", "Enter what happened"))
    if not (referral.reasons or referral.reason_other.strip()):
        problems.append(Problem("reasons", "reasons", "Select at least one reason for referral"))
    if (
        referral.involve_family == FamilyInvolvement.NO
        and not referral.family_not_involved_reasons.strip()
    ):
        problems.append(
            Problem(
                "family-involvement",
                "family_not_involved_reasons",
                "Enter why involving the child and family is not in the child's best interests",
            )
        )
    return problems

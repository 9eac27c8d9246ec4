"""What triage cannot do without. Everything else may be missing when a referral is sent:
the seeds say do not delay a referral for missing facts (Swindon, "Completing the form").

NEEDS is the one list: `referral_problems` checks it before sending, the question pages read it
(`needed_fields`) so that a label says "(optional)" only when the answer is not needed, and the
task list reads it (`referrals.sections.Section.required`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from referrals.choices import FamilyInvolvement
from referrals.models import Referral, ReferralChild


@dataclass(frozen=True)
class Problem:
    page: str  # the question page (or list) that answers it, see referrals.sections
    field: str
    message: str


@dataclass(frozen=True)
class Need:
    """One thing triage cannot do without.

    page:    the question page or list (referrals.sections) that answers it;
    fields:  the answers that meet it (any one of them does); none for "add at least one";
    missing: true when the referral lacks it; for a ReferralChild need, when the child lacks it,
             or (each=False) when the list of children does;
    message: what the referrer is told, "{n}" being the child's number;
    model:   Referral, or ReferralChild for what the children need;
    each:    for a ReferralChild need: checked on each child (else on the list);
    who:     "all", "internal" (an agency's referral) or "external" (recorded on behalf);
    always:  False when only another answer makes it needed (the reasons behind a "no").
    """

    page: str
    fields: tuple[str, ...]
    missing: Callable
    message: str
    model: type = Referral
    each: bool = True
    who: str = "all"
    always: bool = True

    def applies_to(self, referral: Referral) -> bool:
        return self.who == "all" or (self.who == "external") == referral.is_external


# Documented in docs/referrals.md ("Required before sending").
NEEDS: tuple[Need, ...] = (
    Need(
        "referrer",
        ("external_source",),
        lambda r: not r.external_source,
        "Select who made the referral",
        who="external",
    ),
    Need(
        "referrer",
        ("referrer_organisation", "referrer_name"),
        lambda r: not (r.referrer_organisation or r.referrer_name),
        "Enter who made the referral",
        who="external",
    ),
    Need(
        "referrer",
        ("referrer_name",),
        lambda r: not r.referrer_name,
        "Enter the referrer's name",
        who="internal",
    ),
    Need(
        "referrer",
        ("referrer_phone", "referrer_email"),
        lambda r: not (r.referrer_phone or r.referrer_email),
        "Enter a telephone number or email address so the partnership can contact the referrer",
    ),
    Need(
        "children",
        (),
        lambda children: not children,
        "Add the child or children the referral is about",
        model=ReferralChild,
        each=False,
    ),
    Need(
        "children",
        ("first_name",),
        lambda child: not child.first_name.strip(),
        "Enter the first name of child {n} (if the child has no name yet, enter “Baby”)",
        model=ReferralChild,
    ),
    Need("incident", ("harm",), lambda r: not r.harm, "Select what happened to the child"),
    Need(
        "what-happened",
        ("what_happened",),
        lambda r: not r.what_happened.strip(),
        "Enter what happened",
    ),
    Need(
        "reasons",
        ("reasons", "reason_other"),
        lambda r: not (r.reasons or r.reason_other.strip()),
        "Select at least one reason for referral",
    ),
    Need(
        "family-involvement",
        ("family_not_involved_reasons",),
        lambda r: (
            r.involve_family == FamilyInvolvement.NO and not r.family_not_involved_reasons.strip()
        ),
        "Enter why involving the child and family is not in the child's best interests",
        always=False,
    ),
)


@cache
def needed_fields(model: type) -> frozenset[str]:
    """The answers of `model` that some need names: their labels never say "(optional)"."""
    return frozenset(name for need in NEEDS if need.model is model for name in need.fields)


def referral_problems(referral: Referral) -> list[Problem]:
    problems = []
    children = list(ReferralChild.objects.filter(referral=referral, archived_at__isnull=True))
    for need in NEEDS:
        if not need.applies_to(referral):
            continue
        field = need.fields[0] if need.fields else ""
        if need.model is ReferralChild and not need.each:
            if need.missing(children):
                problems.append(Problem(need.page, field, need.message))
        elif need.model is ReferralChild:
            for n, child in enumerate(children, start=1):
                if need.missing(child):
                    message = need.message.format(n=n)
                    problems.append(Problem(f"{need.page}/{child.pk}", field, message))
        elif need.missing(referral):
            problems.append(Problem(need.page, field, need.message))
    return problems

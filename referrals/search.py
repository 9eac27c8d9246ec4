"""Referrals in a search (cases.search, issue 11): their children and family, and their
reference, from the member's visible referrals only (never another agency's draft)."""

from cases.models import Membership
from cases.search import EXACT, RESULTS_LIMIT, Query, Result, people_matches, quote
from referrals.models import Referral, ReferralChild, ReferralPerson
from referrals.permissions import visible_referrals
from referrals.selectors import with_child_names


def _result(referral: Referral) -> Result:
    return Result(
        kind="referral",
        pk=referral.pk,
        reference=referral.display_reference,
        title=referral.child_label[:1].upper() + referral.child_label[1:],
        status=referral.get_status_display(),
        created_at=referral.created_at,
        case_reference=referral.case.reference if referral.case_id else "",
    )


def referral_results(membership: Membership, query: Query) -> list[Result]:
    referrals = visible_referrals(membership)
    visible = referrals.values("pk")
    found: dict[int, list] = {}
    for model, fields, role in (
        (ReferralChild, ("first_name", "last_name", "aliases"), "Child"),
        (ReferralPerson, ("first_name", "last_name"), ""),
    ):
        people = model.objects.filter(
            partnership=membership.partnership_id,
            archived_at__isnull=True,
            referral__in=visible,
        )
        for referral_id, person, reasons in people_matches(
            people, query, parent="referral_id", fields=fields, role=role
        ):
            found.setdefault(referral_id, []).append((person, reasons))
    by_reference = set()
    if query.is_reference_like:
        by_reference = set(
            referrals.filter(reference__icontains=query.text).values_list("pk", flat=True)[
                :RESULTS_LIMIT
            ]
        )
    results = []
    chosen = with_child_names(
        referrals.filter(pk__in=set(found) | by_reference).select_related("case"),
        membership.partnership,
    )
    for referral in chosen:
        result = _result(referral)
        if referral.pk in by_reference:
            result.add("", [(f"Reference matches {quote(query.text)}", EXACT)])
        for person, reasons in found.get(referral.pk, ()):
            result.add(person, reasons)
        results.append(result)
    return results

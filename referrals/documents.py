"""The referral's two PDFs, rendered off the request path by cases/rendered/."""

from cases.rendered.kinds import DocumentKind
from referrals import selectors
from referrals.answers import display
from referrals.choices import LookupKind
from referrals.lookups import lookup_choices, lookup_labels


def _referral_context(referral) -> dict:
    partnership = referral.partnership
    return {
        "referral": referral,
        "partnership": partnership,
        "children": list(referral.children.all()),
        "people": list(referral.people.all()),
        "contacts": list(referral.contacts.all()),
        "reasons": lookup_labels(partnership, LookupKind.REASON, referral.reasons),
        "characteristics": lookup_labels(
            partnership, LookupKind.CHARACTERISTIC, referral.characteristics
        ),
    }


def _recommendation_context(referral) -> dict:
    partnership = referral.partnership
    recommendation = selectors.latest_recommendation(referral)
    if recommendation is None:
        raise LookupError("The referral has no recommendation")
    chosen = set(recommendation.characteristics)
    entries = {entry["child"]: entry for entry in recommendation.children}
    children = list(referral.children.all())
    return {
        "referral": referral,
        "partnership": partnership,
        "recommendation": recommendation,
        "decision": getattr(recommendation, "executive_decision", None),
        "children_entries": [(c, entries.get(c.pk)) for c in children],
        "characteristics": [
            {"label": label, "ticked": key in chosen}
            for key, label in lookup_choices(
                partnership, LookupKind.CHARACTERISTIC, keep=list(chosen)
            )
        ],
        "harm": display(recommendation, "harm", partnership),
        "abuse": display(recommendation, "abuse_or_neglect", partnership),
    }


def _case(referral):
    return referral.case


REFERRAL_PDF = DocumentKind(
    name="referral",
    title="referral",
    template="referrals/pdf/referral.html",
    load=selectors.referral_for_print,
    context=_referral_context,
    case=_case,
)
RECOMMENDATION_PDF = DocumentKind(
    name="recommendation",
    title="recommendation",
    template="referrals/pdf/recommendation.html",
    load=selectors.referral_for_print,
    context=_recommendation_context,
    case=_case,
)

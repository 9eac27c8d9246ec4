"""What the notification takes from the case's referral. The core never imports a stage app;
the notifications app reads the referrals app here, and only here."""

from referrals.choices import AbuseOrNeglect as ReferralAbuse
from referrals.choices import Harm as ReferralHarm
from referrals.models import Referral


def referral_of_case(case) -> Referral | None:
    """The case's referral the partnership received (the latest, if several were linked)."""
    return (
        Referral.objects.filter(case=case, received_on__isnull=False)
        .order_by("-received_on", "-pk")
        .first()
    )


def referral_answers(referral: Referral | None) -> dict:
    """The notification's answers the referral (and its recommendation) already gives."""
    if referral is None:
        return {}
    answers = {
        "referral_id": referral.pk,
        "incident_date": referral.incident_date,
        "outline": referral.what_happened,
        "immediate_action": referral.immediate_action,
        "characteristics": list(referral.characteristics or []),
        "characteristics_other": referral.characteristics_other,
    }
    if referral.harm == ReferralHarm.DIED:
        answers["harm"] = "died"
    elif referral.harm == ReferralHarm.SERIOUS_HARM:
        answers["harm"] = "serious_harm"
    recommendation = referral.recommendations.order_by("-sent_at", "-pk").first()
    if recommendation is not None:
        if recommendation.abuse_or_neglect in (
            ReferralAbuse.ABUSE,
            ReferralAbuse.NEGLECT,
            ReferralAbuse.BOTH,
        ):
            answers["abuse_or_neglect"] = "suspected"
        if recommendation.outline:
            answers["outline"] = recommendation.outline
        if recommendation.actions_taken:
            answers["immediate_action"] = recommendation.actions_taken
    looked_after = referral.children.filter(archived_at__isnull=True, lac_status="yes").exists()
    if looked_after:
        answers["care_status"] = "child_in_care"
    return answers


def characteristic_choices(partnership, keep=()) -> list[tuple[str, str]]:
    """The partnership's characteristics list, the one its referrals use."""
    from referrals.choices import LookupKind
    from referrals.lookups import lookup_choices

    return lookup_choices(partnership, LookupKind.CHARACTERISTIC, keep=keep)


def characteristic_labels(partnership, keys) -> list[str]:
    from referrals.choices import LookupKind
    from referrals.lookups import lookup_labels

    return lookup_labels(partnership, LookupKind.CHARACTERISTIC, keys)

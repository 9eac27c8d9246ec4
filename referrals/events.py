"""The case's day-zero event the referrals app records: the referral's receipt (Lincolnshire
000 chapter 1: "within 15 working days of the referral being received")."""

from referrals.models import Referral


def referral_events(case) -> dict:
    received = (
        Referral.objects.filter(case=case, received_on__isnull=False)
        .order_by("-received_on", "-pk")
        .values_list("received_on", flat=True)
        .first()
    )
    return {"referral_received": received}

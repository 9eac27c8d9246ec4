"""A sign-off chain on each side of the world (tests/world.py), made on first use through the
services: the tenant crawler's registry, the role matrix, the row-level security tests and the
accessibility pages use it.

The world's partnerships run Lincolnshire's preset: its notification chain is the review group's
recommendation, then the Assurance Executive's decision. The business manager starts it on the
case's attachment (standing in for a stage document), so it waits for the review group.
"""

from django.contrib.contenttypes.models import ContentType

from cases.models import RUNNING_STATUSES, Role, SignOff
from cases.services import signoff as services

DOCUMENT_TYPE = "notification"


def a_sign_off(side) -> SignOff:
    found = SignOff.objects.filter(
        content_type=ContentType.objects.get_for_model(side.attachment),
        object_id=side.attachment.pk,
        document_type=DOCUMENT_TYPE,
        status__in=RUNNING_STATUSES,
    ).first()
    if found is not None:
        return found
    bm = side.members[Role.BUSINESS_MANAGER]
    return services.signoff_start(
        actor=bm.user,
        membership=bm,
        case=side.case,
        document_type=DOCUMENT_TYPE,
        document=side.attachment,
    )


def an_approved_step(side) -> SignOff:
    """The sign-off with its first step signed off by the review group (a decision row)."""
    sign_off = a_sign_off(side)
    if sign_off.position == 0:
        rg = side.members[Role.REVIEW_GROUP_MEMBER]
        services.signoff_approve(actor=rg.user, membership=rg, sign_off=sign_off)
    return sign_off


def a_sign_off_with_the_executive(side) -> SignOff:
    """A second chain, on the case's note, past the review group: the Assurance Executive's
    step, where the decision form offers a return."""
    document = side.note
    found = SignOff.objects.filter(
        content_type=ContentType.objects.get_for_model(document),
        object_id=document.pk,
        document_type=DOCUMENT_TYPE,
        status__in=RUNNING_STATUSES,
    ).first()
    if found is not None:
        return found
    rg = side.members[Role.REVIEW_GROUP_MEMBER]
    # The review group member is the chain's first step: starting it does that step.
    return services.signoff_start(
        actor=rg.user,
        membership=rg,
        case=side.case,
        document_type=DOCUMENT_TYPE,
        document=document,
    )

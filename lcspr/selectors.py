"""Reads of LCSPRs, each starting from what the member may see."""

from django.db.models import QuerySet
from django.http import Http404

from cases.permissions import mark_visible, visible_cases
from lcspr.models import LearningReview, LocalReview


def visible_lcsprs(membership) -> QuerySet[LocalReview]:
    """The list filter paired with permissions.can_view_lcspr."""
    return LocalReview.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    ).select_related("case", "case__partnership", "started_by")


def lcspr_for_user(*, membership, pk) -> LocalReview:
    """404 alike for an LCSPR that does not exist and one the member may not see."""
    found = visible_lcsprs(membership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such LCSPR")
    mark_visible(found.case, membership)
    return found


def visible_learning_reviews(membership) -> QuerySet[LearningReview]:
    return LearningReview.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    ).select_related("case", "case__partnership")


def learning_review_for_user(*, membership, pk) -> LearningReview:
    found = visible_learning_reviews(membership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such learning review")
    mark_visible(found.case, membership)
    return found


def visible_briefings(membership):
    """7-minute briefings of the cases the member can see (the pair of can_view_lcspr)."""
    from lcspr.models import SevenMinuteBriefing

    return SevenMinuteBriefing.objects.filter(
        partnership=membership.partnership_id,
        case__in=visible_cases(membership).values("pk"),
    ).select_related("case", "case__partnership", "local_review", "learning_review")


def briefing_for_user(*, membership, pk):
    found = visible_briefings(membership).filter(pk=pk).first()
    if found is None:
        raise Http404("No such 7-minute briefing")
    mark_visible(found.case, membership)
    return found


def visible_sessions(membership):
    """Practitioner sessions of the LCSPRs the member can see (the pair of can_view_lcspr)."""
    from lcspr.models import PractitionerSession

    return PractitionerSession.objects.filter(
        partnership=membership.partnership_id,
        review__case__in=visible_cases(membership).values("pk"),
    ).select_related("review__case__partnership", "meeting", "partnership")


def session_for_user(*, membership, pk, invitee_too: bool = False):
    """404 alike for a missing session and one the member may not see; with invitee_too, a
    practitioner invited to it (who may not see the case) finds it too (their feedback)."""
    from cases.models import MeetingInvitee
    from lcspr.models import PractitionerSession

    found = visible_sessions(membership).filter(pk=pk).first()
    if found is not None:
        mark_visible(found.review.case, membership)
        return found
    if invitee_too:
        found = (
            PractitionerSession.objects.filter(partnership=membership.partnership_id, pk=pk)
            .select_related("review__case__partnership", "meeting", "partnership")
            .first()
        )
        if (
            found is not None
            and MeetingInvitee.objects.filter(
                meeting=found.meeting_id, membership=membership, removed_at__isnull=True
            ).exists()
        ):
            return found
    raise Http404("No such practitioner session")

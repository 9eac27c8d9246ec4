"""Reads of referrals. Every function starts from the member's visible referrals."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat, Trim
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases.clock import calendar_for, rag
from cases.models import AuditEvent, Case, Deadline, DeadlineStatus, Membership, Role, Subject
from cases.permissions import visible_cases
from cases.validators import normalise_nhs_number
from referrals import deciding
from referrals.choices import ReferralStatus
from referrals.models import (
    Challenge,
    InformationRequest,
    Recommendation,
    Referral,
    ReferralAgencyContact,
    ReferralChild,
    ReferralPerson,
    ReviewGroupListing,
    TriageDecision,
)
from referrals.permissions import visible_referrals

S = ReferralStatus
COLLECTIONS = {
    "children": ReferralChild,
    "family": ReferralPerson,
    "agencies": ReferralAgencyContact,
}
QUEUE_STATUSES = (
    S.SUBMITTED,
    S.INFORMATION_REQUESTED,
    S.IN_TRIAGE,
    S.PREPARING_RECOMMENDATION,
    S.AWAITING_EXECUTIVE,
)


def _live(model):
    return model.objects.filter(archived_at__isnull=True)


def with_child_names(referrals: QuerySet[Referral], partnership) -> QuerySet[Referral]:
    """Each referral's first child's name and its number of children, for telling referrals
    apart in lists (Referral.child_label), named as ``partnership`` prefers."""
    children = _live(ReferralChild).filter(referral=OuterRef("pk"))
    return referrals.annotate(
        child_initials_only=Value(partnership.lists_child_initials),
        first_child_name=Subquery(
            children.order_by("id").values(
                name=Trim(Concat("first_name", Value(" "), "last_name"))
            )[:1]
        ),
        child_count=Subquery(
            children.order_by().values("referral").annotate(n=Count("id")).values("n")[:1]
        ),
    )


# The referral list's sorts, each served by an index (tests/test_query_plans.py): received by
# referral_list_recent, started by referral_list_started, reference by referral_list_reference.
REFERRAL_SORTS = {
    "received": ("submitted_at", "created_at", "id"),
    "started": ("created_at", "id"),
    "reference": ("reference", "id"),
}


def referral_list(
    *,
    membership: Membership,
    status: str = "",
    agency: int | None = None,
    order: str = "newest",
    sort: str = "received",
) -> QuerySet[Referral]:
    """``sort`` one of REFERRAL_SORTS; ``order`` "newest" (descending) or "oldest"."""
    qs = with_child_names(
        visible_referrals(membership).select_related("agency", "case", "created_by"),
        membership.partnership,
    )
    if status:
        qs = qs.filter(status=status)
    if agency:
        qs = qs.filter(agency=agency)
    fields = REFERRAL_SORTS.get(sort, REFERRAL_SORTS["received"])
    if order == "oldest":
        return qs.order_by(*fields)
    return qs.order_by(*(f"-{f}" for f in fields))


def referral_for_user(*, membership: Membership, pk: int) -> Referral:
    """The referral if the member may see it; 404 alike for missing and someone else's."""
    return get_object_or_404(
        visible_referrals(membership).select_related(
            "partnership", "agency", "case", "created_by", "authorised_by", "quality_assured_by"
        ),
        pk=pk,
    )


def _people_prefetches() -> tuple[Prefetch, ...]:
    """The referral's live children, family and agency contacts (the page and the PDFs)."""
    return (
        Prefetch("children", queryset=_live(ReferralChild)),
        Prefetch("people", queryset=_live(ReferralPerson)),
        Prefetch("contacts", queryset=_live(ReferralAgencyContact).select_related("agency")),
    )


def referral_detail(*, membership: Membership, pk: int) -> Referral:
    return get_object_or_404(
        visible_referrals(membership)
        .select_related("partnership", "agency", "case", "created_by", "authorised_by")
        .prefetch_related(
            *_people_prefetches(),
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.select_related(
                    "requested_by", "responded_by", "agency"
                ),
            ),
            Prefetch("listings", queryset=ReviewGroupListing.objects.order_by("meeting_date")),
            Prefetch("decisions", queryset=TriageDecision.objects.select_related("recorded_by")),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related(
                    "prepared_by", "executive_decision", "executive_decision__recorded_by"
                ),
            ),
            Prefetch("challenges", queryset=Challenge.objects.prefetch_related("records")),
        ),
        pk=pk,
    )


def referral_for_print(pk: int) -> Referral:
    """A received referral with what its PDFs print, loaded the same way in the request and in
    the rendering task (no permission check: the views check first)."""
    return (
        Referral.objects.filter(case__isnull=False)
        .select_related("partnership", "case", "created_by", "authorised_by")
        .prefetch_related(
            *_people_prefetches(),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("executive_decision"),
            ),
        )
        .get(pk=pk)
    )


def referral_items(*, referral: Referral, collection: str) -> QuerySet:
    qs = _live(COLLECTIONS[collection]).filter(referral=referral)
    if collection == "agencies":
        qs = qs.select_related("agency")
    return qs


def referral_item(*, referral: Referral, collection: str, pk: int):
    if collection not in COLLECTIONS:
        from django.http import Http404

        raise Http404("No such list")
    return get_object_or_404(referral_items(referral=referral, collection=collection), pk=pk)


def referral_history(*, referral: Referral) -> QuerySet[AuditEvent]:
    """Everything recorded about the referral, drafting included (the case history has the
    events from its receipt on)."""
    content_type = ContentType.objects.get_for_model(Referral)
    return (
        AuditEvent.objects.filter(content_type=content_type, object_id=str(referral.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )


def latest_recommendation(referral: Referral) -> Recommendation | None:
    recommendations = list(referral.recommendations.all())
    return recommendations[-1] if recommendations else None


def open_information_request(referral: Referral) -> InformationRequest | None:
    """The referrer's open request (a call to another agency does not hold the referral)."""
    return next(
        (r for r in referral.information_requests.all() if r.is_open and r.agency_id is None),
        None,
    )


def challenge_for_referral(*, referral: Referral, pk: int) -> Challenge:
    return get_object_or_404(
        Challenge.objects.filter(referral=referral).prefetch_related("records"), pk=pk
    )


# --- The triage queue -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    referral: Referral
    age: int | None  # working days since receipt
    deadline: Deadline | None  # next open triage step
    rag: str
    waiting_days: int | None  # working days waiting for more information
    meeting_date: datetime.date | None


def triage_referrals(
    *,
    membership: Membership,
    status: str = "",
    agency: int | None = None,
    order: str = "newest",
) -> QuerySet[Referral]:
    """Received referrals still in the partnership's hands. Slice or paginate it in the
    database, then pass the page to `queue_rows` for the clocks."""
    statuses = [status] if status in QUEUE_STATUSES else list(QUEUE_STATUSES)
    return (
        referral_list(membership=membership, agency=agency, order=order)
        .filter(status__in=statuses)
        .prefetch_related(
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.filter(responded_at__isnull=True),
                to_attr="open_requests",
            ),
            Prefetch("listings", queryset=ReviewGroupListing.objects.order_by("meeting_date")),
        )
    )


def queue_rows(
    referrals, *, membership: Membership, today: datetime.date | None = None
) -> list[QueueRow]:
    """One page of the triage queue with its clocks: the same queries for 5 rows or 25."""
    today = today or timezone.localdate()
    referrals = list(referrals)
    case_ids = [r.case_id for r in referrals if r.case_id]
    deadlines: dict[int, Deadline] = {}
    if case_ids:
        for d in Deadline.objects.filter(
            case__in=case_ids, stage="triage", status=DeadlineStatus.OPEN
        ).order_by("case_id", "due", "key"):
            deadlines.setdefault(d.case_id, d)
    calendar = calendar_for(membership.partnership)
    rows = []
    for r in referrals:
        deadline = deadlines.get(r.case_id)
        waiting = None
        if r.open_requests:
            asked = timezone.localdate(r.open_requests[0].created_at)
            waiting = calendar.working_day_number(asked, today)
        upcoming = [x.meeting_date for x in r.listings.all() if x.meeting_date >= today]
        rows.append(
            QueueRow(
                referral=r,
                age=calendar.working_day_number(r.received_on, today) if r.received_on else None,
                deadline=deadline,
                rag=rag(deadline, today, calendar) if deadline else "grey",
                waiting_days=waiting,
                meeting_date=upcoming[0] if upcoming else None,
            )
        )
    return rows


def awaiting_authorisation(*, membership: Membership) -> QuerySet[Referral]:
    from referrals.permissions import _is_agency_authoriser

    if not _is_agency_authoriser(membership):
        return Referral.objects.none()
    return referral_list(membership=membership).filter(
        status=S.AWAITING_AUTHORISATION, agency=membership.agency_id, is_external=False
    )


def awaiting_executive(*, membership: Membership) -> QuerySet[Referral]:
    from cases.models import Role

    if not membership.has_role(Role.EXECUTIVE):
        return Referral.objects.none()
    waiting = referral_list(membership=membership).filter(status=S.AWAITING_EXECUTIVE)
    if deciding.decided_by(membership.partnership) != deciding.EXECUTIVE:
        # Recommended notifications go to the partners or the local authority (issue 12);
        # the executive still confirms the other outcomes (seed 004).
        waiting = waiting.exclude(pk__in=_undecided_recommendations())
    return waiting


def _undecided_recommendations():
    from referrals.models import Recommendation

    return Recommendation.objects.filter(
        sent_at__isnull=False, executive_decision__isnull=True
    ).values("referral_id")


def notification_disagreements(*, membership: Membership, limit: int = 10) -> list[Referral]:
    """For the business manager (issue 12): referrals awaiting a notification decision on which a
    statutory partner's word is that it does not agree, or has escalated its disagreement."""
    from referrals.models import NotificationAgreement

    if not membership.has_role(Role.BUSINESS_MANAGER):
        return []
    rows = NotificationAgreement.objects.filter(
        agrees=False, recommendation__executive_decision__isnull=True
    ).values("referral_id")
    found = []
    for referral in referral_list(membership=membership).filter(
        status=S.AWAITING_EXECUTIVE, pk__in=rows
    )[: limit * 3]:
        word = {}
        for row in referral.notification_agreements.order_by("recorded_at", "id"):
            word[(row.agency_id, bool(row.escalated_to))] = row
        if any(not row.agrees for row in word.values()):
            found.append(referral)
        if len(found) == limit:
            break
    return found


def awaiting_notification_decision(*, membership: Membership) -> QuerySet[Referral]:
    """Recommended notifications waiting for this member (issue 12): the local authority's
    decision, or (statutory partners) their agency's agreement, until it has agreed."""
    from referrals.models import NotificationAgreement

    by = deciding.decided_by(membership.partnership)
    if by == deciding.LOCAL_AUTHORITY and deciding.is_local_authority_decider(membership):
        return referral_list(membership=membership).filter(
            status=S.AWAITING_EXECUTIVE, pk__in=_undecided_recommendations()
        )
    if by == deciding.STATUTORY_PARTNERS and deciding.is_partner_representative(membership):
        agreed = NotificationAgreement.objects.filter(
            agency=membership.agency_id,
            agrees=True,
            escalated_to="",
            recommendation__executive_decision__isnull=True,
        ).values("referral_id")
        return (
            referral_list(membership=membership)
            .filter(status=S.AWAITING_EXECUTIVE, pk__in=_undecided_recommendations())
            .exclude(pk__in=agreed)
        )
    return Referral.objects.none()


# --- Possible duplicates ----------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateMatch:
    case: Case
    reasons: tuple[str, ...]


def possible_duplicates(*, membership: Membership, referral: Referral) -> list[DuplicateMatch]:
    """Open cases of the partnership with a person of the same NHS number, or the same name and
    date of birth, as a child or family member on the referral. Only cases the member can see
    are offered (anything else would reveal that another case exists)."""
    children = list(_live(ReferralChild).filter(referral=referral))
    people = list(_live(ReferralPerson).filter(referral=referral))
    nhs = {normalise_nhs_number(p.nhs_number) for p in children + people if p.nhs_number}
    name_dob = Q()
    for p in children + people:
        if p.first_name and p.last_name and p.date_of_birth:
            name_dob |= Q(
                first_name__iexact=p.first_name.strip(),
                last_name__iexact=p.last_name.strip(),
                date_of_birth=p.date_of_birth,
            )
    match = Q(nhs_number__in=nhs) if nhs else Q()
    if name_dob:
        match = (match | name_dob) if nhs else name_dob
    if not match:
        return []
    subjects = (
        Subject.objects.filter(
            partnership=referral.partnership_id,
            archived_at__isnull=True,
            case__in=visible_cases(membership).values("pk"),
        )
        .filter(match)
        .exclude(case=referral.case_id)
        .select_related("case")
    )
    found: dict[int, tuple[Case, set[str]]] = {}
    for s in subjects:
        case, reasons = found.setdefault(s.case_id, (s.case, set()))
        if s.nhs_number and s.nhs_number in nhs:
            reasons.add("same NHS number")
        else:
            reasons.add("same name and date of birth")
    return [
        DuplicateMatch(case=case, reasons=tuple(sorted(reasons)))
        for case, reasons in sorted(found.values(), key=lambda x: x[0].reference)
    ]


def agency_requests(*, membership: Membership) -> QuerySet[InformationRequest]:
    """Calls for information to agencies (Lincolnshire Appendix B): the asked agency sees its
    own, never the referrals behind them; the business manager, who asks, sees them all."""
    from cases.models import Role
    from referrals.permissions import answers_for_agency

    if membership.has_role(Role.BUSINESS_MANAGER):
        scope = Q(agency__isnull=False)
    elif answers_for_agency(membership):
        scope = Q(agency=membership.agency_id)
    else:
        return InformationRequest.objects.none()
    return (
        InformationRequest.objects.filter(scope, partnership=membership.partnership_id)
        .select_related("referral", "referral__case", "requested_by", "agency")
        .order_by("responded_at", "-created_at")
    )


def agency_request(*, membership: Membership, pk: int) -> InformationRequest:
    return get_object_or_404(agency_requests(membership=membership), pk=pk)

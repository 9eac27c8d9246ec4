"""The referral sections of the My work page (cases.views.home.my_work)."""

from django.urls import reverse

from cases.models import Membership, Role
from referrals import deciding, permissions, selectors
from referrals.choices import ReferralStatus

S = ReferralStatus
LIMIT = 10


def _item(referral, slug, *, hint="", edit=False) -> dict:
    name = "referrals:task_list" if edit else "referrals:detail"
    label = f"{referral}: {referral.child_label}"
    if referral.agency_id and not edit:
        label += f" from {referral.agency}"
    return {
        "label": label,
        "url": reverse(name, args=[slug, referral.pk]),
        "tag": referral.get_status_display(),
        "tag_colour": referral.status_colour,
        "hint": hint,
        "case_id": referral.case_id,
    }


def _in_progress_hint(referral) -> str:
    """Only a referral its author can still change is "saved: continue any time"."""
    if referral.is_editable:
        return "Drafts are saved: continue any time"
    if referral.status == S.AWAITING_AUTHORISATION:
        return "Sent for authorisation: you can no longer change it"
    if referral.status == S.INFORMATION_REQUESTED:
        return "The partnership has asked you for more information"
    return ""


def referral_work_sections(membership: Membership, slug: str) -> list[dict]:
    sections = []
    if permissions.can_start_referral(membership):
        mine = selectors.referral_list(membership=membership).filter(
            created_by=membership.user_id,
            status__in=[S.DRAFT, S.RETURNED, S.AWAITING_AUTHORISATION, S.INFORMATION_REQUESTED],
        )[:LIMIT]
        sections.append(
            {
                "title": "Your referrals in progress",
                "items": [
                    _item(r, slug, edit=r.is_editable, hint=_in_progress_hint(r)) for r in mine
                ],
                "empty_text": "You have no referrals in progress.",
            }
        )
    calls = []
    if permissions.answers_for_agency(membership):
        open_calls = selectors.agency_requests(membership=membership)
        calls = list(
            open_calls.filter(agency=membership.agency_id, responded_at__isnull=True)[:LIMIT]
        )
    if calls:
        sections.append(
            {
                "title": "Requests for information from the partnership",
                "items": [
                    {
                        "label": f"{info.referral}: {info.question[:80]}",
                        "url": reverse("referrals:agency_request", args=[slug, info.pk]),
                        "tag": "Waiting for your answer",
                        "tag_colour": "yellow",
                        "hint": f"Asked {info.created_at:%-d %B %Y}"
                        + (f", reply by {info.respond_by:%-d %B %Y}" if info.respond_by else ""),
                        "case_id": None,
                    }
                    for info in calls
                ],
                "empty_text": "The partnership has not asked your agency for information.",
            }
        )
    waiting = selectors.awaiting_authorisation(membership=membership)[:LIMIT]
    if waiting or permissions._is_agency_authoriser(membership):
        acting_for = permissions.deputy_for(membership)
        deputy = (
            ", as deputy for " + " and ".join(m.user.get_full_name() for m in acting_for)
            if acting_for
            else ""
        )
        sections.append(
            {
                "title": "Referrals waiting for your authorisation",
                "items": [
                    _item(r, slug, hint=f"From {r.referrer_name or r.created_by}{deputy}")
                    for r in waiting
                ],
                "empty_text": "No referrals are waiting for your authorisation.",
            }
        )
    if membership.has_role(Role.BUSINESS_MANAGER, Role.REVIEW_GROUP_MEMBER):
        oldest = selectors.triage_referrals(membership=membership, order="oldest")[:LIMIT]
        items = []
        for row in selectors.queue_rows(oldest, membership=membership):
            hint = f"Received {row.referral.received_on:%-d %B %Y}, {row.age} working days"
            items.append(_item(row.referral, slug, hint=hint))
        sections.append(
            {
                "title": "Referrals to triage",
                "items": items,
                "empty_text": "No referrals are waiting for triage.",
            }
        )
    if membership.has_role(Role.EXECUTIVE):
        sections.append(
            {
                "title": "Referrals awaiting your decision",
                "items": [
                    _item(r, slug, hint="A recommendation is waiting for your decision")
                    for r in selectors.awaiting_executive(membership=membership)[:LIMIT]
                ],
                "empty_text": "No recommendation is waiting for your decision.",
            }
        )
    by = deciding.decided_by(membership.partnership)
    if by != deciding.EXECUTIVE and membership.has_role(Role.BUSINESS_MANAGER):
        sections.append(
            {
                "title": "Disagreements about notifying",
                "items": [
                    _item(r, slug, hint="A statutory partner does not agree")
                    for r in selectors.notification_disagreements(
                        membership=membership, limit=LIMIT
                    )
                ],
                "empty_text": "No statutory partner has disagreed about a notification.",
            }
        )
    if by == deciding.STATUTORY_PARTNERS and deciding.is_partner_representative(membership):
        sections.append(
            {
                "title": "Notifications waiting for your agency's agreement",
                "items": [
                    _item(r, slug, hint="The statutory partners decide together whether to notify")
                    for r in selectors.awaiting_notification_decision(membership=membership)[:LIMIT]
                ],
                "empty_text": "No recommendation to notify is waiting for your agency.",
            }
        )
    if by == deciding.LOCAL_AUTHORITY and deciding.is_local_authority_decider(membership):
        sections.append(
            {
                "title": "Notifications waiting for the local authority's decision",
                "items": [
                    _item(r, slug, hint="The decision to notify sits with the local authority")
                    for r in selectors.awaiting_notification_decision(membership=membership)[:LIMIT]
                ],
                "empty_text": "No recommendation to notify is waiting for a decision.",
            }
        )
    return sections


def referral_case_panel(membership: Membership, case, slug: str) -> dict | None:
    """The referrals behind a case, on the case page (those this member may see)."""
    referrals = list(
        selectors.with_child_names(
            permissions.visible_referrals(membership), membership.partnership
        )
        .filter(case=case)
        .select_related("case", "agency")
        .order_by("created_at")
    )
    if not referrals:
        return None
    return {"title": "Referrals", "items": [_item(r, slug) for r in referrals]}

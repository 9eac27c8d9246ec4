"""The referral list (what the member may see) and the triage queue."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from cases.models import Agency
from cases.views.helpers import failed, posted, require, run_service
from cases.views.sorting import sort_from, sort_headers
from referrals import permissions, selectors
from referrals.choices import ReferralStatus
from referrals.forms.actions import ExternalStartForm
from referrals.services import drafts

# Sortable columns: key -> starts descending (newest first for dates).
REFERRAL_SORT_KEYS = {"reference": False, "started": True, "received": True}
REFERRAL_COLUMNS = [
    ("Referral", "reference"),
    ("From", None),
    ("Status", None),
    ("Started", "started"),
    ("Received", "received"),
]


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def referral_list(request, partnership_slug):
    membership = request.membership
    status = request.GET.get("status", "")
    if status not in ReferralStatus.values:
        status = ""
    sort = sort_from(request, REFERRAL_SORT_KEYS, default="received")
    qs = selectors.referral_list(
        membership=membership,
        status=status,
        sort=sort.key,
        order="newest" if sort.descending else "oldest",
    )
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "headers": sort_headers(request, REFERRAL_COLUMNS, sort),
            "status": status,
            "statuses": ReferralStatus.choices,
            "can_start": permissions.can_start_referral(membership),
            "can_record_external": permissions.can_record_external_referral(membership),
            "can_see_queue": permissions.can_see_triage_queue(membership),
            "can_manage_lookups": permissions.can_manage_lookups(membership),
        },
    )


def triage_queue(request, partnership_slug):
    membership = request.membership
    if not permissions.can_see_triage_queue(membership):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in selectors.QUEUE_STATUSES:
        status = ""
    order = "oldest" if request.GET.get("order") == "oldest" else "newest"
    agency = _int(request.GET.get("agency"))
    referrals = selectors.triage_referrals(
        membership=membership, status=status, agency=agency, order=order
    )
    page = Paginator(referrals, 25).get_page(request.GET.get("page"))
    page.object_list = selectors.queue_rows(page.object_list, membership=membership)
    return render(
        request,
        "referrals/queue.html",
        {
            "page": page,
            "status": status,
            "order": order,
            "agency": agency,
            "statuses": [(s.value, s.label) for s in selectors.QUEUE_STATUSES],
            "agencies": Agency.objects.filter(partnership=membership.partnership_id),
        },
    )


def start(request, partnership_slug):
    """The start page: what the referral needs, and "Start now" (creates the draft)."""
    membership = request.membership
    if not permissions.can_start_referral(membership):
        raise PermissionDenied
    if request.method == "POST":
        referral = drafts.referral_create(actor=request.user, membership=membership)
        return redirect("referrals:task_list", partnership_slug, referral.pk)
    return render(
        request,
        "referrals/start.html",
        {"authoriser_role": permissions.authoriser_role(membership.partnership)},
    )


@require(permissions.can_record_external_referral)
def start_external(request, partnership_slug):
    form = ExternalStartForm(posted(request))
    if request.method == "POST" and form.is_valid():
        referral = run_service(
            form,
            drafts.referral_create_external,
            actor=request.user,
            membership=request.membership,
            **form.cleaned_data,
        )
        if not failed(referral):
            return redirect("referrals:task_list", partnership_slug, referral.pk)
    return render(
        request,
        "referrals/action_form.html",
        {
            "form": form,
            "title": "Record a referral on someone's behalf",
            "intro": "For referrers without an account, such as the coroner or the child "
            "death overview panel. The referral is recorded as entered by you on their behalf.",
            "button": "Continue",
        },
    )

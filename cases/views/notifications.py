from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cases.reminders import selectors
from cases.services import preferences


def notification_list(request, partnership_slug):
    membership = request.membership
    page = Paginator(selectors.notifications_for(membership=membership), 25).get_page(
        request.GET.get("page")
    )
    for item in page.object_list:
        item.case_url = reverse("cases:case_detail", args=[partnership_slug, item.deadline.case_id])
    return render(
        request,
        "cases/notification_list.html",
        {"page": page, "unread": selectors.unread_count(membership=membership)},
    )


@require_POST
def notification_read(request, partnership_slug, pk):
    notification = selectors.notification_for_user(membership=request.membership, pk=pk)
    preferences.notification_mark_read(user=request.user, notification=notification)
    return redirect("cases:notifications", partnership_slug)


@require_POST
def notifications_read_all(request, partnership_slug):
    preferences.notifications_mark_all_read(
        user=request.user, partnership_id=request.membership.partnership_id
    )
    return redirect("cases:notifications", partnership_slug)

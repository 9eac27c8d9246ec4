"""The National Panel's replies on My work and on the case page, registered from
NotificationsConfig.ready(): the business manager sees the replies awaited (overdue first) and
the information the Panel asked for; the executives see a contrary view to reconsider."""

import datetime

from django.urls import reverse

from cases.clock import describe_clock, stage_clocks
from cases.models import CaseStage, Membership
from notifications import permissions, selectors
from notifications.choices import PANEL_STATUS_COLOURS, PanelResponseStatus
from notifications.home import LIMIT
from notifications.services.panel_responses import OPEN_STATUSES, STAGE

S = PanelResponseStatus
HINTS = {
    S.AWAITING: "Record the Panel's reply when it arrives",
    S.INFORMATION_REQUESTED: "Send what the Panel asked for and record when it went",
    S.RECONSIDERATION: "The Panel's view differs from the partnership's decision: record the"
    " reconsideration",
}


def _item(response, slug: str) -> dict:
    round_text = f" (round {response.round})" if response.round > 1 else ""
    return {
        "label": f"{response.case.reference}: the National Panel's reply{round_text}",
        "url": reverse("panel_responses:detail", args=[slug, response.pk]),
        "tag": response.get_status_display(),
        "tag_colour": PANEL_STATUS_COLOURS.get(response.status, "grey"),
        "hint": HINTS.get(response.status, ""),
    }


def panel_work_sections(membership: Membership, slug: str) -> list[dict]:
    may_record = membership.has_role(*permissions.PANEL_RECORDERS)
    may_reconsider = membership.has_role(*permissions.RECONSIDERERS)
    if not (may_record or may_reconsider):
        return []
    wanted = [S.RECONSIDERATION] + (list(OPEN_STATUSES) if may_record else [])
    responses = list(
        selectors.visible_panel_responses(membership)
        .filter(status__in=wanted)
        .order_by("submitted_on", "pk")[:LIMIT]
    )
    if not responses and not may_record:
        return []
    clocks = stage_clocks([r.case_id for r in responses], membership.partnership, STAGE)
    items = []
    for response in responses:
        item = _item(response, slug)
        if response.status == S.AWAITING:
            item = describe_clock(item, clocks.get(response.case_id))
            if response.meeting_date:
                item["hint"] = (
                    f"The Panel meets on {response.meeting_date:%-d %B %Y}: " + item["hint"].lower()
                )
        items.append(item)
    items.sort(key=lambda i: (not i.get("overdue"), i.get("due") or datetime.date.max))
    return [
        {
            "title": "National Panel replies",
            "items": items,
            "empty_text": "No reply from the National Panel is awaited.",
        }
    ]


def panel_case_panel(membership: Membership, case, slug: str) -> dict | None:
    responses = list(selectors.case_panel_responses(case).select_related("case"))
    items = [_item(r, slug) for r in responses]
    if (
        not any(r.status in OPEN_STATUSES for r in responses)
        and case.stage in (CaseStage.RAPID_REVIEW, CaseStage.PANEL_RESPONSE)
        and permissions.can_record_panel_response(membership, case)
    ):
        items.append(
            {
                "label": "Record that the rapid review went to the National Panel",
                "url": reverse("panel_responses:open", args=[slug, case.pk]),
            }
        )
    if not items:
        return None
    return {"title": "National Panel", "items": items}

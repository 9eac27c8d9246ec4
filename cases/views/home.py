from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime

from cases import clock, selectors
from cases import meetings as meeting_reads
from cases.actions import agency_actions_due
from cases.chronologies import chronologies_due, chronologies_late
from cases.extensions import work_sections
from cases.models import CaseStage, Role, SignOffStatus
from cases.models.roles import AGENCY_ROLES
from cases.reminders import selectors as reminder_selectors
from cases.signoff import signoffs_awaiting
from cases.tenancy import memberships_of


def root(request):
    if not request.user.is_authenticated:
        return redirect("account_login")
    return redirect("cases:choose_partnership")


@login_required
def choose_partnership(request):
    memberships = list(memberships_of(request.user))
    if len(memberships) == 1:
        return redirect("cases:home", memberships[0].partnership.slug)
    return render(request, "cases/choose_partnership.html", {"memberships": memberships})


def accessibility(request):
    return render(request, "pages/accessibility.html")


def _case_items(cases, slug):
    return [
        {
            "label": f"{c.reference} – {c.title}",
            "url": reverse("cases:case_detail", args=[slug, c.pk]),
            "tag": c.get_stage_display(),
            "tag_colour": "blue",
            "case_id": c.pk,
        }
        for c in cases
    ]


def my_work(request, partnership_slug):
    """A page per role; later stages add their sections here."""
    membership = request.membership
    cases = list(selectors.case_list(membership=membership)[:10])
    sections = work_sections(membership, partnership_slug)
    signoffs = _signoff_section(membership, partnership_slug)
    if signoffs:
        sections.insert(0, signoffs)
    meetings = _meetings_section(membership, partnership_slug)
    if meetings:
        sections.insert(0, meetings)
    if membership.has_role(Role.BUSINESS_MANAGER):
        open_cases = [c for c in cases if c.stage != CaseStage.CLOSED]
        sections.append(
            {
                "title": "Cases you manage",
                "items": _case_items(open_cases, partnership_slug),
                "empty_text": "There are no open cases.",
            }
        )
        sections.append(_notices_section(membership, partnership_slug))
        sections.append(_chronologies_late_section(membership, partnership_slug))
    if membership.has_role(Role.SLO) and membership.agency_id:
        sections.append(_chronologies_due_section(membership, partnership_slug))
    if membership.has_role(Role.SLO, Role.AGENCY_STAFF) and membership.agency_id:
        sections.append(_actions_due_section(membership, partnership_slug))
    if membership.has_role(*AGENCY_ROLES):
        sections.append(
            {
                "title": f"Cases involving {membership.agency}"
                if membership.agency
                else "Your cases",
                "items": _case_items(cases, partnership_slug),
                "empty_text": "No cases involve your agency at the moment.",
            }
        )
    # An executive's decisions and sign-offs come from the stage apps' sections (extensions).
    if membership.has_role(Role.REVIEW_GROUP_MEMBER):
        sections.append(
            {
                "title": "Cases for the review group",
                "items": _case_items(cases, partnership_slug),
                "empty_text": "No cases are waiting for the group.",
            }
        )
    if membership.has_role(Role.LEAD_REVIEWER):
        sections.append(
            {
                "title": "Reviews you lead",
                "items": _case_items(cases, partnership_slug),
                "empty_text": "You have not been appointed yet.",
            }
        )
    if membership.has_role(Role.SCRUTINEER):
        sections.append(
            {
                "title": "Cases open for scrutiny",
                "items": _case_items(cases, partnership_slug),
                "empty_text": "There are no cases.",
            }
        )
    clock.add_what_is_due_to_sections(sections, request.partnership)
    sections.append(_reminders_section(membership, partnership_slug))
    context = {"work_sections": sections}
    if membership.has_role(Role.BUSINESS_MANAGER):
        context["sweep"] = reminder_selectors.sweep_status()
        sections.append(_outbox_section(membership))
    return render(request, "pages/my_work.html", context)


def _meetings_section(membership, slug):
    """Meetings the member is invited to in the next 14 days (cases.meetings): shown when
    there are some."""
    meetings = list(meeting_reads.upcoming_meetings(membership=membership))
    if not meetings:
        return None
    return {
        "title": "Your meetings in the next 14 days",
        "items": [
            {
                "label": f"{m.case.reference} – {m.title}",
                "url": reverse("cases:meeting_detail", args=[slug, m.case_id, m.pk]),
                "hint": m.when_text + (f". {m.location}" if m.location else ""),
            }
            for m in meetings
        ],
        "empty_text": "",
    }


def _notices_section(membership, slug, limit: int = 20):
    """Statutory notices still to send, overdue (the earliest due) first."""
    notices = list(selectors.notices_due(membership=membership)[: limit + 1])
    items = [
        {
            "label": f"{n.case.reference} – {n.get_kind_display()}",
            "url": reverse("cases:notice_detail", args=[slug, n.case_id, n.pk]),
            "tag": n.status_tag[0],
            "tag_colour": n.status_tag[1],
            "hint": (f"Due {n.due_date:%-d %B %Y}. " if n.due_date else "No due date. ")
            + "To "
            + ", ".join(n.recipient_labels or ["nobody yet"]),
        }
        for n in notices[:limit]
    ]
    if len(notices) > limit:
        items.append({"label": f"Only the first {limit} are shown: see each case's notices"})
    return {
        "title": "Notices due",
        "items": items,
        "empty_text": "No statutory notices are due.",
    }


def _chronology_items(chronologies, slug, limit: int):
    items = [
        {
            "label": f"{c.case.reference} – {c.agency.name}: {c.get_kind_display().lower()}",
            "url": reverse("cases:chronology_detail", args=[slug, c.case_id, c.pk]),
            "tag": c.status_tag[0],
            "tag_colour": c.status_tag[1],
            "hint": f"Due {c.due_date:%-d %B %Y}." if c.due_date else "No due date.",
        }
        for c in chronologies[:limit]
    ]
    if len(chronologies) > limit:
        items.append({"label": f"Only the first {limit} are shown: see each case's chronologies"})
    return items


def _chronologies_due_section(membership, slug, limit: int = 20):
    """An SLO: their agency's chronologies still to submit, the overdue first."""
    chronologies = list(chronologies_due(membership=membership)[: limit + 1])
    return {
        "title": "Chronologies to submit",
        "items": _chronology_items(chronologies, slug, limit),
        "empty_text": "Your agency has no chronologies to submit.",
    }


def _actions_due_section(membership, slug, limit: int = 20):
    """An agency's SLO and staff: their agency's actions due within 20 working days or overdue
    (cases.actions.agency_actions_due), the soonest first."""
    today = timezone.localdate()
    actions = list(agency_actions_due(membership=membership, today=today)[: limit + 1])
    items = []
    for action in actions[:limit]:
        overdue = action.due_date < today
        items.append(
            {
                "label": f"{action.case.reference}: {action.short_what}",
                "url": reverse("cases:action_detail", args=[slug, action.case_id, action.pk]),
                "tag": "Overdue" if overdue else f"Due {action.due_date:%-d %b %Y}",
                "tag_colour": "red" if overdue else "yellow",
            }
        )
    return {
        "title": "Actions for your agency",
        "items": items,
        "empty_text": "Your agency has no actions due in the next 20 working days.",
    }


def _chronologies_late_section(membership, slug, limit: int = 20):
    """A business manager: chronologies past their due date and not submitted."""
    chronologies = list(chronologies_late(membership=membership)[: limit + 1])
    return {
        "title": "Late chronologies",
        "items": _chronology_items(chronologies, slug, limit),
        "empty_text": "No chronologies are late.",
    }


def _signoff_section(membership, slug):
    """Documents whose sign-off chain waits for this member (cases.signoff): shown when there
    are any. Stage apps' documents all go through the one chain, so they appear here too."""
    waiting = signoffs_awaiting(membership)
    if not waiting:
        return None
    items = []
    for sign_off in waiting:
        step = sign_off.current_step or {}
        returned = sign_off.status == SignOffStatus.RETURNED
        items.append(
            {
                "label": f"{sign_off.document_label} – {sign_off.case.reference}",
                "url": reverse("cases:signoff", args=[slug, sign_off.pk]),
                "tag": "Returned for changes" if returned else "Waiting for you",
                "tag_colour": "orange" if returned else "blue",
                "hint": "Returned to you: make the changes and resubmit it"
                if returned
                else f"Step: {step.get('label', '')}",
            }
        )
    return {"title": "Waiting for your sign-off", "items": items, "empty_text": ""}


def _reminders_section(membership, slug):
    unread = reminder_selectors.notifications_for(membership=membership).filter(
        read_at__isnull=True
    )[:5]
    return {
        "title": "Your latest reminders",
        "items": [
            {
                "label": n.message,
                "url": reverse("cases:case_detail", args=[slug, n.deadline.case_id]),
                "tag": "Escalation" if n.kind == "escalation" else "",
                "tag_colour": "red",
                "hint": f"{localtime(n.created_at):%-d %b %Y}",
            }
            for n in unread
        ]
        + [{"label": "All your reminders", "url": reverse("cases:notifications", args=[slug])}],
        "empty_text": "",
    }


def _outbox_section(membership):
    """E-mails that may not have gone: never resent automatically, so someone should check."""
    problems = reminder_selectors.outbox_problems(membership=membership)[:20]
    return {
        "title": "E-mails that may not have been sent",
        "items": [
            {
                "label": f"{e.subject} to {e.to}",
                "tag": e.get_status_display() if e.status == "uncertain" else "Failed",
                "tag_colour": "amber" if e.status == "uncertain" else "red",
                "hint": f"Queued {localtime(e.created_at):%-d %b %Y %H:%M}. "
                + (
                    "The sender stopped mid-send: ask the recipient before sending it again."
                    if e.status == "uncertain"
                    else f"Gave up after {e.attempts} attempts: {e.last_error[:200]}"
                ),
            }
            for e in problems
        ],
        "empty_text": "No e-mail needs checking.",
    }


def not_found(request):
    raise Http404

"""Accessibility check: axe-core in headless Chromium over the main pages (WCAG 2.2 AA aim).

Fails on
- any axe violation, whatever its impact, of the WCAG 2.0/2.1/2.2 A and AA rules and axe's best
  practices (tests.browser.AXE_TAGS; "region" is a best practice of moderate impact);
- a page wider than 320 CSS px at 320 px (WCAG 1.4.10 reflow; 1280 px at 400% zoom);
- an error summary link whose target is not on the page (focus would land at the top);
- the page-shell rules every page keeps (exactly one <h1>; "Page – Practice Review Manager"
  title with "Error: " when the error summary shows; no console errors such as a
  Content-Security-Policy refusal).

TO CHECK A NEW PAGE, append one line to PAGES:

    A11yPage("lead reviewer's review", lambda w: url("lcspr:review", w.alpha, w.alpha.case.pk),
             as_(Role.LEAD_REVIEWER)),

    name     shows in the test id (pytest -k "review")
    path     function(world) -> the path to open (tests/world.py: w.alpha / w.beta sides)
    user     function(world) -> the user to sign in as (None: signed out); as_(Role.X) picks
             that role's member of world.alpha, or write your own
    session  "full" (default: both factors, recently authenticated) or "password" (only the
             password step done: the second-factor page)
    submit   True: submit the page's form empty first, so the error summary is checked too
    status   the HTTP status the page should answer (default 200)

All pages of this module share ONE world (the shared_site fixture: a flush per page would cost
more than the page). A path or user function may create the records its page needs, but must
not change what the other pages show, and must work when run again (get or create).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from cases.models import Membership, Role, User
from tests.browser import (
    ALL_IMPACTS,
    axe_problems,
    error_summary_problems,
    reflow_problems,
    shell_problems,
)
from tests.cases import action_records as ar
from tests.cases import chronology_records as cr
from tests.cases import meeting_records as mr
from tests.cases import notice_records as nr
from tests.cases import signoff_records as so
from tests.factories import UserFactory, make_member
from tests.lcspr import records as lr
from tests.notifications import records as nt
from tests.rapid_reviews import records as rv
from tests.referrals import world as rw

pytestmark = pytest.mark.browser


def url(name, side, *args) -> str:
    """A tenant URL of this side's partnership: url("cases:case_detail", w.alpha, pk)."""
    return reverse(name, args=[side.partnership.slug, *args])


def as_(role) -> Callable:
    return lambda w: w.alpha.user(role)


def signed_out(world):
    return None


def without_mfa(world):
    """Someone signed in who has not set up two factors yet (sent to the set-up page)."""
    email = "new.starter@alpha.test"
    return User.objects.filter(email=email).first() or UserFactory(email=email, mfa=False)


def in_two_partnerships(world):
    """A lead reviewer working for both partnerships, who chooses one after signing in."""
    user = world.alpha.user(Role.LEAD_REVIEWER)
    if not Membership.objects.filter(user=user, partnership=world.beta.partnership).exists():
        make_member(world.beta.partnership, Role.LEAD_REVIEWER, user=user)
    return user


def with_recovery_codes(world):
    user = world.alpha.user(Role.BUSINESS_MANAGER)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES):
        RecoveryCodes.activate(user)
    return user


def with_api_tokens(world):
    """A safeguarding lead officer with two API tokens, one used, one expired."""
    from django.utils import timezone

    from cases.models import ApiToken
    from tests.factories import api_token

    user = world.alpha.user(Role.SLO)
    if not ApiToken.objects.filter(user=user).exists():
        api_token(user, name="Police data feed")
        api_token(user, name="A spreadsheet with a long name that wraps on a small screen")
        ApiToken.objects.filter(user=user, name="Police data feed").update(
            last_used_at=timezone.now(), expires_at=timezone.now()
        )
    return user


def api_token_of(world) -> str:
    from cases.models import ApiToken

    token = ApiToken.objects.filter(user=with_api_tokens(world)).order_by("id").first()
    return reverse("api_token_revoke", args=[token.pk])


@dataclass(frozen=True)
class A11yPage:
    name: str
    path: Callable
    user: Callable = signed_out
    session: str = "full"
    submit: bool = False
    status: int = 200


BM = as_(Role.BUSINESS_MANAGER)


def _request_url(w, name) -> str:
    """A page of the world's information request to the police (the agency members' own)."""
    request = rv.a_request(w.alpha)
    return url(f"rapid_reviews:{name}", w.alpha, request.rapid_review_id, request.pk)


def deciding_on_beta(by: dict, name: str):
    """A path on the beta side, whose partnership decides to notify as ``by`` says (issue 12):
    each such page sets it, so the order of the pages does not matter; alpha is untouched."""

    def path(w):
        w.beta.partnership.workflow = {**w.beta.partnership.workflow, "notification_decision": by}
        w.beta.partnership.save(update_fields=["workflow"])
        return url(name, w.beta, rw.referral(w.beta).pk)

    return path


PARTNERS = {"by": "statutory_partners", "agreements_needed": 3}
LOCAL_AUTHORITY = {"by": "local_authority", "escalate_to": "the PDSCP Executive"}
PREVIEW = "?stage=rapid_review&day_zero_day=22&day_zero_month=12&day_zero_year=2026"

PAGES = [
    # Signing in, and setting up two factors.
    A11yPage("sign in", lambda w: reverse("account_login")),
    A11yPage("sign in, empty", lambda w: reverse("account_login"), submit=True),
    A11yPage("second factor", lambda w: reverse("mfa_authenticate"), BM, session="password"),
    A11yPage(
        "second factor, wrong",
        lambda w: reverse("mfa_authenticate"),
        BM,
        session="password",
        submit=True,
    ),
    A11yPage("set up authenticator app", lambda w: reverse("mfa_activate_totp"), without_mfa),
    A11yPage("reset password", lambda w: reverse("account_reset_password")),
    A11yPage("signup closed", lambda w: reverse("account_signup")),
    # Your account.
    A11yPage("your account", lambda w: reverse("account_home"), BM),
    A11yPage("your account, with API tokens", lambda w: reverse("account_home"), with_api_tokens),
    A11yPage("create an API token", lambda w: reverse("api_token_create"), BM),
    A11yPage("create an API token, empty", lambda w: reverse("api_token_create"), BM, submit=True),
    A11yPage("revoke an API token", api_token_of, with_api_tokens),
    A11yPage("two-factor settings", lambda w: reverse("mfa_index"), BM),
    A11yPage("recovery codes", lambda w: reverse("mfa_view_recovery_codes"), with_recovery_codes),
    A11yPage("change password", lambda w: reverse("account_change_password"), BM),
    A11yPage("sessions", lambda w: reverse("usersessions_list"), BM),
    # Working in a partnership.
    A11yPage(
        "choose partnership", lambda w: reverse("cases:choose_partnership"), in_two_partnerships
    ),
    A11yPage("my work", lambda w: url("cases:home", w.alpha), BM),
    A11yPage("my work (SLO)", lambda w: url("cases:home", w.alpha), as_(Role.SLO)),
    A11yPage("case list", lambda w: url("cases:case_list", w.alpha), BM),
    A11yPage(
        "case list, sorted by title",
        lambda w: url("cases:case_list", w.alpha) + "?sort=title&order=desc",
        BM,
    ),
    A11yPage("find a case", lambda w: url("cases:search", w.alpha), BM),
    A11yPage("find a case, results", lambda w: url("cases:search", w.alpha) + "?q=Child", BM),
    A11yPage("find a case, no results", lambda w: url("cases:search", w.alpha) + "?q=Zz9", BM),
    A11yPage("find a case, empty", lambda w: url("cases:search", w.alpha) + "?q=", BM),
    A11yPage("case detail", lambda w: url("cases:case_detail", w.alpha, w.alpha.case.pk), BM),
    A11yPage("open a case", lambda w: url("cases:case_create", w.alpha), BM),
    A11yPage("open a case, empty", lambda w: url("cases:case_create", w.alpha), BM, submit=True),
    A11yPage("add a person", lambda w: url("cases:subject_add", w.alpha, w.alpha.case.pk), BM),
    A11yPage("upload", lambda w: url("cases:attachment_add", w.alpha, w.alpha.case.pk), BM),
    A11yPage(
        "upload, empty",
        lambda w: url("cases:attachment_add", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage("add a note", lambda w: url("cases:note_add", w.alpha, w.alpha.case.pk), BM),
    A11yPage("history", lambda w: url("cases:case_history", w.alpha, w.alpha.case.pk), BM),
    A11yPage("who can see", lambda w: url("cases:case_access", w.alpha, w.alpha.case.pk), BM),
    A11yPage("people", lambda w: url("cases:people", w.alpha), BM),
    A11yPage("invite", lambda w: url("cases:invite", w.alpha), BM),
    A11yPage("invite, empty", lambda w: url("cases:invite", w.alpha), BM, submit=True),
    # Workflow settings and reminders (issue 3).
    A11yPage("workflow settings", lambda w: url("cases:workflow_settings", w.alpha), BM),
    A11yPage("change settings", lambda w: url("cases:workflow_settings_edit", w.alpha), BM),
    A11yPage("edit all settings", lambda w: url("cases:workflow_settings_json", w.alpha), BM),
    A11yPage("load a preset", lambda w: url("cases:workflow_settings_preset", w.alpha), BM),
    A11yPage(
        "preview dates", lambda w: url("cases:workflow_schedule_preview", w.alpha) + PREVIEW, BM
    ),
    A11yPage("closure days", lambda w: url("cases:closure_days", w.alpha), BM),
    A11yPage("letters and templates", lambda w: url("cases:document_template_list", w.alpha), BM),
    A11yPage(
        "change a letter template (filled in, so not submitted)",
        lambda w: url("cases:document_template_edit", w.alpha) + "?key=family_letter",
        BM,
    ),
    # An SLO's nominated deputy (issue 11).
    A11yPage("your deputy", lambda w: url("cases:deputy", w.alpha), as_(Role.SLO)),
    A11yPage(
        "your deputy, empty", lambda w: url("cases:deputy", w.alpha), as_(Role.SLO), submit=True
    ),
    A11yPage("reminders", lambda w: url("cases:notifications", w.alpha), BM),
    # Statutory notices (issue 12; the notice from tests/cases/notice_records.py).
    A11yPage("notices", lambda w: url("cases:notice_list", w.alpha, w.alpha.case.pk), BM),
    A11yPage("add a notice", lambda w: url("cases:notice_add", w.alpha, w.alpha.case.pk), BM),
    A11yPage(
        "add a notice, empty",
        lambda w: url("cases:notice_add", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "notice, record as sent, empty",
        lambda w: url("cases:notice_detail", w.alpha, w.alpha.case.pk, nr.a_notice(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "cancel a notice, empty",
        lambda w: url("cases:notice_cancel", w.alpha, w.alpha.case.pk, nr.a_notice(w.alpha).pk),
        BM,
        submit=True,
    ),
    # Action plans (issue 14; the action and its update from tests/cases/action_records.py).
    A11yPage(
        "action plan",
        lambda w: (ar.an_update(w.alpha), url("cases:action_plan", w.alpha, w.alpha.case.pk))[1],
        BM,
    ),
    A11yPage(
        "action plans for the annual report",
        lambda w: (ar.an_action(w.alpha), url("cases:action_annual_report", w.alpha))[1],
        BM,
    ),
    A11yPage(
        "impact statement",
        lambda w: url("cases:impact_statement", w.alpha, ar.an_impact_statement(w.alpha).case_id),
        BM,
    ),
    A11yPage(
        "change the impact statement",
        lambda w: (
            url("cases:impact_statement", w.alpha, ar.an_impact_statement(w.alpha).case_id)
            + "?change=1"
        ),
        BM,
    ),
    A11yPage(
        "add an action, empty",
        lambda w: url("cases:action_add", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "action (SLO)",
        lambda w: url(
            "cases:action_detail", w.alpha, w.alpha.case.pk, ar.an_update(w.alpha).action_id
        ),
        as_(Role.SLO),
    ),
    A11yPage(
        "move an action's due date, empty",
        lambda w: url("cases:action_move_due", w.alpha, w.alpha.case.pk, ar.an_action(w.alpha).pk),
        as_(Role.SLO),
        submit=True,
    ),
    A11yPage(
        "change an action's status, empty",
        lambda w: url("cases:action_status", w.alpha, w.alpha.case.pk, ar.an_action(w.alpha).pk),
        as_(Role.SLO),
        submit=True,
    ),
    # Meetings (issue 13; the meeting from tests/cases/meeting_records.py).
    A11yPage("meetings", lambda w: url("cases:meeting_list", w.alpha, w.alpha.case.pk), BM),
    A11yPage(
        "schedule a meeting, empty",
        lambda w: url("cases:meeting_schedule", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "meeting",
        lambda w: url("cases:meeting_detail", w.alpha, w.alpha.case.pk, mr.a_meeting(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "record a meeting's attendance",
        lambda w: url(
            "cases:meeting_attendance", w.alpha, w.alpha.case.pk, mr.a_meeting(w.alpha).pk
        ),
        BM,
    ),
    A11yPage(
        "change a meeting",
        lambda w: url("cases:meeting_edit", w.alpha, w.alpha.case.pk, mr.a_meeting(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "add a paper to a meeting, empty",
        lambda w: url(
            "cases:meeting_document_add", w.alpha, w.alpha.case.pk, mr.a_meeting(w.alpha).pk
        ),
        BM,
        submit=True,
    ),
    A11yPage(
        "send a meeting's papers",
        lambda w: url(
            "cases:meeting_papers_send", w.alpha, w.alpha.case.pk, mr.a_meeting(w.alpha).pk
        ),
        BM,
    ),
    A11yPage(
        "cancel a meeting, empty",
        lambda w: url("cases:meeting_cancel", w.alpha, w.alpha.case.pk, mr.a_meeting(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "invite someone to a meeting, empty",
        lambda w: url(
            "cases:meeting_invitee_add", w.alpha, w.alpha.case.pk, mr.a_meeting(w.alpha).pk
        ),
        BM,
        submit=True,
    ),
    # Chronologies (issue 13; tests/cases/chronology_records.py).
    A11yPage("chronologies", lambda w: url("cases:chronology_list", w.alpha, w.alpha.case.pk), BM),
    A11yPage(
        "ask for a chronology, empty",
        lambda w: url("cases:chronology_open", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "chronology of an agency",
        lambda w: url(
            "cases:chronology_detail", w.alpha, w.alpha.case.pk, cr.a_chronology(w.alpha).pk
        ),
        BM,
    ),
    A11yPage(
        "chronology entry, empty",
        lambda w: url(
            "cases:chronology_entry_add", w.alpha, w.alpha.case.pk, cr.a_chronology(w.alpha).pk
        ),
        BM,
        submit=True,
    ),
    A11yPage(
        "chronology import, with errors",
        lambda w: url(
            "cases:chronology_import", w.alpha, w.alpha.case.pk, cr.a_chronology(w.alpha).pk
        ),
        BM,
        submit=True,
    ),
    A11yPage(
        "chronology submit",
        lambda w: url(
            "cases:chronology_submit", w.alpha, w.alpha.case.pk, cr.a_chronology(w.alpha).pk
        ),
        BM,
    ),
    A11yPage(
        "integrated chronology",
        lambda w: url("cases:chronology_integrated", w.alpha, cr.a_chronology(w.alpha).case_id),
        BM,
    ),
    # Serious incident notifications (tests/notifications/records.py).
    A11yPage(
        "notification, draft",
        lambda w: url("notifications:detail", w.alpha, nt.a_notification(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "notification, change the answers",
        lambda w: url("notifications:edit", w.alpha, nt.a_notification(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "notification, ready to submit (copy buttons)",
        lambda w: url("notifications:detail", w.alpha, nt.a_ready_notification(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "notification, record the submission, empty",
        lambda w: url("notifications:submit", w.alpha, nt.a_ready_notification(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "notification, submitted, with its copies",
        lambda w: url("notifications:detail", w.alpha, nt.a_submitted_notification(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "copies of the notification, empty",
        lambda w: url("notifications:copies", w.alpha, nt.a_submitted_notification(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "add someone who gets a copy, empty",
        lambda w: url("notifications:copy_add", w.alpha, nt.a_submitted_notification(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "rapid review with its milestone table",
        lambda w: url("rapid_reviews:detail", w.alpha, rv.a_review(w.alpha).pk),
        BM,
    ),
    A11yPage("rapid reviews", lambda w: url("rapid_reviews:list", w.alpha), BM),
    A11yPage(
        "terms of reference, sent for approval incomplete",
        lambda w: url("rapid_reviews:terms", w.alpha, rv.a_terms(w.alpha).rapid_review_id),
        BM,
        submit=True,
    ),
    A11yPage(
        "edit the terms of reference",
        lambda w: url("rapid_reviews:terms_edit", w.alpha, rv.a_terms(w.alpha).rapid_review_id),
        BM,
    ),
    A11yPage(
        "information requests of a rapid review",
        lambda w: url("rapid_reviews:requests", w.alpha, rv.a_request(w.alpha).rapid_review_id),
        BM,
    ),
    A11yPage(
        "send information requests, empty",
        lambda w: url("rapid_reviews:requests_send", w.alpha, rv.a_review(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "rapid review report with its sections and versions",
        lambda w: url("rapid_reviews:report", w.alpha, rv.a_report(w.alpha).rapid_review_id),
        BM,
    ),
    A11yPage(
        "edit the rapid review report",
        lambda w: url("rapid_reviews:report_edit", w.alpha, rv.a_report(w.alpha).rapid_review_id),
        BM,
    ),
    A11yPage(
        "edit one section of the rapid review report",
        lambda w: (
            url("rapid_reviews:report_edit", w.alpha, rv.a_report(w.alpha).rapid_review_id)
            + "?section=criteria"
        ),
        BM,
    ),
    A11yPage(
        "a version of the rapid review report",
        lambda w: url(
            "rapid_reviews:report_version", w.alpha, rv.a_report(w.alpha).rapid_review_id, 2
        ),
        BM,
    ),
    A11yPage(
        "record the meeting's decision on the rapid review report, the case has no meetings",
        lambda w: url(
            "rapid_reviews:report_decision", w.alpha, rv.a_report(w.alpha).rapid_review_id
        ),
        BM,
    ),
    A11yPage(
        "submit the rapid review report, not signed off",
        lambda w: url("rapid_reviews:report_submit", w.alpha, rv.a_report(w.alpha).rapid_review_id),
        BM,
        submit=True,
    ),
    A11yPage(
        "an information request with the return form, as its agency's SLO",
        lambda w: _request_url(w, "request"),
        as_(Role.SLO),
    ),
    A11yPage(
        "an information request, as the business manager",
        lambda w: _request_url(w, "request"),
        BM,
    ),
    A11yPage(
        "enter a return on the agency's behalf, empty",
        lambda w: _request_url(w, "request_on_behalf"),
        BM,
        submit=True,
    ),
    A11yPage(
        "close an information request, empty",
        lambda w: _request_url(w, "request_close"),
        BM,
        submit=True,
    ),
    A11yPage(
        "record the outcome of a rapid review, empty",
        lambda w: url("rapid_reviews:conclude", w.alpha, rv.a_review(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "LCSPR with its milestone and publication tables",
        lambda w: url("lcspr:detail", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
    ),
    A11yPage("LCSPRs", lambda w: url("lcspr:list", w.alpha), BM),
    A11yPage(
        "withdraw an LCSPR, empty",
        lambda w: url("lcspr:withdraw", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "an LCSPR's family engagement with its contact log",
        lambda w: (
            lr.a_family_member(w.alpha),
            lr.a_parallel_process(w.alpha),
            url("lcspr:family", w.alpha, lr.an_lcspr(w.alpha).pk),
        )[-1],
        BM,
    ),
    A11yPage(
        "add a family member, empty",
        lambda w: url("lcspr:family_member_add", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "record a contact with the family, empty",
        lambda w: (
            lr.a_family_member(w.alpha),
            url("lcspr:family_contact_add", w.alpha, lr.an_lcspr(w.alpha).pk),
        )[-1],
        BM,
        submit=True,
    ),
    A11yPage(
        "record an embargoed copy given to the family, empty",
        lambda w: url("lcspr:family_copy_add", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "an LCSPR's parallel processes",
        lambda w: (
            lr.a_parallel_process(w.alpha),
            url("lcspr:process_list", w.alpha, lr.an_lcspr(w.alpha).pk),
        )[-1],
        BM,
    ),
    A11yPage(
        "a parallel process with its disclosure requests",
        lambda w: url(
            "lcspr:process_detail",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_parallel_process(w.alpha).pk,
        ),
        BM,
    ),
    A11yPage(
        "add a parallel process, empty",
        lambda w: url("lcspr:process_add", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "the family engagement coordinator (filled in, so not submitted)",
        lambda w: (
            lr.a_family_member(w.alpha),
            url("lcspr:family_coordinator", w.alpha, lr.an_lcspr(w.alpha).pk),
        )[-1],
        BM,
    ),
    A11yPage(
        "change a family member's details (filled in, so not submitted)",
        lambda w: url(
            "lcspr:family_member_edit",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_family_member(w.alpha).pk,
        ),
        BM,
    ),
    A11yPage(
        "change a parallel process (filled in, so not submitted)",
        lambda w: url(
            "lcspr:process_edit",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_parallel_process(w.alpha).pk,
        ),
        BM,
    ),
    A11yPage(
        "record the answer to a disclosure request, empty",
        lambda w: url(
            "lcspr:process_disclosure_answer",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_parallel_process(w.alpha).pk,
            lr.a_disclosure_request(w.alpha).pk,
        ),
        BM,
        submit=True,
    ),
    A11yPage(
        "record a disclosure request, empty",
        lambda w: url(
            "lcspr:process_disclosure_add",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_parallel_process(w.alpha).pk,
        ),
        BM,
        submit=True,
    ),
    A11yPage(
        "an LCSPR's reviewer candidates",
        lambda w: url("lcspr:reviewer_list", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "a reviewer candidate with the checklist before appointing",
        lambda w: url(
            "lcspr:reviewer_detail",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_reviewer_candidate(w.alpha).pk,
        ),
        BM,
    ),
    A11yPage(
        "add a reviewer candidate, empty",
        lambda w: url("lcspr:reviewer_add", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "record the decision on a reviewer candidate, empty",
        lambda w: url(
            "lcspr:reviewer_decide",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_reviewer_candidate(w.alpha).pk,
        ),
        BM,
        submit=True,
    ),
    A11yPage(
        "an LCSPR's review panel",
        lambda w: url("lcspr:panel", w.alpha, lr.a_panel_member(w.alpha).review_id),
        BM,
    ),
    A11yPage(
        "a review panel member with their declaration",
        lambda w: url(
            "lcspr:panel_member",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_panel_member(w.alpha).pk,
        ),
        BM,
    ),
    A11yPage(
        "add someone to the review panel, empty",
        lambda w: url("lcspr:panel_add", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "record a panel member's declaration, empty",
        lambda w: url(
            "lcspr:panel_declare",
            w.alpha,
            lr.an_lcspr(w.alpha).pk,
            lr.a_panel_member(w.alpha).pk,
        ),
        BM,
    ),
    A11yPage(
        "the LCSPR's terms of reference",
        lambda w: url("lcspr:terms", w.alpha, lr.panel_terms(w.alpha).review_id),
        BM,
    ),
    A11yPage(
        "a version of the LCSPR's terms of reference",
        lambda w: url("lcspr:terms_version", w.alpha, lr.an_lcspr(w.alpha).pk, 1),
        BM,
    ),
    A11yPage(
        "change the LCSPR's terms of reference (filled in, so not submitted)",
        lambda w: url("lcspr:terms_edit", w.alpha, lr.panel_terms(w.alpha).review_id, 1),
        BM,
    ),
    A11yPage(
        "record the sign-off of the terms of reference at the panel, no panel meeting yet",
        lambda w: url("lcspr:terms_sign_off", w.alpha, lr.panel_terms(w.alpha).review_id, 1),
        BM,
    ),
    A11yPage(
        "a learning review",
        lambda w: url("lcspr:learning_detail", w.alpha, lr.a_learning_review(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "complete a learning review, empty",
        lambda w: url("lcspr:learning_complete", w.alpha, lr.a_learning_review(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "a learning review's terms of reference, every version",
        lambda w: (
            lr.learning_terms(w.alpha),
            url("lcspr:learning_terms_list", w.alpha, lr.a_learning_review(w.alpha).pk),
        )[-1],
        BM,
    ),
    A11yPage(
        "a version of a learning review's terms of reference, approved",
        lambda w: (
            lr.learning_terms(w.alpha),
            url("lcspr:learning_terms_detail", w.alpha, lr.a_learning_review(w.alpha).pk, 1),
        )[-1],
        BM,
    ),
    A11yPage(
        "a draft of a learning review's terms of reference",
        lambda w: url(
            "lcspr:learning_terms_detail",
            w.alpha,
            lr.a_learning_review(w.alpha).pk,
            lr.learning_terms(w.alpha).version,
        ),
        BM,
    ),
    A11yPage(
        "change a draft of a learning review's terms of reference",
        lambda w: url(
            "lcspr:learning_terms_edit",
            w.alpha,
            lr.a_learning_review(w.alpha).pk,
            lr.learning_terms(w.alpha).version,
        ),
        BM,
    ),
    A11yPage(
        "record the governance body's approval of the terms of reference, empty",
        lambda w: url(
            "lcspr:learning_terms_approve",
            w.alpha,
            lr.a_learning_review(w.alpha).pk,
            lr.learning_terms(w.alpha).version,
        ),
        BM,
        submit=True,
    ),
    A11yPage(
        "a learning review's family engagement with its contact log",
        lambda w: (
            lr.a_learning_family_member(w.alpha),
            url("lcspr:learning_family", w.alpha, lr.a_learning_review(w.alpha).pk),
        )[-1],
        BM,
    ),
    A11yPage(
        "record a contact with a learning review's family, empty",
        lambda w: (
            lr.a_learning_family_member(w.alpha),
            url("lcspr:learning_family_contact_add", w.alpha, lr.a_learning_review(w.alpha).pk),
        )[-1],
        BM,
        submit=True,
    ),
    A11yPage(
        "start a learning review, empty",
        lambda w: url("lcspr:learning_start", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "record an LCSPR's publication, empty",
        lambda w: url("lcspr:publish", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "move the LCSPR's target publication date, empty",
        lambda w: url("lcspr:target", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "start the rapid review, empty",
        lambda w: url("rapid_reviews:start", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "withdraw a rapid review, empty",
        lambda w: url("rapid_reviews:withdraw", w.alpha, rv.a_review(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "withdraw a notification, empty",
        lambda w: url("notifications:withdraw", w.alpha, nt.a_notification(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "notification without a referral, empty",
        lambda w: url("notifications:start_direct", w.alpha),
        BM,
        submit=True,
    ),
    A11yPage("notifications", lambda w: url("notifications:list", w.alpha), BM),
    A11yPage(
        "request to notify, the local authority's answer",
        lambda w: url("notifications:request", w.alpha, nt.a_request(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "ask the local authority to notify, empty",
        lambda w: url("notifications:request_add", w.alpha, w.alpha.case.pk),
        as_(Role.SLO),
        submit=True,
    ),
    # The National Panel's replies (tests/notifications/records.py).
    A11yPage("National Panel replies", lambda w: url("panel_responses:list", w.alpha), BM),
    A11yPage(
        "National Panel reply, awaited",
        lambda w: url("panel_responses:detail", w.alpha, nt.a_panel_response(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "record the National Panel's reply, empty",
        lambda w: url("panel_responses:reply", w.alpha, nt.a_panel_response(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "the National Panel's meeting, empty",
        lambda w: url("panel_responses:meeting", w.alpha, nt.a_panel_response(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "the rapid review went to the National Panel, empty",
        lambda w: url("panel_responses:open", w.alpha, w.alpha.case.pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "National Panel reply, back with the decision-makers",
        lambda w: url("panel_responses:detail", w.alpha, nt.a_contrary_panel_response(w.alpha).pk),
        as_(Role.EXECUTIVE),
    ),
    A11yPage(
        "reconsider the National Panel's view, empty",
        lambda w: url(
            "panel_responses:reconsider", w.alpha, nt.a_contrary_panel_response(w.alpha).pk
        ),
        as_(Role.EXECUTIVE),
        submit=True,
    ),
    # Sign-off chains (issue 12; records from tests/cases/signoff_records.py).
    A11yPage(
        "sign-off, the first step's decision",
        lambda w: url("cases:signoff", w.alpha, so.a_sign_off(w.alpha).pk),
        as_(Role.REVIEW_GROUP_MEMBER),
    ),
    A11yPage(
        "sign-off, decision empty",
        lambda w: url("cases:signoff", w.alpha, so.a_sign_off_with_the_executive(w.alpha).pk),
        as_(Role.EXECUTIVE),
        submit=True,
    ),
    A11yPage(
        "sign-off, read only",
        lambda w: url("cases:signoff", w.alpha, so.a_sign_off_with_the_executive(w.alpha).pk),
        as_(Role.SLO),
    ),
    A11yPage(
        "withdraw a sign-off, empty",
        lambda w: url("cases:signoff_withdraw", w.alpha, so.a_sign_off(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "my work, waiting for your sign-off",
        lambda w: so.a_sign_off(w.alpha) and url("cases:home", w.alpha),
        as_(Role.REVIEW_GROUP_MEMBER),
    ),
    # Referrals (records from tests/referrals/world.py, made on first use).
    A11yPage("referrals", lambda w: url("referrals:list", w.alpha), BM),
    A11yPage(
        "referrals, sorted by reference",
        lambda w: url("referrals:list", w.alpha) + "?sort=reference",
        BM,
    ),
    A11yPage("triage queue", lambda w: url("referrals:queue", w.alpha), BM),
    A11yPage("refer a case", lambda w: url("referrals:start", w.alpha), as_(Role.SLO)),
    A11yPage(
        "external referral, empty",
        lambda w: url("referrals:start_external", w.alpha),
        BM,
        submit=True,
    ),
    A11yPage(
        "referral task list",
        lambda w: url("referrals:task_list", w.alpha, rw.draft(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "referral question",
        lambda w: url("referrals:page", w.alpha, rw.draft(w.alpha).pk, "incident"),
        BM,
    ),
    A11yPage(
        "referral reasons",
        lambda w: url("referrals:page", w.alpha, rw.draft(w.alpha).pk, "reasons"),
        BM,
    ),
    A11yPage(
        "referral children",
        lambda w: url("referrals:items", w.alpha, rw.draft(w.alpha).pk, "children"),
        BM,
    ),
    A11yPage(
        "referral child",
        lambda w: url(
            "referrals:item",
            w.alpha,
            rw.draft(w.alpha).pk,
            "children",
            rw.draft_child(w.alpha).pk,
            "details",
        ),
        BM,
    ),
    A11yPage(
        "check your answers", lambda w: url("referrals:check", w.alpha, rw.draft(w.alpha).pk), BM
    ),
    A11yPage(
        "check your answers, sent too early",
        lambda w: url("referrals:check", w.alpha, rw.draft(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage("referral", lambda w: url("referrals:detail", w.alpha, rw.referral(w.alpha).pk), BM),
    A11yPage(
        "executive decision, empty",
        lambda w: url("referrals:executive_decision", w.alpha, rw.referral(w.alpha).pk),
        as_(Role.EXECUTIVE),
        submit=True,
    ),
    A11yPage(
        "challenge",
        lambda w: url(
            "referrals:challenge_detail", w.alpha, rw.referral(w.alpha).pk, rw.challenge(w.alpha).pk
        ),
        BM,
    ),
    A11yPage("referral settings", lambda w: url("referrals:lookups", w.alpha), BM),
    A11yPage(
        "discussed before referring",
        lambda w: url("referrals:page", w.alpha, rw.draft(w.alpha).pk, "discussion"),
        BM,
    ),
    A11yPage(
        "ask another agency, empty",
        lambda w: url("referrals:agency_request_add", w.alpha, rw.in_triage(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "call for information (the asked agency), empty",
        lambda w: url("referrals:agency_request", w.alpha, rw.agency_call(w.alpha).pk),
        lambda w: rw.school_lead(w.alpha),
        submit=True,
    ),
    A11yPage(
        "media interest update, empty",
        lambda w: url("referrals:media_update", w.alpha, rw.monitored(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "end media monitoring",
        lambda w: url("referrals:media_monitoring_end", w.alpha, rw.monitored(w.alpha).pk),
        BM,
    ),
    # Who decides to notify (issue 12), on the beta side.
    A11yPage(
        "notification agreement, empty",
        deciding_on_beta(PARTNERS, "referrals:notification_agreement"),
        lambda w: w.beta.user(Role.SLO),
        submit=True,
    ),
    A11yPage(
        "notification escalation, empty",
        deciding_on_beta(LOCAL_AUTHORITY, "referrals:notification_escalation"),
        lambda w: w.beta.user(Role.SLO),
        submit=True,
    ),
    A11yPage(
        "local authority's decision to notify, empty",
        deciding_on_beta(LOCAL_AUTHORITY, "referrals:executive_decision"),
        lambda w: w.beta.all_roles.user,
        submit=True,
    ),
    # Everyone.
    A11yPage("accessibility statement", lambda w: reverse("accessibility")),
    A11yPage("page not found", lambda w: url("cases:case_detail", w.alpha, 999999), BM, status=404),
    A11yPage(
        "a 7-minute briefing",
        lambda w: url("lcspr:briefing_detail", w.alpha, lr.a_briefing(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "write the 7-minute briefing (filled in, so not submitted)",
        lambda w: url("lcspr:briefing_edit", w.alpha, lr.a_briefing(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "record a 7-minute briefing's publication, empty",
        lambda w: url("lcspr:briefing_publish", w.alpha, lr.a_briefing(w.alpha).pk),
        BM,
        submit=True,
    ),
    # Practitioner sessions and the comms plan (tests/lcspr/records.py).
    A11yPage(
        "arrange a practitioner session, empty",
        lambda w: url("lcspr:session_schedule", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "a practitioner session",
        lambda w: url("lcspr:session_detail", w.alpha, lr.a_practitioner_session(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "a practitioner session's texts",
        lambda w: url("lcspr:session_texts", w.alpha, lr.a_practitioner_session(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "practitioners' feedback, empty",
        lambda w: url("lcspr:session_feedback", w.alpha, lr.a_practitioner_session(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "a comms plan",
        lambda w: url("lcspr:comms_plan", w.alpha, (lr.a_comms_item(w.alpha).plan.review_id)),
        BM,
    ),
    A11yPage(
        "add a comms plan item, empty",
        lambda w: url("lcspr:comms_item_add", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "change a comms plan item",
        lambda w: url(
            "lcspr:comms_item_edit",
            w.alpha,
            lr.a_comms_item(w.alpha).plan.review_id,
            lr.a_comms_item(w.alpha).pk,
        ),
        BM,
    ),
    A11yPage(
        "write the reactive statement, empty",
        lambda w: url("lcspr:reactive_statement", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
    ),
    A11yPage(
        "record the comms plan as agreed, empty",
        lambda w: url("lcspr:comms_plan_agree", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
]


def _version_url(w, name, *extra) -> str:
    """A page of the version of the world's LCSPR report (its legal read and finding)."""
    return url(name, w.alpha, lr.an_lcspr(w.alpha).pk, lr.a_report_version(w.alpha).pk, *extra)


def _drafts_url(w) -> str:
    lr.a_report_version(w.alpha)  # so the list shows a version
    return url("lcspr:draft_list", w.alpha, lr.an_lcspr(w.alpha).pk)


PAGES += [
    A11yPage(
        "the drafts of an LCSPR's report",
        lambda w: _drafts_url(w),
        BM,
    ),
    A11yPage(
        "a version of the report with its legal read and findings",
        lambda w: _version_url(w, "lcspr:draft_detail"),
        BM,
    ),
    A11yPage(
        "upload a version of the report, empty",
        lambda w: url("lcspr:draft_upload", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "record the legal read of a version, empty",
        lambda w: _version_url(w, "lcspr:draft_legal_read"),
        BM,
        submit=True,
    ),
    A11yPage("run the anonymisation check", lambda w: _version_url(w, "lcspr:draft_check"), BM),
    A11yPage(
        "accept an anonymisation finding, empty",
        lambda w: _version_url(w, "lcspr:draft_hit_accept", lr.a_finding(w.alpha).pk),
        BM,
        submit=True,
    ),
    A11yPage(
        "record that the report will not be published, empty",
        lambda w: url("lcspr:not_published", w.alpha, lr.an_lcspr(w.alpha).pk),
        BM,
        submit=True,
    ),
]


def submit_empty(page):
    """Submit the page's main form as it stands (the first submit button in <main>)."""
    button = page.locator("main form[method=post] button[type=submit]").first
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state()


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    """Stands in for pytest-django's `db` in this module. The pages share shared_site's
    committed world: no per-test transaction (the live server thread could not see its rows),
    no per-test flush, but database access open for the test and the server thread. Being named
    `db` is what makes pytest-django create the test database when this module runs alone."""
    with django_db_blocker.unblock():
        yield


@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_page_is_accessible(spec, db, shared_site):
    world = shared_site.world
    user, path = spec.user(world), spec.path(world)
    page = shared_site.open(user, session=spec.session)
    response = page.goto(path)
    assert response is not None and response.status == spec.status, (
        f"{spec.name}: {page.url} answered {response.status if response else None}"
    )
    if spec.submit:
        submit_empty(page)
        assert page.locator(".govuk-error-summary").is_visible(), (
            f"{spec.name}: no error summary after submitting the form empty ({page.url})"
        )
    problems = shell_problems(page) + error_summary_problems(page) + reflow_problems(page)
    report = axe_problems(page, impacts=ALL_IMPACTS)
    assert not problems and not report, f"{spec.name} ({page.url}):\n" + "\n".join(
        [*problems, report]
    )

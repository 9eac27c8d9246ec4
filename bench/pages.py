"""The page benchmark: the main pages and API lists at national scale, over HTTP, under gunicorn.

    DATABASE_URL=postgres://prm_app@127.0.0.1:5432/prm \\
    DATABASE_OWNER_URL=postgres://prm_owner@127.0.0.1:5432/prm \\
    .venv/bin/python bench/pages.py --database prm_national [--requests 50] [--concurrency 16]
        [--seconds 30] [--no-record]

Needs the national data set (bench/national.py) in that database and Redis on 127.0.0.1
(REDIS_URL, default db 14). Starts gunicorn with config/gunicorn.py on a free loopback port,
connected as the application role (held to row-level security, as in production), and signs in
as Lincolnshire's business manager through the real pages: password, then a TOTP code.

For each page: the number of queries and the time of its SQL alone (the statements the page
sent, captured in-process through Django's test client, replayed in order on one connection as
the application role, median of 10), then the median and p95 of N sequential requests over HTTP
and their ratio to the SQL time. Then C concurrent clients for S seconds on the cases list and
My work: requests per second, p50, p95, p99. And whether the calendar feed answers 304 to a
client whose copy is current. Prints a table and appends it to docs/benchmarks.md with the
commit and the machine's load.

Targets (issue 9): every page's median within 2x its SQL time plus 10 ms; no p95 above 100 ms
sequentially; at 16 concurrent clients, p95 under 250 ms; the calendar feed under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.national import PASSWORD  # noqa: E402
from bench.report import append_rows, machine  # noqa: E402
from bench.roles import database_urls  # noqa: E402

SLUG = "lincolnshire"
EMAIL = f"bm.{SLUG}@bench.invalid"
# Pages seen by someone other than Lincolnshire's business manager (issue 12: who decides to
# notify is a per-partnership setting; Swindon's statutory partners each agree). slo2 of each
# partnership is its police safeguarding lead officer (bench/national.py AGENCIES, MEMBERS).
PAGE_USERS = {
    "referral page (partners' word)": "bm.swindon@bench.invalid",
    "My work (a statutory partner)": "slo2.swindon@bench.invalid",
    "your deputy (an SLO)": f"slo1.{SLUG}@bench.invalid",
}
SEQUENTIAL_P95_MS = 100
CONCURRENT_P95_MS = 250


def _environment(app_url: str, redis_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": app_url,
        "DJANGO_ENV": "test",  # DEBUG off; the development keys the data set was made with
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "AXES_ENABLED": "0",  # the benchmark signs in many times from one address
        # It sends the bench user a few thousand API requests in minutes (1,000 an hour by
        # default: the API pages after the first few would be answered 429).
        "API_REQUESTS_PER_PERSON": "1000000/hour",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "config/gunicorn.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("gunicorn did not start")


def sign_in(base: str, email: str = EMAIL):
    """A requests session signed in through the sign-in page and the two-factor page."""
    import requests
    from allauth.mfa.totp.internal.auth import hotp_value

    from cases.demo import DEMO_TOTP_SECRET

    session = requests.Session()

    def form_post(path: str, fields: dict) -> requests.Response:
        page = session.get(base + path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return session.post(
            page.url,
            data={"csrfmiddlewaretoken": token, **fields},
            headers={"Referer": page.url},
        )

    form_post("/accounts/login/", {"login": email, "password": PASSWORD})
    code = hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30)
    response = form_post("/accounts/2fa/authenticate/", {"code": f"{code:06d}"})
    if "/accounts/" in response.url:
        sys.exit(f"Signing in failed at {response.url}")
    return session


def _pages(base_ids: dict) -> dict[str, str]:
    from django.urls import reverse
    from django.utils import timezone

    from cases.annual_report import year_of

    case, token = base_ids["case"], base_ids["calendar_token"]
    sign_off, notification = base_ids["sign_off"], base_ids["notification"]
    meeting, meeting_case = base_ids["meeting"], base_ids["meeting_case"]
    chronology = base_ids["chronology"]
    return {
        "My work": reverse("cases:home", args=[SLUG]),
        "cases list": reverse("cases:case_list", args=[SLUG]),
        "case page": reverse("cases:case_detail", args=[SLUG, case]),
        "triage queue": reverse("referrals:queue", args=[SLUG]),
        "referral list": reverse("referrals:list", args=[SLUG]),
        "cases list by title": reverse("cases:case_list", args=[SLUG]) + "?sort=title",
        "find a case (a surname)": reverse("cases:search", args=[SLUG]) + "?q=Smith",
        "find a case (a near spelling)": reverse("cases:search", args=[SLUG]) + "?q=Smyth",
        "case's notices": reverse("cases:notice_list", args=[SLUG, case]),
        "reminders": reverse("cases:notifications", args=[SLUG]),
        "sign-off page": reverse("cases:signoff", args=[SLUG, sign_off]),
        "calendar feed": reverse("calendar_feed", args=[token]),
        "your account": reverse("account_home"),  # memberships, API tokens
        "API: cases": reverse("cases_api:case-list", args=[SLUG]),
        "API: referrals": reverse("referrals_api:referral-list", args=[SLUG]),
        "API: search": reverse("cases_api:search", args=[SLUG]) + "?q=Smith",
        "API: case's notices": reverse("cases_api:notice-list", args=[SLUG, case]),
        "API: sign-offs": reverse("cases_api:signoff-list", args=[SLUG]),
        "notification page": reverse("notifications:detail", args=[SLUG, notification]),
        "notifications list": reverse("notifications:list", args=[SLUG]),
        "notification's copies": reverse(
            "notifications:copies", args=[SLUG, base_ids["submitted_notification"]]
        ),
        "API: notifications": reverse("notifications_api:notification-list", args=[SLUG]),
        "National Panel reply": reverse(
            "panel_responses:detail", args=[SLUG, base_ids["panel_response"]]
        ),
        "National Panel replies": reverse("panel_responses:list", args=[SLUG]),
        "API: National Panel replies": reverse(
            "panel_responses_api:panel-response-list", args=[SLUG]
        ),
        "meeting page": reverse("cases:meeting_detail", args=[SLUG, meeting_case, meeting]),
        "case's meetings": reverse("cases:meeting_list", args=[SLUG, meeting_case]),
        "API: case's meetings": reverse("cases_api:meeting-list", args=[SLUG, meeting_case]),
        "rapid review page": reverse("rapid_reviews:detail", args=[SLUG, base_ids["rapid_review"]]),
        "rapid reviews list": reverse("rapid_reviews:list", args=[SLUG]),
        "terms of reference": reverse("rapid_reviews:terms", args=[SLUG, base_ids["rapid_review"]]),
        "information requests": reverse(
            "rapid_reviews:requests", args=[SLUG, base_ids["information_request"].rapid_review_id]
        ),
        "an information request": reverse(
            "rapid_reviews:request",
            args=[
                SLUG,
                base_ids["information_request"].rapid_review_id,
                base_ids["information_request"].pk,
            ],
        ),
        "rapid review report": reverse(
            "rapid_reviews:report", args=[SLUG, base_ids["report_review"]]
        ),
        "rapid review decision": reverse(
            "rapid_reviews:report_decision", args=[SLUG, base_ids["report_review"]]
        ),
        "API: rapid review report": reverse(
            "rapid_reviews_api:rapid-review-report", args=[SLUG, base_ids["report_review"]]
        ),
        "case's action plan": reverse("cases:action_plan", args=[SLUG, base_ids["action_case"]]),
        "API: case's actions": reverse(
            "cases_api:action-list", args=[SLUG, base_ids["action_case"]]
        ),
        "annual report export (.xlsx)": reverse("cases:action_annual_report", args=[SLUG])
        + f"?year={year_of(timezone.localdate()).key}",
        "impact statement": reverse("cases:impact_statement", args=[SLUG, base_ids["impact_case"]]),
        "LCSPR page": reverse("lcspr:detail", args=[SLUG, base_ids["lcspr"]]),
        "LCSPRs list": reverse("lcspr:list", args=[SLUG]),
        "API: LCSPRs": reverse("lcspr_api:lcspr-list", args=[SLUG]),
        "learning review": reverse(
            "lcspr:learning_detail", args=[SLUG, base_ids["learning_review"]]
        ),
        "API: learning reviews": reverse("lcspr_api:learning-review-list", args=[SLUG]),
        "learning review terms of reference": reverse(
            "lcspr:learning_terms_list", args=[SLUG, base_ids["learning_review"]]
        ),
        "learning review terms, version 1": reverse(
            "lcspr:learning_terms_detail", args=[SLUG, base_ids["learning_review"], 1]
        ),
        "API: learning review terms": reverse(
            "lcspr_api:learning-terms-list", args=[SLUG, base_ids["learning_review"]]
        ),
        "learning review family engagement": reverse(
            "lcspr:learning_family", args=[SLUG, base_ids["learning_family_review"]]
        ),
        "API: learning review family engagement": reverse(
            "lcspr_api:learning-family", args=[SLUG, base_ids["learning_family_review"]]
        ),
        "7-minute briefing": reverse("lcspr:briefing_detail", args=[SLUG, base_ids["briefing"]]),
        "API: 7-minute briefings": reverse("lcspr_api:briefing-list", args=[SLUG]),
        "practitioner session": reverse(
            "lcspr:session_detail", args=[SLUG, base_ids["practitioner_session"]]
        ),
        "practitioners' feedback": reverse(
            "lcspr:session_feedback", args=[SLUG, base_ids["practitioner_session"]]
        ),
        "API: practitioner sessions": reverse(
            "lcspr_api:session-list", args=[SLUG, base_ids["session_lcspr"]]
        ),
        "comms plan": reverse("lcspr:comms_plan", args=[SLUG, base_ids["comms_lcspr"]]),
        "API: comms plan": reverse("lcspr_api:comms-plan", args=[SLUG, base_ids["comms_lcspr"]]),
        "LCSPR reviewer candidates": reverse(
            "lcspr:reviewer_list", args=[SLUG, base_ids["reviewer_lcspr"]]
        ),
        "API: LCSPR reviewer candidates": reverse(
            "lcspr_api:reviewer-list", args=[SLUG, base_ids["reviewer_lcspr"]]
        ),
        "LCSPR report drafts": reverse(
            "lcspr:draft_list", args=[SLUG, base_ids["report_version"].review_id]
        ),
        "LCSPR report version": reverse(
            "lcspr:draft_detail",
            args=[SLUG, base_ids["report_version"].review_id, base_ids["report_version"].pk],
        ),
        "LCSPR report version (an anonymisation finding)": reverse(
            "lcspr:draft_detail",
            args=[SLUG, base_ids["report_version"].review_id, base_ids["first_draft"]],
        ),
        "API: LCSPR report drafts": reverse(
            "lcspr_api:draft-list", args=[SLUG, base_ids["report_version"].review_id]
        ),
        # Its review panel and terms of reference (bench/national.py add_panels).
        "LCSPR review panel": reverse("lcspr:panel", args=[SLUG, base_ids["reviewer_lcspr"]]),
        "LCSPR terms of reference": reverse(
            "lcspr:terms_version", args=[SLUG, base_ids["reviewer_lcspr"], 1]
        ),
        "API: LCSPR review panel": reverse(
            "lcspr_api:panel-list", args=[SLUG, base_ids["reviewer_lcspr"]]
        ),
        "API: LCSPR terms of reference": reverse(
            "lcspr_api:terms-list", args=[SLUG, base_ids["reviewer_lcspr"]]
        ),
        "LCSPR family engagement": reverse("lcspr:family", args=[SLUG, base_ids["reviewer_lcspr"]]),
        "LCSPR parallel processes": reverse(
            "lcspr:process_list", args=[SLUG, base_ids["reviewer_lcspr"]]
        ),
        "API: LCSPR family engagement": reverse(
            "lcspr_api:family", args=[SLUG, base_ids["reviewer_lcspr"]]
        ),
        "letters and templates": reverse("cases:document_template_list", args=[SLUG]),
        # Lincolnshire's own wording of the letter (bench/national.py add_document_templates).
        "a letter (the partnership's wording)": reverse("cases:document_template_edit", args=[SLUG])
        + "?key=family_letter",
        "integrated chronology": reverse(
            "cases:chronology_integrated", args=[SLUG, chronology.case_id]
        ),
        "an agency's chronology": reverse(
            "cases:chronology_detail", args=[SLUG, chronology.case_id, chronology.pk]
        ),
        "referral page (partners' word)": reverse(
            "referrals:detail", args=["swindon", base_ids["swindon_referral"]]
        ),
        "My work (a statutory partner)": reverse("cases:home", args=["swindon"]),
        "your deputy (an SLO)": reverse("cases:deputy", args=[SLUG]),
    }


def prepare() -> dict:
    """As the owner: the newest case of the partnership, its heaviest sign-off, its newest
    serious incident notification (and its newest submitted one, for the copies page), its
    newest National Panel reply, its newest meeting held, its newest rapid review (and the newest
    with a submitted report), its
    agency's chronology with the most entries and a fresh calendar feed address."""
    from django.db.models import Count, F, Q

    from cases.models import Case, Chronology, Meeting, MeetingStatus, SignOff, User
    from cases.services.preferences import calendar_token_reset
    from cases.tenancy import partnership_by_slug, partnership_scope
    from lcspr.models import (
        CommsPlan,
        LearningReview,
        LocalReview,
        PractitionerSession,
        ReportVersion,
        SevenMinuteBriefing,
    )
    from notifications.models import PanelResponse, SeriousIncidentNotification
    from rapid_reviews.models import InformationRequest, RapidReview

    partnership = partnership_by_slug(SLUG)
    with partnership_scope(partnership):
        case = Case.objects.filter(partnership=partnership).order_by("-created_at").first()
        # A chain with the most decisions of the partnership: the page's heaviest case.
        sign_off = (
            SignOff.objects.filter(partnership=partnership, case__is_restricted=False)
            .order_by("-position", "-started_at")
            .first()
        )
        # The newest notification of a case the bench user sees (not a restricted one).
        notification = (
            SeriousIncidentNotification.objects.filter(
                partnership=partnership, case__is_restricted=False
            )
            .order_by("-created_at")
            .first()
        )
        # The newest reply of the National Panel the bench user sees.
        panel_response = (
            PanelResponse.objects.filter(partnership=partnership, case__is_restricted=False)
            .order_by("-submitted_on", "-id")
            .first()
        )
        # The newest submitted one: its copies page (who gets a copy, ticked off).
        submitted = (
            SeriousIncidentNotification.objects.filter(
                partnership=partnership, case__is_restricted=False, status="submitted"
            )
            .order_by("-submitted_at")
            .first()
        )
        # Held: the page shows the attendance and the quorum besides the invitees.
        meeting = (
            Meeting.objects.filter(
                partnership=partnership, status=MeetingStatus.HELD, case__is_restricted=False
            )
            .order_by("-starts_at")
            .first()
        )
        # The newest: on the national data set, one running (its open and overdue milestones).
        rapid_review = (
            RapidReview.objects.filter(partnership=partnership, case__is_restricted=False)
            .order_by("-started_at", "-id")
            .first()
        )
        # The newest request returned (its return shown) of a review the bench user sees.
        information_request = (
            InformationRequest.objects.filter(
                partnership=partnership, case__is_restricted=False, status="returned"
            )
            .order_by("-sent_at", "-id")
            .first()
        )
        # The newest submitted report: its sections, versions and action items.
        report_review = (
            RapidReview.objects.filter(
                partnership=partnership, case__is_restricted=False, report__status="submitted"
            )
            .order_by("-started_at", "-id")
            .first()
        )
        # The case with the most action items, and their updates (bench/national.py).
        from cases.models import ActionItem

        action_case = (
            ActionItem.objects.filter(partnership=partnership, case__is_restricted=False)
            .values("case_id")
            .annotate(n=Count("id"))
            .order_by("-n", "-case_id")
            .first()
        )
        # The newest impact statement (a closed case's completed plan).
        from cases.models import ImpactStatement

        impact = (
            ImpactStatement.objects.filter(partnership=partnership, case__is_restricted=False)
            .order_by("-written_on", "-id")
            .first()
        )
        # The newest running LCSPR: its milestones and publication steps.
        lcspr = (
            LocalReview.objects.filter(
                partnership=partnership, case__is_restricted=False, status="in_progress"
            )
            .order_by("-started_at", "-id")
            .first()
        )
        # The newest LCSPR with its independent reviewer candidates (bench/national.py).
        reviewer_lcspr = (
            LocalReview.objects.filter(
                partnership=partnership,
                case__is_restricted=False,
                reviewer_candidates__isnull=False,
            )
            .order_by("-started_at", "-id")
            .first()
        )
        # The newest final version of an LCSPR's report (bench/national.py), so its LCSPR
        # has the most versions.
        report_version = (
            ReportVersion.objects.filter(partnership=partnership, case__is_restricted=False)
            .order_by(F("final_at").desc(nulls_last=True), "-number", "-id")
            .first()
        )
        # Its first version, whose anonymisation check found the child's first name.
        first_draft = ReportVersion.objects.get(review=report_version.review_id, number=1)
        learning_review = (
            LearningReview.objects.filter(partnership=partnership, case__is_restricted=False)
            .order_by("-started_at", "-id")
            .first()
        )
        learning_family_review = (
            LearningReview.objects.filter(
                partnership=partnership,
                case__is_restricted=False,
                family_members__isnull=False,
            )
            .order_by("-started_at", "-id")
            .first()
        )
        briefing = (
            SevenMinuteBriefing.objects.filter(partnership=partnership, case__is_restricted=False)
            .order_by("-created_at", "-id")
            .first()
        )
        practitioner_session = (
            PractitionerSession.objects.filter(
                partnership=partnership, review__case__is_restricted=False
            )
            .order_by("-created_at", "-id")
            .first()
        )
        comms_plan = (
            CommsPlan.objects.filter(partnership=partnership, review__case__is_restricted=False)
            .order_by("-created_at", "-id")
            .first()
        )
        # The integrated page shows it with the other agencies' of its case (bench/national.py).
        chronology = (
            Chronology.objects.filter(partnership=partnership, case__is_restricted=False)
            .annotate(n=Count("entries", filter=Q(entries__removed_at__isnull=True)))
            .order_by("-n", "-id")
            .first()
        )
    swindon = partnership_by_slug("swindon")
    with partnership_scope(swindon):
        from referrals.models import Referral

        # The referral with the most statutory partners' answers (bench/national.py).
        referral = (
            Referral.objects.filter(partnership=swindon)
            .annotate(answers=Count("notification_agreements"))
            .order_by("-answers", "-id")
            .first()
        )
    user = User.objects.get(email=EMAIL)
    return {
        "case": case.pk,
        "sign_off": sign_off.pk,
        "notification": notification.pk,
        "panel_response": panel_response.pk,
        "submitted_notification": submitted.pk,
        "meeting": meeting.pk,
        "meeting_case": meeting.case_id,
        "rapid_review": rapid_review.pk,
        "information_request": information_request,
        "report_review": report_review.pk,
        "action_case": action_case["case_id"],
        "impact_case": impact.case_id,
        "lcspr": lcspr.pk,
        "learning_review": learning_review.pk,
        "learning_family_review": learning_family_review.pk,
        "briefing": briefing.pk,
        "practitioner_session": practitioner_session.pk,
        "session_lcspr": practitioner_session.review_id,
        "comms_lcspr": comms_plan.review_id,
        "reviewer_lcspr": reviewer_lcspr.pk,
        "report_version": report_version,
        "first_draft": first_draft.pk,
        "chronology": chronology,
        "swindon_referral": referral.pk,
        "calendar_token": calendar_token_reset(user=user),
        "user": user,
        "users": {email: User.objects.get(email=email) for email in set(PAGE_USERS.values())},
    }


def sql_of(url: str, user) -> list[str]:
    """The statements the page sends, captured in-process (same middleware, views and SQL)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in captured.captured_queries]


def sql_alone_ms(statements: list[str], app_url: str, repeat: int = 10) -> float:
    """The statements replayed in order on one connection as the application role (in a
    transaction that is rolled back, so that writes such as the access log leave nothing)."""
    import psycopg

    timings = []
    with psycopg.connect(app_url) as conn:
        for _ in range(repeat + 2):
            started = time.perf_counter()
            with conn.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)  # no parameters: psycopg sends it as it is
                    if cursor.description:
                        cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
            conn.rollback()
    return statistics.median(timings[2:])


def _percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p * len(values)) - 1))]


def sequential(session, url: str, n: int) -> list[float]:
    for _ in range(20):  # every worker has served the page at least once (sync workers)
        session.get(url)
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        response = session.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def concurrent(cookies, url: str, clients: int, seconds: float) -> dict:
    import requests

    timings: list[float] = []
    errors = []
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()

    def run():
        session = requests.Session()
        session.cookies.update(cookies)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = session.get(url)
            mine.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                errors.append(response.status_code)
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": len(timings) / elapsed,
        "p50": _percentile(timings, 0.50),
        "p95": _percentile(timings, 0.95),
        "p99": _percentile(timings, 0.99),
        "errors": len(errors),
    }


def feed_304(session, url: str) -> bool:
    first = session.get(url)
    again = session.get(url, headers={"If-None-Match": first.headers.get("ETag", "")})
    return again.status_code == 304


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "?"


SECTION = "## Pages at national scale (`bench/pages.py`)"
HEADER = f"""{SECTION}

The national data set (`bench/national.py`: 150 partnerships, 50,000 cases, 2,000 of them in
Lincolnshire), gunicorn with `config/gunicorn.py` on loopback, signed in as Lincolnshire's
business manager through the real two-factor sign-in. *SQL alone*: the page's statements
replayed in order on one connection as the application role. *Sequential*: median and p95 of
the requests one after another. *Concurrent*: clients sending requests back to back for the
whole run (the client threads share the machine's two cores with gunicorn and PostgreSQL).
Targets: median within 2x SQL + 10 ms, p95 under {SEQUENTIAL_P95_MS} ms sequentially, p95
under {CONCURRENT_P95_MS} ms concurrently; the calendar feed under 100 ms and 304 when current.

| date | commit | machine | page | queries | SQL alone ms | median ms | p95 ms \
| median / (2x SQL + 10) | concurrent: clients, req/s, p50, p95, p99 ms | meets the targets |
| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="the national data set's database")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)

    owner_url, app_url = database_urls(args.database)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
    env = _environment(app_url, redis_url)
    os.environ.update({k: v for k, v in env.items() if k != "DATABASE_URL"})
    os.environ["DATABASE_URL"] = owner_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    ids = prepare()
    pages = _pages(ids)
    # Capture each page's SQL as the application role, as gunicorn runs it.
    connection.close()
    connection.settings_dict.update(USER=urlparse(app_url).username, PASSWORD="")

    def user_of(name):
        return ids["users"][PAGE_USERS[name]] if name in PAGE_USERS else ids["user"]

    statements = {name: sql_of(url, user_of(name)) for name, url in pages.items()}
    sql_ms = {name: sql_alone_ms(sql, app_url) for name, sql in statements.items()}
    where = machine()

    process, base = start_gunicorn(env)
    try:
        session = sign_in(base)
        others = {email: sign_in(base, email) for email in set(PAGE_USERS.values())}
        rows = []
        for name, url in pages.items():
            who = others[PAGE_USERS[name]] if name in PAGE_USERS else session
            timings = sequential(who, base + url, args.requests)
            median, p95 = statistics.median(timings), _percentile(timings, 0.95)
            budget = 2 * sql_ms[name] + 10
            rows.append(
                {
                    "page": name,
                    "queries": len(statements[name]),
                    "sql": sql_ms[name],
                    "median": median,
                    "p95": p95,
                    "ratio": median / budget,
                    "concurrent": None,
                }
            )
        for row in rows:
            if row["page"] in ("cases list", "My work"):
                row["concurrent"] = concurrent(
                    session.cookies, base + pages[row["page"]], args.concurrency, args.seconds
                )
        feed_ok = feed_304(session, base + pages["calendar feed"])
    finally:
        process.terminate()
        process.wait(timeout=30)

    print(f"\n{where}; commit {_commit()}")
    print(f"{'page':<16}{'queries':>8}{'SQL ms':>9}{'median':>9}{'p95':>8}{'ratio':>7}  concurrent")
    table = []
    for r in rows:
        c = r["concurrent"]
        conc = (
            f"{args.concurrency}, {c['rps']:.0f}/s, {c['p50']:.0f}, {c['p95']:.0f}, {c['p99']:.0f}"
            + (f" ({c['errors']} errors)" if c["errors"] else "")
            if c
            else ""
        )
        misses = []
        if r["ratio"] > 1:
            misses.append("median over 2x SQL + 10 ms")
        if r["p95"] > SEQUENTIAL_P95_MS:
            misses.append(f"p95 over {SEQUENTIAL_P95_MS} ms")
        if c and c["p95"] > CONCURRENT_P95_MS:
            misses.append(f"concurrent p95 over {CONCURRENT_P95_MS} ms")
        if r["page"] == "calendar feed" and not feed_ok:
            misses.append("no 304 for a current copy")
        verdict = "yes" if not misses else "no: " + "; ".join(misses)
        print(
            f"{r['page']:<16}{r['queries']:>8}{r['sql']:>9.1f}{r['median']:>9.1f}"
            f"{r['p95']:>8.1f}{r['ratio']:>7.2f}  {conc}  {verdict}"
        )
        table.append(
            [
                _commit(),
                where,
                r["page"],
                r["queries"],
                f"{r['sql']:.1f}",
                f"{r['median']:.1f}",
                f"{r['p95']:.1f}",
                f"{r['ratio']:.2f}",
                conc,
                verdict,
            ]
        )
    print(f"calendar feed answers 304 to a current copy: {'yes' if feed_ok else 'no'}")
    if not args.no_record:
        append_rows(ROOT / "docs/benchmarks.md", SECTION, HEADER, table)
        print("Recorded in docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

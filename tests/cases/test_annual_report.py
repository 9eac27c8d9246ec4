"""The action plans' annual report export (cases/annual_report.py): the reporting year, what is
counted, what each member may export, and that other partnerships' actions never appear."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.annual_report import ReportingYear, year_of
from cases.models import AccessKind, AccessLogEntry, Role
from cases.services import actions as services
from tests.cases.action_records import an_action, an_impact_statement

pytestmark = pytest.mark.django_db


def test_the_reporting_year_runs_from_april_to_march():
    assert year_of(datetime.date(2026, 3, 31)) == ReportingYear(datetime.date(2025, 4, 1))
    year = year_of(datetime.date(2026, 4, 1))
    assert (year.start, year.end) == (datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
    assert (year.key, year.label) == ("2026-27", "April 2026 to March 2027")


def _url(side, **query):
    url = reverse("cases:action_annual_report", args=[side.partnership.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_workbook_counts_the_year_and_keeps_formulas_as_text(world, client_for):
    side = world.alpha
    an_action(side)
    an_impact_statement(side)  # its case's one action, closed today
    bm = side.members[Role.BUSINESS_MANAGER]
    services.action_add(
        actor=bm.user,
        membership=bm,
        case=side.case,
        stage="lcspr",
        owner_agency=side.agencies["police"],
        what='=HYPERLINK("http://example.org")',
        due_date=datetime.date(2026, 12, 1),
        success_measure="@SUM(A1)",
    )
    an_action(world.beta)
    client = client_for(bm.user)
    page = client.get(_url(side)).content.decode()
    assert "April 2026 to March 2027" in page
    response = client.get(_url(side, year="2026-27"))
    assert response["Content-Disposition"].endswith('-action-plans-2026-27.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Actions", "Impact statements"]
    figures = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert figures["Actions agreed in the year"] == 3
    assert figures["Actions closed in the year"] == 1
    assert figures["Actions still open at the end of the year"] == 2
    assert figures["Of those, past their due date"] == 1
    assert figures["Impact statements in the year"] == 1
    actions = list(book["Actions"].iter_rows(values_only=True))
    assert len(actions) == 4  # the headings and alpha's three, none of beta's
    assert '\'=HYPERLINK("http://example.org")' in [row[2] for row in actions]
    assert {row[0] for row in actions[1:]} <= {side.case.reference, *_references(side)}
    logged = AccessLogEntry.objects.get(kind=AccessKind.EXPORT, user=bm.user)
    assert "April 2026 to March 2027 (3 actions)" in logged.object_repr


def _references(side):
    from cases.models import Case

    return set(
        Case.objects.filter(partnership=side.partnership).values_list("reference", flat=True)
    )


def test_an_action_closed_before_the_year_is_left_out(world):
    from cases.annual_report import annual_report_workbook

    side = world.alpha
    an_impact_statement(side)  # one action, closed today
    an_action(side)  # still open
    next_year = ReportingYear(datetime.date(2027, 4, 1))
    content, count = annual_report_workbook(side.members[Role.BUSINESS_MANAGER], next_year)
    assert count == 1
    book = load_workbook(io.BytesIO(content))
    figures = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert figures["Actions agreed in the year"] == 0
    assert figures["Actions still open at the end of the year"] == 1


def test_who_may_export_and_a_year_not_offered(world, client_for):
    side = world.alpha
    an_action(side)
    assert client_for(side.user(Role.SLO)).get(_url(side)).status_code == 403
    assert client_for(side.user(Role.SCRUTINEER)).get(_url(side)).status_code == 200
    bad = client_for(side.user(Role.EXECUTIVE)).get(_url(side, year="1999-00"))
    assert bad.status_code == 200
    assert "Select a reporting year" in bad.content.decode()

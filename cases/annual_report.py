"""The action plans' figures for the partnership's annual report: one .xlsx for a reporting year
(1 April to 31 March, the year most partnerships' annual reports cover), of the cases the member
can see. Working Together requires the partnership to report yearly on what it learnt from its
reviews and what difference the actions made; this gives the business manager the figures
without a spreadsheet of their own.

Sheets: "Summary" (the year's figures, and by owner agency), "Actions" (every action open at
some time in the year, with its state now) and "Impact statements" (those of the year)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from cases.action_export import xlsx_cell
from cases.models import ActionItem, ActionItemStatus, ImpactStatement, Membership
from cases.permissions import visible_cases

DONE = (ActionItemStatus.CLOSED, ActionItemStatus.CANCELLED)


@dataclass(frozen=True)
class ReportingYear:
    start: datetime.date

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start.year + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"April {self.start.year} to March {self.start.year + 1}"

    @property
    def key(self) -> str:
        return f"{self.start.year}-{(self.start.year + 1) % 100:02d}"


def year_of(day: datetime.date) -> ReportingYear:
    return ReportingYear(datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1))


def reporting_years(membership: Membership) -> list[ReportingYear]:
    """The years from the first action the member can see to this one, newest first."""
    first = (
        ActionItem.objects.filter(case__in=visible_cases(membership).values("pk"))
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    today = timezone.localdate()
    start = year_of(timezone.localdate(first) if first else today).start.year
    return [
        ReportingYear(datetime.date(y, 4, 1))
        for y in range(year_of(today).start.year, start - 1, -1)
    ]


def _actions(membership: Membership, year: ReportingYear):
    """Actions open at some time in the year: agreed by its end, not closed or cancelled
    before its start."""
    return (
        ActionItem.objects.filter(
            case__in=visible_cases(membership).values("pk"),
            created_at__date__lte=year.end,
        )
        .exclude(Q(status=ActionItemStatus.CLOSED) & Q(closed_on__lt=year.start))
        .select_related("case", "owner_agency", "owner_person")
        .order_by("case__reference", "stage", "id")
    )


def _row(sheet, values, *, bold=False):
    cells = []
    for value in values:
        cell = xlsx_cell(sheet, value, date=isinstance(value, datetime.date))
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)


def annual_report_workbook(membership: Membership, year: ReportingYear) -> tuple[bytes, int]:
    """The workbook and the number of actions in it."""
    actions = list(_actions(membership, year))
    statements = list(
        ImpactStatement.objects.filter(
            case__in=visible_cases(membership).values("pk"),
            written_on__range=(year.start, year.end),
        )
        .select_related("case")
        .order_by("written_on", "id")
    )

    def agreed(a):
        return year.start <= timezone.localdate(a.created_at) <= year.end

    def closed(a):
        return a.status == ActionItemStatus.CLOSED and year.start <= a.closed_on <= year.end

    def open_at_end(a):
        return a.status not in DONE or (a.closed_on and a.closed_on > year.end)

    def overdue_at_end(a):
        return (
            open_at_end(a)
            and a.due_date is not None
            and a.due_date < min(year.end, timezone.localdate())
        )

    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet("Summary")
    summary.column_dimensions["A"].width = 48
    for letter in "BCDE":
        summary.column_dimensions[letter].width = 16
    title = WriteOnlyCell(summary, value=f"Action plans: {year.label}")
    title.font = Font(bold=True)
    summary.append([title])
    summary.append([])
    for label, count in (
        ("Actions agreed in the year", sum(map(agreed, actions))),
        ("Actions closed in the year", sum(map(closed, actions))),
        ("Actions still open at the end of the year", sum(map(open_at_end, actions))),
        ("Of those, past their due date", sum(map(overdue_at_end, actions))),
        ("Cases with actions", len({a.case_id for a in actions})),
        ("Impact statements in the year", len(statements)),
    ):
        _row(summary, [label, count])
    summary.append([])
    _row(summary, ["Owner agency", "Agreed", "Closed", "Open at year end", "Overdue"], bold=True)
    agencies = sorted({a.owner_label or "Not given" for a in actions})
    for agency in agencies:
        own = [a for a in actions if (a.owner_label or "Not given") == agency]
        _row(
            summary,
            [
                agency,
                sum(map(agreed, own)),
                sum(map(closed, own)),
                sum(map(open_at_end, own)),
                sum(map(overdue_at_end, own)),
            ],
        )

    sheet = workbook.create_sheet("Actions")
    for letter, width in zip("ABCDEFGHI", (14, 18, 50, 24, 12, 14, 12, 40, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    _row(
        sheet,
        [
            "Case",
            "Review",
            "Action",
            "Owner agency",
            "Due",
            "Status now",
            "Date closed",
            "Success measure",
            "Agreed on",
        ],
        bold=True,
    )
    for a in actions:
        _row(
            sheet,
            [
                a.case.reference,
                a.get_stage_display(),
                a.what,
                a.owner_label or "",
                a.due_date,
                a.get_status_display(),
                a.closed_on,
                a.success_measure,
                timezone.localdate(a.created_at),
            ],
        )

    impact = workbook.create_sheet("Impact statements")
    for letter, width in zip("ABCD", (14, 12, 30, 80), strict=True):
        impact.column_dimensions[letter].width = width
    _row(impact, ["Case", "Date", "Produced by", "What difference the review has made"], bold=True)
    for s in statements:
        _row(impact, [s.case.reference, s.written_on, s.produced_by, s.difference_made])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), len(actions)

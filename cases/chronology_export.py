"""Spreadsheets written with openpyxl: the blank template an agency downloads (the columns of
cases.chronology_columns and Swindon's guidance, seed 001 Appendix 10) and the integrated
chronology's export, streamed row by row (write-only mode)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from cases.chronology_columns import COLUMNS
from cases.chronology_import import SHEET_NAME

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Swindon 001 Appendix 10, "Guidance on Completing the Chronologies", shortened.
GUIDANCE = (
    "Guidance on completing the chronology",
    "",
    "Who should complete it: a senior member of staff who has had no involvement with the "
    "case, with access to all relevant records; a senior member of staff quality assures and "
    "signs it off before it is submitted.",
    "What to record: key events, significant incidents that affect the child's safety and "
    "welfare, circumstances or home environment and needed a professional decision or "
    "judgement. Keep it relevant and succinct: it is not a log of every contact.",
    "Examples: contacts or referrals; assessments; strategy discussions; meetings and child "
    "protection conferences; section 47 enquiries; injuries or neglect; hospital attendances; "
    "births, deaths and serious illness; house moves; changes in the family; criminal and civil "
    "proceedings; changes of school or GP; missing episodes; specific support offered.",
    "Time period: the scope period of the request (the terms of reference). Include events "
    "outside it only if they are needed to understand the pattern of what happened.",
    "Organisational changes: if asked, also record the changes in your organisation (teams, "
    "resources, structures) that may have affected frontline practice during the same period.",
    "",
    "How to fill in the sheet 'Chronology': one event per row under the headings in row 1. "
    "Do not change or move the headings. Dates as 31/12/2026 or 31 December 2026. Names of "
    "subjects as they are named on the case, separated by semicolons. Type values, not "
    "formulas. Save as .xlsx (or .csv) and upload it on the chronology's import page.",
    "",
    "The columns:",
    *(f"{c.heading}{' (required)' if c.required else ''}: {c.hint}" for c in COLUMNS),
)
_WIDTHS = {"details": 60, "analysis": 50, "subjects": 30}


def template_workbook() -> bytes:
    """The blank template: the sheet 'Chronology' with the headings, and 'Guidance'."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    bold = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.heading)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = _WIDTHS.get(column.field, 18)
    sheet.freeze_panes = "A2"
    guidance = workbook.create_sheet("Guidance")
    guidance.column_dimensions["A"].width = 120
    for row, text in enumerate(GUIDANCE, start=1):
        cell = guidance.cell(row=row, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPORT_HEADINGS = (
    "Date",
    "Time",
    "Agency",
    "Source of information",
    "Agency/department",
    "Name of subject(s)",
    "Type of contact",
    "By whom",
    "Details of event",
    "Comments/analysis of outcome",
    "Outside the scope period",
    "Chronology status",
    "Entered by",
)


def _text_cell(sheet, value) -> WriteOnlyCell:
    """A cell that holds text as text: openpyxl would make a formula of text starting "="."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def integrated_workbook(entries, *, title: str) -> bytes:
    """The integrated chronology's entries (from cases.chronologies.attach_chronologies), one
    row each, written as they come (write-only: memory stays flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Integrated chronology")
    widths = (12, 8, 24, 20, 20, 24, 18, 18, 60, 50, 12, 14, 22)
    for letter, width in zip("ABCDEFGHIJKLM", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    heading = WriteOnlyCell(sheet, value=title)
    heading.font = Font(bold=True)
    sheet.append([heading])
    row = []
    for text in EXPORT_HEADINGS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        row.append(cell)
    sheet.append(row)
    for entry in entries:
        chronology = entry.chronology
        date_cell = WriteOnlyCell(sheet, value=entry.occurred_on)
        date_cell.number_format = "DD/MM/YYYY"
        values = (
            entry.occurred_at.strftime("%H:%M") if entry.occurred_at else "",
            chronology.agency.name,
            entry.source,
            entry.department,
            "; ".join(s.full_name for s in entry.subjects.all()),
            entry.contact_type,
            entry.by_whom,
            entry.details,
            entry.analysis,
            "Yes" if entry.outside_scope else "",
            chronology.get_status_display(),
            _entered_by(entry),
        )
        sheet.append([date_cell, *(_text_cell(sheet, v) for v in values)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _entered_by(entry) -> str:
    name = entry.created_by.get_full_name()
    return f"{name} (on the agency's behalf)" if entry.entered_on_behalf else name

"""The case's action tracker as .xlsx, in the shape Dorset keeps it (seed 002 8.2-8.6): one
workbook per case, a sheet per review ("Serious Incident Report", "Rapid Review", "LCSPR", and
"Learning review" when the case has such actions), one row per action. Text is written as text:
a value starting with = + - or @ is kept from becoming a formula (CSV/formula injection)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from cases.models import ActionStage

HEADINGS = (
    "Ref",
    "Recommendation/learning",
    "Action",
    "Owner agency",
    "Owner",
    "Due",
    "Success measure",
    "Status",
    "RAG",
    "Latest update",
    "Date closed",
)
WIDTHS = (8, 40, 50, 24, 22, 12, 40, 14, 10, 50, 12)
# The sheets always there (Dorset's tracker); "Learning review" only when used.
ALWAYS = (ActionStage.NOTIFICATION, ActionStage.RAPID_REVIEW, ActionStage.LCSPR)
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(value: str) -> str:
    """Text that a spreadsheet will not run: a leading = + - @ gets a single quote in front
    (OWASP's advice for CSV injection), and the cell is written as a string."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_cell(sheet, value, *, date=False) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=safe_text(value))
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value=value)
    if date and value is not None:
        cell.number_format = "DD/MM/YYYY"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _person(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else ""


def tracker_filename(case) -> str:
    return f"{case.reference}-action-tracker.xlsx"


def tracker_workbook(case, actions) -> bytes:
    """`actions`: the case's actions as the member may see them, each with `.rag` and
    `.latest` (cases.views.actions)."""
    workbook = Workbook(write_only=True)
    stages = [
        (stage, label)
        for stage, label in ActionStage.choices
        if stage in ALWAYS or any(a.stage == stage for a in actions)
    ]
    for stage, label in stages:
        sheet = workbook.create_sheet(label)
        for index, width in enumerate(WIDTHS):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.freeze_panes = "A3"
        title = WriteOnlyCell(sheet, value=safe_text(f"{case.reference}: {label} actions"))
        title.font = Font(bold=True)
        sheet.append([title])
        headings = []
        for text in HEADINGS:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = Font(bold=True)
            headings.append(cell)
        sheet.append(headings)
        for action in (a for a in actions if a.stage == stage):
            latest = getattr(action, "latest", None)
            sheet.append(
                [
                    xlsx_cell(sheet, action.reference),
                    xlsx_cell(sheet, action.recommendation),
                    xlsx_cell(sheet, action.what),
                    xlsx_cell(sheet, action.owner_label or ""),
                    xlsx_cell(sheet, _person(action.owner_person)),
                    xlsx_cell(sheet, action.due_date, date=True),
                    xlsx_cell(sheet, action.success_measure),
                    xlsx_cell(sheet, action.get_status_display()),
                    xlsx_cell(sheet, action.rag.word),
                    xlsx_cell(sheet, latest.summary if latest is not None else ""),
                    xlsx_cell(sheet, action.closed_on, date=True),
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Reading an agency's chronology from a spreadsheet (.xlsx or .csv with the template's headings
in row 1, cases.chronology_columns). All or nothing: every bad row and cell is listed with the
reason, in GOV.UK wording, and nothing is returned until the whole file is right.

.xlsx is read with openpyxl in read-only (streaming) mode, row by row, so memory stays flat
however long the file; the file is checked by its content first (cases.uploads.check_upload:
size, type), and its unpacked size is checked before openpyxl opens it.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.chronology_columns import COLUMNS, HEADINGS, TEXT_FIELDS, heading_key
from cases.uploads import check_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
MAX_ROWS = 10_000
# Past the template's columns, cells are not read (a row of a million cells is not a chronology).
MAX_COLUMNS = 40
# An .xlsx is a zip: its parts unpacked may be far larger than the upload (a zip bomb).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
SHEET_NAME = "Chronology"

NOT_A_SPREADSHEET = "The selected file must be a spreadsheet saved as .xlsx or .csv"
UNREADABLE = (
    "The selected file could not be read: save it again as .xlsx (Excel Workbook) or .csv "
    "(comma separated, UTF-8) and upload it again"
)
TOO_MANY_ROWS = f"The selected file must have {MAX_ROWS:,} rows or fewer"
NO_ROWS = "The selected file has no entries: enter them under the headings of the template"
FORMULA = "Enter the value, not a formula"

_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
_TIME_FORMATS = ("%H:%M", "%H.%M", "%H:%M:%S", "%I:%M%p", "%I.%M%p", "%I%p")
# Excel keeps a time alone as a datetime on its day zero.
_EXCEL_DAY_ZERO_YEARS = (1899, 1900)


@dataclass
class ImportedRow:
    row: int  # the spreadsheet's row number, for the messages
    values: dict = field(default_factory=dict)  # model field -> value; "subjects": Subjects


class Unreadable(Exception):
    pass


def read_chronology(uploaded, *, subjects) -> list[ImportedRow]:
    """The rows of the uploaded file, checked; ValidationError({"file": [every reason]})."""
    try:
        checked = check_upload(uploaded)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    if checked.content_type not in (XLSX, CSV):
        raise ValidationError({"file": [NOT_A_SPREADSHEET]})
    reader = _Reader(subjects)
    try:
        if checked.content_type == XLSX:
            reader.read(_xlsx_rows(uploaded))
        else:
            reader.read(_csv_rows(uploaded))
    except Unreadable as exc:
        raise ValidationError({"file": [str(exc) or UNREADABLE]}) from None
    finally:
        uploaded.seek(0)
    if reader.errors:
        raise ValidationError({"file": reader.errors})
    if not reader.rows:
        raise ValidationError({"file": [NO_ROWS]})
    return reader.rows


# --- The two formats: each yields rows of (value, is_formula) ---------------------------------


def _xlsx_rows(uploaded) -> Iterator[list[tuple[object, bool]]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(uploaded) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Unreadable(UNREADABLE) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable(TOO_MANY_ROWS)
    uploaded.seek(0)
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise Unreadable(UNREADABLE) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[SHEET_NAME] if SHEET_NAME in names else workbook.worksheets[0]
        for cells in sheet.iter_rows(max_col=MAX_COLUMNS):
            yield [(cell.value, getattr(cell, "data_type", None) == "f") for cell in cells]
    except Unreadable:
        raise
    except Exception:
        raise Unreadable(UNREADABLE) from None
    finally:
        workbook.close()


def _csv_rows(uploaded) -> Iterator[list[tuple[object, bool]]]:
    uploaded.seek(0)
    text = io.TextIOWrapper(uploaded.file, encoding="utf-8-sig", newline="")
    try:
        for values in csv.reader(text):
            # A cell starting with "=" becomes a formula when the file is opened in a spreadsheet.
            yield [(v, v.startswith("=")) for v in values[:MAX_COLUMNS]]
    except (csv.Error, UnicodeDecodeError):
        raise Unreadable(UNREADABLE) from None
    finally:
        text.detach()


# --- Checking the rows -------------------------------------------------------------------------


class _Reader:
    def __init__(self, subjects):
        self.subjects = _SubjectNames(subjects)
        self.today = timezone.localdate()
        self.columns: list = []  # position -> Column or None (an empty heading)
        self.rows: list[ImportedRow] = []
        self.errors: list[str] = []

    def read(self, rows) -> None:
        number = 0
        for number, cells in enumerate(rows, start=1):
            if not self.columns:
                if not _is_blank(cells):
                    self._headings(number, cells)
                    if self.errors:
                        return
                continue
            if _is_blank(cells):
                continue
            if len(self.rows) + 1 > MAX_ROWS:
                self.errors = [TOO_MANY_ROWS]
                return
            self._row(number, cells)
        if not self.columns and number:
            self.errors.append(NO_ROWS)

    def _headings(self, number: int, cells) -> None:
        seen = set()
        for position, (value, is_formula) in enumerate(cells):
            text = _text(value)
            if not text:
                self.columns.append(None)
                continue
            column = HEADINGS.get(heading_key(text))
            letter = _letter(position)
            if is_formula or column is None:
                self.errors.append(
                    f"Row {number}, column {letter}: “{text[:60]}” is not a heading of the "
                    "template: use the headings of the template"
                )
            elif column.field in seen:
                self.errors.append(
                    f"Row {number}, column {letter}: the heading {column.heading} must appear once"
                )
            seen.add(getattr(column, "field", None))
            self.columns.append(column)
        missing = [c.heading for c in COLUMNS if c.required and c.field not in seen]
        if missing:
            self.errors.append(
                f"Row {number}: the file must have the heading{'s' if len(missing) > 1 else ''} "
                f"{' and '.join(missing)}"
            )

    def _row(self, number: int, cells) -> None:
        raw: dict[str, object] = {}
        errors: list[str] = []
        flagged: set[str] = set()
        for position, (value, is_formula) in enumerate(cells):
            column = self.columns[position] if position < len(self.columns) else None
            if column is None:
                if _text(value):
                    errors.append(
                        f"Row {number}, column {_letter(position)}: the column has no heading: "
                        "enter values only under the headings of the template"
                    )
                continue
            if is_formula:
                errors.append(f"Row {number}, column {column.heading}: {FORMULA}")
                flagged.add(column.field)
                continue
            raw[column.field] = value
        values: dict[str, object] = {}
        for column in COLUMNS:
            value = raw.get(column.field)
            if value is None or _text(value) == "":
                if column.required and column.field not in flagged:
                    errors.append(f"Row {number}: Enter {column.noun}")
                continue
            try:
                values[column.field] = self._value(column, value)
            except ValueError as exc:
                errors.append(f"Row {number}, column {column.heading}: {exc}")
        if isinstance(raw.get("occurred_on"), datetime.datetime) and "occurred_at" not in values:
            moment = raw["occurred_on"].time()
            if moment != datetime.time(0, 0):
                values["occurred_at"] = moment
        self.errors.extend(errors)
        if not errors:
            values.setdefault("subjects", [])
            self.rows.append(ImportedRow(row=number, values=values))

    def _value(self, column, value):
        if column.field == "occurred_on":
            day = parse_date(value)
            if day > self.today:
                raise ValueError("Date of the event must be today or in the past")
            return day
        if column.field == "occurred_at":
            return parse_time(value)
        text = _text(value)
        if len(text) > column.max_length:
            raise ValueError(f"{column.heading} must be {column.max_length:,} characters or fewer")
        if column.field == "subjects":
            return self.subjects.find(text)
        assert column.field in TEXT_FIELDS
        return text


class _SubjectNames:
    """The case's people by name: full name, or first name where only one person has it."""

    def __init__(self, subjects):
        self.by_name: dict[str, object] = {}
        first_names: dict[str, list] = {}
        for subject in subjects:
            self.by_name[_name_key(subject.full_name)] = subject
            first_names.setdefault(_name_key(subject.first_name), []).append(subject)
        for key, people in first_names.items():
            if len(people) == 1:
                self.by_name.setdefault(key, people[0])

    def find(self, text: str) -> list:
        found, unknown = [], []
        for name in re.split(r"[;\n]", text):
            name = name.strip()
            if not name:
                continue
            subject = self.by_name.get(_name_key(name))
            if subject is None:
                unknown.append(name)
            elif subject not in found:
                found.append(subject)
        if unknown:
            names = ", ".join(f"“{n[:60]}”" for n in unknown)
            raise ValueError(
                f"{names} {'is' if len(unknown) == 1 else 'are'} not among the people on the "
                "case: enter their names as on the case, separated by semicolons"
            )
        return found


def parse_date(value) -> datetime.date:
    """A UK date: 31/12/2026, 31 December 2026, 31 Dec 2026, 2026-12-31, or a date cell."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = " ".join(_text(value).replace(",", " ").split())
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day.year >= 1900:
            return day
    raise ValueError("Date of the event must be a real date, like 31/12/2026")


def parse_time(value) -> datetime.time:
    """14:30, 2:30pm, 2pm, or a time cell."""
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, datetime.datetime) and value.year in _EXCEL_DAY_ZERO_YEARS:
        return value.time().replace(second=0, microsecond=0)
    text = _text(value).replace(" ", "").upper()
    for fmt in _TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    raise ValueError("Time of the event must be a real time, like 14:30 or 2:30pm")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _is_blank(cells) -> bool:
    return all(_text(value) == "" for value, _ in cells)


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def _letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position + 1)

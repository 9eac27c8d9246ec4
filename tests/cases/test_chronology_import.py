"""Importing a chronology from a spreadsheet: all or nothing, every bad row and cell listed in
GOV.UK wording; files that are not spreadsheets, formulas, damaged files; and the integrated
chronology's queries do not grow with its entries."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cases.chronology_import import parse_date
from cases.models import ChronologyEntry, Role
from cases.services import chronologies as services
from tests.cases import chronology_records as cr
from tests.query_guard import assert_constant_queries

pytestmark = pytest.mark.django_db
HEADINGS = [
    "Date",
    "Source of information",
    "Agency/ Department",
    "Name of Subject(s)",
    "Type of Contact",
    "By Whom?",
    "Details of Event",
    "Comments/Analysis of Outcome",
]


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("chronology.xlsx", buffer.getvalue())


def _import(side, uploaded):
    slo = side.members[Role.SLO]
    return services.chronology_import(
        actor=slo.user, membership=slo, chronology=cr.a_chronology(side), uploaded=uploaded
    )


def _errors(side, uploaded) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        _import(side, uploaded)
    return caught.value.message_dict["file"]


@pytest.mark.parametrize(
    "text", ["31/12/2025", "31 December 2025", "31 Dec 2025", "2025-12-31", "31-12-2025"]
)
def test_uk_dates(text):
    assert parse_date(text) == datetime.date(2025, 12, 31)


def test_an_xlsx_with_the_appendix_f_headings_imports_every_row(world):
    side = world.alpha
    cr.a_chronology(side)
    before = ChronologyEntry.objects.count()
    entries = _import(
        side,
        _xlsx(
            [
                HEADINGS,
                [
                    datetime.datetime(2025, 10, 1),
                    "Case file",
                    "Custody",
                    "Test Child",
                    "Arrest",
                    "PC A",
                    "Arrested",
                    "",
                ],
                ["2 October 2025", "", "", "", "", "", "Released", "Bail"],
            ]
        ),
    )
    assert len(entries) == 2
    assert ChronologyEntry.objects.count() == before + 2
    assert [s.pk for s in entries[0].subjects.all()] == [side.subject.pk]


def test_every_bad_row_and_cell_is_listed_and_nothing_is_saved(world):
    side = world.alpha
    cr.a_chronology(side)
    before = ChronologyEntry.objects.count()
    errors = _errors(
        side,
        _xlsx(
            [
                HEADINGS,
                ["1/10/2025", "", "", "", "", "", "Fine", ""],
                ["", "", "", "", "", "", "No date", ""],
                ["31/02/2025", "", "", "Nobody Known", "", "", "Bad date", ""],
                ["1/10/2025", "", "", "", "", "", "", ""],
                ["=TODAY()", "", "", "", "", "", "Formula", ""],
            ]
        ),
    )
    assert errors == [
        "Row 3: Enter the date of the event",
        "Row 4, column Date: Date of the event must be a real date, like 31/12/2026",
        "Row 4, column Name of subject(s): “Nobody Known” is not among the people on the case: "
        "enter their names as on the case, separated by semicolons",
        "Row 5: Enter the details of the event",
        "Row 6, column Date: Enter the value, not a formula",
    ]
    assert ChronologyEntry.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "The selected file must be a spreadsheet saved as .xlsx or .csv"),
        ("broken.xlsx", b"PK\x03\x04broken", "The selected file"),
        ("empty.csv", b"Date,Details of event\n", "The selected file has no entries"),
        ("wrong.csv", b"When,What\n1/1/2025,x\n", "is not a heading of the template"),
    ],
)
def test_files_that_are_not_right_get_a_clear_error(world, name, content, message):
    errors = _errors(world.alpha, SimpleUploadedFile(name, content))
    assert any(message in e for e in errors), errors


def test_the_import_page_lists_the_errors(world, client_for):
    side = world.alpha
    chronology = cr.a_chronology(side)
    url = reverse(
        "cases:chronology_import", args=[side.partnership.slug, side.case.pk, chronology.pk]
    )
    csv = SimpleUploadedFile("c.csv", b"Date,Details of event\n,Visit\n")
    response = client_for(side.user(Role.SLO)).post(url, {"file": csv})
    assert response.status_code == 200
    assert "Row 2: Enter the date of the event" in response.content.decode()


def test_the_api_import_answers_400_with_the_rows(world, client_for):
    side = world.alpha
    chronology = cr.a_chronology(side)
    url = (
        f"/api/p/{side.partnership.slug}/cases/{side.case.pk}/chronologies/{chronology.pk}/import/"
    )
    csv = SimpleUploadedFile("c.csv", b"Date,Details of event\n32/1/2025,Visit\n")
    response = client_for(side.user(Role.SLO)).post(url, {"file": csv})
    assert response.status_code == 400
    assert response.json()["file"] == [
        "Row 2, column Date: Date of the event must be a real date, like 31/12/2026"
    ]


def test_the_integrated_chronology_costs_the_same_queries_for_more_entries(world, client_for):
    side = world.alpha
    chronology = cr.a_chronology(side)
    url = reverse("cases:chronology_integrated", args=[side.partnership.slug, side.case.pk])

    def grow(n):
        entries = ChronologyEntry.objects.bulk_create(
            ChronologyEntry(
                partnership_id=side.partnership.pk,
                chronology=chronology,
                occurred_on=datetime.date(2025, 11, 1),
                details=f"Event {i}",
                created_by=side.user(Role.SLO),
            )
            for i in range(n)
        )
        from cases.models import ChronologyEntrySubject

        ChronologyEntrySubject.objects.bulk_create(
            ChronologyEntrySubject(
                partnership_id=side.partnership.pk, entry=e, subject=side.subject
            )
            for e in entries
        )

    assert_constant_queries(client_for(side.user(Role.BUSINESS_MANAGER)), url, grow)

"""Uploads are checked by content, not by the name or type the browser claims."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Attachment, Role
from cases.uploads import check_upload
from tests.world import PDF_BYTES

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def _zip(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in members:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX_BYTES = _zip("[Content_Types].xml", "word/document.xml")


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("report.pdf", PDF_BYTES, "application/pdf"),
        ("REPORT.PDF", PDF_BYTES, "application/pdf"),
        ("photo.png", PNG_BYTES, "image/png"),
        ("photo.jpg", JPEG_BYTES, "image/jpeg"),
        (
            "letter.docx",
            DOCX_BYTES,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("chronology.csv", "date,event\n2026-01-05,Zoë seen at café\n".encode(), "text/csv"),
        ("bom.csv", "\ufeffdate,event\n2026-01-05,seen\n".encode(), "text/csv"),
        ("notes.txt", b"Plain notes.\n", "text/plain"),
        # A multi-byte character straddling the 8 KiB first read is still UTF-8.
        ("long.csv", b"a" * 8191 + "é,x\n".encode() * 10, "text/csv"),
    ],
)
def test_accepted(name, data, content_type):
    checked = check_upload(_file(name, data))
    assert checked.content_type == content_type
    assert checked.size == len(data)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("report.pdf", PNG_BYTES, "must be a PDF"),  # a PNG calling itself a PDF
        ("photo.png", PDF_BYTES, "must be a PDF"),
        ("setup.exe", EXE_BYTES, "must be a PDF"),
        ("setup.pdf", EXE_BYTES, "must be a PDF"),
        ("report", PDF_BYTES, "must be a PDF"),  # no extension
        ("letter.xlsx", DOCX_BYTES, "must be a PDF"),  # Word file named as Excel
        ("archive.docx", _zip("evil.txt"), "must be a PDF"),  # any zip is not a Word file
        ("page.html", b"<html><script>alert(1)</script></html>", "must be a PDF"),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "must be a PDF"),
        ("empty.pdf", b"", "empty"),
        ("latin1.csv", "name,place\nAnn,caf\xe9\n".encode("latin-1"), "UTF-8"),
        ("late.csv", b"a,b\n" * 3000 + b"\xff\xfe", "UTF-8"),  # bad bytes after 8 KiB
        ("binary.txt", b"abc\x00def", "must be a PDF"),
    ],
)
def test_refused(name, data, reason):
    with pytest.raises(ValidationError, match=reason):
        check_upload(_file(name, data))


def test_too_large(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match="smaller than 1MB"):
        check_upload(_file("big.pdf", PDF_BYTES + b"0" * (1024 * 1024)))
    check_upload(_file("fits.pdf", PDF_BYTES))


def test_page_shows_the_reason_on_the_file_field_and_stores_nothing(world, client_for):
    side = world.alpha
    url = reverse("cases:attachment_add", args=[side.partnership.slug, side.case.pk])
    before = Attachment.objects.count()
    response = client_for(side.user(Role.SLO)).post(
        url, {"file": _file("report.pdf", PNG_BYTES), "description": "Kept description"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, "
        "CSV or plain text file."
    ]
    assert b"govuk-error-summary" in response.content
    assert b"Kept description" in response.content
    assert Attachment.objects.count() == before


def test_api_refuses_with_a_reason(world, client_for):
    side = world.alpha
    url = reverse("cases_api:attachment-list", args=[side.partnership.slug, side.case.pk])
    client = client_for(side.user(Role.BUSINESS_MANAGER))
    response = client.post(url, {"file": _file("setup.exe", EXE_BYTES)})
    assert response.status_code == 400
    assert "must be a PDF" in response.json()["file"][0]
    response = client.post(url, {"file": _file("empty.csv", b"")})
    assert response.status_code == 400
    assert "file" in response.json()


def test_stored_privately_under_a_random_name(world):
    attachment = world.alpha.attachment
    assert attachment.original_name == "report.pdf"
    assert "report" not in attachment.file.name
    assert attachment.file.name.startswith(f"attachments/{world.alpha.partnership.pk}/")
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES

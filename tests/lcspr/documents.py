"""Real report drafts for the tests: a Word document built with zipfile (the parts a DOCX needs,
a header and a footer) and a PDF rendered by WeasyPrint from HTML."""

from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile

from lcspr.docx_build import docx_bytes


def docx_upload(paragraphs, name="report.docx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        docx_bytes(paragraphs, **kwargs),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def pdf_bytes(paragraphs) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return HTML(string=f"<html><body><h1>LCSPR report</h1>{body}</body></html>").write_pdf()


def pdf_upload(paragraphs, name="report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(paragraphs), content_type="application/pdf")

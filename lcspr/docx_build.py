"""A small Word document (DOCX) built from paragraphs with the standard library: the parts a
DOCX needs, a header and a footer, each paragraph in two runs as Word writes them. The demo's
drafts of the LCSPR report are made with it (lcspr/demo.py), and the tests' too."""

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.footer+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _paragraphs(paragraphs) -> str:
    # Each paragraph split into two runs, as Word does, so a name may span runs.
    out = []
    for text in paragraphs:
        half = len(text) // 2
        runs = "".join(
            f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
            for part in (text[:half], text[half:])
            if part
        )
        out.append(f"<w:p>{runs}</w:p>")
    return "".join(out)


def docx_bytes(paragraphs, header: str = "", footer: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
            f"{_paragraphs(paragraphs)}</w:body></w:document>",
        )
        z.writestr(
            "word/header1.xml",
            f'<w:hdr xmlns:w="{W_NS}">{_paragraphs([header] if header else [])}</w:hdr>',
        )
        z.writestr(
            "word/footer1.xml",
            f'<w:ftr xmlns:w="{W_NS}">{_paragraphs([footer] if footer else [])}</w:ftr>',
        )
    return buffer.getvalue()

"""Checks an uploaded file by its content, not by the name or type the browser claims."""

import codecs
import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError

# Detected MIME type -> extensions it may carry.
ALLOWED_BINARY = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/msword": {"doc"},
    "application/vnd.ms-excel": {"xls"},
}
TEXT_EXTENSIONS = {"txt": "text/plain", "csv": "text/csv"}
ALLOWED_DESCRIPTION = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or plain text"


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _is_utf8(uploaded) -> bool:
    """The whole file decodes as UTF-8 (chunk by chunk: a character may span two chunks)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in uploaded.chunks():
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        uploaded.seek(0)
    return True


def check_upload(uploaded) -> CheckedUpload:
    size = uploaded.size
    if size == 0:
        raise ValidationError("The selected file is empty.")
    limit = settings.ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(f"The selected file must be smaller than {limit // (1024 * 1024)}MB.")
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    ext = _extension(uploaded.name)
    kind = filetype.guess(head)
    if kind is not None:
        mime = kind.mime
        # Old Office formats share one container signature.
        if mime == "application/x-ole-storage" or mime == "application/x-cfb":
            mime = {"doc": "application/msword", "xls": "application/vnd.ms-excel"}.get(ext, mime)
        allowed_exts = ALLOWED_BINARY.get(mime)
        if allowed_exts is None or ext not in allowed_exts:
            raise ValidationError(f"The selected file must be a {ALLOWED_DESCRIPTION} file.")
        return CheckedUpload(content_type=mime, size=size, sha256=digest.hexdigest())
    if ext in TEXT_EXTENSIONS and b"\x00" not in head:
        if not _is_utf8(uploaded):
            raise ValidationError("The selected text file must be saved as UTF-8.")
        return CheckedUpload(
            content_type=TEXT_EXTENSIONS[ext], size=size, sha256=digest.hexdigest()
        )
    raise ValidationError(f"The selected file must be a {ALLOWED_DESCRIPTION} file.")

"""The anonymisation check of a draft of the LCSPR report: read the text of the file (DOCX with
the standard library, PDF with pypdf: docs/adr/0014-report-text-extraction.md) and find in it
every case subject's names (first, last, full, aliases), date of birth (in the ways a report
writes dates), address (the street line) and postcode, and NHS number (with or without spaces).
Pure functions: lcspr.services.drafts records what they find."""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from lcspr.choices import AnonymisationHitKind as K

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
DRAFT_TYPES = {DOCX: "Word (DOCX)", PDF: "PDF"}

MAX_PART_BYTES = 20 * 1024 * 1024  # one XML part of a DOCX, inflated
MAX_TEXT = 5_000_000
CONTEXT_WORDS = 8
CONTEXTS_KEPT = 5
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})(?![A-Za-z0-9])"
)


NAME_KINDS = {K.FIRST_NAME, K.LAST_NAME, K.FULL_NAME, K.ALIAS}


class UnreadableDraft(Exception):
    """The file's text cannot be read; the message says why, for the person who uploaded it."""


# --- Reading the text -----------------------------------------------------------------------------


def _word_part_text(xml: bytes) -> str:
    if b"<!DOCTYPE" in xml[:4096].upper():
        raise UnreadableDraft("The Word document has a part that could not be read safely.")
    try:
        # No document type declaration (refused above), so no entities to expand.
        root = ElementTree.fromstring(xml)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise UnreadableDraft("The Word document is damaged: it could not be read.") from exc
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        pieces = []
        for node in paragraph.iter():
            if node.tag == f"{W}t" and node.text:
                pieces.append(node.text)
            elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                pieces.append(" ")
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


def docx_text(data: bytes) -> str:
    """The body, headers, footers, footnotes, endnotes and comments of a Word document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UnreadableDraft("The Word document is damaged: it could not be opened.") from exc
    with archive:
        names = [n for n in archive.namelist() if WORD_PARTS.match(n)]
        if "word/document.xml" not in names:
            raise UnreadableDraft("The file is not a Word document: it has no document body.")
        names.sort(key=lambda n: (n != "word/document.xml", n))
        texts = []
        for name in names:
            if archive.getinfo(name).file_size > MAX_PART_BYTES:
                raise UnreadableDraft("The Word document is too large to check.")
            try:
                xml = archive.read(name)
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                raise UnreadableDraft("The Word document is damaged: it could not be read.") from (
                    exc
                )
            texts.append(_word_part_text(xml))
    return "\n".join(texts)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDraft("The PDF is protected with a password: upload it without one.")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except UnreadableDraft:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableDraft("The PDF is damaged: its text could not be read.") from exc


def draft_text(data: bytes, content_type: str) -> str:
    if content_type == DOCX:
        text = docx_text(data)
    elif content_type == PDF:
        text = pdf_text(data)
    else:
        raise UnreadableDraft("Only a Word (DOCX) or PDF draft can be checked.")
    return text[:MAX_TEXT]


# --- What to look for -----------------------------------------------------------------------------


@dataclass
class Term:
    kind: str
    subject: object
    pattern: re.Pattern
    words: str  # for de-duplicating the same words looked for twice (siblings' last name)
    # Names are written with capitals: "will" and "may" in running text are not Will and May.
    names: bool = False


@dataclass
class Finding:
    kind: str
    subject: object
    found: str
    occurrences: int = 0
    contexts: list = field(default_factory=list)


def _words_pattern(words: str) -> re.Pattern:
    parts = [re.escape(w) for w in words.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _name_terms(subject) -> list[tuple[str, str]]:
    first = (subject.first_name or "").strip()
    last = (subject.last_name or "").strip()
    terms = []
    if first and last:
        terms.append((K.FULL_NAME, f"{first} {last}"))
    for alias in re.split(r"[,;/]|\baka\b|\bor\b", subject.aliases or "", flags=re.IGNORECASE):
        alias = alias.strip(" .\"'()")
        if len(alias) >= 2:
            terms.append((K.ALIAS, alias))
    if len(first) >= 2:
        terms.append((K.FIRST_NAME, first))
    if len(last) >= 2:
        terms.append((K.LAST_NAME, last))
    return terms


def _date_pattern(d: datetime.date) -> re.Pattern:
    month = MONTHS[d.month - 1]
    months = {month, month[:3]} | ({"Sept"} if d.month == 9 else set())
    longest_first = sorted(months, key=len, reverse=True)
    month_words = "(?:" + "|".join(re.escape(m) + r"\.?" for m in longest_first) + ")"
    day = rf"0?{d.day}(?:st|nd|rd|th)?"
    year = rf"(?:{d.year}|'?{d.year % 100:02d})"
    forms = [
        rf"(?<![\w]){day}\s+(?:of\s+)?{month_words},?\s+{year}(?!\d)",
        rf"(?<![\w]){month_words}\s+{day},?\s+{year}(?!\d)",
        rf"(?<!\d)0?{d.day}\s*[/.\-]\s*0?{d.month}\s*[/.\-]\s*{year}(?!\d)",
        rf"(?<!\d){d.year}\s*[/.\-]\s*{d.month:02d}\s*[/.\-]\s*{d.day:02d}(?!\d)",
    ]
    return re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)


def _address_terms(address: str) -> list[tuple[str, re.Pattern, str]]:
    terms = []
    for outward, inward in POSTCODE.findall(address or ""):
        code = f"{outward} {inward}".upper()
        pattern = re.compile(
            rf"(?<![A-Za-z0-9]){re.escape(outward)}\s*{re.escape(inward)}(?![A-Za-z0-9])",
            re.IGNORECASE,
        )
        terms.append((K.POSTCODE, pattern, code))
    lines = [POSTCODE.sub("", line).strip(" .") for line in re.split(r"[\n,]", address or "")]
    lines = [line for line in lines if len(line) >= 4]
    street_lines = [line for i, line in enumerate(lines) if i == 0 or re.search(r"\d", line)]
    for line in street_lines:
        terms.append((K.ADDRESS, _words_pattern(line), line.lower()))
        # "12 Acacia Avenue" is also "Acacia Avenue" in a report.
        street = re.sub(r"^(?:flat\s+)?\d+[a-z]?\s+", "", line, flags=re.IGNORECASE).strip()
        if street != line and len(street.split()) >= 2:
            terms.append((K.ADDRESS, _words_pattern(street), street.lower()))
    return terms


def terms_for(subjects) -> list[Term]:
    """What to look for, most specific first (a full name before its first name), once each."""
    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()

    def add(kind, subject, pattern, words):
        key = (kind, words.lower())
        if key not in seen:
            seen.add(key)
            terms.append(Term(kind, subject, pattern, words, kind in NAME_KINDS))

    for subject in subjects:
        for kind, words in _name_terms(subject):
            add(kind, subject, _words_pattern(words), words)
        if subject.date_of_birth:
            add(
                K.DATE_OF_BIRTH,
                subject,
                _date_pattern(subject.date_of_birth),
                subject.date_of_birth.isoformat(),
            )
        for kind, pattern, words in _address_terms(subject.address):
            add(kind, subject, pattern, words)
        digits = re.sub(r"\D", "", subject.nhs_number or "")
        if len(digits) == 10:
            pattern = re.compile(r"(?<!\d)" + r"[\s-]?".join(digits) + r"(?!\d)")
            add(K.NHS_NUMBER, subject, pattern, digits)
    order = [K.FULL_NAME, K.ALIAS, K.NHS_NUMBER, K.DATE_OF_BIRTH, K.POSTCODE, K.ADDRESS]
    rank = {k: i for i, k in enumerate(order)}
    terms.sort(key=lambda t: (rank.get(t.kind, len(order)), -len(t.words)))
    return terms


# --- Finding them ---------------------------------------------------------------------------------


def _context(text: str, start: int, end: int) -> dict:
    before = " ".join(text[max(0, start - 200) : start].split()[-CONTEXT_WORDS:])
    after = " ".join(text[end : end + 200].split()[:CONTEXT_WORDS])
    return {"before": before, "found": " ".join(text[start:end].split()), "after": after}


def find_hits(text: str, subjects) -> list[Finding]:
    """Every term found, each once with how often and a few passages around it. A first or
    last name inside a full name (or an alias) already found is not counted again; a name
    written all in lower case is a word, not the name ("we will" is not Will)."""
    claimed: list[tuple[int, int]] = []
    findings: list[Finding] = []
    for term in terms_for(subjects):
        finding = None
        for match in term.pattern.finditer(text):
            start, end = match.span()
            if term.names and match.group(0).islower():
                continue
            if any(s <= start and end <= e for s, e in claimed):
                continue
            claimed.append((start, end))
            if finding is None:
                finding = Finding(term.kind, term.subject, " ".join(match.group(0).split()))
                findings.append(finding)
            finding.occurrences += 1
            if len(finding.contexts) < CONTEXTS_KEPT:
                finding.contexts.append(_context(text, start, end))
    return findings

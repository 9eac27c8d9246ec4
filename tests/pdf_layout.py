"""Checks of a PDF's layout on WeasyPrint's own boxes: nothing past the page's content area, no
table row split across two pages (header rows repeated on every page are not splits)."""

from __future__ import annotations

from weasyprint.formatting_structure import boxes

TOLERANCE = 0.5  # CSS px: rounding in the layout


def _body_boxes(box, *, headers=True):
    """Every box under ``box``, leaving out the page's margin boxes (its header and footer) and,
    unless ``headers``, table header groups, with all they hold."""
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.MarginBox) or (
            not headers and getattr(child, "is_header", False)
        ):
            continue
        yield child
        yield from _body_boxes(child, headers=headers)


def overflowing(document) -> list[str]:
    """A description of every box whose right or left edge lies outside its page's content
    area."""
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for box in _body_boxes(page_box):
            if box.width is None or isinstance(box, boxes.LineBox):
                continue
            start, end = box.border_box_x(), box.border_box_x() + box.border_width()
            if isinstance(box, boxes.TextBox):
                start, end = box.position_x, box.position_x + box.width
            if start < left - TOLERANCE or end > right + TOLERANCE:
                text = box.text[:40] if isinstance(box, boxes.TextBox) else ""
                found.append(f"page {number}: {type(box).__name__} {text!r} {start:.0f}-{end:.0f}")
    return found


def split_rows(document) -> list[str]:
    """The table rows (outside repeated header groups) that are laid out on more than one
    page."""
    pages_of: dict[int, set[int]] = {}
    texts: dict[int, str] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in _body_boxes(page._page_box, headers=False):
            if isinstance(box, boxes.TableRowBox):
                key = id(box.element)
                pages_of.setdefault(key, set()).add(number)
                texts.setdefault(key, " ".join(box.element.itertext())[:60])
    return [f"{texts[k]!r} on pages {sorted(p)}" for k, p in pages_of.items() if len(p) > 1]

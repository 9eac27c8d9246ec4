"""WeasyPrint PDFs (cases/rendered/). Nothing outside the project is ever fetched while rendering:
the stylesheet is embedded in the template, and the URL fetcher refuses anything that is not a
file among the project's own static files."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders

# WeasyPrint reports every rendering step at INFO: keep the logs for what matters.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

log = logging.getLogger(__name__)


class RefusedFetch(ValueError):
    pass


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def local_static_path(url: str) -> Path | None:
    """The local file a URL names, if it is one of the project's static files."""
    parsed = urlparse(url)
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        if any(path.is_relative_to(root) for root in _static_roots()) and path.is_file():
            return path
        return None
    if parsed.scheme == "" and not parsed.netloc and url.startswith(settings.STATIC_URL):
        found = finders.find(url[len(settings.STATIC_URL) :])
        return Path(found) if found else None
    return None


class LocalOnlyFetcher(URLFetcher):
    """Refuses every URL that is not a local static file (no network, no other files)."""

    def __init__(self):
        super().__init__(allowed_protocols=("file",), fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            self.refused.append(url[:40])
            raise RefusedFetch("data: URLs are not used in PDFs")
        path = local_static_path(url)
        if path is None:
            self.refused.append(url)
            log.warning("PDF rendering refused to fetch %s", url)
            raise RefusedFetch(f"Refused to fetch {url}: not a local static file")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=None, url_fetcher=LocalOnlyFetcher()).write_pdf()

"""HTML to PDF with WeasyPrint, reading only local static files: nothing is fetched from a network."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# One INFO line per layout step and page is noise in server logs; warnings and errors still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

#: The base URL the memo is rendered under; only paths below STATIC_URL resolve, to files on disk.
BASE_URL = "http://lookout.invalid/"


class RefusedResourceError(FatalURLFetchingError):
    """The document asked for something that is not a local static file."""


class LocalStaticFetcher(URLFetcher):
    """Serve /static/… from the finders (or STATIC_ROOT); refuse every other URL, whatever its scheme."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """The static file's bytes, or RefusedResourceError."""
        path = self.local_path(url)
        if path is None:
            raise RefusedResourceError(f"Refused to fetch {url!r}: only local static files are read.")
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": _mime(path)})

    @staticmethod
    def local_path(url: str) -> Path | None:
        """The file on disk that a static URL under BASE_URL names, if any."""
        base = urlsplit(BASE_URL)
        parts = urlsplit(url)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(static_prefix):
            return None
        relative = unquote(parts.path[len(static_prefix) :])
        if not relative or ".." in Path(relative).parts:
            return None
        found = finders.find(relative)
        if not found and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / relative
            found = str(candidate) if candidate.is_file() else None
        return Path(found) if isinstance(found, str) else None


def _mime(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}.get(
        path.suffix, "application/octet-stream"
    )


def html_to_pdf(html: str) -> bytes:
    """Render the HTML (fonts from the system, styles from local static files) to a tagged PDF/UA-1 document.

    Tags give the PDF its structure (headings, tables, lists, reading order) for screen readers;
    PDF/UA-1 also embeds the fonts and the document's title and language.
    """
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalStaticFetcher()).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
    assert pdf is not None  # noqa: S101 - write_pdf returns bytes when no target is given
    return pdf

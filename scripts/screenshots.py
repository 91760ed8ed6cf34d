"""Screenshot the main pages of a running Lookout server into docs/screenshots/.

Usage: .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 [FLAG_ID]
Run it against the shipped data (`make run`, or `manage.py demo_data` then `runserver`). Drives Debian's
/usr/bin/chromium through Playwright (never a downloaded browser); the memo's first page is the first
page of its PDF, drawn by poppler's pdftoppm.
"""

import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
PAGES = {
    "real-home": "/",
    "real-virginia": "/map/51/",
    "real-collisions": "/collisions/",
    "real-dossier-maryland": "/j/ocd-division/country:us/state:md/",
    "real-search-boston": "/search/?q=Boston",
    "real-table-flags": "/tables/flags/?state=VA&rule=FR-FED-001",
    "real-table-agreements": "/tables/agreements/?state=MD&active_on=2025-08-01",
    "real-reach": "/reach/?state=MA&topic=face_recognition",
}
#: The memo whose PDF's first page is shown: Montana's, part 1.
MEMO_PDF = "/memo/ocd-division/country:us/state:mt.pdf"


def memo_first_page(base: str) -> None:
    """The first page of the memo's PDF as a PNG."""
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "memo.pdf"
        with urllib.request.urlopen(base + MEMO_PDF, timeout=120) as response:  # noqa: S310 (a local server)
            pdf.write_bytes(response.read())
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf),  # noqa: S603, S607
                        str(OUT / "real-memo-first-page")], check=True)


def main(base: str, flag_id: str | None) -> None:
    """Write one PNG per page, then the memo's first page."""
    pages = dict(PAGES)
    if flag_id:
        pages["real-flag"] = f"/flags/{flag_id}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        for name, path in pages.items():
            # The tables are wide: they get a wide window.
            width = 1920 if name.startswith("real-table") else 1280
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"{name}.png"))
            page.close()
        browser.close()
    memo_first_page(base)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)

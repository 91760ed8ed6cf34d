"""Screenshot the main pages of a running Lookout server into docs/screenshots/.

Usage: .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 [FLAG_ID]
Drives Debian's /usr/bin/chromium through Playwright (never a downloaded browser).
"""

import sys
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
}


def main(base: str, flag_id: str | None) -> None:
    """Write one full-page PNG per page."""
    pages = dict(PAGES)
    if flag_id:
        pages["real-flag"] = f"/flags/{flag_id}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in pages.items():
            page.goto(base + path)
            page.screenshot(path=str(OUT / f"{name}.png"))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)

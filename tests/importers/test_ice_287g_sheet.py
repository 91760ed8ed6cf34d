"""Reading one of ICE's sheets, cell by cell: the date in its file name, links unwrapped, no e-mail address kept."""

import datetime
from urllib.parse import quote

import pytest

from tracker.importers.ice_287g_sheet import scrub_text, sheet_date_from_name, unwrap_url


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("participatingAgencies07182025pm.xlsx", datetime.date(2025, 7, 18)),
        ("TOTAL-participatingAgencies05182026am.xlsx", datetime.date(2026, 5, 18)),
        ("participatingAgencies-20250411231031.xlsx", datetime.date(2025, 4, 11)),
        ("participatingAgencies060920263pm.xlsx", datetime.date(2026, 6, 9)),
        ("287gParticipatingAgencies091526pm.xlsx", datetime.date(2026, 9, 15)),
        ("sheet.xlsx", None),
    ],
)
def test_the_sheet_date_comes_from_the_file_name(name: str, expected: datetime.date | None) -> None:
    assert sheet_date_from_name(name) == expected


def test_a_safelink_keeps_only_its_target() -> None:
    wrapped = "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fa.pdf&data=x%7Cy%40z.gov"
    assert unwrap_url(wrapped) == "https://www.ice.gov/a.pdf"
    assert unwrap_url("https://gcc02.safelinks.protection.outlook.com/?data=x%7Cy%40z.gov") == ""
    assert unwrap_url("link pending") == ""


@pytest.mark.parametrize(
    "host",
    [
        "GCC02.SAFELINKS.PROTECTION.OUTLOOK.COM",
        "gcc02.safelinks.protection.outlook.com.",
        "nam12.SafeLinks.Protection.Outlook.com.",
    ],
)
def test_a_safelink_is_unwrapped_whatever_the_form_of_its_host(host: str) -> None:
    wrapped = f"https://{host}/?url=https%3A%2F%2Fwww.ice.gov%2Fa.pdf&data=05%7C02%7Csynthetic.person%40example.org"
    assert unwrap_url(wrapped) == "https://www.ice.gov/a.pdf"


def test_a_safelink_inside_a_safelink_is_unwrapped_to_its_target() -> None:
    inner = "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fb.pdf&data=synthetic"
    outer = "https://gcc02.safelinks.protection.outlook.com/?url=" + quote(inner, safe="") + "&data=synthetic"
    assert unwrap_url(outer) == "https://www.ice.gov/b.pdf"


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://www.ice.gov/a.pdf?contact=synthetic.person%40example.org&v=2", "https://www.ice.gov/a.pdf?v=2"),
        ("https://www.ice.gov/a.pdf?contact=synthetic.person%2540example.org", "https://www.ice.gov/a.pdf"),
        ("https://www.ice.gov/a.pdf?contact=synthetic.person@example.org", "https://www.ice.gov/a.pdf"),
        ("https://www.ice.gov/a.pdf#synthetic.person@example.org", "https://www.ice.gov/a.pdf"),
        ("https://www.ice.gov/synthetic.person%40example.org/a.pdf", ""),
        ("https://synthetic.person%40example.org@www.ice.gov/a.pdf", ""),
        ("https://www.ice.gov/doclib/287gMOA/a.pdf?v=2", "https://www.ice.gov/doclib/287gMOA/a.pdf?v=2"),
    ],
)
def test_a_url_carrying_an_email_address_is_cut_to_what_is_public(url: str, public: str) -> None:
    assert unwrap_url(url) == public


def test_a_cell_text_keeps_no_email_address_literal_or_encoded() -> None:
    text = scrub_text("see https://www.ice.gov/a.pdf?c=synthetic%40example.org or write synthetic.person%40example.org")
    assert text == "see https://www.ice.gov/a.pdf or write [e-mail removed]"

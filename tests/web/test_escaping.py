"""Imported and user text is escaped on every page, and imported links are never javascript:."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from django.test import Client

from tests.api.builders import World
from tests.factories.partnerships import FederalProgramFactory
from tests.factories.places import StateFactory
from tests.factories.sources import SourceFactory
from tracker.conflicts.services import flag_note_add

AGENCY = "<script>alert('agency')</script> Synthetic Police"
TEXT = '<img src=x onerror="alert(1)"> Synthetic injected text'


@pytest.fixture
def hostile(world: World, reviewer) -> World:  # type: ignore[no-untyped-def]
    """The world with markup in an agency name, an instrument's text and title, a source, a flag and a note."""
    police = world.objects["police"]
    police.name = AGENCY
    police.save()
    ban = world.objects["city_ban"]
    ban.text = TEXT
    ban.title = "<b>Synthetic bold title</b>"
    ban.save()
    ban.sources.add(SourceFactory(title="<i>Synthetic source</i>", url="javascript:alert(1)"))
    flag = world.objects["flag"]
    flag.agency = police
    flag.explanation = f"{AGENCY} explanation"
    flag.evidence = {"agency": {"name": AGENCY}, "provision": {"citation": "<u>Synthetic</u>", "quote": TEXT,
                                                                "url": "javascript:alert(2)", "sources": []}}
    flag.save()
    flag_note_add(flag=flag, author=reviewer, text="<script>alert('note')</script>")
    return world


def _assert_escaped(html: str) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Synthetic" not in html
    assert "javascript:" not in html


def test_markup_in_names_and_texts_is_escaped_everywhere(
    client: Client, reviewer_client: Client, hostile: World
) -> None:
    flag = hostile.objects["flag"]
    pages = ["/", f"/j/{hostile.city.ocd_id}/", f"/flags/{flag.pk}/", "/search/?q=Synthetic", "/collisions/",
             "/search/?q=injected"]
    for url in pages:
        html = client.get(url).content.decode()
        _assert_escaped(html)
    for url in [*pages, "/review/"]:
        _assert_escaped(reviewer_client.get(url).content.decode())


def test_escaped_text_is_still_shown(client: Client, reviewer_client: Client, hostile: World) -> None:
    html = client.get(f"/j/{hostile.city.ocd_id}/").content.decode()
    assert "&lt;script&gt;alert(&#x27;agency&#x27;)&lt;/script&gt; Synthetic Police" in html
    assert "&lt;i&gt;Synthetic source&lt;/i&gt;" in html  # shown as text, without a link
    search = client.get("/search/", {"q": "injected"}).content.decode()
    assert "&lt;b&gt;Synthetic bold title&lt;/b&gt;" in search
    flag_page = reviewer_client.get(f"/flags/{hostile.objects['flag'].pk}/").content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in flag_page
    assert "&lt;script&gt;alert(&#x27;note&#x27;)&lt;/script&gt;" in flag_page


def test_pages_have_no_inline_script_or_style(client: Client, reviewer_client: Client, world: World) -> None:
    flag = world.objects["flag"]
    for url in ("/", "/map/56/", f"/j/{world.city.ocd_id}/", f"/flags/{flag.pk}/", "/collisions/", "/search/?q=x",
                "/login/"):
        html = client.get(url).content.decode()
        assert "<script" not in html and "<style" not in html and " style=" not in html, url
    html = reviewer_client.get("/review/").content.decode()
    assert "<script" not in html and " style=" not in html


def test_markup_in_an_imported_ice_sheet_is_escaped_on_every_page(client: Client, tmp_path, db) -> None:  # type: ignore[no-untyped-def]
    for code in ("287g-tfm", "287g-jem", "287g-wso"):
        FederalProgramFactory(code=code)
    StateFactory(name="Synthetic State", postal_code="ZX")
    hostile = '<script>alert("x")</script>Synthetic <b>Bold</b> Police Department'
    path = tmp_path / "participatingAgencies03022025am.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"])
        writer.writerow(["SYNTHETIC STATE", hostile, "Municipality", "", "Task Force Model", "02/15/2025", ""])
    call_command("import_287g", str(path), verbosity=0)
    for url in ("/search/?q=Synthetic", "/j/ocd-division/country:us/state:zx/", "/"):
        html = client.get(url).content.decode()
        assert '<script>alert("x")</script>' not in html and "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in client.get("/search/?q=Synthetic").content.decode()

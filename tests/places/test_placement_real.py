"""Where the agencies on ICE's sheet of 18 May 2026 are placed, on the real registry and the real sheets.

The registry, the sheet of 18 July 2025 and the sheet of 18 May 2026 are imported once for the module
(in date order, as `manage.py demo_data` does; about a minute) and rolled back after it. The 2026 sheet
alone types Florida's state universities "Municipality" without a county; the 2025 sheets type them
"State Agency", which is where they are placed.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.importers.ice_287g import Ice287gImporter
from tracker.importers.ocd_divisions import DivisionsImporter
from tracker.places.choices import Coverage
from tracker.places.models import Agency
from tracker.places.selectors import Placement, placement

DATA = Path(settings.BASE_DIR) / "data"
SHEET_2025 = DATA / "ice-287g" / "participatingAgencies07182025pm.xlsx"
SHEET_2026 = DATA / "ice-287g-more" / "TOTAL-participatingAgencies05182026am.xlsx"
VA = "ocd-division/country:us/state:va"


@pytest.fixture(scope="module")
def _imported(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        seed_all()
        DivisionsImporter(DATA / "ocd").run()
        Ice287gImporter(SHEET_2025).run()
        Ice287gImporter(SHEET_2026).run()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def imported(_imported: None, db: None) -> None:
    """Each test reads inside the module's transaction."""


@pytest.fixture
def report(imported: None) -> Placement:
    return placement()


def coverages(name: str, state: str) -> list[tuple[str, str]]:
    agency = Agency.objects.get(name=name, state__postal_code=state)
    return sorted(agency.coverages.values_list("jurisdiction__ocd_id", "coverage"))


def test_at_least_99_percent_of_agencies_with_an_agreement_are_located(report: Placement) -> None:
    assert report.total > 1500
    assert report.share >= 99.0


def test_every_unplaced_agency_is_on_the_review_list_with_its_reason(report: Placement) -> None:
    names = [row.name for row in report.unplaced]
    flagged = Agency.objects.filter(name__in=names, needs_review=True, review_note__startswith="Coverage: ")
    assert flagged.count() == len(names)


def test_hopewell_county_of_the_sheet_is_the_independent_city(imported: None) -> None:
    agency = Agency.objects.get(name="Hopewell County Sheriff's Office", state__postal_code="VA")
    assert agency.home.ocd_id == f"{VA}/place:hopewell"


def test_a_regional_jail_authority_serves_its_three_counties_not_virginia(imported: None) -> None:
    assert coverages("Rappahannock, Shenandoah, Warren Regional Jail Authority", "VA") == [
        (f"{VA}/county:rappahannock", Coverage.JAIL_ONLY),
        (f"{VA}/county:shenandoah", Coverage.JAIL_ONLY),
        (f"{VA}/county:warren", Coverage.JAIL_ONLY),
    ]


def test_a_texas_precinct_constable_is_an_officer_of_its_county(imported: None) -> None:
    agency = Agency.objects.get(name="Bexar County Constable Precinct 3", state__postal_code="TX")
    assert agency.home.ocd_id == "ocd-division/country:us/state:tx/county:bexar"
    assert coverages(agency.name, "TX") == [(agency.home.ocd_id, Coverage.PART)]


def test_a_misspelt_county_cell_is_read_as_the_county(imported: None) -> None:
    agency = Agency.objects.get(name="Berrian County Sheriff's Office", state__postal_code="MI")
    assert agency.home.ocd_id == "ocd-division/country:us/state:mi/county:berrien"


def test_an_airport_authority_covers_the_place_of_its_airport(imported: None) -> None:
    assert coverages("Sanford Airport Police Department", "FL") == [
        ("ocd-division/country:us/state:fl/place:sanford", Coverage.FACILITY)
    ]

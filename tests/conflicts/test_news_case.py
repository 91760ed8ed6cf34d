"""The case that started the project, end to end through the real ICE importer.

A city bans police face recognition; the county sheriff, who polices inside the city, joins ICE's
287(g) Task Force Model and so carries the federal face-matching app. All names are synthetic.
"""

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories.laws import ProvisionFactory
from tests.factories.partnerships import CapabilityFactory, FederalProgramFactory
from tests.factories.places import CountyFactory, PlaceFactory, StateFactory
from tracker.conflicts.models import Flag
from tracker.places.models import CountyMember

pytestmark = pytest.mark.django_db
HEADER = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"]


@pytest.fixture
def ban_city():  # type: ignore[no-untyped-def]
    """A synthetic city in a synthetic county, with a face-recognition ban binding its own departments."""
    FederalProgramFactory(code="287g-jem", name="Synthetic Jail Enforcement Model")
    FederalProgramFactory(code="287g-wso", name="Synthetic Warrant Service Officer")
    tfm = FederalProgramFactory(code="287g-tfm", name="Synthetic Task Force Model")
    CapabilityFactory(program=tfm, kind="face_recognition")
    state = StateFactory(name="Synthetic State", postal_code="ZZ")
    county = CountyFactory(state=state, name="Synthetic County")
    city = PlaceFactory(state=state, name="Synthetic City")
    CountyMember.objects.create(member=city, county=county, basis="ocd_id")
    ProvisionFactory(instrument__jurisdiction=city, type="fr_ban", binds="own_government")
    return city


def import_sheet(tmp_path: Path, model: str, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    """Write an ICE-format participating sheet with one sheriff's row and import it, running the queued sweep."""
    path = tmp_path / "participatingAgencies03022025am.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(["SYNTHETIC STATE", "Synthetic County Sheriff's Office", "County", "Synthetic County",
                         model, "02/15/2025", "link pending"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_287g", str(path), verbosity=0)


def test_county_sheriff_in_the_task_force_model_inside_a_ban_city_raises_fr_fed_001(
    ban_city, tmp_path, django_capture_on_commit_callbacks  # type: ignore[no-untyped-def]
) -> None:
    import_sheet(tmp_path, "Task Force Model", django_capture_on_commit_callbacks)
    flag = Flag.objects.get(rule_id="FR-FED-001")
    assert flag.jurisdiction == ban_city
    assert flag.agency.name == "Synthetic County Sheriff's Office"
    assert flag.relation == "operates_within"
    assert "Synthetic Task Force Model" in flag.explanation


def test_the_same_sheriff_in_the_jail_enforcement_model_raises_nothing(
    ban_city, tmp_path, django_capture_on_commit_callbacks  # type: ignore[no-untyped-def]
) -> None:
    import_sheet(tmp_path, "Jail Enforcement Model", django_capture_on_commit_callbacks)
    assert not Flag.objects.filter(rule_id="FR-FED-001").exists()

"""The OCD registry importer on the real national files and on small synthetic registries."""

from pathlib import Path

import pytest

from tests.factories.places import AgencyFactory
from tests.importers.conftest import DATA, write_csv
from tracker.common.seeding import FIXTURES_DIR, seed_file
from tracker.importers.base import DuplicateRowError, ImporterError
from tracker.importers.ocd_divisions import DivisionsImporter
from tracker.places.choices import CountyMembership, JurisdictionKind, MembershipBasis
from tracker.places.models import CountyMember, Jurisdiction, JurisdictionAlias

pytestmark = pytest.mark.django_db
ZZ = "ocd-division/country:us/state:zz"


def registry(tmp_path: Path, places: list[list[str]], *, aliases: list[list[str]] | None = None) -> Path:
    """A synthetic registry directory in the upstream layout (states.csv without a header)."""
    directory = tmp_path / "ocd"
    write_csv(directory / "states.csv", None, [["ocd-division/country:us", "United States"], [ZZ, "Synthetic State"]])
    write_csv(directory / "us_census_places.csv", ["id", "name", "census_geoid"], places)
    if aliases is not None:
        write_csv(tmp_path / "ocd-extra" / "aliases.csv", ["id", "sameAs", "sameAsNote"], aliases)
    return directory


SYNTHETIC = [
    [f"{ZZ}/county:alpha", "Synthetic Alpha County", "place-99001"],
    [f"{ZZ}/county:beta", "Synthetic Beta County", "place-99003"],
    [f"{ZZ}/place:gamma", "Synthetic Gamma city", "place-9900100"],
    [f"{ZZ}/county:alpha/place:delta", "Synthetic Delta township", "place-9900100010"],
    [f"{ZZ}/place:epsilon", "Synthetic Epsilon town", "place-9900300020"],
    [f"{ZZ}/place:beta", "Synthetic Beta city", "place-9900200"],
]


def run(directory: Path, **options: object) -> tuple:
    """Import a registry directory without the optional extras unless asked."""
    options = {"aliases": None, "population": None, **options}
    return DivisionsImporter(directory, **options).run()  # type: ignore[arg-type]


def seed_states() -> None:
    """The sources and the country, states, DC and territories from fixtures/."""
    for name in ("sources.json", "places.json"):
        seed_file(path=FIXTURES_DIR / name, reason="seed: test")


def test_real_national_registry_loads_every_division_once_and_a_second_run_changes_nothing() -> None:
    seed_states()
    states_before = set(Jurisdiction.objects.values_list("pk", "ocd_id"))
    report, _run = DivisionsImporter(DATA / "ocd").run()
    assert report.counts["created"] == 39233  # 39,242 + 4 territory divisions - 13 places merged into their county
    assert states_before <= set(Jurisdiction.objects.values_list("pk", "ocd_id"))
    assert Jurisdiction.objects.filter(kind=JurisdictionKind.STATE).count() == 50
    sf = Jurisdiction.objects.get(ocd_id="ocd-division/country:us/state:ca/county:san_francisco")
    assert (sf.kind, sf.geoid, sf.population_year) == (JurisdictionKind.CONSOLIDATED, "06075", 2024)
    assert JurisdictionAlias.objects.get(ocd_id="ocd-division/country:us/state:ca/place:san_francisco").jurisdiction == sf
    assert not Jurisdiction.objects.filter(ocd_id="ocd-division/country:us/state:ca/place:san_francisco").exists()
    township = Jurisdiction.objects.get(ocd_id="ocd-division/country:us/state:il/county:adams/place:beverly")
    assert township.county_membership == CountyMembership.KNOWN
    assert township.counties.get().ocd_id == "ocd-division/country:us/state:il/county:adams"
    oakland = Jurisdiction.objects.get(ocd_id="ocd-division/country:us/state:ca/place:oakland")
    assert (oakland.county_membership, oakland.counties.count()) == (CountyMembership.UNKNOWN, 0)
    assert oakland.state.ocd_id == "ocd-division/country:us/state:ca"
    assert oakland.sources.get().key == "ocd-division-ids-2026-03-19"
    assert (report.counts["updated"], len(report.touched.places)) == (0, 39233)  # seeded states untouched
    again, _run = DivisionsImporter(DATA / "ocd").run()
    assert (again.counts["created"], again.counts["updated"]) == (0, 0)
    assert again.counts["unchanged"] == Jurisdiction.objects.count()


def test_county_subdivisions_are_linked_to_their_county_and_places_stay_unknown(tmp_path: Path) -> None:
    run(registry(tmp_path, SYNTHETIC))
    delta = Jurisdiction.objects.get(ocd_id=f"{ZZ}/county:alpha/place:delta")
    epsilon = Jurisdiction.objects.get(ocd_id=f"{ZZ}/place:epsilon")
    gamma = Jurisdiction.objects.get(ocd_id=f"{ZZ}/place:gamma")
    assert CountyMember.objects.get(member=delta).basis == MembershipBasis.OCD_ID
    link = CountyMember.objects.get(member=epsilon)
    assert (link.county.ocd_id, link.basis) == (f"{ZZ}/county:beta", MembershipBasis.CENSUS)
    assert (epsilon.kind, epsilon.county_membership) == (JurisdictionKind.COUNTY_SUBDIVISION, CountyMembership.KNOWN)
    assert (gamma.kind, gamma.geoid, gamma.county_membership) == (JurisdictionKind.PLACE, "9900100", "unknown")
    assert not CountyMember.objects.filter(member=gamma).exists()


def test_consolidated_city_county_becomes_one_jurisdiction_with_an_alias(tmp_path: Path) -> None:
    aliases = [[f"{ZZ}/place:beta", f"{ZZ}/county:beta", "Synthetic city-county"],
               [f"{ZZ}/sldu:1", f"{ZZ}/sldl:1", "Synthetic district pair"]]
    report, _run = run(registry(tmp_path, SYNTHETIC, aliases=aliases), aliases=tmp_path / "ocd-extra" / "aliases.csv")
    beta = Jurisdiction.objects.get(ocd_id=f"{ZZ}/county:beta")
    assert beta.kind == JurisdictionKind.CONSOLIDATED
    assert beta.aliases.get().ocd_id == f"{ZZ}/place:beta"
    assert not Jurisdiction.objects.filter(ocd_id=f"{ZZ}/place:beta").exists()
    assert report.skipped[-1]["reason"] == "the id it is an alias of is not in the registry"


def test_newer_file_updates_names_and_adds_divisions_without_touching_attached_facts(tmp_path: Path) -> None:
    run(registry(tmp_path, SYNTHETIC))
    gamma = Jurisdiction.objects.get(ocd_id=f"{ZZ}/place:gamma")
    agency = AgencyFactory(home=gamma, state=gamma.state)
    Jurisdiction.objects.filter(pk=gamma.pk).update(population=1234, population_year=2020)
    alpha = Jurisdiction.objects.get(ocd_id=f"{ZZ}/county:alpha")
    alpha.locked_fields = ["name"]
    alpha.save()
    newer = [row[:] for row in SYNTHETIC]
    newer[0][1], newer[2][1] = "Synthetic Alpha County Renamed", "Synthetic Gamma City Renamed"
    newer.append([f"{ZZ}/place:zeta", "Synthetic Zeta village", "place-9900300"])
    report, _run = run(registry(tmp_path / "newer", newer))
    gamma.refresh_from_db()
    alpha.refresh_from_db()
    assert (report.counts["created"], report.counts["updated"]) == (1, 1)
    assert (gamma.name, gamma.population, gamma.population_year) == ("Synthetic Gamma City Renamed", 1234, 2020)
    assert alpha.name == "Synthetic Alpha County"
    assert agency.__class__.objects.get(pk=agency.pk).home == gamma
    assert gamma.history.first().history_change_reason.startswith("import: OCD registry")
    assert report.touched.places == {gamma.pk, Jurisdiction.objects.get(ocd_id=f"{ZZ}/place:zeta").pk}


def test_bulk_load_writes_history_with_reason_and_source_links(tmp_path: Path) -> None:
    run(registry(tmp_path, SYNTHETIC))
    delta = Jurisdiction.objects.get(ocd_id=f"{ZZ}/county:alpha/place:delta")
    record = delta.history.get()
    assert (record.history_type, record.history_change_reason) == ("+", "import: OCD registry ocd/")
    assert [row.source.key for row in record.sources.all()] == ["ocd-division-ids-2026-03-19"]


def test_dry_run_writes_nothing(tmp_path: Path, db_fingerprint) -> None:
    before = db_fingerprint()
    report, run_record = run(registry(tmp_path, SYNTHETIC), dry_run=True)
    assert (report.counts["created"], run_record) == (8, None)
    assert db_fingerprint() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"ident,name,census_geoid\nx,y,z\n", "us_census_places.csv, row 1, column 'id': missing column 'id'"),
        (b"", "us_census_places.csv: the file is empty"),
        (b"id,name,census_geoid\nocd-division/country:us/state:zz/place:caf\xe9,Synthetic,place-9900100\n",
         "us_census_places.csv, row 2: not valid utf-8-sig text"),
        (b"id,name,census_geoid\nocd-division/country:us/state:zz/place:a,Synthetic A,9900100\n",
         "us_census_places.csv, row 2, column 'census_geoid': not a census GEOID: '9900100'"),
        (b"id,name,census_geoid\nOCD/state:zz,Synthetic,place-9900100\n",
         "us_census_places.csv, row 2, column 'id': not an OCD division id"),
    ],
    ids=["wrong header", "empty file", "bad encoding", "malformed geoid", "malformed id"],
)
def test_bad_places_file_names_where_and_changes_nothing(tmp_path: Path, db_fingerprint, content, message) -> None:
    directory = registry(tmp_path, SYNTHETIC)
    run(directory)
    before = db_fingerprint()
    (directory / "us_census_places.csv").write_bytes(content)
    with pytest.raises(ImporterError) as error:
        run(directory)
    assert str(error.value).startswith(message)
    assert db_fingerprint() == before


def test_duplicate_division_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DuplicateRowError, match="row 3: .*place:gamma already read at us_census_places.csv:2"):
        run(registry(tmp_path, [SYNTHETIC[2], SYNTHETIC[2]]))


def test_city_county_stored_the_other_way_round_is_kept_as_it_is(tmp_path: Path) -> None:
    run(registry(tmp_path, SYNTHETIC))
    beta_place = Jurisdiction.objects.get(ocd_id=f"{ZZ}/place:beta")
    Jurisdiction.objects.filter(pk=beta_place.pk).update(kind=JurisdictionKind.CONSOLIDATED)
    Jurisdiction.objects.filter(ocd_id=f"{ZZ}/county:beta").delete()
    JurisdictionAlias.objects.create(jurisdiction=beta_place, ocd_id=f"{ZZ}/county:beta")
    aliases = [[f"{ZZ}/place:beta", f"{ZZ}/county:beta", "Synthetic city-county"]]
    report, _run = run(registry(tmp_path, SYNTHETIC, aliases=aliases), aliases=tmp_path / "ocd-extra" / "aliases.csv")
    beta_place.refresh_from_db()
    assert beta_place.kind == JurisdictionKind.CONSOLIDATED
    assert not Jurisdiction.objects.filter(ocd_id=f"{ZZ}/county:beta").exists()
    assert report.counts["aliases_unchanged"] == 1
    assert not [item for item in report.review if "merge them by hand" in item["reason"]]

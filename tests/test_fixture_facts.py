"""The seeded facts say what the research says: programs, capabilities, reversals, versions and marks."""

import csv
import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from tracker.common.seeding import seed_all
from tracker.laws.models import Instrument, InstrumentEvent, Provision, ProvisionException
from tracker.partnerships.models import Approval, Capability, FederalProgram, SharingArrangement, SharingEvent
from tracker.places.models import Agency, Jurisdiction
from tracker.sources.choices import OFFICIAL_KINDS

pytestmark = pytest.mark.django_db
BASE = Path(settings.BASE_DIR)
FIXTURES = BASE / "fixtures"

#: Facts marked ◐ in the research (one secondary source): seeded, but never as verified.
UNVERIFIED_INSTRUMENTS = {
    "us-tx-sb8-2025-gov-code-ch-753",
    "us-md-2026-emergency-acts-287g-ban",
    "us-vt-2020-s124-sec-14-fr-moratorium",
    "us-me-25-mrs-ch-701",
    "us-ma-gl-c6-s220",
    "us-va-acts-2022-c737-sb741",
}
UNVERIFIED_PROVISIONS = {
    "us-md-2026-287g-ban",
    "us-vt-2020-s124-sec-14-moratorium",
    "us-me-25-mrs-ch-701-fr-ban-channel",
    "us-ma-gl-c6-s220-channel",
    "us-mn-minneapolis-fr-ban",
    "us-ca-oakland-omc-9-64-045-fr-ban",
    "us-la-new-orleans-2020-fr-ban",
    "us-ma-boston-cbm-11-1-9-detainers",
    "us-va-2021-c537-fr-ban-from-2026",
}


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The real fixtures, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_all()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_module, db) -> None:  # type: ignore[no-untyped-def]
    """Each test runs inside the module's seeded transaction (a savepoint of it)."""


def test_the_three_287g_models_are_ice_programs_with_stable_codes(seeded: None) -> None:
    programs = FederalProgram.objects.filter(kind="287g")
    assert set(programs.values_list("code", "federal_agency")) == {
        ("287g-tfm", "ICE"),
        ("287g-jem", "ICE"),
        ("287g-wso", "ICE"),
    }
    assert "force multiplier" in FederalProgram.objects.get(code="287g-tfm").description


def test_the_task_force_app_is_face_recognition_kept_fifteen_years(seeded: None) -> None:
    app = Capability.objects.get(program__code="287g-tfm", kind="face_recognition")
    assert app.retention_days == 15 * 365
    assert "250 million" in app.records_searched
    assert "Traveler Verification Service" in app.records_searched
    assert "not detain or arrest" in app.description
    assert app.verified is True
    assert {"404media-2026-06-05-ice-tfm-app", "npr-2026-06-ice-tfm-app"} <= set(
        app.sources.values_list("key", flat=True)
    )


def test_jail_and_warrant_models_bring_no_face_recognition(seeded: None) -> None:
    assert not Capability.objects.filter(program__code__in=["287g-jem", "287g-wso"], kind="face_recognition").exists()
    assert Capability.objects.filter(program__code="287g-jem").exists()
    assert Capability.objects.filter(program__code="287g-wso", kind="immigration_detainer").exists()


def test_every_secondary_fact_is_seeded_unverified(seeded: None) -> None:
    assert (
        set(Instrument.objects.filter(key__in=UNVERIFIED_INSTRUMENTS).values_list("key", flat=True))
        == UNVERIFIED_INSTRUMENTS
    )
    assert (
        set(Provision.objects.filter(key__in=UNVERIFIED_PROVISIONS).values_list("key", flat=True))
        == UNVERIFIED_PROVISIONS
    )
    assert not Instrument.objects.filter(key__in=UNVERIFIED_INSTRUMENTS, verified=True).exists()
    assert not Provision.objects.filter(key__in=UNVERIFIED_PROVISIONS, verified=True).exists()
    assert Capability.objects.get(key="287g-jem-detainers").verified is False


def test_an_unverified_instrument_says_what_is_in_doubt(seeded: None) -> None:
    assert list(Instrument.objects.filter(verified=False, doubt="").values_list("key", flat=True)) == []


def test_new_orleans_ban_is_repealed_by_the_mayors_signature_not_deleted(seeded: None) -> None:
    ban = Instrument.objects.get(key="us-la-new-orleans-surveillance-ordinance-2020")
    assert ban.status == "repealed"
    assert ban.repealed_on == datetime.date(2022, 7, 28)
    assert ban.events.filter(kind="repealed", occurred_on=datetime.date(2022, 7, 28)).exists()
    assert ban.provisions.filter(type="fr_ban").exists()
    assert not Instrument.objects.in_force(datetime.date(2026, 11, 23)).filter(pk=ban.pk).exists()


def test_san_francisco_ban_is_narrowed_in_december_2019(seeded: None) -> None:
    code = Instrument.objects.get(key="us-ca-san-francisco-admin-code-19b")
    assert code.events.get(kind="narrowed").occurred_on == datetime.date(2019, 12, 20)
    assert "City-issued" in code.provisions.get(type="fr_ban").quote


def test_virginia_keeps_both_versions_with_distinct_effective_dates(seeded: None) -> None:
    v2021 = Instrument.objects.get(key="us-va-acts-2021-sp1-c537-hb2031")
    v2022 = Instrument.objects.get(key="us-va-acts-2022-c737-sb741")
    assert (v2021.effective_on, v2022.effective_on) == (datetime.date(2021, 7, 1), datetime.date(2022, 7, 1))
    assert v2022.sunset_on == datetime.date(2026, 7, 1)
    assert "July 1, 2026" in v2021.doubt and "July 1, 2026" in v2022.doubt
    first, revived = v2021.provisions.order_by("effective_on")
    assert (first.effective_on, first.ends_on) == (datetime.date(2021, 7, 1), datetime.date(2022, 7, 1))
    assert revived.effective_on == datetime.date(2026, 7, 1) and revived.verified is False
    assert set(v2021.events.values_list("kind", flat=True)) == {"superseded", "effective"}


def test_washington_quotes_its_federal_partnership_exclusion(seeded: None) -> None:
    provisions = Provision.objects.filter(instrument__key="us-wa-rcw-43-386", type="fr_conditions")
    assert provisions.count() == 3  # 43.386.020, 43.386.080(1) and the immigration-status bar of 43.386.080(2)
    for provision in provisions:
        assert provision.federal_reach == "excluded"
        carve_out = provision.exceptions.get(kind="federal_partnership")
        assert "partnership with a federal agency to fulfill a congressional mandate" in carve_out.quote
        assert carve_out.quote == provision.federal_reach_quote


def test_state_face_recognition_statutes_carry_typed_conditions(seeded: None) -> None:
    def conditions(key: str) -> set[str]:
        return set(Provision.objects.get(key=key).conditions)

    assert {"criminal_investigation_only", "warrant"} <= conditions(
        "us-mt-mca-44-15-106-criminal-investigations-warrant"
    )
    assert conditions("us-ut-code-77-23e-104-dps-only") == {"named_channel"}
    assert conditions("us-co-crs-24-18-307-2-no-immigration-status") == {"no_immigration_status"}
    assert conditions("us-md-crim-proc-2-503-listed-crimes") >= {"crime_list"}
    assert conditions("us-al-code-15-10-111-not-sole-basis") == {"not_sole_basis"}


def test_the_federal_statute_belongs_to_the_country_and_defers_to_local_law(seeded: None) -> None:
    statute = Instrument.objects.get(key="us-8-usc-1357g")
    assert statute.jurisdiction.ocd_id == "ocd-division/country:us"
    assert set(statute.provisions.values_list("type", flat=True)) == {"federal_deference"}
    assert statute.provisions.filter(quote="to the extent consistent with State and local law").exists()


def test_state_287g_laws_bind_the_right_agencies(seeded: None) -> None:
    assert Provision.objects.get(key="us-fl-stat-908-11-287g-mandate").binds == "jail_operators"
    assert Provision.objects.get(key="us-tx-gov-code-753-287g-mandate").effective_on == datetime.date(2026, 12, 1)
    prohibitions = Provision.objects.filter(type="prohibits_287g", instrument__jurisdiction__kind="state").values_list(
        "instrument__jurisdiction__postal_code", flat=True
    )
    assert set(prohibitions) == {"CA", "OR", "NJ", "MD", "VT", "WA", "NM", "DE", "VA", "IL"}


def test_every_provision_passes_full_clean(seeded: None) -> None:
    for provision in Provision.objects.all():
        provision.full_clean()


def test_every_instrument_lies_in_the_state_its_key_names(seeded: None) -> None:
    for instrument in Instrument.objects.select_related("jurisdiction__state"):
        place = instrument.jurisdiction
        code = "us" if place.kind == "country" else (place.state_or_self.postal_code.lower())
        expected = "us-" if code == "us" else f"us-{code}-"
        assert instrument.key.startswith(expected), instrument.key


def test_localities_match_the_ocd_census_registry(seeded: None) -> None:
    with (BASE / "data" / "ocd" / "us_census_places.csv").open(newline="") as handle:
        registry = {row["id"]: row for row in csv.DictReader(handle)}
    localities = json.loads((FIXTURES / "localities.json").read_text())
    ids = [r["fields"]["ocd_id"] for r in localities if r["model"] == "places.jurisdiction"]
    assert ids
    for place in Jurisdiction.objects.filter(ocd_id__in=ids):
        row = registry[place.ocd_id]
        assert (place.name, "place-" + place.geoid) == (row["name"], row["census_geoid"])
        assert place.county_membership == "unknown"


def test_consolidated_city_counties_are_one_government(seeded: None) -> None:
    consolidated = Jurisdiction.objects.filter(kind="consolidated").values_list("ocd_id", flat=True)
    assert set(consolidated) == {
        "ocd-division/country:us/state:ca/place:san_francisco",
        "ocd-division/country:us/state:la/place:new_orleans",
        "ocd-division/country:us/state:ky/county:jefferson",
        "ocd-division/country:us/state:co/county:denver",
    }


@pytest.mark.parametrize("model", [InstrumentEvent, ProvisionException])
def test_events_and_exceptions_are_found_by_their_natural_key(seeded: None, model: type) -> None:
    rows = list(model.objects.all())
    assert rows
    assert all(model.objects.get_by_natural_key(*row.natural_key()) == row for row in rows)


@pytest.mark.parametrize(
    ("key", "recipients", "purposes"),
    [
        # "shall not sell, share, or transfer ALPR information, except to another public agency"
        ("us-ca-civ-code-1798-90-55-b-no-federal-sharing", ["federal", "out_of_state", "private"], []),
        # "… for the purpose of investigating or enforcing a law that … permits the detention … based on … immigration status"
        ("us-il-625-ilcs-5-2-130-no-immigration-sharing", [], ["immigration_enforcement"]),
        # "to any agency that primarily enforces immigration law"
        ("us-ny-vtl-201-12-a-no-dmv-records-for-immigration", ["federal_immigration"], []),
        # "seeking access for the purpose of enforcing federal immigration law"
        ("us-md-pub-safety-3-529-immigration-warrant", [], ["immigration_enforcement"]),
        # No operative words recorded: nothing is barred on a report of the statute alone (the doubt says so).
        ("us-va-code-2-2-5517-purposes-and-sharing", [], []),
        # "unlawful for any agency … to use an automated license plate reader system for immigration investigation or enforcement"
        ("us-wa-sb6002-2026-no-immigration-use", [], ["immigration_enforcement"]),
        # "shall not: (a) Disclose, share, or permit access … except as required in a judicial proceeding"
        ("us-wa-sb6002-2026-sec5-no-sharing", ["federal", "out_of_state", "private"], []),
        # "to any immigration agent as defined in Section 10 of the Illinois TRUST Act"
        ("us-il-625-ilcs-5-6-110-3-a-no-release-to-immigration-agents", ["federal_immigration"], []),
        # "unless all other parties … certify that the information obtained will not be used for civil immigration purposes"
        ("us-il-625-ilcs-5-6-110-3-b-sharing-agreements-certify", [], ["immigration_enforcement"]),
        # "must not share or disseminate immigration status data except to or within the division …"
        ("us-mn-stat-171-12-subd-11-b-immigration-status-data", ["federal", "out_of_state", "private"], []),
        # "not for the purpose of enforcing federal immigration law or provided to an agency that primarily enforces …"
        ("us-ma-940-cmr-37-04-no-disclosure-for-immigration", ["federal_immigration"], ["immigration_enforcement"]),
        # "… for the purpose of investigating for, participating in, cooperating with, or assisting in federal immigration enforcement"
        ("us-co-sb25-276-pii-no-immigration-disclosure", [], ["immigration_enforcement"]),
    ],
)
def test_sharing_limits_bar_what_their_quoted_words_bar(seeded: None, key: str, recipients, purposes) -> None:
    provision = Provision.objects.get(key=key)
    assert (provision.barred_recipients, provision.barred_purposes) == (recipients, purposes)


def test_a_sharing_case_resting_on_a_press_release_alone_is_reported_not_verified(seeded: None) -> None:
    richmond = SharingArrangement.objects.get(key="us-va-richmond-pd-flock-atf-direct-access")
    assert richmond.verified is False
    assert "Only the City's press release" in richmond.doubt
    assert "official_statement" in set(richmond.sources.values_list("kind", flat=True))
    assert not richmond.sources.filter(kind__in=OFFICIAL_KINDS).exists()
    assert not SharingEvent.objects.filter(arrangement=richmond, verified=True).exists()


def test_verified_sharing_events_rest_on_an_official_record_that_quotes_them(seeded: None) -> None:
    verified = SharingEvent.objects.filter(verified=True)
    assert verified.exists()
    for event in verified:
        assert event.sources.filter(kind__in=OFFICIAL_KINDS).exclude(quote="").exists(), event


def test_every_agency_of_a_sharing_case_is_placed_at_its_home(seeded: None) -> None:
    agencies = Agency.objects.filter(sharing_arrangements__isnull=False).distinct()
    assert agencies.exists()
    assert not agencies.filter(needs_review=True).exists()
    assert not agencies.filter(home__isnull=True).exists()
    assert not agencies.filter(coverages__isnull=True).exists()
    denver = Agency.objects.get(name="Denver Police Department")
    assert (denver.home.ocd_id, denver.home.kind) == ("ocd-division/country:us/state:co/county:denver", "consolidated")


def test_a_refused_approval_is_an_event_never_an_approval(seeded: None) -> None:
    denver = SharingArrangement.objects.get(key="us-co-denver-pd-flock-national-lookup")
    assert denver.events.filter(kind="approval_refused", occurred_on=datetime.date(2025, 5, 5)).exists()
    assert not Approval.objects.filter(arrangement=denver).exists()
    oak_park = Approval.objects.filter(arrangement__key="us-il-oak-park-pd-flock-sharing").order_by("decided_on")
    assert list(oak_park.values_list("decided_on", "vote")) == [
        (datetime.date(2022, 4, 4), "4-3"),
        (datetime.date(2024, 6, 4), "4-3"),
    ]

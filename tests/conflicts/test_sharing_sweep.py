"""Sharing flags through the database: a sweep stores them with their arrangement, and changes in the facts
(lookup turned off, an approval recorded) make them stale at the next sweep."""

from datetime import date

import pytest

from tests.factories.conflicts import city_case
from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tests.factories.partnerships import SharingArrangementFactory, SharingEventFactory
from tests.factories.sources import SourceFactory
from tracker.conflicts.choices import FlagStatus, Severity
from tracker.conflicts.engine import sweep
from tracker.conflicts.models import Flag
from tracker.partnerships.models import Approval

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def _arrangement(agency, **fields):  # type: ignore[no-untyped-def]
    arrangement = SharingArrangementFactory(agency=agency, verified=True, **fields)
    arrangement.sources.add(SourceFactory())
    return arrangement


def _state_limit(state):  # type: ignore[no-untyped-def]
    instrument = InstrumentFactory(jurisdiction=state, kind="statute", verified=True)
    instrument.sources.add(SourceFactory())
    return ProvisionFactory(
        instrument=instrument, type="data_sharing_limit", binds="all_law_enforcement", acts=["share"],
        technologies=["alpr"], barred_recipients=["federal", "out_of_state"], federal_reach="express", verified=True,
    )


def _ccops(city):  # type: ignore[no-untyped-def]
    instrument = InstrumentFactory(jurisdiction=city, verified=True)
    return ProvisionFactory(instrument=instrument, type="ccops_approval", acts=["acquire", "share"],
                            technologies=["surveillance_technology"], verified=True)


def test_a_sweep_stores_the_sharing_flag_with_its_arrangement_and_evidence() -> None:
    case = city_case()
    _state_limit(case.state)
    arrangement = _arrangement(case.police)
    sweep(as_of=TODAY)
    flag = Flag.objects.get(rule_id="SHARE-001")
    assert (flag.arrangement, flag.agency, flag.partnership, flag.jurisdiction) == (
        arrangement, case.police, None, case.state
    )
    assert flag.severity == Severity.CRITICAL and flag.verified
    assert flag.evidence["arrangement"]["key"] == arrangement.key
    assert flag.evidence["provision"]["barred_recipients"] == ["federal", "out_of_state"]
    assert set(flag.evidence["source_ids"]) >= set(arrangement.sources.values_list("pk", flat=True))


def test_lookup_turned_off_makes_the_flag_stale_and_the_earlier_date_still_finds_it() -> None:
    case = city_case()
    _state_limit(case.state)
    arrangement = _arrangement(case.police)
    sweep(as_of=TODAY)
    arrangement.ended_on = date(2026, 3, 1)
    arrangement.save()
    SharingEventFactory(arrangement=arrangement, kind="federal_lookup_disabled", occurred_on=date(2026, 3, 1))
    summary = sweep(as_of=TODAY)
    assert summary.stale == 1 and Flag.objects.get(rule_id="SHARE-001").status == FlagStatus.STALE
    assert sweep(as_of=date(2026, 2, 1)).reopened == 1


def test_a_reported_start_counts_when_no_first_date_is_recorded() -> None:
    case = city_case()
    _state_limit(case.state)
    arrangement = _arrangement(case.police, first_evidence_on=None)
    assert sweep(as_of=TODAY).found == 0
    SharingEventFactory(arrangement=arrangement, kind="access_reported", occurred_on=date(2025, 6, 13))
    sweep(as_of=TODAY)
    flag = Flag.objects.get(rule_id="SHARE-001")
    assert flag.evidence["arrangement"]["evidence_from"] == "2025-06-13"
    assert "since at least 2025-06-13" in flag.explanation


def test_a_recorded_approval_of_the_arrangement_makes_the_ccops_flag_stale() -> None:
    case = city_case()
    _ccops(case.city)
    arrangement = _arrangement(case.police)
    sweep(as_of=TODAY)
    flag = Flag.objects.get(rule_id="CCOPS-002")
    assert flag.arrangement == arrangement and flag.provision.type == "ccops_approval"
    Approval.objects.create(jurisdiction=case.city, body="Synthetic City Council", arrangement=arrangement,
                            decided_on=date(2025, 2, 1))
    assert sweep(as_of=TODAY).stale == 1


def test_a_scoped_sweep_of_the_city_equals_the_full_sweep_for_its_flags() -> None:
    case = city_case()
    _ccops(case.city)
    _arrangement(case.police)
    sweep(as_of=TODAY)
    full = set(Flag.objects.filter(jurisdiction=case.city).values_list("fingerprint", "severity", "evidence_hash"))
    Flag.objects.all().delete()
    sweep([case.city.pk], as_of=TODAY)
    assert set(Flag.objects.values_list("fingerprint", "severity", "evidence_hash")) == full != set()

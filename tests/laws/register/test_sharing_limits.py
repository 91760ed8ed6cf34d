"""The register's real sharing limits and approval ordinances against synthetic arrangements shaped like the
reported cases: what flags, at what level, and the near-misses that must not."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.factories.partnerships import SharingArrangementFactory
from tests.factories.places import AgencyCoverageFactory, AgencyFactory
from tests.factories.sources import SourceFactory
from tracker.conflicts.engine import evaluate
from tracker.conflicts.facts import Finding
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.registry import registry
from tracker.partnerships.models import Approval
from tracker.places.models import Agency, Jurisdiction

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 6, 1)


def _police(ocd_id: str) -> Agency:
    home = Jurisdiction.objects.get(ocd_id=ocd_id)
    agency = AgencyFactory(home=home, state=home.state or home, name=f"Synthetic Plate Unit of {home.name}")
    AgencyCoverageFactory(agency=agency)
    return agency


def _share(agency: Agency, verified: bool = True, **fields: Any) -> Any:
    arrangement = SharingArrangementFactory(agency=agency, verified=verified, **fields)
    arrangement.sources.add(SourceFactory())
    return arrangement


def _findings(rule_id: str, agency: Agency) -> list[Finding]:
    scope = {agency.state_id, agency.home_id}
    return [f for f in evaluate(build_snapshot(scope, AS_OF), [registry.get(rule_id)]).values()
            if f.agency_id == agency.pk]


def test_a_california_network_searchable_by_immigration_agencies_collides_with_sb34(seeded: None) -> None:
    police = _police("ocd-division/country:us/state:ca/place:oakland")
    _share(police, recipients=["federal_immigration"])
    (found,) = _findings("SHARE-001", police)
    assert found.evidence["provision"]["key"] == "us-ca-civ-code-1798-90-55-b-no-federal-sharing"
    assert found.evidence["arrangement"]["barred_recipients_met"] == ["federal"]
    assert int(found.severity) == 40  # express words, a barred recipient, every fact verified


def test_a_reported_california_case_stays_at_the_lowest_level(seeded: None) -> None:
    police = _police("ocd-division/country:us/state:ca/place:oakland")
    _share(police, verified=False, recipients=["out_of_state"])
    (found,) = _findings("SHARE-001", police)
    assert (int(found.severity), found.verified) == (0, False)


def test_illinois_bars_immigration_searches_not_out_of_state_lookup_as_such(seeded: None) -> None:
    police = _police("ocd-division/country:us/state:il/place:chicago")
    _share(police, recipients=["out_of_state"])
    assert _findings("SHARE-001", police) == []
    _share(police, key="synthetic-chicago-immigration", recipients=["out_of_state"], purposes=["immigration_enforcement"])
    (found,) = _findings("SHARE-001", police)
    assert found.evidence["provision"]["key"] == "us-il-625-ilcs-5-2-130-no-immigration-sharing"
    assert int(found.severity) == 30 and "silent on federal partnerships" in found.question


def test_lookup_turned_off_before_the_date_leaves_nothing_to_flag(seeded: None) -> None:
    police = _police("ocd-division/country:us/state:ca/place:oakland")
    _share(police, recipients=["federal"], ended_on=date(2025, 9, 1))
    assert _findings("SHARE-001", police) == []


def test_a_state_without_a_sharing_limit_raises_nothing(seeded: None) -> None:
    police = _police("ocd-division/country:us/state:tx")
    _share(police, recipients=["federal_immigration", "out_of_state"], purposes=["immigration_enforcement"])
    assert _findings("SHARE-001", police) == []


def test_oakland_requires_approval_of_data_sharing_agreements(seeded: None) -> None:
    police = _police("ocd-division/country:us/state:ca/place:oakland")
    arrangement = _share(police, technology="gunshot_detection")  # a technology the Council has not approved
    (found,) = _findings("CCOPS-002", police)
    assert found.evidence["provision"]["key"] == "us-ca-oakland-omc-9-64-030-1-council-approval"
    Approval.objects.create(jurisdiction=police.home, body="Synthetic approval", arrangement=arrangement,
                            decided_on=date(2024, 12, 1))
    assert _findings("CCOPS-002", police) == []


def test_san_diegos_recorded_plate_reader_approval_answers_its_ordinance_oaklands_does_not(seeded: None) -> None:
    # San Diego's ordinance requires approval of the technology; Oakland's also of data-sharing agreements.
    approvals = {}
    for ocd_id, decided in (("ocd-division/country:us/state:ca/place:oakland", date(2022, 10, 18)),
                            ("ocd-division/country:us/state:ca/place:san_diego", date(2023, 11, 14))):
        police = _police(ocd_id)
        _share(police)
        approval = Approval.objects.get(jurisdiction=police.home, technology="alpr", arrangement=None)
        assert (approval.decided_on, approval.sources.exists()) == (decided, True)
        approvals[ocd_id.rsplit(":", 1)[1]] = _findings("CCOPS-002", police)
    (oakland,) = approvals["oakland"]
    assert "approved alpr on 18 Oct 2022, but no approval of this sharing arrangement" in oakland.explanation
    assert approvals["san_diego"] == []


def test_pittsburgh_approval_of_face_recognition_says_nothing_of_plate_sharing(seeded: None) -> None:
    police = _police("ocd-division/country:us/state:pa/place:pittsburgh")
    _share(police)
    assert _findings("CCOPS-002", police) == []

"""Agencies stay themselves across ICE's spellings, and applications are never agreements, on ICE's real sheets.

The module imports, once: the real fixtures, the pending sheet of 15 May 2025, the participating
sheet of 18 Jul 2025, a sweep, a reviewer's step on a flag, the sheet of 13 Aug 2025 (where ICE
renames "Flathead County Sheriff's Department" to "Flathead County Sheriff's Office"), and a sweep.
No shipped law collides with the Flathead sheriff's Warrant Service Officer agreement, so the flag
comes from a synthetic statewide limit on immigration cooperation (visibly synthetic, rolled back).
"""

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from tests.factories.laws import InstrumentFactory, ProvisionFactory
from tracker.common.seeding import seed_all
from tracker.conflicts.choices import FlagStatus
from tracker.conflicts.engine import sweep
from tracker.conflicts.loader import build_snapshot
from tracker.conflicts.models import Flag
from tracker.conflicts.services import flag_transition
from tracker.importers.ice_287g import Ice287gImporter
from tracker.laws.choices import Binds, InstrumentKind, ProvisionType
from tracker.partnerships.choices import PartnershipKind, PartnershipStatus
from tracker.partnerships.models import Partnership
from tracker.places.choices import AliasMatch, OriMatch
from tracker.places.models import Agency, AgencyAlias, Jurisdiction

DATA = Path(settings.BASE_DIR) / "data"
PENDING_MAY = DATA / "ice-287g" / "pendingAgencies05152025am.xlsx"
JULY = DATA / "ice-287g" / "participatingAgencies07182025pm.xlsx"
AUGUST = DATA / "ice-287g-more" / "participatingAgencies08132025am.xlsx"
OLD, NEW = "Flathead County Sheriff's Department", "Flathead County Sheriff's Office"


@pytest.fixture(scope="module")
def _imported(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The sheets imported once for this module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_all()
        Ice287gImporter(PENDING_MAY, pending=True).run()
        Ice287gImporter(JULY).run()
        ProvisionFactory(
            instrument=InstrumentFactory(
                jurisdiction=Jurisdiction.objects.get(postal_code="MT"), kind=InstrumentKind.STATUTE
            ),
            type=ProvisionType.IMMIGRATION_LIMIT,
            binds=Binds.ALL_LAW_ENFORCEMENT,
            summary="Synthetic: limits every agency of the state in immigration cooperation.",
            technologies=[],
        )
        sweep(as_of=datetime.date(2025, 8, 1))
        before = Agency.objects.get(state__postal_code="MT", name=OLD)
        flag = Flag.objects.filter(agency=before).exclude(status=FlagStatus.STALE).first()
        assert flag is not None, "the July sheet and Montana's statute raise a flag on the Flathead sheriff"
        reviewer = get_user_model().objects.create_user("synthetic-reviewer", password="synthetic-Passw0rd!")
        flag = flag_transition(
            flag=flag,
            to=FlagStatus.IN_REVIEW,
            by=reviewer,
            reason="Synthetic review step",
            expected_version=flag.version,
        )
        partnerships = set(before.partnerships.values_list("pk", flat=True))
        august = Ice287gImporter(AUGUST)
        report, _ = august.run()
        sweep(as_of=datetime.date(2025, 8, 14))
        yield {"agency_pk": before.pk, "flag_pk": flag.pk, "partnerships": partnerships, "report": report}
        transaction.set_rollback(True)


@pytest.fixture
def imported(_imported: dict[str, Any], db: None) -> dict[str, Any]:
    """Each test runs inside the module's transaction (a savepoint of it)."""
    return _imported


def test_a_renamed_agency_is_the_same_agency_under_its_new_name(imported: dict[str, Any]) -> None:
    agency = Agency.objects.get(pk=imported["agency_pk"])
    assert agency.name == NEW
    assert not Agency.objects.filter(state__postal_code="MT", name=OLD).exists()
    aliases = {a.name: a for a in AgencyAlias.objects.filter(agency=agency)}
    assert set(aliases) == {OLD, NEW}
    assert aliases[NEW].match == AliasMatch.CLOSE
    assert (aliases[OLD].first_seen_on, aliases[OLD].last_seen_on) == (datetime.date(2025, 7, 18),) * 2
    assert aliases[NEW].first_seen_on == datetime.date(2025, 8, 13)
    assert aliases[NEW].first_seen_in.title.endswith("(participatingAgencies08132025am.xlsx)")


def test_a_rename_never_ends_one_agreement_and_opens_another(imported: dict[str, Any]) -> None:
    agency = Agency.objects.get(pk=imported["agency_pk"])
    assert set(agency.partnerships.values_list("pk", flat=True)) == imported["partnerships"]
    assert not agency.partnerships.filter(status=PartnershipStatus.ENDED).exists()
    assert agency.partnerships.filter(last_seen_on=datetime.date(2025, 8, 13)).count() == len(imported["partnerships"])


def test_a_renamed_agency_keeps_its_flag_and_review_trail(imported: dict[str, Any]) -> None:
    flag = Flag.objects.get(pk=imported["flag_pk"])
    assert flag.agency_id == imported["agency_pk"]
    assert flag.status == FlagStatus.IN_REVIEW
    events = list(flag.events.values_list("to_status", "reason"))
    assert (FlagStatus.IN_REVIEW, "Synthetic review step") in events
    # the sweep after the August sheet notes the new spelling on the same flag
    assert events[-1][1].startswith("Evidence changed: agency.name")


def test_the_rename_is_reported_not_silent(imported: dict[str, Any]) -> None:
    reasons = [r["reason"] for r in imported["report"].review]
    assert f'spelled "{NEW}"; kept as the same agency as "{OLD}" (similarity 1.00)' in reasons


def test_an_agency_gets_its_ori_when_the_national_list_has_its_state_name_and_type(imported: dict[str, Any]) -> None:
    agency = Agency.objects.get(pk=imported["agency_pk"])
    assert (agency.ori, agency.ori_match) == ("MT0150000", OriMatch.MATCHED)


def test_a_misspelt_agency_goes_to_review_with_its_ori_candidates(imported: dict[str, Any]) -> None:
    berrian = Agency.objects.get(state__postal_code="MI", name="Berrian County Sheriff's Office")
    assert (berrian.ori, berrian.ori_match) == ("", OriMatch.DOUBTFUL)
    assert [c["ori"] for c in berrian.ori_candidates] == ["MI1111100"]
    assert berrian.ori_candidates[0]["name"] == "Berrien County Sheriff's Office"


def test_an_application_is_never_active_between_its_first_listing_and_its_agreement(imported: dict[str, Any]) -> None:
    agreement = Partnership.objects.get(
        agency__name="Houston County Sheriff's Office",
        agency__state__postal_code="AL",
        program__code="287g-jem",
        kind=PartnershipKind.AGREEMENT,
    )
    application = agreement.application
    assert application is not None and application.kind == PartnershipKind.APPLICATION
    between = application.first_seen_on + datetime.timedelta(days=1)
    assert application.first_seen_on == datetime.date(2025, 5, 15) < between < application.ended_on
    assert not Partnership.objects.active(on=between).filter(pk=application.pk).exists()
    assert Partnership.objects.pending(on=between).filter(pk=application.pk).exists()
    assert not Partnership.objects.pending(on=application.ended_on).filter(pk=application.pk).exists()
    snap = build_snapshot(None, between)
    assert application.pk not in {p.id for p in snap.active_partnerships(agreement.agency_id)}
    assert application.pk in {p.id for p in snap.pending_partnerships(agreement.agency_id)}


def test_the_admin_lists_doubtful_oris_with_their_candidates(imported: dict[str, Any], admin_client: Any) -> None:
    page = admin_client.get("/admin/places/agency/", {"ori_review": "doubtful", "q": "Berrian"}).content.decode()
    assert "Berrian County Sheriff&#x27;s Office" in page
    assert "MI1111100 Berrien County Sheriff&#x27;s Office (County, BERRIEN; 0.857)" in page


def test_the_admin_shows_every_spelling_of_an_agency(imported: dict[str, Any], admin_client: Any) -> None:
    page = admin_client.get(f"/admin/places/agency/{imported['agency_pk']}/change/").content.decode()
    assert "Flathead County Sheriff&#x27;s Department" in page
    assert "participatingAgencies08132025am.xlsx" in page

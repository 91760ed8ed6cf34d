"""What changed between two ICE 287(g) sheets: added, gone, pending→signed and new applications, by state."""

from __future__ import annotations

import datetime

from django.test import Client

from tests.api.builders import World
from tests.factories.laws import InstrumentFactory
from tests.factories.partnerships import PartnershipFactory
from tests.factories.places import AgencyCoverageFactory, AgencyFactory
from tests.factories.sources import SourceFactory
from tracker.partnerships.choices import PartnershipKind, PartnershipStatus
from tracker.partnerships.sheet_changes import changes_between
from tracker.sources.models import Source

OCT, NOV, DEC = datetime.date(2026, 10, 1), datetime.date(2026, 11, 1), datetime.date(2026, 12, 1)


def sheet(kind: str, on: datetime.date) -> Source:
    """A synthetic imported sheet, keyed as the importer keys them."""
    return SourceFactory(key=f"ice-287g-{kind}-synthetic-{on:%Y%m%d}", published_on=on)


def sheets_world(world: World) -> dict[str, object]:
    """Three participating and two pending sheets, and one change of each kind in November → December."""
    p = {on: sheet("participating", on) for on in (OCT, NOV, DEC)}
    pending = {on: sheet("pending", on) for on in (NOV, DEC)}
    tfm, jem = world.objects["tfm"], world.objects["far_jem"].program
    sheriff, far = world.objects["sheriff"], world.objects["far_police"]
    added = PartnershipFactory(agency=world.objects["police"], program=tfm, first_seen_in=p[DEC], last_seen_in=p[DEC])
    gone = world.objects["far_jem"]
    gone.status, gone.ended_on, gone.first_seen_in, gone.ended_in = PartnershipStatus.ENDED, DEC, p[OCT], p[DEC]
    gone.save()
    application = PartnershipFactory(
        agency=sheriff,
        program=jem,
        status=PartnershipStatus.ENDED,
        kind=PartnershipKind.APPLICATION,
        ended_on=DEC,
        signed_on=None,
        first_seen_in=pending[NOV],
        ended_in=p[DEC],
    )
    signed = PartnershipFactory(agency=sheriff, program=jem, first_seen_in=p[DEC], application=application)
    applied = PartnershipFactory(
        agency=far, program=tfm, status=PartnershipStatus.PENDING, signed_on=None, first_seen_in=pending[DEC]
    )
    old = PartnershipFactory(agency=AgencyFactory(state=world.state), program=tfm, first_seen_in=p[NOV])
    return {"added": added, "gone": gone, "signed": signed, "applied": applied, "old": old}


def kinds(states: list) -> dict[str, set[int]]:  # type: ignore[type-arg]
    found: dict[str, set[int]] = {}
    for state in states:
        for kind, rows in state.kinds.items():
            found.setdefault(kind, set()).update(c.partnership_id for c in rows)
    return found


def test_each_kind_of_change_between_two_sheets_is_found_once(world: World) -> None:
    made = sheets_world(world)
    found = kinds(changes_between(NOV, DEC))
    assert found == {
        "added": {made["added"].pk},  # type: ignore[attr-defined]
        "signed": {made["signed"].pk},  # type: ignore[attr-defined]
        "gone": {made["gone"].pk},  # type: ignore[attr-defined]
        "applied": {made["applied"].pk},  # type: ignore[attr-defined]
    }


def test_an_earlier_window_sees_only_its_own_changes(world: World) -> None:
    made = sheets_world(world)
    found = kinds(changes_between(OCT, NOV))
    assert found["added"] == {made["old"].pk}  # type: ignore[attr-defined]
    assert found["gone"] == set() and found["signed"] == set()


def test_a_new_agreement_lists_the_law_in_force_where_the_agency_polices(world: World) -> None:
    sheets_world(world)
    repealed = world.objects["state_law"]
    [state] = changes_between(NOV, DEC)
    signed = state.kinds["signed"][0]  # the county sheriff: the county's law and, countywide, the city's ban
    citations = {law.citation for law in signed.laws}
    assert world.objects["county_law"].citation in citations
    assert world.objects["city_ban"].citation in citations
    assert repealed.citation not in citations


def test_an_agency_with_no_coverage_rows_still_gets_its_homes_law(world: World) -> None:
    sheets_world(world)
    city_police = world.objects["police"]
    city_police.coverages.all().delete()
    [state] = changes_between(NOV, DEC)
    [added] = state.kinds["added"]
    assert world.objects["city_ban"].citation in {law.citation for law in added.laws}


def test_the_page_defaults_to_the_last_two_participating_sheets(client: Client, world: World) -> None:
    made = sheets_world(world)
    response = client.get("/agreements/changes/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "sheet of 1 November 2026 and the sheet of 1 December 2026" in body
    assert "Synthetic State ZQ" in body and made["added"].agency.name in body  # type: ignore[attr-defined]
    assert "Pending applications now signed" in body


def test_the_page_answers_in_fixed_queries(client: Client, world: World, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    sheets_world(world)
    for n in range(5):
        agency = AgencyFactory(state=world.state, home=world.city, name=f"Synthetic Extra Police {n}")
        AgencyCoverageFactory(agency=agency, jurisdiction=world.city)
        PartnershipFactory(
            agency=agency,
            program=world.objects["tfm"],
            first_seen_in=Source.objects.get(key="ice-287g-participating-synthetic-20261201"),
        )
    InstrumentFactory(jurisdiction=world.city, title="Synthetic second ordinance")
    # sheet dates; the changes; coverage; county members; laws in force.
    with django_assert_num_queries(5):
        assert client.get("/agreements/changes/?from=2026-11-01&to=2026-12-01").status_code == 200


def test_a_date_that_is_no_sheet_gets_a_message_not_an_error(client: Client, world: World) -> None:
    sheets_world(world)
    for query in ("from=2026-13-45&to=2026-12-01", "from=2020-01-01&to=2026-12-01", "from=&to=x"):
        response = client.get(f"/agreements/changes/?{query}")
        assert response.status_code == 400
        assert "choose one of the listed dates" in response.content.decode()


def test_sheets_in_the_wrong_order_get_a_message(client: Client, world: World) -> None:
    sheets_world(world)
    response = client.get("/agreements/changes/?from=2026-12-01&to=2026-11-01")
    assert response.status_code == 400
    assert "The older sheet must be dated before the newer one." in response.content.decode()


def test_with_fewer_than_two_sheets_the_page_says_so(client: Client, world: World) -> None:
    sheet("participating", DEC)
    response = client.get("/agreements/changes/")
    assert response.status_code == 200
    assert "Fewer than two ICE 287(g) sheets are imported" in response.content.decode()

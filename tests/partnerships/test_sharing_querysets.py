"""A sharing arrangement is in effect from its first dated evidence until its access ended: SQL and Python agree."""

from datetime import date

import pytest

from tests.factories.partnerships import SharingArrangementFactory, SharingEventFactory
from tracker.partnerships.choices import recipients_meet
from tracker.partnerships.models import SharingArrangement
from tracker.partnerships.querysets import recipients_on, sharing_active_on

pytestmark = pytest.mark.django_db

#: (arrangement fields, its events as (kind, date)).
CASES = [
    ({"first_evidence_on": date(2025, 1, 1)}, []),
    ({"first_evidence_on": date(2026, 9, 1)}, [("access_reported", date(2025, 1, 1))]),
    ({"first_evidence_on": None}, []),
    ({"first_evidence_on": None}, [("access_reported", date(2025, 6, 13))]),
    ({"first_evidence_on": None}, [("federal_lookup_disabled", date(2025, 1, 1)), ("audit", date(2026, 3, 1))]),
    ({"first_evidence_on": None, "ended_on": date(2026, 7, 1)}, [("terminated", date(2026, 7, 1))]),
    ({"first_evidence_on": date(2024, 1, 1), "ended_on": date(2026, 5, 18)}, []),
    ({"first_evidence_on": date(2024, 1, 1), "ended_on": date(2026, 6, 1)}, []),
    ({"first_evidence_on": None, "ended_on": date(2026, 7, 1)}, [("immigration_searches_reported", date(2026, 2, 1))]),
    # Switches: the federal lookup off leaves agencies of other states; a pause until a reinstatement; on one day
    # a switch off outweighs a reinstatement; an arrangement naming no recipient keeps its unknown ones.
    ({"recipients": ["out_of_state", "federal"]}, [("federal_lookup_disabled", date(2025, 5, 1))]),
    ({}, [("access_paused", date(2025, 5, 1)), ("reinstated", date(2026, 1, 1))]),
    ({}, [("reinstated", date(2026, 6, 1)), ("terminated", date(2026, 6, 1))]),
    ({"recipients": []}, [("federal_lookup_disabled", date(2025, 3, 1))]),
]


def _arrangements() -> None:
    for fields, events in CASES:
        arrangement = SharingArrangementFactory(**fields)
        for kind, on in events:
            SharingEventFactory(arrangement=arrangement, kind=kind, occurred_on=on)


@pytest.mark.parametrize("on", [date(2025, 6, 1), date(2026, 6, 1), date(2027, 1, 1)])
def test_sharing_helper_agrees_with_the_active_queryset(on) -> None:
    _arrangements()
    by_queryset = set(SharingArrangement.objects.active(on=on).values_list("id", flat=True))
    loaded = SharingArrangement.objects.with_evidence_from().prefetch_related("events")
    assert by_queryset == {a.id for a in loaded if sharing_active_on(a, on)}
    assert len(by_queryset) == {date(2025, 6, 1): 6, date(2026, 6, 1): 6, date(2027, 1, 1): 6}[on]


def test_an_arrangement_without_dated_evidence_is_never_in_effect() -> None:
    arrangement = SharingArrangementFactory(first_evidence_on=None)
    SharingEventFactory(arrangement=arrangement, kind="federal_lookup_disabled", occurred_on=date(2025, 1, 1))
    assert not SharingArrangement.objects.active(on=date(2030, 1, 1)).exists()


def test_without_a_recorded_first_date_the_earliest_report_of_access_starts_it() -> None:
    arrangement = SharingArrangementFactory(first_evidence_on=None)
    SharingEventFactory(arrangement=arrangement, kind="immigration_searches_reported", occurred_on=date(2025, 8, 25))
    SharingEventFactory(arrangement=arrangement, kind="access_reported", occurred_on=date(2025, 6, 13))
    loaded = SharingArrangement.objects.with_evidence_from().get()
    assert (loaded.evidence_from, loaded.evidence_to) == (date(2025, 6, 13), date(2025, 8, 25))
    assert not SharingArrangement.objects.active(on=date(2025, 6, 12)).exists()
    assert SharingArrangement.objects.active(on=date(2025, 6, 13)).exists()


def test_access_ending_on_the_date_is_no_longer_in_effect_that_day() -> None:
    SharingArrangementFactory(first_evidence_on=date(2025, 1, 1), ended_on=date(2026, 6, 1))
    arrangement = SharingArrangement.objects.with_evidence_from().get()
    assert sharing_active_on(arrangement, date(2026, 5, 31)) and not sharing_active_on(arrangement, date(2026, 6, 1))


@pytest.mark.parametrize(
    ("recipients", "barred", "met"),
    [
        (["federal_immigration"], ["federal"], ("federal",)),
        (["federal_immigration", "out_of_state"], ["federal", "out_of_state"], ("federal", "out_of_state")),
        (["federal"], ["federal_immigration"], ()),  # a bar on immigration agencies does not reach the FBI
        (["out_of_state"], ["federal"], ()),
        ([], ["federal"], ()),
    ],
)
def test_a_federal_immigration_agency_is_a_federal_agency(recipients, barred, met) -> None:
    assert recipients_meet(recipients, barred) == met


def _with_events(recipients: list[str], *events: tuple[str, date]) -> SharingArrangement:
    arrangement = SharingArrangementFactory(recipients=recipients, first_evidence_on=date(2025, 1, 1))
    for kind, on in events:
        SharingEventFactory(arrangement=arrangement, kind=kind, occurred_on=on)
    return SharingArrangement.objects.with_evidence_from().prefetch_related("events").get(pk=arrangement.pk)


def test_turning_off_the_federal_lookup_ends_federal_access_and_leaves_other_states():
    off = date(2025, 4, 8)
    both = _with_events(["out_of_state", "federal"], ("federal_lookup_disabled", off))
    assert recipients_on(both, date(2025, 4, 7)) == ("out_of_state", "federal")
    assert recipients_on(both, off) == ("out_of_state",) and sharing_active_on(both, off)
    only_federal = _with_events(["federal_immigration"], ("federal_lookup_disabled", off))
    assert recipients_on(only_federal, off) is None and not sharing_active_on(only_federal, off)
    assert sharing_active_on(only_federal, date(2025, 4, 7))


def test_a_reinstatement_restores_what_a_pause_or_the_lookup_switch_ended():
    arrangement = _with_events(
        ["out_of_state", "federal_immigration"],
        ("access_paused", date(2025, 5, 1)), ("reinstated", date(2025, 7, 1)),
        ("federal_lookup_disabled", date(2025, 9, 1)), ("reinstated", date(2026, 1, 1)),
    )
    assert [recipients_on(arrangement, on) for on in (date(2025, 6, 1), date(2025, 8, 1), date(2025, 10, 1),
                                                        date(2026, 2, 1))] == [
        None, ("out_of_state", "federal_immigration"), ("out_of_state",), ("out_of_state", "federal_immigration")
    ]

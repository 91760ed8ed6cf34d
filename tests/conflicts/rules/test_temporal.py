"""SUNSET-001 over hand-built snapshots."""

from datetime import date

from tests.conflicts.world import news_case, run


def test_moratorium_expiring_within_ninety_days_is_announced():
    case = news_case()
    case.world.law(case.city, "fr_moratorium", inst_sunset_on=date(2026, 8, 1))
    (found,) = run("SUNSET-001", case.world.snapshot(as_of=date(2026, 6, 1)))
    assert "2026-08-01" in found.explanation


def test_expiry_beyond_ninety_days_is_not_announced_yet():
    case = news_case()
    case.world.law(case.city, "fr_moratorium", inst_sunset_on=date(2026, 12, 1))
    assert run("SUNSET-001", case.world.snapshot(as_of=date(2026, 6, 1))) == []


def test_expired_moratorium_is_not_announced():
    case = news_case()
    case.world.law(case.city, "fr_moratorium", inst_sunset_on=date(2026, 5, 1))
    assert run("SUNSET-001", case.world.snapshot(as_of=date(2026, 6, 1))) == []

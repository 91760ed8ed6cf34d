"""Every change to a fact is kept with who, when and why."""

import pytest

from tests.factories.laws import InstrumentFactory
from tests.factories.sources import SourceFactory

pytestmark = pytest.mark.django_db


def test_a_change_is_recorded_with_its_user_and_reason(editor) -> None:  # type: ignore[no-untyped-def]
    instrument = InstrumentFactory(status="in_force")
    instrument.status = "repealed"
    instrument.repealed_on = instrument.effective_on
    instrument._history_user = editor
    instrument._change_reason = "Council repealed the ordinance"
    instrument.save()
    latest = instrument.history.first()
    assert latest.status == "repealed"
    assert latest.history_user == editor
    assert latest.history_change_reason == "Council repealed the ordinance"
    assert latest.prev_record.status == "in_force"


def test_attaching_a_source_is_recorded() -> None:
    instrument = InstrumentFactory()
    before = instrument.history.count()
    instrument.sources.add(SourceFactory())
    assert instrument.history.count() == before + 1
    assert instrument.history.first().sources.count() == 1


def test_a_change_made_in_the_admin_records_the_signed_in_user(admin_client, admin_user) -> None:  # type: ignore[no-untyped-def]
    source = SourceFactory()
    response = admin_client.post(
        f"/admin/sources/source/{source.pk}/change/",
        {
            "key": source.key, "url": source.url, "title": "Synthetic Source, corrected title",
            "publisher": source.publisher, "kind": source.kind, "change_reason": "Title typo",
        },
    )
    assert response.status_code == 302, response.content
    latest = source.history.first()
    assert latest.title == "Synthetic Source, corrected title"
    assert latest.history_user == admin_user
    assert latest.history_change_reason == "Title typo"

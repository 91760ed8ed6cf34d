"""A person's locked correction survives seeding; locks are set through the admin or the API and recorded."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tracker.common.seeding import seed_all
from tracker.laws.models import Instrument, Provision

pytestmark = pytest.mark.django_db
BOSTON_BAN = "us-ma-boston-cbc-16-62"
BOSTON_BAN_PROVISION = "us-ma-boston-cbc-16-62-b-fr-ban"


class _FormFields(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value") or ("on" if a.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.setdefault(self._select, []).append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][0] += data.removeprefix("\n") if not self.data[self._textarea][0] else data


def admin_form(client, url: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The admin change form's current values, as the browser would post them."""
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    return parser.data


@pytest.fixture
def seeded() -> None:
    """The real fixtures."""
    seed_all()


def test_a_title_corrected_and_locked_in_the_admin_survives_seed(seeded, admin_client, admin_user) -> None:  # type: ignore[no-untyped-def]
    ban = Instrument.objects.get(key=BOSTON_BAN)
    url = f"/admin/laws/instrument/{ban.pk}/change/"
    form = admin_form(admin_client, url)
    form.update(title=["Synthetic corrected title"], status=["suspended"], locked_fields=['["title", "status"]'],
                change_reason=["Corrected against the council record"])
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]

    call_command("seed", stdout=io.StringIO())

    ban.refresh_from_db()
    assert (ban.title, ban.status) == ("Synthetic corrected title", "suspended")
    assert ban.locked_fields == ["title", "status"]
    locked = ban.history.filter(title="Synthetic corrected title").last()
    assert (locked.history_user, locked.history_change_reason) == (admin_user, "Corrected against the council record")


def test_seed_reports_what_a_lock_held_back(seeded) -> None:  # type: ignore[no-untyped-def]
    provision = Provision.objects.get(key=BOSTON_BAN_PROVISION)
    provision.summary, provision.locked_fields = "Synthetic corrected summary", ["summary"]
    provision._change_reason = "Synthetic correction"
    provision.save()
    report = seed_all()
    assert any(BOSTON_BAN_PROVISION in line and "summary is locked" in line for line in report.held)
    assert report.counts["laws/ma.json"]["held"] == 1
    provision.refresh_from_db()
    assert provision.summary == "Synthetic corrected summary"


def test_seed_without_locks_restores_the_fixture(seeded) -> None:  # type: ignore[no-untyped-def]
    provision = Provision.objects.get(key=BOSTON_BAN_PROVISION)
    fixture_summary = provision.summary
    Provision.objects.filter(pk=provision.pk).update(summary="Synthetic drift")
    seed_all()
    provision.refresh_from_db()
    assert provision.summary == fixture_summary


def test_a_lock_set_through_the_api_is_stored_and_survives_seed(seeded, editor) -> None:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(editor)
    response = client.patch(
        f"/api/instruments/{BOSTON_BAN}/",
        {"title": "Synthetic API title", "locked_fields": ["title"], "change_reason": "Synthetic API correction"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["locked_fields"] == ["title"]
    seed_all()
    ban = Instrument.objects.get(key=BOSTON_BAN)
    assert (ban.title, ban.locked_fields) == ("Synthetic API title", ["title"])
    assert ban.history.filter(locked_fields=["title"]).last().history_user == editor


def test_an_unknown_field_name_in_a_lock_is_a_400(seeded, editor) -> None:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(editor)
    response = client.patch(f"/api/instruments/{BOSTON_BAN}/", {"locked_fields": ["titel"]}, format="json")
    assert response.status_code == 400
    assert "titel" in response.content.decode()
    assert Instrument.objects.get(key=BOSTON_BAN).locked_fields == []


def test_every_machine_writer_sets_only_what_differs_and_is_not_locked(seeded) -> None:  # type: ignore[no-untyped-def]
    provision = Provision.objects.get(key=BOSTON_BAN_PROVISION)
    provision.locked_fields = ["summary", "instrument"]
    other = Instrument.objects.exclude(pk=provision.instrument_id).first()
    assert other is not None
    changed, held = provision.set_unlocked({
        "summary": "Synthetic summary", "section": "Synthetic § 1", "quote": provision.quote,
        "instrument_id": other.pk,
    })
    assert (changed, held) == (["section"], ["summary", "instrument_id"])
    assert provision.section == "Synthetic § 1" and provision.instrument_id != other.pk


def test_corrections_locked_in_the_admin_and_the_api_survive_seed_and_demo_data(  # type: ignore[no-untyped-def]
    seeded, admin_client, admin_user, editor
) -> None:
    ban = Instrument.objects.get(key=BOSTON_BAN)
    url = f"/admin/laws/instrument/{ban.pk}/change/"
    form = admin_form(admin_client, url)
    form.update(title=["Synthetic corrected title"], locked_fields=['["title"]'], change_reason=["Synthetic admin fix"])
    assert admin_client.post(url, form).status_code == 302
    provision = Provision.objects.get(key=BOSTON_BAN_PROVISION)
    kept_source = provision.sources.order_by("key").first()
    assert kept_source is not None and provision.sources.count() > 1
    api = APIClient()
    api.force_authenticate(editor)
    response = api.patch(f"/api/provisions/{BOSTON_BAN_PROVISION}/", {
        "summary": "Synthetic corrected summary", "source_keys": [kept_source.key],
        "locked_fields": ["summary", "sources"], "change_reason": "Synthetic API fix",
    }, format="json")
    assert response.status_code == 200, response.content

    out = io.StringIO()
    call_command("seed", stdout=out)
    call_command("demo_data", stdout=out)

    assert "held for review: laws.Instrument us-ma-boston-cbc-16-62: title is locked" in out.getvalue()
    assert "held for review: laws.Provision us-ma-boston-cbc-16-62-b-fr-ban: sources is locked" in out.getvalue()
    ban.refresh_from_db()
    provision.refresh_from_db()
    assert (ban.title, ban.locked_fields) == ("Synthetic corrected title", ["title"])
    assert (provision.summary, provision.locked_fields) == ("Synthetic corrected summary", ["sources", "summary"])
    assert list(provision.sources.all()) == [kept_source]
    by_admin = ban.history.filter(locked_fields=["title"]).last()
    by_api = provision.history.filter(locked_fields=["sources", "summary"]).last()
    assert (by_admin.history_user, by_admin.history_change_reason) == (admin_user, "Synthetic admin fix")
    assert (by_api.history_user, by_api.history_change_reason) == (editor, "Synthetic API fix")

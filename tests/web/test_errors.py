"""No input gives a 500, and a person who reaches a missing page reads the site's page, not a debug listing."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/search/?q=%C2%B2", "/search/?q=%D9%A3", "/memo/flags/?flags=99999999999999999999999",
    "/memo/flags.pdf?flags=99999999999999999999999", "/memo/flags/?flags=%C2%B2",
])
def test_unicode_digits_and_huge_ids_never_give_a_500(client: Client, url: str) -> None:
    assert client.get(url).status_code in (200, 400, 404)


def test_bulk_assignment_with_a_huge_id_is_refused_without_a_500(client: Client, reviewer) -> None:  # type: ignore[no-untyped-def]
    client.force_login(reviewer)
    response = client.post("/review/", {"flags": ["99999999999999999999999:1", "²:1"], "assignee": ""})
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("debug", [True, False])
def test_a_missing_page_is_the_sites_404_page_even_with_debug_on(client: Client, settings, debug: bool) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = debug
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no page at this address." in html
    assert "URLconf" not in html


def test_a_views_not_found_message_reaches_the_page(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = True
    response = client.get("/j/ocd-division/country:us/state:zz/place:nowhere/")
    assert response.status_code == 404
    assert "URLconf" not in response.content.decode()


def test_api_errors_keep_their_json_shape(client: Client) -> None:
    response = client.get("/api/no-such-endpoint/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("text/html") or b"<h1>Not found</h1>" not in response.content


@pytest.mark.parametrize("url", ["/api/rules/?format=json", "/api/rules/FR-FED-001/?format=json",
                                 "/api/jurisdictions/?format=json"])
def test_format_json_is_accepted_on_every_api_answer(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")


def test_a_non_json_format_on_a_single_record_is_a_400(client: Client) -> None:
    response = client.get("/api/rules/FR-FED-001/?format=csv")
    assert response.status_code == 400
    assert "format" in response.json()["error"]["fields"] or "format" in response.content.decode()


@pytest.mark.parametrize("url", ["/j/ocd-division/country:us/state:zq%00/", "/search/?q=a%00b",
                                 "/tables/flags/?place=ocd-division%00", "/api/jurisdictions/?state=Z%00"])
def test_a_nul_character_in_a_path_or_parameter_never_gives_a_500(client: Client, url: str) -> None:
    assert client.get(url).status_code in (200, 400, 404)

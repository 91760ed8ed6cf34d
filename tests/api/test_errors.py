"""Bad input gets a clear 4xx in the one error shape, never a 500."""

import pytest

from tests.api.builders import build_world

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str) -> dict:  # type: ignore[type-arg]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]


def test_an_oversized_page_is_a_400(anon) -> None:
    error = assert_error(anon.get("/api/instruments/?page_size=1001"), 400, "invalid")
    assert "page_size" in error["fields"]


def test_a_page_size_of_1000_is_accepted(anon) -> None:
    assert anon.get("/api/instruments/?page_size=1000").status_code == 200


def test_a_malformed_page_is_a_400(anon) -> None:
    assert_error(anon.get("/api/instruments/?page=first"), 400, "invalid")


def test_a_page_past_the_end_is_a_404(anon) -> None:
    build_world()
    assert_error(anon.get("/api/instruments/?page=99"), 404, "not_found")


def test_a_wrong_content_type_is_a_415(editor_client) -> None:
    response = editor_client.post("/api/sources/", "key=x", content_type="application/x-www-form-urlencoded")
    assert_error(response, 415, "unsupported_media_type")


def test_malformed_json_is_a_400(editor_client) -> None:
    response = editor_client.post("/api/sources/", "{not json", content_type="application/json")
    assert_error(response, 400, "parse_error")


def test_an_unknown_path_under_the_api_is_a_json_404(anon) -> None:
    assert_error(anon.get("/api/nothing-here/"), 404, "not_found")


def test_a_detail_takes_no_query_parameters(anon) -> None:
    world = build_world()
    error = assert_error(anon.get(f"/api/instruments/{world.objects['city_ban'].key}/?state=ZQ"), 400, "invalid")
    assert error["fields"] == {"state": ["Unknown query parameter."]}


def test_an_unknown_export_format_is_a_400(anon) -> None:
    assert_error(anon.get("/api/partnerships/?format=pdf"), 400, "invalid")


def test_format_is_refused_where_there_is_no_export(anon) -> None:
    assert_error(anon.get("/api/agencies/?format=csv"), 400, "invalid")


def test_a_bad_token_is_a_401(anon) -> None:
    anon.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert_error(anon.get("/api/instruments/"), 401, "authentication_failed")


def test_a_nul_character_in_a_filter_is_a_400(anon) -> None:
    assert_error(anon.get("/api/instruments/?q=ban%00"), 400, "invalid")


def test_a_nul_character_in_a_body_is_a_400(editor_client) -> None:
    response = editor_client.post("/api/sources/", {"key": "synthetic-nul", "url": "https://example.org/x",
                                                    "title": "Synthetic\x00", "publisher": "Synthetic",
                                                    "kind": "other"}, format="json")
    assert_error(response, 400, "invalid")


@pytest.mark.parametrize("query", ["verified=maybe", "open=null", "state=", "signed_after="])
def test_a_malformed_or_empty_filter_value_is_a_400_not_everything(anon, query) -> None:  # type: ignore[no-untyped-def]
    path = "/api/flags/" if query.startswith(("verified", "open", "state")) else "/api/partnerships/"
    response = anon.get(f"{path}?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]


@pytest.mark.parametrize("value", ["-1.7976931348623155e+308", "1.5", "99999999999999999999999", "0"])
def test_an_id_filter_takes_only_a_whole_number_in_range(anon, value) -> None:  # type: ignore[no-untyped-def]
    assert anon.get("/api/flags/", {"agency": value}).status_code == 400

"""Signing in: tokens for scripts, sessions for browsers, both throttled; anonymous reads rate-limited."""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


def test_a_token_is_issued_for_good_credentials_and_works(anon, api_editor) -> None:
    response = anon.post("/api/auth/token/", {"username": "synthetic-editor", "password": "synthetic-password-1"},
                         format="json")
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/auth/me/").json()
    assert me == {"username": "synthetic-editor", "is_editor": True, "is_reviewer": False, "is_admin": False}


def test_bad_credentials_are_a_401_that_does_not_say_which_part(anon, api_editor) -> None:
    response = anon.post("/api/auth/token/", {"username": "synthetic-editor", "password": "wrong-password"},
                         format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


def test_a_deactivated_users_token_is_refused(anon, api_editor) -> None:
    token = anon.post("/api/auth/token/", {"username": "synthetic-editor", "password": "synthetic-password-1"},
                      format="json").json()["token"]
    api_editor.is_active = False
    api_editor.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/auth/me/").status_code == 401


def test_session_login_and_logout(api_reviewer) -> None:
    client = APIClient()
    response = client.post("/api/auth/login/", {"username": "synthetic-reviewer", "password": "synthetic-password-1"},
                           format="json")
    assert response.status_code == 204
    assert client.get("/api/auth/me/").json()["is_reviewer"] is True
    assert client.post("/api/auth/logout/").status_code == 204
    assert client.get("/api/auth/me/").status_code == 401


def test_sign_in_attempts_are_throttled(anon, api_editor) -> None:
    # A different username each time, so the per-account lock-out (tests/security) never answers first.
    statuses = [
        anon.post("/api/auth/token/", {"username": f"synthetic-{n}", "password": "wrong"}, format="json").status_code
        for n in range(11)
    ]
    assert statuses == [401] * 10 + [429]
    assert anon.post("/api/auth/token/", {"username": "x", "password": "y"}, format="json").json()["error"]["code"] == (
        "throttled"
    )


def test_anonymous_reads_are_rate_limited_per_client(monkeypatch) -> None:
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "anon": "2/minute"})
    first, second = APIClient(REMOTE_ADDR="192.0.2.1"), APIClient(REMOTE_ADDR="192.0.2.2")
    assert [first.get("/api/rules/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/rules/").status_code == 200


def test_a_spoofed_forwarded_for_header_does_not_reset_the_limit(monkeypatch) -> None:
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "anon": "1/minute"})
    client = APIClient(REMOTE_ADDR="192.0.2.3")
    assert client.get("/api/rules/").status_code == 200
    assert client.get("/api/rules/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429

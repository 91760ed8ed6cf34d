"""Sign-in: lock-out after 5 failures, Argon2 and 12-character passwords, hashed expiring tokens, deactivation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from config import settings as project_settings

pytestmark = pytest.mark.django_db

PASSWORD = "synthetic-password-1"
#: Every way to sign in with a password: path, and whether it takes JSON.
SIGN_INS = {"page": ("/login/", False), "admin": ("/admin/login/", False),
            "api-session": ("/api/auth/login/", True), "api-token": ("/api/auth/token/", True)}


def _try(client: Client, where: str, username: str, password: str) -> int:
    path, is_json = SIGN_INS[where]
    data = {"username": username, "password": password}
    if is_json:
        return client.post(path, data, content_type="application/json").status_code
    return client.post(path, data).status_code


def _signed_in(where: str, status: int) -> bool:
    return status == {"page": 302, "admin": 302, "api-session": 204, "api-token": 200}[where]


@pytest.mark.parametrize("where", SIGN_INS)
def test_the_sixth_try_with_the_right_password_is_refused_after_five_failures(where: str, django_user_model) -> None:
    django_user_model.objects.create_user("synthetic-target", password=PASSWORD, is_staff=True)
    client = Client(REMOTE_ADDR="192.0.2.10")
    failures = [_try(client, where, "synthetic-target", "wrong-password-x") for _ in range(5)]
    assert not any(_signed_in(where, status) for status in failures)
    assert _try(client, where, "synthetic-target", PASSWORD) == 429
    # The lock is per (username, address): the same account from elsewhere still signs in.
    assert _signed_in(where, _try(Client(REMOTE_ADDR="192.0.2.11"), where, "synthetic-target", PASSWORD))


def test_four_failures_then_the_right_password_signs_in(django_user_model) -> None:
    django_user_model.objects.create_user("synthetic-target", password=PASSWORD)
    client = Client(REMOTE_ADDR="192.0.2.12")
    for _ in range(4):
        _try(client, "api-token", "synthetic-target", "wrong-password-x")
    assert _try(client, "api-token", "synthetic-target", PASSWORD) == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_lock_out(django_user_model) -> None:
    django_user_model.objects.create_user("synthetic-target", password=PASSWORD)
    client = Client(REMOTE_ADDR="192.0.2.13")
    for n in range(5):
        client.post("/api/auth/token/", {"username": "synthetic-target", "password": "wrong-password-x"},
                    content_type="application/json", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = client.post("/api/auth/token/", {"username": "synthetic-target", "password": PASSWORD},
                           content_type="application/json", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"


def test_argon2_hashes_new_passwords_in_production_settings() -> None:
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert Argon2PasswordHasher().encode(PASSWORD, "synthetic-salt1").startswith("argon2$argon2id$")


def test_passwords_shorter_than_twelve_characters_are_refused() -> None:
    with pytest.raises(ValidationError, match="at least 12"):
        validate_password("Xq7#mP2$vL9")
    validate_password("Xq7#mP2$vL9!")


def test_tokens_are_stored_only_as_digests_and_expire(client, django_user_model) -> None:
    user = django_user_model.objects.create_user("synthetic-script", password=PASSWORD)
    answer = client.post("/api/auth/token/", {"username": "synthetic-script", "password": PASSWORD},
                         content_type="application/json").json()
    token = answer["token"]
    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key)
    assert len(stored.digest) == 128  # SHA-512, hex
    assert timedelta(days=29) < stored.expiry - timezone.now() <= timedelta(days=30)
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert Client().get("/api/auth/me/", **headers).status_code == 200
    AuthToken.objects.filter(pk=stored.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert Client().get("/api/auth/me/", **headers).status_code == 401


def test_a_revoked_token_is_refused(django_user_model) -> None:
    user = django_user_model.objects.create_user("synthetic-script", password=PASSWORD)
    headers = {"HTTP_AUTHORIZATION": f"Token {AuthToken.objects.create(user=user)[1]}"}
    assert Client().post("/api/auth/token/revoke/", **headers).status_code == 204
    assert Client().get("/api/auth/me/", **headers).status_code == 401


def test_a_deactivated_users_session_and_token_are_refused_on_the_next_request(django_user_model) -> None:
    user = django_user_model.objects.create_user("synthetic-leaver", password=PASSWORD, is_staff=True)
    browser = Client()
    browser.force_login(user)
    headers = {"HTTP_AUTHORIZATION": f"Token {AuthToken.objects.create(user=user)[1]}"}
    assert browser.get("/api/auth/me/").status_code == 200
    assert browser.get("/admin/").status_code == 200
    assert Client().get("/api/auth/me/", **headers).status_code == 200
    user.is_active = False
    user.save()
    assert browser.get("/api/auth/me/").status_code == 401
    assert browser.get("/admin/").status_code == 302
    assert Client().get("/api/auth/me/", **headers).status_code == 401

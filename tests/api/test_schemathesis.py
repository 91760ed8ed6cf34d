"""Property-based tests over every OpenAPI operation: no server error, every response as documented."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from knox.models import AuthToken

from config.wsgi import application
from tests.api.builders import build_world

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]


@pytest.fixture(scope="module", autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    """Each WSGI call would close the test transaction's connection (PostgreSQL); keep it open."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(db, api_editor) -> str:  # type: ignore[no-untyped-def]
    """A synthetic world to read, and an editor's token to write with."""
    build_world()
    return AuthToken.objects.create(user=api_editor)[1]


#: One test per operation, named by it (unique ids, so the suite can be shared between processes). An OCD id holds
#: slashes, which no generated path parameter may: those operations are called with real ids in test_reads.py and
#: test_dossier.py, bad query values included.
OPERATIONS = [op for op in (result.ok() for result in schema.get_all_operations()) if "{ocd_id}" not in op.path]


def test_only_operations_keyed_by_an_ocd_id_are_left_to_other_tests() -> None:
    left = sorted(op.label for op in (r.ok() for r in schema.get_all_operations()) if op not in OPERATIONS)
    assert left == ["GET /api/jurisdictions/{ocd_id}/", "GET /api/jurisdictions/{ocd_id}/dossier/"]


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_every_operation_answers_as_documented(operation, editor_token) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Token {editor_token}"} if operation.method.upper() != "GET" else {}

    @given(case=operation.as_strategy())
    @settings(max_examples=5, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.filter_too_much])
    def answers_as_documented(case) -> None:  # type: ignore[no-untyped-def]
        cache.clear()  # throttles would otherwise answer 429 to most generated calls
        case.call_and_validate(headers=headers, checks=CHECKS)

    answers_as_documented()

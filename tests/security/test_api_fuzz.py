"""schemathesis against our own OpenAPI schema: generated requests to every operation, as the
党委管理员 and as a 支部书记, must never produce a server error.

The budget is bounded (a few examples per operation, no shrinking beyond Hypothesis' default
deadline-free run) so that it fits in CI; raise DANGJIAN_FUZZ_EXAMPLES locally for a longer run.

The schema is built when the test runs, not when the module is imported: every pytest process
collects every module, and generating and parsing the schema at import (for ``parametrize``) cost
each xdist worker ~10 s of CPU. The operations run in turn in one test; a failure names them.
"""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

EXAMPLES = int(os.environ.get("DANGJIAN_FUZZ_EXAMPLES", "2"))

application = get_wsgi_application()


@pytest.fixture(scope="session")
def api_schema():
    return schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))


@pytest.fixture
def keep_the_test_connection():
    """The requests go through Django's real WSGI handler, whose request signals close the
    database connection when it is not in autocommit mode — as it never is inside a test's
    transaction. On SQLite (in memory) closing is a no-op; on PostgreSQL it would end the test's
    transaction. Django's test client detaches the same handlers for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(hospital, keep_the_test_connection):
    return {
        "carol": Token.objects.create(user=hospital.carol).key,
        "alice": Token.objects.create(user=hospital.alice).key,
    }


def test_the_schema_is_valid_openapi():
    from openapi_spec_validator import validate

    validate(SchemaGenerator().get_schema(request=None, public=True))


@pytest.mark.django_db
def test_no_server_errors(api_schema, tokens):
    """Every operation, in turn, with its own Hypothesis run (what ``schema.parametrize()`` does
    per collected test; its lazy ``from_fixture`` fails under pytest 9)."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case):
            for token in tokens.values():
                case.call_and_validate(
                    app=application,
                    headers={"Authorization": f"Token {token}"},
                    checks=[not_a_server_error],
                )

        # Each operation in a savepoint rolled back after it, as if in a test of its own (and a
        # database error on PostgreSQL cannot spoil the operations after it).
        with transaction.atomic():
            try:
                run()
            except Exception as exc:
                failures.append(f"{operation.label}: {exc!r}")
            transaction.set_rollback(True)
    assert not failures, "\n\n".join(failures)


# Bodies outside the schema. schemathesis draws bodies from the schema, so it never sends what a
# hand-written client or an attacker might: JSON nested thousands deep (a RecursionError, i.e. a
# 500, before core/parsers.BoundedJSONParser). Depths up to 6,000 of arrays and of objects,
# with the far end always tried, to every write endpoint of the router.
NESTED_BODIES = st.one_of(
    st.integers(min_value=1, max_value=6000).map(lambda n: "[" * n + "]" * n),
    st.integers(min_value=1, max_value=6000).map(lambda n: '{"a":' * n + "1" + "}" * n),
)


def _write_endpoints() -> list[str]:
    from dangjian.api_urls import router

    return sorted(f"/api/{prefix}/" for prefix, _viewset, _basename in router.registry)


@pytest.mark.django_db
@pytest.mark.parametrize("url", _write_endpoints())
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@example(body="[" * 5000 + "]" * 5000)
@given(body=NESTED_BODIES)
def test_no_server_errors_on_deeply_nested_json(url, body, hospital):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(hospital.carol)
    response = api.post(url, body, content_type="application/json")
    assert response.status_code < 500, (url, response.status_code)

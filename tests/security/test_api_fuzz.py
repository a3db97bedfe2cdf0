"""schemathesis against our own OpenAPI schema: generated requests to every operation, as the
党委管理员 and as a 支部书记, must never produce a server error.

The budget is bounded (a few examples per operation, no shrinking beyond Hypothesis' default
deadline-free run) so that it fits in CI; raise DANGJIAN_FUZZ_EXAMPLES locally for a longer run.
"""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

EXAMPLES = int(os.environ.get("DANGJIAN_FUZZ_EXAMPLES", "2"))

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
application = get_wsgi_application()


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
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case, tokens):
    for token in tokens.values():
        case.call_and_validate(
            app=application,
            headers={"Authorization": f"Token {token}"},
            checks=[not_a_server_error],
        )


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

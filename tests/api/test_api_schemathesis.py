"""Property-based run of every endpoint against the published OpenAPI schema.

Schemathesis generates requests (valid and invalid) from the schema, sends
them to the WSGI app in-process on the sample archive, and checks that none
gets a 5xx and every response matches what the schema promises: reads as an
anonymous reader, writes (create, replace, update, delete, token) as an
editor holding a token.
"""
import pytest
import schemathesis
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db]


# Loaded at collection (pytest-django has configured Django by then); building
# the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _sample_archive_without_throttle(sample_pages, monkeypatch):
    # Hundreds of anonymous requests a minute: lift the throttle for this run.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # The bare WSGI handler closes the database connection after each request
    # (Django's test client switches that off); on PostgreSQL that would drop
    # the test transaction holding the sample archive.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


RUN = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.include(method="GET").parametrize()
@RUN
def test_get_endpoints_conform_to_the_schema(case):
    case.call_and_validate()


@pytest.fixture
def editor_token(editor) -> str:
    return Token.objects.create(user=editor).key


@schema.include(method=["POST", "PUT", "PATCH", "DELETE"]).parametrize()
@RUN
def test_editor_writes_conform_to_the_schema(case, editor_token):
    # Two checks do not apply: a schema cannot say that `page` must name an
    # existing page or `section` an existing slug (such bodies get a 400 naming
    # the field), and the valid token sent here stands in for the credentials
    # schemathesis generates (refusing writes without one: test_api_permissions).
    case.call_and_validate(
        headers={"Authorization": f"Token {editor_token}"}, excluded_checks=[positive_data_acceptance, ignored_auth]
    )

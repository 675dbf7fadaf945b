"""Property-based run of every endpoint against the published OpenAPI schema.

Schemathesis generates requests (valid and invalid) from the schema, sends
them to the WSGI app in-process on the sample archive, and checks that none
gets a 5xx and every response matches what the schema promises: every
operation as an anonymous client (writes must be refused as documented), and
the writes (create, replace, update, delete, token) as an editor holding a
token.

Bounded for the suite's time budget: 20 generated cases per operation
(valid and invalid) plus the schema's examples; schemathesis' coverage phase,
which adds up to a few hundred boundary cases per operation, is left out.
"""
import io
from pathlib import Path

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db]

MANIFEST = Path(__file__).resolve().parents[2] / "archive" / "sample_data" / "manifest.json"


# Loaded at collection (pytest-django has configured Django by then); building
# the schema needs no database.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    get_wsgi_application(),
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}),
)


@pytest.fixture(scope="module", autouse=True)
def _sample_archive(django_db_setup, django_db_blocker):
    """The sample pages, imported once for the module inside a transaction rolled back at its end.

    Each test runs in a savepoint within it (pytest-django's per-test
    transaction nests), so a test's writes are undone after it and the next
    test sees the sample archive again.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        call_command("import_pages", manifest=str(MANIFEST), stdout=io.StringIO(), stderr=io.StringIO())
        yield
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _no_anonymous_throttle(monkeypatch):
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
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.parametrize()
@RUN
def test_anonymous_requests_conform_to_the_schema(case):
    # The token endpoint answers a wrong username/password pair, which the
    # schema cannot tell from a right one, with a documented 400.
    token = case.operation.path == "/api/v1/auth/token/"
    case.call_and_validate(excluded_checks=[positive_data_acceptance] if token else [])


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

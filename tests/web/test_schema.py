"""A bounded schemathesis run against the app's OpenAPI schema: no input gives a 5xx."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from spinscope.web.app import create_app
from tests.web.conftest import SHORT, TestClient

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402 - needs the skip above

# The schema is loaded when the module is collected, so the app needs its database then.
_FOLDER = tempfile.TemporaryDirectory(prefix="spinscope-schema-")
# URL fetching is off: generated URLs must never reach the network. schemathesis's ASGI client
# names the host "testserver".
APP = create_app(
    db=Path(_FOLDER.name) / "spinscope.db",
    allow_urls=False,
    max_body=200_000,
    allowed_hosts=("testserver",),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def seeded() -> Iterator[None]:
    """One stored document, so that some generated requests reach real rows."""
    # not as a context manager: its shutdown would close the store
    client = TestClient(APP, base_url="http://localhost")
    body = client.post("/api/analyze", json={"text": SHORT}).json()
    assert body["schema"] == "spinscope.analysis/1"
    yield
    _FOLDER.cleanup()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=10_000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
def test_no_input_gives_a_server_error(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error])

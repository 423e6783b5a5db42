"""Fixtures for the web tests: an app over a real SQLite file, and small articles."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    # Newer Starlette suggests another HTTP client for its TestClient; httpx works the same.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from spinscope.ingest import IngestOptions
from spinscope.web.app import create_app
from tests.conftest import EXAMPLES

HTML: dict[str, str] = {"Accept": "text/html,application/xhtml+xml"}
HARBOUR = EXAMPLES / "harbour-fund-affair.txt"
HARBOUR_AS_OF = "2025-03-12T09:00:00+00:00"
SHORT = (
    "Mayor Dana Kveld Accused of Hiding Ferry Costs\n\n"
    "By Oskar Lindqvist\n\n"
    "Officials said the mayor hid the real cost of the ferry contract from the council. "
    "The council will vote on the budget next week."
)
TOKEN = "s3cret-token-for-tests"  # noqa: S105 - a test value


def make_client(db: Path, **kwargs: Any) -> TestClient:
    options = kwargs.pop("ingest_options", IngestOptions(allow_private=True))
    app = create_app(db=db, ingest_options=options, **kwargs)
    return TestClient(app, raise_server_exceptions=False, base_url="http://localhost")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "spinscope.db"


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    with make_client(db_path) as test_client:
        yield test_client


@pytest.fixture
def analysed(client: TestClient) -> Callable[..., dict[str, Any]]:
    def run(text: str = SHORT, **extra: Any) -> dict[str, Any]:
        response = client.post("/api/analyze", json={"text": text, **extra})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return run

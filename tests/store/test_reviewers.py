"""Reviewer accounts against a real database file: tokens and passwords kept only as hashes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from spinscope.errors import InputError
from spinscope.store import Correction, NotFoundError, Store
from tests.store.reviewed import article, finding

PASSWORD = "a long enough passphrase"  # noqa: S105 - a test value


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "reviewers.db") as opened:
        yield opened


def test_tokens_and_passwords_are_kept_as_hashes(store: Store) -> None:
    ada, token = store.add_reviewer("ada", password=PASSWORD)
    assert ada.password and len(token) >= 40
    bo, other = store.add_reviewer("bo")
    assert not bo.password and other != token
    assert store.reviewer_for_token(token) == "ada"
    assert store.reviewer_for_token(other) == "bo"
    assert store.reviewer_for_token(token + "x") is None
    assert store.reviewer_for_password("ADA", PASSWORD) == "ada"
    assert store.reviewer_for_password("ada", PASSWORD + "!") is None
    assert store.reviewer_for_password("bo", PASSWORD) is None  # no password set
    assert store.reviewer_for_password("nobody", PASSWORD) is None
    rows = sqlite3.connect(store.path).execute("SELECT * FROM reviewers").fetchall()
    stored = " ".join(str(v) for row in rows for v in row)
    assert token not in stored and PASSWORD not in stored
    assert "$argon2id$" in stored and "sha256:" in stored
    assert [r.name for r in store.list_reviewers()] == ["ada", "bo"]
    assert "hash" not in str(store.list_reviewers()[0].to_dict())


def test_removing_a_reviewer_keeps_their_reviews(store: Store) -> None:
    a = article()
    store.save_analysis(a)
    _, token = store.add_reviewer("ada", password=PASSWORD)
    store.put_review(
        a.document.id,
        finding(a, "checkworthy"),
        reviewer="ada",
        correction=Correction(verdict="up"),
    )
    removed = store.remove_reviewer("ada")
    assert removed.removed is not None
    assert store.reviewer_for_token(token) is None
    assert store.reviewer_for_password("ada", PASSWORD) is None
    assert [r.reviewer for r in store.reviews()] == ["ada"]
    assert store.list_reviewers() == []
    assert [r.name for r in store.list_reviewers(removed=True)] == ["ada"]
    with pytest.raises(NotFoundError) as info:
        store.remove_reviewer("ada")
    assert info.value.code == "E620"
    # The name may come back, with new credentials.
    _, again = store.add_reviewer("ada")
    assert again != token and store.reviewer_for_token(again) == "ada"


@pytest.mark.parametrize(
    ("name", "password", "code"),
    [
        ("local", None, "E622"),
        ("Admin", None, "E622"),
        ("two words", None, "E622"),
        ("-dash", None, "E622"),
        ("x" * 65, None, "E622"),
        ("ada", "short", "E632"),
        ("ada", "x" * 1025, "E632"),
    ],
)
def test_bad_names_and_passwords(store: Store, name: str, password: str | None, code: str) -> None:
    with pytest.raises(InputError) as info:
        store.add_reviewer(name, password=password)
    assert info.value.code == code
    assert store.list_reviewers(removed=True) == []


def test_a_name_is_taken_once_whatever_its_case(store: Store) -> None:
    store.add_reviewer("ada")
    with pytest.raises(InputError) as info:
        store.add_reviewer("ADA")
    assert info.value.code == "E621"

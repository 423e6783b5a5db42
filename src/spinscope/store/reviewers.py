"""Reviewers: the people who review findings, each with a token and, if they like, a password.

An admin adds a reviewer with ``spinscope reviewers add NAME``: the store makes a random token,
shows it once and keeps only its sha256 (a token is 256 random bits, so a fast hash is enough to
make a stolen database useless for signing in); a password, when one is set, is kept as an
Argon2id hash (argon2-cffi's defaults). Removing a reviewer forgets both hashes, so they can no
longer sign in, and keeps their reviews.

The names ``local`` (the one person on a loopback server without a token), ``admin`` (whoever
holds the server's own token) and ``anonymous`` (marks given before reviewers had names) are
the server's own and cannot be taken.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from spinscope.errors import InputError
from spinscope.store.schema import NotFoundError, now_iso

if TYPE_CHECKING:
    from argon2 import PasswordHasher

LOCAL: Final = "local"
ADMIN: Final = "admin"
ANONYMOUS: Final = "anonymous"
RESERVED: Final = (LOCAL, ADMIN, ANONYMOUS)
_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
MIN_PASSWORD: Final = 8
MAX_PASSWORD: Final = 1024
# A hash verified against when the name is unknown, so a refusal takes as long either way.
_DUMMY_PASSWORD: Final = "not a password of anyone"  # noqa: S105 - never accepted


@dataclass(frozen=True, slots=True)
class Reviewer:
    """A reviewer as listed: never a hash."""

    name: str
    created: str
    removed: str | None
    password: bool  # whether a password is set

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "created": self.created,
            "removed": self.removed,
            "password": self.password,
        }


def check_name(name: str) -> str:
    """The name, or E622 when it is not one a reviewer may have."""
    if name.lower() in RESERVED:
        detail = "kept for the server"
    elif not _NAME.fullmatch(name):
        detail = "letters, digits, '.', '_' and '-' only, 1 to 64 of them"
    else:
        return name
    raise InputError("E622", name=name[:80], detail=detail, reserved=", ".join(RESERVED))


def check_password(password: str) -> str:
    """The password, or E632 when it is too short or too long."""
    if len(password) < MIN_PASSWORD:
        detail = "is too short"
    elif len(password) > MAX_PASSWORD:
        detail = "is too long"
    else:
        return password
    raise InputError("E632", detail=detail, low=MIN_PASSWORD, high=MAX_PASSWORD)


def token_hash(token: str) -> str:
    return "sha256:" + hashlib.sha256(token.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash(_DUMMY_PASSWORD)


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


class ReviewerMethods:
    """The store's reviewer methods (mixed into :class:`~spinscope.store.Store`)."""

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def add_reviewer(self, name: str, *, password: str | None = None) -> tuple[Reviewer, str]:
        """Add a reviewer; the record and their token (shown once: only its hash is kept).

        A reviewer removed earlier comes back with new credentials. E622 for a name that
        cannot be one, E621 for one that is taken, E632 for a password too short or long.
        """
        check_name(name)
        hashed = _hasher().hash(check_password(password)) if password is not None else None
        token = secrets.token_urlsafe(32)
        now = now_iso()
        with self._write() as db:
            row = db.execute(
                "SELECT removed FROM reviewers WHERE name = ? COLLATE NOCASE", (name,)
            ).fetchone()
            if row is not None and row["removed"] is None:
                raise InputError("E621", name=name)
            db.execute("DELETE FROM reviewers WHERE name = ? COLLATE NOCASE", (name,))
            db.execute(
                """INSERT INTO reviewers (name, token_hash, password_hash, created, removed)
                   VALUES (?, ?, ?, ?, NULL)""",
                (name, token_hash(token), hashed, now),
            )
        return Reviewer(name=name, created=now, removed=None, password=hashed is not None), token

    def list_reviewers(self, *, removed: bool = False) -> list[Reviewer]:
        """The reviewers, by name (those removed too with ``removed``)."""
        clause = "" if removed else "WHERE removed IS NULL"
        with self._read() as db:
            rows = db.execute(
                f"""SELECT name, created, removed, password_hash IS NOT NULL AS password
                    FROM reviewers {clause} ORDER BY name COLLATE NOCASE"""  # noqa: S608 - a constant clause
            ).fetchall()
        return [Reviewer(r["name"], r["created"], r["removed"], bool(r["password"])) for r in rows]

    def remove_reviewer(self, name: str) -> Reviewer:
        """Remove a reviewer: they can no longer sign in; their reviews stay. E620."""
        now = now_iso()
        with self._write() as db:
            row = db.execute(
                """SELECT name, created FROM reviewers
                   WHERE name = ? COLLATE NOCASE AND removed IS NULL""",
                (name,),
            ).fetchone()
            if row is None:
                raise NotFoundError("E620", name=name[:80])
            db.execute(
                """UPDATE reviewers SET removed = ?, token_hash = NULL, password_hash = NULL
                   WHERE name = ?""",
                (now, row["name"]),
            )
        return Reviewer(row["name"], row["created"], now, False)

    def reviewer_for_token(self, token: str) -> str | None:
        """The name of the reviewer whose token this is, or None."""
        if not token:
            return None
        with self._read() as db:
            row = db.execute(
                "SELECT name FROM reviewers WHERE token_hash = ? AND removed IS NULL",
                (token_hash(token),),
            ).fetchone()
        return None if row is None else str(row["name"])

    def reviewer_active(self, name: str) -> bool:
        """Whether ``name`` is a reviewer who has not been removed."""
        with self._read() as db:
            row = db.execute(
                "SELECT 1 FROM reviewers WHERE name = ? AND removed IS NULL", (name,)
            ).fetchone()
        return row is not None

    def reviewer_for_password(self, name: str, password: str) -> str | None:
        """The reviewer's name when ``password`` is theirs, else None (as slow either way)."""
        with self._read() as db:
            row = db.execute(
                """SELECT name, password_hash FROM reviewers
                   WHERE name = ? COLLATE NOCASE AND removed IS NULL""",
                (name,),
            ).fetchone()
        stored = row["password_hash"] if row is not None else None
        if stored is None or len(password) > MAX_PASSWORD:
            _verify(_dummy_hash(), password[:MAX_PASSWORD])
            return None
        return str(row["name"]) if _verify(stored, password) else None

"""`spinscope reviewers` and `spinscope export` as a user runs them: real processes, real stores."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from spinscope.store import (
    EXPORT_FORMAT_TABLE,
    Correction,
    ExportFormat,
    Store,
    export_reviews,
)
from tests.store.reviewed import article, finding
from tests.test_cli import assert_bad_input, run_cli

PASSWORD = "a long enough passphrase"  # noqa: S105 - a test value


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "review.db"
    a = article()
    with Store.open(path) as store:
        store.save_analysis(a)
        for name, verdict in (("ada", "up"), ("bo", "down")):
            store.put_review(
                a.document.id,
                finding(a, "bandwagon_reductio_ad_hitlerum"),
                reviewer=name,
                correction=Correction(verdict=verdict),
            )
    return path


def test_reviewers_add_list_remove(db: Path) -> None:
    added = run_cli("reviewers", "add", "ada", "--db", str(db))
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    assert len(token) >= 40 and "not shown again" in added.stderr
    with_password = run_cli(
        "reviewers", "add", "bo", "--db", str(db), "--password", stdin=f"{PASSWORD}\n".encode()
    )
    assert with_password.returncode == 0, with_password.stderr
    with Store.open(db) as store:
        assert store.reviewer_for_token(token) == "ada"
        assert store.reviewer_for_password("bo", PASSWORD) == "bo"
    listed = run_cli("reviewers", "list", "--db", str(db))
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["ada", "bo"]
    assert "token only" in lines[0] and "password" in lines[1]
    assert token not in listed.stdout and "argon2" not in listed.stdout
    removed = run_cli("reviewers", "remove", "bo", "--db", str(db))
    assert removed.returncode == 0 and "kept" in removed.stderr
    assert run_cli("reviewers", "list", "--db", str(db)).stdout.splitlines()[0].startswith("ada")
    everyone = run_cli("reviewers", "list", "--db", str(db), "--removed").stdout
    assert "removed" in everyone.splitlines()[1]
    with Store.open(db) as store:
        assert {r.reviewer for r in store.reviews()} == {"ada", "bo"}  # bo's review stays


@pytest.mark.parametrize(
    ("args", "stdin", "code"),
    [
        (("reviewers", "add", "two words"), None, "E622"),
        (("reviewers", "add", "admin"), None, "E622"),
        (("reviewers", "add", "cy", "--password"), b"short\n", "E632"),
        (("reviewers", "remove", "nobody"), None, "E620"),
    ],
)
def test_reviewer_mistakes(db: Path, args: tuple[str, ...], stdin: bytes | None, code: str) -> None:
    assert_bad_input(run_cli(*args, "--db", str(db), stdin=stdin), code)
    with Store.open(db) as store:
        assert store.list_reviewers(removed=True) == []


def test_a_name_already_taken(db: Path) -> None:
    assert run_cli("reviewers", "add", "ada", "--db", str(db)).returncode == 0
    assert_bad_input(run_cli("reviewers", "add", "ada", "--db", str(db)), "E621")


def test_commands_that_read_a_store_refuse_a_missing_one(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (
        ("reviewers", "add", "ada", "--db", str(missing)),
        ("reviewers", "list", "--db", str(missing)),
        ("reviewers", "remove", "ada", "--db", str(missing)),
        ("export", "--db", str(missing), "--format", "ptc"),
    ):
        assert_bad_input(run_cli(*args), "E608")
    assert not missing.exists()


@pytest.mark.parametrize("declared", EXPORT_FORMAT_TABLE, ids=lambda f: f.name)
def test_export_writes_each_format(db: Path, tmp_path: Path, declared: ExportFormat) -> None:
    name = declared.name
    out = tmp_path / "out" / f"reviews.{name}"
    done = run_cli("export", "--db", str(db), "--format", name, "-o", str(out))
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        assert out.read_bytes() == export_reviews(store, name).body
    assert not out.with_name(out.name + ".partial").exists()


def test_export_to_standard_output(db: Path) -> None:
    done = run_cli("export", "--db", str(db), "--format", "jsonl")
    assert done.returncode == 0
    assert [json.loads(line)["reviewer"] for line in done.stdout.splitlines()] == ["ada", "bo"]
    assert "813452859" in run_cli("export", "--db", str(db), "--format", "ptc").stdout


def test_export_mistakes(db: Path, tmp_path: Path) -> None:
    assert_bad_input(run_cli("export", "--db", str(db), "--format", "xml"), "E629")
    assert_bad_input(run_cli("export", "--db", str(db), "-o", str(tmp_path)), "E139")
    help_text = run_cli("export", "--help").stdout
    for declared in EXPORT_FORMAT_TABLE:
        assert declared.name in help_text


def test_allegation_export_is_a_zip(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold.zip"
    assert run_cli("export", "--db", str(db), "-f", "allegations", "-o", str(out)).returncode == 0
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == []  # no allegation was reviewed

"""The ``reviewers`` and ``export`` commands: reviewer accounts and the files of their reviews.

A thin layer, like :mod:`spinscope.cli`: it parses options and calls the store.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Annotated

import typer

from spinscope.cli_common import FullHelpGroup
from spinscope.cli_common import err as _err
from spinscope.errors import InputError
from spinscope.store.exports import EXPORT_FORMAT_TABLE, EXPORT_FORMATS

reviewers_app = typer.Typer(
    cls=FullHelpGroup,
    help="Reviewer accounts: each reviewer signs in with their own token or password.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

ReviewDbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="The SQLite store the server uses (default: the one in your data folder)."
    ),
]


def _store_path(db: Path | None, *, create: bool = False) -> Path:
    """The store's path: an existing file (E608 otherwise), except that ``create`` lets the
    default store be made (adding the first reviewer before the server has run)."""
    from spinscope.store import default_db_path

    path = db if db is not None else default_db_path()
    if not path.is_file() and not (create and db is None):
        raise InputError("E608", path=str(path))
    return path


def _read_password() -> str:
    """A password from the terminal (asked twice, not echoed) or one line of standard input."""
    from spinscope.store.reviewers import MAX_PASSWORD, MIN_PASSWORD

    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            raise InputError(
                "E632", detail="was not the same twice", low=MIN_PASSWORD, high=MAX_PASSWORD
            )
        return first
    return sys.stdin.readline().rstrip("\r\n")


@reviewers_app.command("add")
def reviewers_add(
    name: Annotated[str, typer.Argument(help="The reviewer's name, as their reviews show it.")],
    db: ReviewDbOption = None,
    password: Annotated[
        bool,
        typer.Option(
            "--password",
            help="Also set a password for the sign-in page: asked twice on a terminal, else "
            "read from the first line of standard input.",
        ),
    ] = False,
) -> None:
    """Add a reviewer and print their token, once (only its hash is kept)."""
    from spinscope.store import Store

    secret = _read_password() if password else None
    with Store.open(_store_path(db, create=True)) as store:
        reviewer, token = store.add_reviewer(name, password=secret)
    sys.stdout.write(token + "\n")
    extra = " and a password" if reviewer.password else ""
    _err(f"added reviewer {reviewer.name} with the token above{extra}; it is not shown again")


@reviewers_app.command("list")
def reviewers_list(
    db: ReviewDbOption = None,
    removed: Annotated[
        bool, typer.Option("--removed", help="Also list the reviewers who were removed.")
    ] = False,
) -> None:
    """List the reviewers: name, when added, whether a password is set (never a hash)."""
    from spinscope.store import Store

    with Store.open(_store_path(db)) as store:
        found = store.list_reviewers(removed=removed)
    for reviewer in found:
        state = f"removed {reviewer.removed[:19]}" if reviewer.removed else ""
        has_password = "password" if reviewer.password else "token only"
        line = f"{reviewer.name}\tadded {reviewer.created[:19]}\t{has_password}\t{state}"
        sys.stdout.write(line.rstrip("\t") + "\n")


@reviewers_app.command("remove")
def reviewers_remove(
    name: Annotated[str, typer.Argument(help="The reviewer to remove.")],
    db: ReviewDbOption = None,
) -> None:
    """Remove a reviewer: they can no longer sign in; their reviews are kept."""
    from spinscope.store import Store

    with Store.open(_store_path(db)) as store:
        reviewer = store.remove_reviewer(name)
    _err(f"removed reviewer {reviewer.name}; their reviews are kept")


_FORMATS_HELP = "; ".join(f"{f.name}: {f.description}" for f in EXPORT_FORMAT_TABLE)


def export(
    db: Annotated[Path, typer.Option("--db", help="The SQLite store that holds the reviews.")],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="[" + "|".join(EXPORT_FORMATS) + "]",
            help=f"What to write. {_FORMATS_HELP}.",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the file here (default: standard output)."),
    ] = None,
) -> None:
    """Export the current reviews, with their corrections and added findings, as a file."""
    from spinscope.store import Store, export_reviews
    from spinscope.store.exports import export_format

    export_format(format)  # an unknown format is refused before the store is opened
    if output is not None and output.is_dir():
        raise InputError("E139", option="-o", path=output)
    with Store.open(_store_path(db)) as store:
        found = export_reviews(store, format)
    if output is None:
        sys.stdout.buffer.write(found.body)
        sys.stdout.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.write_bytes(found.body)
    partial.replace(output)
    _err(f"wrote {output} ({found.format}, {len(found.body)} bytes)")

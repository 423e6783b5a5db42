"""The sha256 of every model file spinscope ships, kept in the package code.

Each model folder has a card listing its files' hashes, and every loader checks the files
against it (:func:`spinscope.textmodel.card_hashes`). A card lies beside the files it describes,
so whoever can replace the files can rewrite the card too: the card catches corruption, not
tampering. The table in :mod:`spinscope.model_hashes` is part of the code. For a card in the
package's own models folder, :func:`check_card` requires every row of the card to be the
table's (E514 otherwise). Models trained into another folder
(``spinscope train ... --out DIR``) are checked against their own cards only.

``python scripts/model_manifest.py`` writes the table after a shipped model is retrained;
``tests/test_model_manifest.py`` fails while it is stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from spinscope.errors import SpinscopeError

MODELS: Final = Path(__file__).resolve().parent / "models"
CARD: Final = "MODEL_CARD.md"


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks of 1 MiB (model files can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def shipped_files(models: Path = MODELS) -> dict[str, dict[str, str]]:
    """Folder name -> {file name: sha256} for every file beside each card under ``models``."""
    table: dict[str, dict[str, str]] = {}
    for card in sorted(models.glob(f"*/{CARD}")):
        files = sorted(p for p in card.parent.iterdir() if p.is_file() and p.name != CARD)
        table[card.parent.name] = {p.name: sha256_file(p) for p in files}
    return table


def render(models: Path = MODELS) -> str:
    """The text of :mod:`spinscope.model_hashes` for the files under ``models`` now."""
    lines = [
        '"""The sha256 of every shipped model file (written by scripts/model_manifest.py)."""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        "SHIPPED: Final[dict[str, dict[str, str]]] = {",
    ]
    for folder, files in shipped_files(models).items():
        lines.append(f'    "{folder}": {{')
        lines += [f'        "{name}": "{digest}",' for name, digest in files.items()]
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def check_card(card: Path, rows: Mapping[str, str]) -> None:
    """Raise E514 when ``card`` is a shipped card whose rows are not the package's table."""
    try:
        inside = card.resolve().parent.parent == MODELS.resolve()
    except OSError:
        return
    if not inside:
        return
    from spinscope.model_hashes import SHIPPED

    shipped = SHIPPED.get(card.parent.name)
    if shipped is None:
        raise SpinscopeError("E514", path=card, detail="no such model in the package's table")
    # Every row of the card must be the table's: a file the card does not list is checked
    # against a listed one (a model's JSON names its weights' sha256), which the table pins.
    if not rows:
        raise SpinscopeError("E514", path=card, detail="the card lists no file")
    for name, digest in sorted(rows.items()):
        if shipped.get(name) != digest:
            raise SpinscopeError(
                "E514", path=card.parent / name, detail="its card and the package's table differ"
            )

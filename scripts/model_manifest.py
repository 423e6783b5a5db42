"""Write src/spinscope/model_hashes.py: the sha256 of every file the model cards list.

    python scripts/model_manifest.py           # after a model is retrained into the package

tests/test_model_hashes.py fails while the table and the shipped files differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spinscope.model_manifest import MODELS, render  # noqa: E402

TARGET = ROOT / "src" / "spinscope" / "model_hashes.py"


def main() -> None:
    TARGET.write_text(render(MODELS), encoding="utf-8")
    print(f"model_manifest: wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

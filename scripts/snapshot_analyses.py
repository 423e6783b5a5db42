"""Snapshot what the default pipeline finds, to show that a refactoring changed nothing.

    python scripts/snapshot_analyses.py OUT.jsonl                 # write a snapshot
    python scripts/snapshot_analyses.py OUT.jsonl --compare BASE  # write, then compare with BASE

Each line holds one document: its source name and sha256 digests of its parts, findings (every
field and attribute) and actors, as the analysis JSON gives them, plus their counts. No article
text is written, so a snapshot of real articles may be kept anywhere. The documents are the
bundled examples, and, when ``../shared`` is beside the checkout, the real example article and
the 90 PTC test articles. The comparison prints every document whose digests differ and exits 1
when any does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
AS_OF = "2025-03-12T09:00:00+00:00"
CONTENT = ("document", "parts", "findings", "actors")


def inputs() -> list[Path]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    example = SHARED / "examples" / "astana-dangerous-game.txt"
    if example.exists():
        paths.append(example)
    paths += sorted((SHARED / "data" / "ptc-semeval2020" / "test-articles").glob("*.txt"))
    return paths


def digest(value: Any) -> str:
    raw = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def snapshot(path: Path, analysis: Any) -> dict[str, Any]:
    """Digests of one analysis. Finding ids and detector names are kept apart ("signatures"),
    and an actor's allegations are written as positions in the findings, so a component that
    is renamed or split changes the signatures alone."""
    data = json.loads(analysis.to_json())
    document = {k: v for k, v in data["document"].items() if k not in ("text", "source")}
    findings = data["findings"]
    position = {f["id"]: i for i, f in enumerate(findings)}
    content = [{k: v for k, v in f.items() if k not in ("id", "detector")} for f in findings]
    actors = [
        {**a, "allegations": [position.get(i, i) for i in a.get("allegations", [])]}
        for a in data["actors"]
    ]
    return {
        "source": path.name,
        "document": digest(document),
        "parts": digest(data["parts"]),
        "findings": digest(content),
        "actors": digest(actors),
        "signatures": digest([[f["id"], f["detector"]] for f in findings]),
        "counts": [len(data["parts"]), len(findings), len(data["actors"])],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, default=None)
    args = parser.parse_args()

    from datetime import datetime

    from spinscope.config import AnalysisConfig
    from spinscope.run import analyze_inputs

    paths = inputs()
    config = AnalysisConfig(as_of=datetime.fromisoformat(AS_OF))
    results = analyze_inputs([str(p) for p in paths], config=config)
    rows = [snapshot(path, result) for path, result in zip(paths, results, strict=True)]
    args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} documents -> {args.out}")
    if args.compare is None:
        return 0
    base = {
        r["source"]: r
        for r in map(json.loads, args.compare.read_text(encoding="utf-8").splitlines())
    }
    changed = [r for r in rows if base.get(r["source"]) != r]
    renamed = sum(
        1 for r in changed if all(base.get(r["source"], {}).get(k) == r[k] for k in CONTENT)
    )
    missing = sorted(set(base) - {r["source"] for r in rows})
    for row in changed:
        old = base.get(row["source"], {})
        fields = [k for k in CONTENT if old.get(k) != row[k]]
        if not fields and old:
            continue  # only ids and detector names differ: counted below
        print(
            f"changed {row['source']}: {', '.join(fields) or 'new'} {old.get('counts')} -> "
            f"{row['counts']}"
        )
    for name in missing:
        print(f"missing {name}")
    print(f"{len(rows) - len(changed)} of {len(rows)} identical", end="")
    print(f", {renamed} more identical but for finding ids and detector names" if renamed else "")
    return 1 if len(changed) > renamed or missing else 0


if __name__ == "__main__":
    sys.exit(main())

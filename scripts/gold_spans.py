"""Rewrite gold files so that they hold no words of their articles: each descriptor's ``text``
becomes ``span`` [line, start, end] (its first occurrence in the article, exact case first),
which ``spinscope eval allegations`` reads back from the article; names, targets, aliases and
descriptors are written in sorted order, never in the article's, so that a file holds no run of
the article's words.

    python scripts/gold_spans.py GOLD_DIR --articles ../shared/data/ptc-semeval2020/train-articles

Files are rewritten in place. A descriptor whose text is nowhere in its article is dropped,
and said so on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def locate(lines: list[str], phrase: str) -> list[int] | None:
    for fold in (False, True):
        for number, line in enumerate(lines, start=1):
            haystack, needle = (line.casefold(), phrase.casefold()) if fold else (line, phrase)
            at = haystack.find(needle)
            if at >= 0:
                return [number, at, at + len(phrase)]
    return None


def convert(path: Path, articles: Path) -> tuple[int, int]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    lines = (articles / f"{path.stem}.txt").read_text(encoding="utf-8").split("\n")
    kept, dropped = [], 0
    for descriptor in data.get("descriptors", []):
        if "span" in descriptor:
            kept.append(descriptor)
            continue
        span = locate(lines, descriptor["text"])
        if span is None:
            print(f"{path.name}: descriptor of {descriptor['actor']!r} not found", file=sys.stderr)
            dropped += 1
            continue
        kept.append(
            {"actor": descriptor["actor"], "span": span, "evaluative": descriptor["evaluative"]}
        )
    data["descriptors"] = sorted(kept, key=lambda d: (d["actor"].casefold(), d["span"]))
    _sort_names(data)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return len(kept), dropped


def _sort_names(data: dict[str, Any]) -> None:
    def key(name: str) -> str:
        return name.casefold()

    for field in ("persons", "organisations", "peripheral_persons", "peripheral_organisations"):
        if field in data:
            data[field] = sorted(data[field], key=key)
    for entry in data.get("allegations", []):
        entry["targets"] = sorted(entry["targets"], key=key)
    aliases = data.get("aliases", {})
    data["aliases"] = {name: sorted(aliases[name], key=key) for name in sorted(aliases, key=key)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--articles", type=Path, required=True)
    args = parser.parse_args()
    total = dropped = 0
    for path in sorted(args.gold.glob("article*.json")):
        kept, lost = convert(path, args.articles)
        total += kept
        dropped += lost
    print(f"{total} descriptors as spans, {dropped} dropped")


if __name__ == "__main__":
    main()

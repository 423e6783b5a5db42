"""How lingua (spinscope.language.identify_language) labels English texts.

    python scripts/language_id_coverage.py [--list]

Counts the languages identified for the bundled examples, the real example article and the PTC
articles (when ../shared is beside the checkout), and for the English-looking string literals of
the tests (distinct, at least four words, ASCII, mostly words of letters), by length in words.
``--list`` prints each test string not identified as English. It shows how often an English
text would be left unanalysed by the English models: as an unidentified language (None) or as
another language.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BINS = ((4, 7), (8, 15), (16, 40), (41, 10**9))


def test_strings() -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                words = [w for w in value.split() if w.isascii() and any(c.isalpha() for c in w)]
                if len(words) >= 4 and value.isascii() and len(words) >= 0.7 * len(value.split()):
                    found.append(value)
    return found


def main() -> int:
    from spinscope.language import identify_language

    ptc = SHARED / "data" / "ptc-semeval2020"
    groups = {
        "examples/*.txt": sorted((ROOT / "examples").glob("*.txt")),
        "the real example article": sorted((SHARED / "examples").glob("*.txt")),
        "PTC test articles": sorted((ptc / "test-articles").glob("*.txt")),
        "PTC train articles": sorted((ptc / "train-articles").glob("*.txt")),
    }
    for name, paths in groups.items():
        counts = Counter(identify_language(p.read_text(encoding="utf-8")) for p in paths)
        print(f"{name}: {len(paths)} {dict(counts.most_common())}")
    strings = sorted(set(test_strings()))  # each distinct string once
    found = {s: identify_language(s) for s in strings}
    print(f"test strings: {len(strings)} {dict(Counter(found.values()).most_common())}")
    for low, high in BINS:
        chosen = [s for s in strings if low <= len(s.split()) <= high]
        counts = Counter(found[s] for s in chosen)
        print(f"  {low}-{high if high < 10**9 else ''} words: {dict(counts.most_common())}")
    if "--list" in sys.argv[1:]:
        for text, code in found.items():
            if code != "en":
                print(f"{code!s:5} {text[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

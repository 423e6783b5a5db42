"""Write requirements.lock: every package a deployment of spinscope installs, pinned with its hash.

    make lock            # or: python scripts/lock.py

pip resolves spinscope's runtime dependencies and its ``multilingual`` extra (without installing
anything) and reports the file it would download for each; the lock pins each package to that
version and that file's sha256. A deployment then installs exactly those files:

    pip install --require-hashes -r requirements.lock
    pip install --no-deps .

The files are those for the Python version and platform the lock was made on (both named in its
header); make the lock again on the deployment's platform when it differs.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
TARGET = ".[multilingual]"


def resolve() -> list[tuple[str, str, str]]:
    """(name, version, sha256) of every package pip would install for ``TARGET``."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed"]
        command += ["--quiet", "--report", str(report), TARGET]
        subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603 - pip itself, fixed arguments
        installs = json.loads(report.read_text(encoding="utf-8"))["install"]
    pinned = []
    for item in installs:
        name, version = item["metadata"]["name"], item["metadata"]["version"]
        if name == "spinscope":
            continue
        digest = item["download_info"].get("archive_info", {}).get("hashes", {}).get("sha256")
        if not digest:
            raise SystemExit(f"lock: pip reported no sha256 for {name} {version}")
        pinned.append((name.lower().replace("_", "-"), version, digest))
    return sorted(pinned)


def main() -> None:
    pinned = resolve()
    lines = [
        "# spinscope's runtime dependencies and the multilingual extra, each pinned to one file.",
        f"# Made by `make lock` (scripts/lock.py) for Python {platform.python_version()} on "
        f"{sys.platform} {platform.machine()}.",
        "# Install: pip install --require-hashes -r requirements.lock && pip install --no-deps .",
    ]
    for name, version, digest in pinned:
        lines.append(f"{name}=={version} \\\n    --hash=sha256:{digest}")
    LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"lock: wrote {LOCK.name} ({len(pinned)} packages)")


if __name__ == "__main__":
    main()

"""Fetch, pin and check the JavaScript the rendered course pages need offline.

The course's HTML pages show the saved state of their widgets, render their maths and load no
file from the network. What they need is vendored in ``journeykit/course_assets/`` (copied into
every rendered course as ``assets/``):

* ``embed-amd.js`` and its three Font Awesome ``.woff2`` fonts from
  ``@jupyter-widgets/html-manager`` (draws the widgets from the saved state; BSD-3-Clause);
* ``require.js`` from ``requirejs`` (the AMD loader ``embed-amd.js`` needs; MIT);
* ``tex-svg-full.js`` from ``mathjax`` 3 (TeX to SVG in one file: no fonts, no extension loaded
  later; Apache-2.0);
* their licences in ``licenses/``.

``ASSETS.json`` records, for each file, the npm package, its exact version, the tarball's
``integrity`` and the file's SHA-256. This tool rewrites the files from the npm registry
(``npm pack``, exact versions) and the record; ``--check`` only compares the files on disk with
the record (no network) and is what the tests run.

Usage (from the repository root)::

    python tools/vendor_assets.py           # fetch the pinned versions with npm, write the files
    python tools/vendor_assets.py --check   # exit 1 if a file is missing or differs from ASSETS.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "journeykit" / "course_assets"
RECORD = ASSETS / "ASSETS.json"

# package@version -> {file in the package tarball: where it goes under course_assets/}
PINNED: dict[str, dict[str, str]] = {
    "@jupyter-widgets/html-manager@1.0.15": {
        "package/dist/embed-amd.js": "embed-amd.js",
        "package/dist/1551f4f60c37af51121f.woff2": "1551f4f60c37af51121f.woff2",
        "package/dist/7a3337626410ca2f4071.woff2": "7a3337626410ca2f4071.woff2",
        "package/dist/d878b0a6a1144760244f.woff2": "d878b0a6a1144760244f.woff2",
        "package/dist/embed.js.LICENSE.txt": "licenses/html-manager-bundled-THIRD-PARTY.txt",
    },
    "requirejs@2.3.8": {"package/require.js": "require.js"},
    "mathjax@3.2.2": {
        "package/es5/tex-svg-full.js": "tex-svg-full.js",
        "package/LICENSE": "licenses/mathjax-LICENSE.txt",
    },
    "@fortawesome/fontawesome-free@5.15.4": {
        "package/LICENSE.txt": "licenses/fontawesome-free-LICENSE.txt",
    },
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(dest: Path = ASSETS) -> dict[str, dict[str, str]]:
    """``npm pack`` every pinned package, copy the chosen files to ``dest``; return the record."""
    record: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PINNED.items():
            out = subprocess.run(
                ["npm", "pack", spec, "--json", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            info = json.loads(out)[0]
            with tarfile.open(Path(tmp) / info["filename"]) as tar:
                for member, target in files.items():
                    data = tar.extractfile(member)
                    if data is None:
                        raise SystemExit(f"{spec}: {member} is not a file")
                    path = dest / target
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data.read())
                    record[target] = {
                        "package": spec,
                        "file": member.removeprefix("package/"),
                        "integrity": info["integrity"],
                        "sha256": sha256(path),
                    }
    return dict(sorted(record.items()))


def check(dest: Path = ASSETS) -> list[str]:
    """Problems with the vendored files: missing, or not the bytes ``ASSETS.json`` records."""
    record = json.loads((dest / "ASSETS.json").read_text(encoding="utf-8"))
    problems = []
    for target, entry in record.items():
        path = dest / target
        if not path.exists():
            problems.append(f"missing: {target}")
        elif sha256(path) != entry["sha256"]:
            problems.append(f"differs from {entry['package']} {entry['file']}: {target}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare only; no network")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for p in problems:
            print(p)
        return 1 if problems else 0
    record = fetch()
    RECORD.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(record)} files to {ASSETS.relative_to(ROOT)} and {RECORD.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

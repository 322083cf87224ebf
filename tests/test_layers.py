"""The direction of imports: apps → views → domain → core, no cycles (tools/check_layers.py).

The checker reads every import, also those inside functions. ``PENDING`` lists the problems
that exist today and are being taken apart; the test fails when a new one appears and when a
listed one is gone (then delete its line), so the list can only shrink.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import check_layers  # noqa: E402

PACKAGE = ROOT / "journeykit"

PENDING: set[str] = set()  # every known problem is fixed; keep it that way


def _without_lines(problems):
    return {p.split(" at line ")[0] for p in problems}


def test_no_upward_or_cyclic_import_beyond_the_pending_list():
    found = set(check_layers.report(PACKAGE))
    new = _without_lines(found) - _without_lines(PENDING)
    gone = _without_lines(PENDING) - _without_lines(found)
    assert not new, "new layer problems:\n" + "\n".join(sorted(new))
    assert not gone, "fixed (delete from PENDING):\n" + "\n".join(sorted(gone))


def _copy(tmp_path: Path) -> Path:
    pkg = tmp_path / "journeykit"
    shutil.copytree(PACKAGE, pkg, ignore=shutil.ignore_patterns("__pycache__", "data"))
    return pkg


def test_a_deliberate_upward_import_inside_a_function_is_caught(tmp_path):
    pkg = _copy(tmp_path)
    funnels = pkg / "funnels.py"
    funnels.write_text(
        funnels.read_text() + "\n\ndef _sneaky():\n    from journeykit.plots import funnels\n"
    )
    problems = check_layers.report(pkg)
    assert any(
        p.startswith("upward import: journeykit.funnels (domain) imports journeykit.plots.funnels")
        for p in problems
    )
    assert check_layers.main([str(pkg)]) == 1


def test_a_deliberate_cycle_is_caught(tmp_path):
    pkg = _copy(tmp_path)
    errors = pkg / "errors.py"
    errors.write_text(errors.read_text() + "\nfrom journeykit.i18n import t  # noqa\n")
    problems = check_layers.report(pkg)
    assert any(
        p.startswith("import cycle:") and "journeykit.errors" in p and "journeykit.i18n" in p
        for p in problems
    )


def test_relative_imports_are_resolved(tmp_path):
    pkg = tmp_path / "journeykit"
    (pkg / "plots").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "errors.py").write_text("")
    (pkg / "plots" / "__init__.py").write_text("")
    (pkg / "plots" / "style.py").write_text("")
    (pkg / "funnels.py").write_text("from .plots import style\n")
    (pkg / "schema.py").write_text("from . import errors\n")
    assert check_layers.report(pkg) == [
        "upward import: journeykit.funnels (domain) imports journeykit.plots.style (views) at line 1"
    ]


def test_layers_of_known_modules():
    assert check_layers.layer_of("journeykit.schema") == "core"
    assert check_layers.layer_of("journeykit.attribution") == "domain"
    assert check_layers.layer_of("journeykit.synth.generator") == "domain"
    assert check_layers.layer_of("journeykit.plots.maps") == "views"
    assert check_layers.layer_of("journeykit.widgets.funnel_explorer") == "apps"
    assert check_layers.layer_of("journeykit.cli.map_cmd") == "apps"

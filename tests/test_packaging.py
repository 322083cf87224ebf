"""The packaging promises: lower bounds tested, the console script, versions that agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import journeykit

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _lower_bounds() -> dict[str, str]:
    bounds = {}
    for req in PYPROJECT["project"]["dependencies"]:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", req.replace(" ", ""))
        assert m, f"pyproject.toml: {req!r}: expected 'name>=version' (a tested lower bound)"
        bounds[m.group(1).lower()] = m.group(2)
    return bounds


def _oldest() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "oldest-constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def test_each_oldest_pin_is_the_lower_bound_pyproject_gives():
    bounds, pins = _lower_bounds(), _oldest()
    assert pins, "no pins"
    for name, version in pins.items():
        assert name in bounds, f"{name} is pinned but has no lower bound in pyproject.toml"
        want = bounds[name].split(".")
        assert version.split(".")[: len(want)] == want, (name, version, bounds[name])


def test_the_numerical_stack_is_all_pinned_at_its_oldest():
    assert {"numpy", "pandas", "matplotlib", "scipy", "pyarrow", "ipywidgets"} <= set(_oldest())


def test_console_script_and_version():
    assert PYPROJECT["project"]["scripts"]["journeykit"] == "journeykit.cli:main"
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"
    assert journeykit.__version__ == PYPROJECT["project"]["version"]


def test_environment_yml_installs_what_pyproject_and_the_tests_need():
    """conda users get the same packages: the dependencies and the `test` extra (the `compare`
    extra, GPL and pip-only, is left out and environment.yml says so)."""
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    listed = {
        re.split(r"[<>=!\s]", line.strip()[2:].strip())[0].lower()
        for line in text.splitlines()
        if line.strip().startswith("- ") and not line.strip().startswith("- -")
    }
    wanted = (
        PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"]
    )
    names = {re.split(r"[<>=!\s]", req)[0].lower() for req in wanted}
    assert names <= listed, f"environment.yml lacks {sorted(names - listed)}"
    for req in PYPROJECT["project"]["optional-dependencies"]["compare"]:
        name = re.split(r"[<>=!\s]", req)[0]
        assert name not in listed and name in text  # left out, and said so

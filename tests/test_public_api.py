"""``import journeykit as jk``: the course-shaped names, loaded lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import journeykit as jk


@pytest.mark.parametrize("name", sorted(set(jk.__all__) - {"__version__"}))
def test_every_public_name_resolves(name):
    assert getattr(jk, name) is not None


def test_names_are_the_modules_own_objects():
    from journeykit import funnels, synth

    assert jk.generate is synth.generate
    assert jk.ordered_funnel is funnels.ordered_funnel
    assert jk.funnels is funnels


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        jk.nope  # noqa: B018


def _imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}; import sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_import_journeykit_loads_no_heavy_library():
    loaded = _imported_after("import journeykit")
    assert not {"pandas", "numpy", "scipy", "matplotlib"} & loaded


def test_version_loads_no_heavy_library():
    loaded = _imported_after(
        "import contextlib, io, journeykit.cli as c\n"
        "with contextlib.redirect_stdout(io.StringIO()): c.main(['--version'])"
    )
    assert not {"pandas", "numpy", "scipy", "matplotlib"} & loaded

"""The committed data sets are exactly what `journeykit synth` regenerates from their stated settings."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from journeykit.cli import main
from journeykit.schema import TABLES, read_tables
from journeykit.synth import generate

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


@pytest.mark.parametrize("preset", ["coffee", "saas"])
def test_committed_files_equal_freshly_regenerated_ones(preset, tmp_path):
    # the datasheet's command, with its defaults (2000 users, seed 42)
    assert main(["synth", "--preset", preset, "--out", str(tmp_path)]) == 0
    for name in TABLES:
        committed = (DATASETS / preset / f"{name}.csv.gz").read_bytes()
        fresh = (tmp_path / f"{name}.csv.gz").read_bytes()
        # the CSV text is identical; the gzip bytes too wherever zlib is the same version
        assert gzip.decompress(committed) == gzip.decompress(fresh), name
    committed = read_tables(DATASETS / preset)
    fresh = generate(preset, n_users=2000, seed=42)
    for (name, x), (_, y) in zip(committed.items(), fresh.items(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)


def test_the_datasheet_documents_every_column():
    sheet = (DATASETS / "README.md").read_text(encoding="utf-8")
    for name, columns in TABLES.items():
        assert f"`{name}`" in sheet
        for col in columns:
            assert f"`{col.name}`" in sheet, f"{name}.{col.name} missing from datasets/README.md"

"""``journeykit offer rfm / bgnbd / clv`` on a minimal orders file and a generated data folder."""

from __future__ import annotations

import pandas as pd
import pytest

from journeykit import synth
from journeykit.cli import main
from journeykit.schema import write_tables
from journeykit.value import fit_bgnbd, rfm_summary


@pytest.fixture(scope="module")
def orders_csv(tmp_path_factory):
    tables = synth.generate("coffee", n_users=1500, seed=2)
    path = tmp_path_factory.mktemp("value") / "orders.csv"
    # a minimal export: string ids, text timestamps, only three columns
    tables.orders.assign(user_id="u" + tables.orders["user_id"].astype(str))[
        ["user_id", "timestamp", "price"]
    ].to_csv(path, index=False)
    return path, tables


def test_rfm_prints_the_counts(orders_csv, capsys):
    path, tables = orders_csv
    assert main(["offer", "rfm", str(path), "--rows", "2"]) == 0
    out = capsys.readouterr().out
    n = tables.orders["user_id"].nunique()
    assert out.startswith(f"{n} customers;")
    assert "monetary_value" in out


def test_bgnbd_prints_the_fitted_parameters(orders_csv, capsys):
    path, _ = orders_csv
    assert main(["offer", "bgnbd", str(path), "--calibration-end", "2024-09-30"]) == 0
    out = capsys.readouterr().out
    rfm = rfm_summary(pd.read_csv(path), calibration_end="2024-09-30")
    with pytest.warns(UserWarning):
        fit = fit_bgnbd(rfm)
    assert f"r {fit.r:.4f}  alpha {fit.alpha:.4f}" in out
    assert "predicted" in out and "actual" in out
    # the coffee preset's fits are degenerate: said as notes, with the reason
    assert "note: the BG/NBD fit is degenerate: " in out


def test_clv_writes_only_with_force(orders_csv, tmp_path, capsys):
    path, _ = orders_csv
    out = tmp_path / "clv.csv"
    args = ["offer", "clv", str(path), "--horizon", "12", "--margin", "0.4", "--out", str(out)]
    assert main(args) == 0
    table = pd.read_csv(out)
    assert {"p_alive", "expected_purchases", "clv"} <= set(table.columns)
    assert main(args) == 2
    assert "pass force=True (--force)" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


def test_a_data_folder_and_clear_errors(tmp_path, capsys):
    tables = synth.generate("coffee", n_users=800, seed=1)
    write_tables(tables, tmp_path / "data")
    assert main(["offer", "rfm", str(tmp_path / "data"), "--rows", "1"]) == 0
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"user_id": [1], "when": ["2024-01-01"], "price": [1.0]}).to_csv(bad, index=False)
    assert main(["offer", "rfm", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("journeykit: error: orders.timestamp: missing column(s) timestamp")
    assert main(["offer", "clv", str(tmp_path / "nowhere.csv")]) == 2

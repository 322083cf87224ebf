"""``journeykit offer ...``: output numbers checked by hand, errors as one line with exit code 2,
files never overwritten without --force."""

from __future__ import annotations

import pandas as pd
import pytest

from journeykit.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def value(out: str, label: str) -> str:
    """The last word of the output line that starts with ``label``."""
    return next(line for line in out.splitlines() if line.startswith(label)).split()[-1]


def test_presets_lists_every_preset_with_its_article_figures(capsys) -> None:
    code, out, _ = run(["offer", "presets"], capsys)
    assert code == 0
    for name in ("book", "teeth_whitening", "domain", "business_cards", "camera", "car_wash"):
        assert name in out
    assert "camera.price, bundle.price" in out
    assert "illustrative assumptions" in out


def test_ltv_numbers_by_hand(capsys) -> None:
    # business cards: entry 9 - 7 = 2, repeat 0.15 * (45 - 25) = 3 a month from month 1,
    # churn 0.06 -> LTV = 2 + 3 * 0.94 / 0.06 = 49; CAC 15 -> net 34; first order 2 - 15 = -13
    code, out, _ = run(["offer", "ltv", "--preset", "business_cards"], capsys)
    assert code == 0
    assert value(out, "first-order profit") == "-13.00"
    assert value(out, "lifetime value (gross)") == "49.00"
    assert value(out, "net value (LTV - CAC)") == "34.00"
    assert value(out, "break-even entry price") == "-25.00"  # 15 + 7 - (49 - 2)


def test_ltv_overrides_and_horizon(capsys) -> None:
    # churn 1: nobody comes back, LTV = entry margin 2, payback never
    code, out, _ = run(["offer", "ltv", "--preset", "business_cards", "--churn", "1"], capsys)
    assert code == 0
    assert "lifetime value (gross)           2.00" in out
    assert "never" in out
    code, out, _ = run(
        ["offer", "ltv", "--preset", "business_cards", "--churn", "0", "--horizon", "3"], capsys
    )
    assert "lifetime value (gross)           8.00" in out  # 2 + 3 + 3


def test_bad_value_is_one_line_naming_the_field(capsys) -> None:
    code, out, err = run(["offer", "ltv", "--churn", "1.5"], capsys)
    assert code == 2
    assert err.strip() == (
        "journeykit: error: monthly_churn: expected a number between 0 and 1, got 1.5"
    )
    code, _, err = run(["offer", "ltv", "--entry-price", "-8"], capsys)
    assert code == 2 and "entry_price: expected a number >= 0" in err
    code, _, err = run(["offer", "sbg", "100", "120"], capsys)
    assert code == 2 and "survival[1]" in err


def test_simulate_writes_csv_and_refuses_to_overwrite(tmp_path, capsys) -> None:
    out = tmp_path / "sim.csv"
    args = ["offer", "simulate", "--preset", "domain", "--customers", "200", "--months", "5"]
    code, text, _ = run([*args, "--out", str(out)], capsys)
    assert code == 0 and "wrote 5 months" in text
    table = pd.read_csv(out)
    assert table["active"].iloc[0] == 200
    code, _, err = run([*args, "--out", str(out)], capsys)
    assert code == 2 and "--force" in err
    code, _, _ = run([*args, "--out", str(out), "--force", "--seed", "1"], capsys)
    assert code == 0


def test_simulate_prints_table_and_closed_form(capsys) -> None:
    code, out, _ = run(["offer", "simulate", "--preset", "car_wash", "--months", "3"], capsys)
    assert code == 0
    assert "cumulative_profit" in out and "closed form" in out


def test_sbg_reproduces_the_published_fit(capsys) -> None:
    code, out, _ = run(
        ["offer", "sbg", "1000", "869", "743", "653", "593", "551", "517", "491"], capsys
    )
    assert code == 0
    assert out.startswith("alpha 0.668")
    assert "beta 3.806" in out


def test_measure_reads_a_data_folder(tmp_path, capsys) -> None:
    synth = pytest.importorskip("journeykit.synth")
    from journeykit.offers import ascension_rate
    from journeykit.schema import write_tables

    tables = synth.generate("saas", n_users=400, seed=3)
    write_tables(tables, tmp_path / "data")
    code, out, _ = run(["offer", "measure", str(tmp_path / "data"), "--by", "entry_offer"], capsys)
    assert code == 0
    assert f"observed ascension rate: {ascension_rate(tables.orders):.3f}" in out
    assert "trial_month" in out
    assert "repeat rate onboarded" in out
    code, _, err = run(["offer", "measure", str(tmp_path / "missing")], capsys)
    assert code == 2 and "does not exist" in err

"""``journeykit referral|campaign|message``: the thin command-line wrappers."""

from __future__ import annotations

import pandas as pd
import pytest

from journeykit.cli import main
from journeykit.schema import Tables, write_tables


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_referral_simulate_prints_closed_form_beside_simulation(capsys, tmp_path):
    code, out, _ = _run(
        capsys, "referral", "simulate", "--n0", "100", "--k", "0.5", "--cycles", "3", "--runs", "50"
    )
    assert code == 0
    assert "K = 0.5 x 1 = 0.500" in out
    assert "steady state n0/(1-K) = 200.0" in out
    # closed form 100, 150, 175, 187.5
    assert "187.5" in out
    target = tmp_path / "growth.csv"
    args = ["referral", "simulate", "--invites-per-user", "2", "--conversion", "0.5"]
    assert _run(capsys, *args, "--cycles", "2", "--out", str(target))[0] == 0
    table = pd.read_csv(target)
    assert table["total_closed_form"].tolist() == [100, 200, 300]  # K = 1: linear
    code, _, err = _run(capsys, *args, "--out", str(target))
    assert code == 2 and "--force" in err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["referral", "simulate", "--k", "-1"], "invites_per_user: expected"),
        (["referral", "simulate", "--churn", "1.5"], "churn: expected"),
        (["referral", "simulate", "--k", "1", "--conversion", "0.2"], "--k"),
        (["referral", "cost", "--paid-cac", "10", "--order-value", "-5"], "order_value"),
        (["campaign", "journey", "--rates", "aware=0.5"], "step_rates"),
        (["campaign", "journey"], "--rates"),
    ],
)
def test_bad_values_exit_2_with_one_line_naming_the_field(capsys, argv, says):
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert err.startswith("journeykit: error:") and says in err
    assert "Traceback" not in err


def test_referral_cost(capsys):
    code, out, _ = _run(
        capsys,
        "referral",
        "cost",
        "--paid-cac",
        "20",
        "--gb-per-referral",
        "0.5",
        "--cost-per-gb",
        "2",
        "--order-value",
        "50",
    )
    assert code == 0
    lines = {ln.split()[0]: ln.split() for ln in out.splitlines()[2:]}
    assert float(lines["storage_reward"][1]) == 2.0  # 0.5 GB x 2 x both sides
    assert float(lines["affiliate"][1]) == 10.0  # 20 % of 50


def test_campaign_journey_from_rates(capsys):
    rates = "aware=0.5,engage=0.5,subscribe=0.5,convert=0.5,excite=0.5,ascend=0.5,advocate=0.5,promote=0.5"
    code, out, _ = _run(capsys, "campaign", "journey", "--rates", rates, "--step", "convert")
    assert code == 0
    assert "one in 256 -> one in 171" in out  # 1 / 0.5**8 and x1.5


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    synth = pytest.importorskip("journeykit.synth")
    tables: Tables = synth.generate("coffee", n_users=1500, seed=2)
    folder = tmp_path_factory.mktemp("coffee") / "data"
    write_tables(tables, folder)
    return folder


def test_referral_measure_and_campaign_lift_on_a_folder(capsys, data_dir, tmp_path):
    code, out, _ = _run(capsys, "referral", "measure", str(data_dir), "--lang", "id")
    assert code == 0
    assert "K per pelanggan (K kursus ini)" in out and "Referral generations" in out
    assert "Advokat" in out and "inviters" not in out  # by default only the course's K
    code, out, _ = _run(capsys, "referral", "measure", str(data_dir), "--base", "all")
    assert code == 0
    for label in (
        "K per customer (the course's K)",
        "K per advocate",
        "K per inviter",
        "K per user",
    ):
        assert label in out
    out_csv = tmp_path / "lift.csv"
    code, _, _ = _run(
        capsys, "campaign", "lift", str(data_dir), "--preset", "coffee", "--out", str(out_csv)
    )
    assert code == 0
    lift = pd.read_csv(out_csv)
    assert lift["campaign"].tolist() == ["brewing_guide", "sampler_reminder", "gift_a_friend"]
    assert (lift["ci_low"] <= lift["difference"]).all()
    code, _, err = _run(
        capsys, "campaign", "lift", str(data_dir), "--campaign", "brewing_guide=engage"
    )
    assert code == 2 and "KEY=FROM_STEP:TO_STEP" in err
    code, _, err = _run(capsys, "referral", "measure", str(tmp_path / "nowhere"))
    assert code == 2 and "does not exist" in err


def test_message_render_all_or_nothing(capsys, tmp_path):
    customers = tmp_path / "customers.csv"
    pd.DataFrame({"customer_name": ["Sari", "Budi"], "product": ["Gayo Arabica", "Toraja"]}).to_csv(
        customers, index=False
    )
    out = tmp_path / "msgs.csv"
    code, _, err = _run(
        capsys,
        "message",
        "render",
        "whatsapp_follow_up",
        str(customers),
        "--out",
        str(out),
        "--lang",
        "id",
        "--set",
        "shop_name=Kopi Kita",
        "--set",
        "link=https://kopi.example",
    )
    assert code == 0, err
    msgs = pd.read_csv(out, index_col=0)
    assert msgs["message"].str.startswith("Halo ").all()
    assert "Gayo Arabica" in msgs["message"].iloc[0]
    # a missing shared value: error, nothing written
    out2 = tmp_path / "half.csv"
    code, _, err = _run(
        capsys, "message", "render", "whatsapp_follow_up", str(customers), "--out", str(out2)
    )
    assert code == 2 and "shop_name" in err and "link" in err
    assert not out2.exists()
    # a missing cell: error naming the row
    pd.DataFrame({"customer_name": ["Sari", ""], "product": ["A", "B"]}).to_csv(
        customers, index=False
    )
    code, _, err = _run(
        capsys,
        "message",
        "render",
        "review_request",
        str(customers),
        "--out",
        str(out2),
        "--set",
        "shop_name=K",
        "--set",
        "link=L",
    )
    assert code == 2 and "customer_name (rows 1)" in err
    assert not out2.exists()


def test_message_list(capsys):
    code, out, _ = _run(capsys, "message", "list")
    assert code == 0
    for key in ("whatsapp_follow_up", "review_request", "referral_invite"):
        assert key in out


def test_campaign_journey_from_a_data_folder(capsys, data_dir):
    code, out, _ = _run(
        capsys, "campaign", "journey", str(data_dir), "--strangers", "50000", "--step", "excite"
    )
    assert code == 0 and "Promoters per stranger" in out
    code, _, err = _run(capsys, "campaign", "journey", str(data_dir))
    assert code == 2 and "--strangers" in err

"""``journeykit funnel | metrics | score`` on a folder written from the hand-worked metrics fixture."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from test_metrics import TABLES

from journeykit.cli import main
from journeykit.cli.measure_cmd import parse_weights, parse_window
from journeykit.errors import ParameterError
from journeykit.schema import write_tables


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("tables")
    write_tables(TABLES, path, force=True)
    return path


def _csv(capsys) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(capsys.readouterr().out))


def test_stage_funnel_command(folder, capsys):
    assert main(["funnel", str(folder)]) == 0
    f = _csv(capsys)
    # furthest stages: u1 promote, u2 excite, u3 aware, u4 advocate
    assert f["users"].tolist() == [4, 3, 3, 3, 2]
    assert main(["funnel", str(folder), "--by", "persona", "--lang", "id"]) == 0
    by = _csv(capsys)
    assert by.loc[by["persona"] == "student", "users"].tolist() == [2, 2, 2, 2, 1]
    assert by.loc[by["persona"] == "worker", "users"].tolist() == [2, 1, 1, 1, 1]
    assert by["label"].iloc[0] == "Kesadaran"
    assert main(["funnel", str(folder), "--model", "cvj"]) == 0
    assert len(_csv(capsys)) == 8


def test_event_funnel_command_with_window(folder, capsys):
    # visit -> purchase: u1 1.8 days, u2 3.9 days, u4 0.7 days, u3 never buys
    assert main(["funnel", str(folder), "--steps", "visit,purchase", "--window", "1"]) == 0
    assert _csv(capsys)["users"].tolist() == [4, 1]
    assert main(["funnel", str(folder), "--steps", "visit,purchase", "--window", "none"]) == 0
    f = _csv(capsys)
    assert f["users"].tolist() == [4, 3]
    assert f["median_days_from_previous"][1] == pytest.approx(1.8)
    args = ["funnel", str(folder), "--steps", "visit,purchase", "--order", "strict"]
    assert main(args) == 0
    # only u4's purchase comes right after a visit (u1 subscribes, u2 engages in between)
    assert _csv(capsys)["users"].tolist() == [4, 1]


def test_event_funnel_command_with_posthogs_names_and_epoch_micros(tmp_path, capsys):
    """PostHog's step-times fixture as a learner's CSV with GA4-style microsecond epochs."""
    start = pd.Timestamp("2020-01-01")
    rows = [("person1", "sign up", "12:00", 0), ("person1", "play movie", "13:00", 0),
            ("person1", "buy", "15:00", 0), ("person2", "sign up", "14:00", 1),
            ("person2", "play movie", "16:00", 1), ("person3", "sign up", "14:00", 1),
            ("person3", "play movie", "16:00", 1), ("person3", "buy", "17:00", 1)]  # fmt: skip
    micros = [
        (start + pd.Timedelta(days=d) + pd.Timedelta(t + ":00") - pd.Timestamp(0))
        // pd.Timedelta("1us")
        for _, _, t, d in rows
    ]
    events = pd.DataFrame(
        {"user_id": [r[0] for r in rows], "event_type": [r[1] for r in rows], "timestamp": micros}
    )
    events.to_csv(tmp_path / "events.csv", index=False)
    args = ["funnel", str(tmp_path), "--steps", "sign up,play movie,buy", "--window", "7"]
    assert main(args) == 2
    assert "events.timestamp: holds numbers" in capsys.readouterr().err
    assert main([*args, "--timestamp-unit", "us"]) == 0
    f = _csv(capsys)
    assert f["users"].tolist() == [3, 3, 2]
    assert (f["mean_days_from_previous"] * 86_400).round().tolist()[1:] == [6000, 5400]
    assert (f["median_days_from_previous"] * 86_400).round().tolist()[1:] == [7200, 5400]


def test_metrics_and_score_commands(folder, capsys):
    assert main(["metrics", str(folder), "--seo-rank", "4"]) == 0
    m = _csv(capsys).set_index("metric")
    assert m.loc["conversion_rate", "value"] == pytest.approx(0.75)
    assert m.loc["seo_rank", "value"] == 4
    args = ["score", str(folder), "--by", "persona", "--normalise", "ratio"]
    assert main([*args, "--weights", "conversion_rate=2,cost_per_conversion=1"]) == 0
    s = _csv(capsys).set_index("persona")
    assert s.loc["student", "score"] == pytest.approx((2 * 4 / 3 + 0.75) / 3)
    assert s.loc["worker", "rank"] == 1


def test_out_file_is_never_overwritten_without_force(folder, tmp_path, capsys):
    out = tmp_path / "funnel.csv"
    assert main(["funnel", str(folder), "--out", str(out)]) == 0
    assert pd.read_csv(out)["users"].tolist() == [4, 3, 3, 3, 2]
    out.write_text("keep me")
    assert main(["funnel", str(folder), "--out", str(out)]) == 2
    assert "file exists; pass --force" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert main(["funnel", str(folder), "--out", str(out), "--force"]) == 0
    assert out.read_text() != "keep me"


def test_bad_input_is_one_clear_line(folder, tmp_path, capsys):
    assert main(["funnel", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["funnel", str(folder), "--steps", "visit,purchase[price]"]) == 2
    assert "step: expected property filters" in capsys.readouterr().err
    assert main(["funnel", str(folder), "--steps", "visit", "--timestamp-unit", "us"]) == 2
    assert "steps: expected at least 2 steps" in capsys.readouterr().err
    assert main(["funnel", str(folder), "--steps", "visit,purchase", "--window", "soon"]) == 2
    assert "--window" in capsys.readouterr().err
    assert main(["score", str(folder), "--by", "persona", "--weights", "csat=high"]) == 2
    assert "--weights" in capsys.readouterr().err
    assert main(["score", str(folder), "--by", "persona", "--weights", "growth"]) == 2
    assert "weights: expected one of" in capsys.readouterr().err
    assert main(["funnel", str(folder), "--out", str(tmp_path / "no" / "f.csv")]) == 2
    assert "--out" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["score", str(folder)])  # --by is required


def test_parsers():
    assert parse_weights("sales") == "sales"
    assert parse_weights("nps=1") == {"nps": 1.0}
    assert parse_window("14") == 14.0
    with pytest.raises(ParameterError):
        parse_window("two weeks")

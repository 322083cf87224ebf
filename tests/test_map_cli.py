"""``journeykit map``: example, validate, render; exit codes and --force."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from journeykit.cli import main
from journeykit.maps import JourneyMap, example


def test_example_writes_the_builtin_map(tmp_path, capsys):
    out = tmp_path / "peta.json"
    assert main(["map", "example", "coffee", "--lang", "id", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert JourneyMap.load(out) == example("coffee", "id")
    assert json.loads(out.read_text(encoding="utf-8"))["persona"]["key"] == "office_worker"


def test_example_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "map.json"
    out.write_text("my own work", encoding="utf-8")
    assert main(["map", "example", "coffee", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("journeykit: error:") and "--force" in err
    assert out.read_text(encoding="utf-8") == "my own work"
    assert main(["map", "example", "coffee", "--out", str(out), "--force"]) == 0
    assert JourneyMap.load(out).lang == "en"


def test_example_unknown_name_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["map", "example", "tea", "--out", str(tmp_path / "x.json")])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_validate_ok_exits_zero(tmp_path, capsys):
    path = example("coffee").save(tmp_path / "ok.json")
    assert main(["map", "validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: OK (5 stages, model 'map')"


def test_validate_prints_one_line_per_problem_and_exits_one(tmp_path, capsys):
    data = json.loads(example("coffee").to_json())
    data["stages"][3]["emotion"] = 7
    data["stages"][1]["stage"] = "hype"
    del data["goal"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["map", "validate", str(path)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1] == f"{path}: 3 problem(s)"
    problems = sorted(lines[:-1])
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}: goal: expected a value")
    assert problems[1].startswith(f"{path}: stages[1].stage: expected one of 'awareness'")
    assert problems[2].startswith(f"{path}: stages[3].emotion: expected a number from -2 to +2")


@pytest.mark.parametrize(
    ("content", "needle"),
    [("{oops", "not valid JSON"), ('{"schema_version": 3}', "schema_version: expected 1")],
)
def test_validate_corrupt_file_is_one_line(tmp_path, capsys, content, needle):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["map", "validate", str(path)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and needle in lines[0]


def test_validate_missing_file(tmp_path, capsys):
    assert main(["map", "validate", str(tmp_path / "nope.json")]) == 1
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_render_each_format_and_force(tmp_path, capsys, suffix):
    src = example("coffee", "id").save(tmp_path / "peta.json")
    out = tmp_path / f"peta{suffix}"
    assert main(["map", "render", str(src), "--out", str(out)]) == 0
    first = out.read_bytes()
    assert len(first) > 1000
    assert main(["map", "render", str(src), "--out", str(out), "--lang", "en"]) == 2
    assert "force" in capsys.readouterr().err
    assert out.read_bytes() == first
    assert main(["map", "render", str(src), "--out", str(out), "--lang", "en", "--force"]) == 0
    if suffix == ".html":
        assert "Customer journey map" in out.read_text(encoding="utf-8")


def test_render_rejects_unknown_format_and_corrupt_map(tmp_path, capsys):
    src = example("coffee").save(tmp_path / "m.json")
    assert main(["map", "render", str(src), "--out", str(tmp_path / "m.pdf")]) == 2
    assert "out: expected a file ending in .png, .svg, .html" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["map", "render", str(bad), "--out", str(tmp_path / "b.png")]) == 2
    assert "JSON object" in capsys.readouterr().err
    assert not (tmp_path / "b.png").exists()


def test_console_script_exit_codes(tmp_path):
    path = tmp_path / "m.json"
    run = [sys.executable, "-m", "journeykit", "map"]
    made = subprocess.run([*run, "example", "coffee", "--out", str(path)], capture_output=True)
    assert made.returncode == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["stages"] = []
    path.write_text(json.dumps(data), encoding="utf-8")
    checked = subprocess.run([*run, "validate", str(path)], capture_output=True, text=True)
    assert checked.returncode == 1
    assert f"{path}: stages: expected at least one stage" in checked.stderr

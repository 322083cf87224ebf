"""The command line as a whole: every command module exists and every command has --help."""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys

import pytest

from journeykit.cli import COMMAND_MODULES, build_parser, main


def _walk(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _walk(sub, (*prefix, name))


def test_every_command_module_exists():
    missing = [
        m for m in COMMAND_MODULES if importlib.util.find_spec(f"journeykit.cli.{m}") is None
    ]
    assert missing == []


ALL_COMMANDS = list(_walk(build_parser()))


def test_the_issue_commands_are_there():
    names = {" ".join(c) for c in ALL_COMMANDS}
    for expected in (
        "map example",
        "map validate",
        "map render",
        "course run",
        "synth",
        "funnel",
        "paths",
        "attribution",
        "assisted",
    ):
        assert expected in names, expected


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=lambda c: " ".join(c) or "journeykit")
def test_help_on_every_command(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: journeykit")


def test_console_script_runs_as_module():
    done = subprocess.run(
        [sys.executable, "-m", "journeykit", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("journeykit ")


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["fly"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_output_piped_into_a_reader_that_has_gone_is_not_an_error():
    """``journeykit offer presets | head -0``: the reader closed the pipe before the first line."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from journeykit.cli import main; sys.exit(main())"]
        + ["offer", "presets"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the command prints anything
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert "Traceback" not in err.decode() and "BrokenPipe" not in err.decode()

"""The ``journeykit`` command line: each command a thin wrapper over one package function.

Every command module in :data:`COMMAND_MODULES` exposes ``register(subparsers)``, which adds its
sub-command(s) and sets ``func`` (called with the parsed arguments; returns an exit code).
Errors of the package's own types are printed as one line ``journeykit: error: ...`` with exit
code 2, never as a traceback. So are the operating system's (a file that cannot be read or
written, a full disk: :func:`os_error_line`); Ctrl-C prints one line and exits 130. Anything
else is a bug: it is still one line (exit 3, :data:`UNEXPECTED` in it, asking for a report),
and ``JOURNEYKIT_TRACEBACK=1`` shows the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from journeykit import __version__
from journeykit.errors import JourneykitError, OverwriteError
from journeykit.files import target_path

__all__ = ["main", "build_parser", "check_out", "os_error_line", "COMMAND_MODULES", "UNEXPECTED"]

UNEXPECTED = "internal error"
"""Word in the one line printed for an error journeykit did not anticipate (a bug)."""

# journeykit.cli.<name> modules, in the order their commands appear in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "map_cmd",
    "synth_cmd",
    "import_cmd",
    "measure_cmd",
    "attribution_cmd",
    "offers_cmd",
    "growth_cmd",
    "course_cmd",
    "workshop_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every registered command."""
    parser = argparse.ArgumentParser(
        prog="journeykit",
        description="Customer-journey course and toolkit: maps, synthetic data, measurement, growth models.",
    )
    parser.add_argument("--version", action="version", version=f"journeykit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(f"journeykit.cli.{name}") is None:
            continue  # tests/test_cli.py asserts that every listed module exists
        module = importlib.import_module(f"journeykit.cli.{name}")
        module.register(sub)
    return parser


def os_error_line(err: OSError) -> str:
    """One line for an operating-system error: the file and the reason, no errno noise.

    >>> os_error_line(FileNotFoundError(2, "No such file or directory", "data/users.csv"))
    'data/users.csv: No such file or directory'
    """
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or err}"


def check_out(out: Path | None, force: bool) -> None:
    """Refuse an ``--out`` file before any work: it exists (without ``--force``), is a folder,
    is a symlink to nothing or lies under a file (:func:`journeykit.files.target_path`)."""
    if out is None:
        return
    if out.exists() and not out.is_dir() and not force:
        raise OverwriteError(f"{out}: file exists; pass --force to replace it")
    target_path(out, force=force)


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``journeykit`` console script."""
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:
        print(f"journeykit {__version__}")  # without importing every command's dependencies
        return 0
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except JourneykitError as err:
        print(f"journeykit: error: {_one_line(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("journeykit: interrupted (files being written were left as before)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``journeykit ... | head``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as err:
        print(f"journeykit: error: {_one_line(os_error_line(err))}", file=sys.stderr)
        return 2
    except Exception as err:  # a bug: still one line, unless asked for the traceback
        if os.environ.get("JOURNEYKIT_TRACEBACK"):
            raise
        print(
            f"journeykit: error: {UNEXPECTED} ({type(err).__name__}: {_one_line(err)[:300]}) "
            "(a bug in journeykit: please report it with the command you ran; "
            "JOURNEYKIT_TRACEBACK=1 shows the details)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``journeykit`` command line: each command a thin wrapper over one package function.

Every command module in :data:`COMMAND_MODULES` exposes ``register(subparsers)``, which adds its
sub-command(s) and sets ``func`` (called with the parsed arguments; returns an exit code).
Errors of the package's own types are printed as one line ``journeykit: error: ...`` with exit
code 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence

from journeykit import __version__
from journeykit.errors import JourneykitError

__all__ = ["main", "build_parser", "COMMAND_MODULES"]

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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``journeykit`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except JourneykitError as err:
        print(f"journeykit: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:
        # the reader went away (``journeykit ... | head``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""``journeykit course run`` and ``journeykit course list``: run the lessons headless, list them.

``run`` checks everything it can before a kernel starts (lesson names, parameter names and
types, the output folder), then executes each notebook and prints one line per notebook. It
exits 0 when all ran, 1 when a notebook failed (naming the notebook and the cell), 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeykit import course
from journeykit.errors import ParameterError

__all__ = ["register"]

_VALUES_HELP = (
    "VALUE is read like papermill's -p: True/False, None, an integer, a float, else text; "
    "quote it to force text (-p customer_name '\"42\"')."
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``course run`` and ``course list``."""
    parser = subparsers.add_parser(
        "course",
        help="run the course's lessons headless and render them to HTML; list the lessons",
        description="Run the course notebooks with papermill and render them, or list them.",
    )
    sub = parser.add_subparsers(dest="course_command", metavar="ACTION", required=True)

    run = sub.add_parser(
        "run",
        help="execute the lessons, write executed notebooks, HTML pages and an index",
        description=(
            "Execute the lessons (notebooks/NN_slug.ipynb) and their exercises with papermill and "
            "write OUT/NN_slug.ipynb, OUT/NN_slug.html, OUT/exercises/, OUT/index.html and "
            "OUT/assets/ (what the pages load: they need no network). Unknown parameter names and wrongly typed values "
            "are refused before any kernel starts. OUT must be missing, empty or made by an "
            "earlier run (its files are replaced); any other folder needs --force. " + _VALUES_HELP
        ),
    )
    run.add_argument("--out", required=True, type=Path, help="output folder, e.g. build/course")
    run.add_argument(
        "--only",
        nargs="+",
        default=[],
        metavar="NAME",
        help="run only these lessons: 01_stage_models, 01, 1 or stage_models",
    )
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter for every selected notebook that declares it",
    )
    run.add_argument(
        "--exercises",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run and render the exercise notebooks, linked from their lessons and the "
        "index (default; their checks print 'no answer yet'); --no-exercises: lessons only",
    )
    run.add_argument(
        "--solutions",
        action="store_true",
        help="also run and render the solution notebooks (for trainers; linked from the index)",
    )
    run.add_argument(
        "--force", action="store_true", help="write into an OUT folder holding other files"
    )
    run.add_argument(
        "--keep-going",
        action="store_true",
        help="run the remaining notebooks after a failure (default: stop at the first)",
    )
    run.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="notebooks to run at once (default 1)"
    )
    run.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="course folder holding notebooks/ and exercises/ (default: current folder)",
    )
    run.add_argument(
        "--timeout",
        type=float,
        default=600,
        metavar="SECONDS",
        help="longest a single cell may run (default 600)",
    )
    run.set_defaults(func=_run)

    lst = sub.add_parser(
        "list",
        help="list the lessons and their parameters with defaults",
        description="List the lessons (and exercises/solutions) with each parameter's default.",
    )
    lst.add_argument("--root", type=Path, default=Path("."), help="course folder (default: .)")
    lst.add_argument("--exercises", action="store_true", help="also list exercise notebooks")
    lst.add_argument("--solutions", action="store_true", help="also list solution notebooks")
    lst.set_defaults(func=_list)


def _kinds(args: argparse.Namespace) -> list[course.Kind]:
    kinds: list[course.Kind] = ["lesson"]
    if args.exercises:
        kinds.append("exercise")
    if args.solutions:
        kinds.append("solution")
    return kinds


def _check_root(root: Path) -> None:
    if not (root / "notebooks").is_dir():
        raise ParameterError(
            f"--root: {str(root)!r} has no notebooks/ folder; expected the course folder "
            "(the one holding notebooks/ and exercises/)"
        )


def _run(args: argparse.Namespace) -> int:
    if not args.timeout > 0 or args.timeout == float("inf"):
        raise ParameterError(f"--timeout: expected seconds > 0, got {args.timeout:g}")
    if args.jobs < 1:
        raise ParameterError(f"--jobs: expected a whole number >= 1, got {args.jobs}")
    _check_root(args.root)
    parameters: dict[str, object] = {}
    for name, value in args.parameter:
        parameters[name] = course.parse_value(value)
    results = course.run_course(
        args.root,
        args.out,
        only=args.only,
        parameters=parameters,
        exercises=args.exercises,
        solutions=args.solutions,
        force=args.force,
        keep_going=args.keep_going,
        jobs=args.jobs,
        timeout=args.timeout,
        progress=lambda line: print(line, flush=True),
    )
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"journeykit: {r.message()}", file=sys.stderr)
        if r.ipynb is not None:
            print(f"  see {r.ipynb}", file=sys.stderr)
    print(
        f"{len(results) - len(failed)} of {len(results)} notebooks ran; index: {args.out / 'index.html'}"
    )
    return 1 if failed else 0


def _list(args: argparse.Namespace) -> int:
    _check_root(args.root)
    for nb in course.discover(args.root, kinds=_kinds(args)):
        params = ", ".join(f"{k}={v!r}" for k, v in nb.parameters.items()) or "(no parameters)"
        print(f"{nb.label:<32} {nb.title}")
        print(f"{'':<32} {params}")
    return 0

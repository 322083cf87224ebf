"""``journeykit workshop copy|reset|progress``: the trainer's kit (see ``docs/WORKSHOP.md``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeykit.files import target_path, write_csv, write_text

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``workshop copy``, ``workshop reset`` and ``workshop progress``."""
    parser = subparsers.add_parser(
        "workshop",
        help="hand out a learner copy, reset a notebook, see the class's progress",
        description="The workshop kit: learner copies without solutions, resets, a progress table.",
    )
    sub = parser.add_subparsers(dest="workshop_command", metavar="ACTION", required=True)

    copy = sub.add_parser(
        "copy",
        help="write the lessons, exercises and data sets (no solutions) to a folder",
        description=(
            "Write a learner copy of the course: notebooks/, exercises/ (without solutions), "
            "datasets/ and .originals/ (the shipped notebooks, for `workshop reset`)."
        ),
    )
    copy.add_argument("--out", required=True, type=Path, help="the learner copy's folder")
    copy.add_argument("--root", type=Path, default=Path("."), help="the course folder (default: .)")
    copy.add_argument("--force", action="store_true", help="replace an existing --out folder")
    copy.add_argument(
        "--lang",
        choices=("en", "id"),
        default="en",
        help="the edition: id = Indonesian prose and lang='id' where a lesson has it",
    )
    copy.set_defaults(func=_copy)

    reset = sub.add_parser(
        "reset",
        help="put a notebook back to its shipped version (the learner's copy is kept aside)",
        description=(
            "Restore NOTEBOOK from the learner copy's .originals/ (or --from). The learner's "
            "version is moved to .journeykit-kept/ beside it, never deleted."
        ),
    )
    reset.add_argument("notebook", type=Path, metavar="NOTEBOOK")
    reset.add_argument("--from", dest="shipped", type=Path, help="the shipped notebook to restore")
    reset.set_defaults(func=_reset)

    progress = sub.add_parser(
        "progress",
        help="a learner x task table (✔ / ✘ / -) from collected exercise notebooks",
        description=(
            "Read collected exercise notebooks (files, or folders: one folder per learner, or "
            "files named LEARNER_NN_slug.ipynb) and print learner x task: ✔ correct, ✘ tried "
            "and not yet right, - not tried; then the most common feedback."
        ),
    )
    progress.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION")
    progress.add_argument("--rerun", action="store_true", help="re-run each notebook first")
    progress.add_argument("--csv", type=Path, help="also write the table as CSV")
    progress.add_argument("--html", type=Path, help="also write a page to project")
    progress.add_argument("--lang", choices=("en", "id"), default="en")
    progress.add_argument("--force", action="store_true", help="replace existing --csv/--html")
    progress.add_argument(
        "--no-neutralise",
        action="store_true",
        help="write CSV cells starting with = + - @ as they are (default: a leading ' is added)",
    )
    progress.set_defaults(func=_progress)


def _copy(args: argparse.Namespace) -> int:
    from journeykit.workshop import learner_copy

    files = learner_copy(args.out, root=args.root, force=args.force, lang=args.lang)
    shown = [f for f in files if ".originals" not in f.parts]
    print(f"wrote {len(shown)} files to {args.out} (no solutions)")
    return 0


def _reset(args: argparse.Namespace) -> int:
    from journeykit.workshop import reset_notebook

    kept = reset_notebook(args.notebook, shipped=args.shipped)
    print(f"reset {args.notebook}" + (f"; your version is kept in {kept}" if kept else ""))
    return 0


def _progress(args: argparse.Namespace) -> int:
    from journeykit.workshop import class_progress, progress_html

    result = class_progress(args.submissions, rerun=args.rerun)
    table = result.table()
    for target in (args.csv, args.html):
        if target is not None:
            target_path(target, force=args.force)  # refuse before printing anything
    print(table.to_string() if not table.empty else "no checks found")
    hints = result.common_hints()
    if not hints.empty:
        print()
        print(hints.to_string(index=False))
    if args.csv is not None:  # learner names are typed text: formula prefixes neutralised
        write_csv(table, args.csv, force=args.force, neutralise=not args.no_neutralise)
    if args.html is not None:
        write_text(args.html, progress_html(result, lang=args.lang), force=args.force)
    sys.stdout.flush()
    return 0

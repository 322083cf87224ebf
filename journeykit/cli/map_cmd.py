"""``journeykit map``: start from the built-in example, validate a map file, render it.

Each sub-command is a thin wrapper over one function of :mod:`journeykit.maps`::

    journeykit map example coffee --lang id --out peta.json   # maps.example(...).save(...)
    journeykit map validate peta.json                          # maps.check_file(...)
    journeykit map render peta.json --out peta.html            # plots.maps.render(...)

Writing never replaces an existing file unless ``--force`` is given. ``validate`` prints one
line per problem and exits with 1 when there is any (0 when the map is valid).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journeykit.examples import MAP_EXAMPLES
from journeykit.i18n import LANGS

__all__ = ["register"]


def _example(args: argparse.Namespace) -> int:
    from journeykit.maps import example

    path = example(args.name, lang=args.lang).save(args.out, force=args.force)
    print(f"wrote {path}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from journeykit.maps import JourneyMap, check_file

    problems = check_file(args.file)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"{args.file}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    journey_map = JourneyMap.load(args.file)
    print(f"{args.file}: OK ({len(journey_map.stages)} stages, model {journey_map.model.key!r})")
    return 0


def _render(args: argparse.Namespace) -> int:
    from journeykit.maps import JourneyMap
    from journeykit.plots.maps import render

    path = render(JourneyMap.load(args.file), args.out, lang=args.lang, force=args.force)
    print(f"wrote {path}")
    return 0


def register(subparsers: Any) -> None:
    """Add ``journeykit map {example,validate,render}``."""
    parser = subparsers.add_parser(
        "map",
        help="customer journey maps: example, validate, render",
        description="Customer journey maps: write the built-in example, validate a map file, "
        "render it to PNG, SVG or HTML.",
    )
    sub = parser.add_subparsers(dest="map_command", metavar="ACTION", required=True)

    ex = sub.add_parser(
        "example",
        help="write a built-in example map as a starting point",
        description="Write a built-in journey map (with its persona) to a JSON file you can edit.",
    )
    ex.add_argument("name", choices=sorted(MAP_EXAMPLES), help="example name")
    ex.add_argument(
        "--lang", choices=LANGS, default="en", help="language of the texts (default en)"
    )
    ex.add_argument("--out", required=True, metavar="MAP.json", help="file to write")
    ex.add_argument("--force", action="store_true", help="replace --out if it exists")
    ex.set_defaults(func=_example)

    va = sub.add_parser(
        "validate",
        help="check a map file; one line per problem",
        description="Check a journey-map JSON file. Prints one line per problem and exits 1 "
        "when there is any, 0 when the map is valid.",
    )
    va.add_argument("file", metavar="MAP.json", help="map file to check")
    va.set_defaults(func=_validate)

    rn = sub.add_parser(
        "render",
        help="draw a map to PNG, SVG or HTML",
        description="Draw a journey map: swimlanes with the emotion curve (.png, .svg) or a "
        "self-contained page (.html), chosen by the extension of --out.",
    )
    rn.add_argument("file", metavar="MAP.json", help="map file to draw")
    rn.add_argument("--out", required=True, metavar="FILE", help="FILE.png, FILE.svg or FILE.html")
    rn.add_argument(
        "--lang", choices=LANGS, default=None, help="language of labels (default: the map's)"
    )
    rn.add_argument("--force", action="store_true", help="replace --out if it exists")
    rn.set_defaults(func=_render)

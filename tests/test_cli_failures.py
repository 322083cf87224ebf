"""Every command line failure is one line, a non-zero exit, never a traceback (issue 11, item 7).

The walk: every command that reads a file or a folder is given a folder, a missing path, a file
that is not UTF-8 and an empty file (and, for data-folder commands, a folder whose users table
is not UTF-8 or empty). Each case must end in one ``journeykit: error:`` line naming the input,
without the catch-all line :data:`journeykit.cli.UNEXPECTED` that marks a bug.
"""

from __future__ import annotations

import argparse
import errno
import gzip
import json

import pytest

from journeykit.cli import UNEXPECTED, build_parser, main


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield prefix, parser
        return
    for name, sub in subs[0].choices.items():
        yield from _leaves(sub, (*prefix, name))


LEAVES = dict(_leaves(build_parser()))

# what each command needs besides the input under test (valid values)
EXTRA: dict[tuple[str, ...], list[str]] = {
    ("map", "render"): ["--out", "{tmp}/out/map.html"],
    ("score",): ["--by", "persona"],
    ("message", "render"): ["--out", "{tmp}/out/m.csv"],
    ("campaign", "lift"): ["--preset", "coffee"],
}

# the input arguments: (command, index of the positional under test, other positionals)
INPUTS: list[tuple[tuple[str, ...], list[str], int]] = [
    (("map", "validate"), ["{input}"], 0),
    (("map", "render"), ["{input}"], 0),
    (("funnel",), ["{input}"], 0),
    (("metrics",), ["{input}"], 0),
    (("score",), ["{input}"], 0),
    (("paths",), ["{input}"], 0),
    (("attribution",), ["{input}"], 0),
    (("assisted",), ["{input}"], 0),
    (("offer", "measure"), ["{input}"], 0),
    (("offer", "rfm"), ["{input}"], 0),
    (("offer", "bgnbd"), ["{input}"], 0),
    (("offer", "clv"), ["{input}"], 0),
    (("referral", "measure"), ["{input}"], 0),
    (("campaign", "lift"), ["{input}"], 0),
    (("campaign", "journey"), ["{input}", "--strangers", "1000"], 0),
    (("message", "render"), ["whatsapp_follow_up", "{input}"], 1),
    (("message", "render"), ["{input}", "{tmp}/customers.csv"], 0),
    (("course", "list"), ["--root", "{input}"], 1),
    (("course", "run"), ["--root", "{input}", "--out", "{tmp}/site"], 1),
    (("import", "ga4"), ["{input}", "--out", "{tmp}/imported"], 0),
    (("import", "csv"), ["{input}", "--out", "{tmp}/imported", "--map", "user_id=u"], 0),
    (("workshop", "copy"), ["--root", "{input}", "--out", "{tmp}/copy"], 1),
    (("workshop", "reset"), ["{input}"], 0),
    (("workshop", "progress"), ["{input}"], 0),
]


def test_the_walk_covers_every_command_that_reads_input():
    """A new command taking a file or folder must be added to INPUTS (so it is walked)."""
    reading = set()
    for command, parser in LEAVES.items():
        for action in parser._actions:
            wants_input = not action.option_strings and action.dest not in ("name", "survival")
            if wants_input or "--root" in action.option_strings:
                reading.add(command)
    assert reading == {c for c, _, _ in INPUTS}


def _bad_inputs(tmp):
    folder = tmp / "a_folder"
    folder.mkdir()
    (tmp / "latin1.csv").write_bytes("customer_name,product\nJos\xe9,kopi\n".encode("latin-1"))
    (tmp / "empty.csv").write_bytes(b"")
    users_latin1 = tmp / "data_latin1"
    users_latin1.mkdir()
    (users_latin1 / "users.csv").write_bytes("user_id,persona\n1,Jos\xe9\n".encode("latin-1"))
    users_empty = tmp / "data_empty"
    users_empty.mkdir()
    (users_empty / "users.csv").write_bytes(b"")
    return {
        "folder": folder,
        "missing": tmp / "no_such_file.csv",
        "non-utf8": tmp / "latin1.csv",
        "empty": tmp / "empty.csv",
        "folder, non-utf8 users": users_latin1,
        "folder, empty users": users_empty,
    }


CASES = [
    (command, args, kind)
    for command, args, _ in INPUTS
    for kind in (
        "folder",
        "missing",
        "non-utf8",
        "empty",
        "folder, non-utf8 users",
        "folder, empty users",
    )
]


@pytest.mark.parametrize(
    ("command", "args", "kind"),
    CASES,
    ids=[f"{' '.join(c)} {a[0] if a[0] != '{input}' else ''}[{k}]" for c, a, k in CASES],
)
def test_bad_input_is_one_line(command, args, kind, tmp_path, capsys):
    (tmp_path / "customers.csv").write_text("customer_name\nSari\n", encoding="utf-8")
    bad = _bad_inputs(tmp_path)[kind]
    argv = [*command]
    for a in [*args, *EXTRA.get(command, [])]:
        argv.append(a.replace("{input}", str(bad)).replace("{tmp}", str(tmp_path)))
    code = main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code != 0, (argv, err)
    if command == ("map", "validate"):  # a validator: the problem, then the count of problems
        assert code == 1 and len(lines) == 2 and lines[0].startswith(str(bad)), err
    else:
        assert len(lines) == 1 and lines[0].startswith("journeykit: error: "), err
    assert UNEXPECTED not in lines[0], lines[0]
    assert "Traceback" not in err


# --- --out that is a folder or inside a missing folder ------------------------------------------

OUT_COMMANDS = [
    ["map", "example", "coffee"],
    ["offer", "simulate", "--customers", "20", "--months", "3"],
    ["referral", "simulate", "--runs", "2", "--cycles", "2"],
    ["synth", "--users", "50"],
]


@pytest.mark.parametrize("command", OUT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_out_is_a_folder_or_a_file_where_a_folder_is_needed(command, tmp_path, capsys):
    target = tmp_path / "taken"
    if command[0] == "synth":
        target.write_text("a file, not a folder")
    else:
        target.mkdir()
    code = main([*command, "--out", str(target)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0, err
    assert str(target) in err and ("is a folder" in err or "is a file" in err), err


@pytest.mark.parametrize("command", OUT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_out_under_a_file_is_one_line(command, tmp_path, capsys):
    (tmp_path / "plain").write_text("x")
    code = main([*command, "--out", str(tmp_path / "plain" / "sub" / "out.csv")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "is a file, not a folder" in err, err


def test_out_on_a_read_only_or_full_disk_is_one_line(tmp_path, capsys, monkeypatch):
    import journeykit.files as jf

    def no_space(folder, name):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jf, "_open_temp", no_space)
    code = main(["map", "example", "coffee", "--out", str(tmp_path / "m.json")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "no space left" in err, err

    def read_only(folder, name):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(jf, "_open_temp", read_only)
    code = main(["funnel", "datasets/coffee", "--out", str(tmp_path / "f.csv")])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "not allowed to write there" in err, err


# --- the other item-7 cases ---------------------------------------------------------------------


def test_corrupt_gz_table_is_one_line(tmp_path, capsys):
    from journeykit.schema import MANIFEST

    data = tmp_path / "data"
    assert main(["synth", "--users", "50", "--out", str(data)]) == 0
    (data / MANIFEST).unlink()  # a hand-made folder: no manifest to compare with
    blob = (data / "events.csv.gz").read_bytes()
    (data / "events.csv.gz").write_bytes(blob[: len(blob) // 2])  # cut inside a member
    capsys.readouterr()
    assert main(["funnel", str(data)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "events" in err and "cut short" in err, err
    (data / "events.csv.gz").write_bytes(b"not gzip at all")
    assert main(["funnel", str(data)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "events.csv.gz" in err, err


def test_timestamps_from_2262_are_one_line(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["synth", "--users", "50", "--out", str(data)]) == 0
    (data / "manifest.json").unlink()
    import pandas as pd

    users = pd.read_csv(data / "users.csv.gz")
    users.loc[0, "first_seen"] = "2262-05-01 00:00:00"
    (data / "users.csv.gz").unlink()
    users.to_csv(data / "users.csv", index=False)
    capsys.readouterr()
    assert main(["funnel", str(data)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "users.first_seen" in err and "2262-04-11" in err, err


@pytest.mark.parametrize(
    "document",
    [
        '{"schema_version": 1, "kind": "journey_map", "name": ' + "1" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"schema_version": ' + "9" * 5000 + "}",
    ],
    ids=["huge integer", "deep nesting", "huge version"],
)
def test_map_json_with_a_huge_integer_or_deep_nesting_is_one_line(document, tmp_path, capsys):
    f = tmp_path / "m.json"
    f.write_text(document, encoding="utf-8")
    assert main(["map", "validate", str(f)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and err[0].startswith(str(f)) and UNEXPECTED not in err[0], err
    assert main(["map", "render", str(f), "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(f) in err and UNEXPECTED not in err, err


@pytest.mark.parametrize("name", ["seed", "n_users"])
def test_synth_set_seed_or_n_users_is_one_line(name, tmp_path, capsys):
    code = main(["synth", "--out", str(tmp_path / "d"), "--set", f"{name}=5"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and f"--set {name}" in err, err


def test_synth_start_near_2262_is_refused_not_wrapped(tmp_path, capsys):
    argv = ["synth", "--out", str(tmp_path / "d"), "--set", "start=2262-01-01"]
    assert main([*argv, "--set", "days=3660"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "start" in err and "2262" in err, err
    assert not (tmp_path / "d").exists()


@pytest.fixture
def empty_data(tmp_path):
    """A valid data set with no rows at all (every table has its header only)."""
    import pandas as pd

    from journeykit.schema import TABLES, Tables, write_tables

    tables = Tables(**{n: pd.DataFrame({c.name: [] for c in cols}) for n, cols in TABLES.items()})
    write_tables(tables, tmp_path / "empty")
    return tmp_path / "empty"


@pytest.mark.parametrize(
    "command",
    [
        ["offer", "measure"],
        ["referral", "measure"],
        ["campaign", "lift", "--preset", "coffee"],
        ["funnel"],
        ["metrics"],
        ["score", "--by", "persona"],
        ["paths"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_an_empty_data_set_is_one_line_or_an_empty_table(command, empty_data, capsys):
    n = 2 if command[0] in ("offer", "referral", "campaign") else 1
    code = main([*command[:n], str(empty_data), *command[n:]])
    captured = capsys.readouterr()
    err = captured.err.strip()
    if command[0] in ("offer", "referral", "campaign"):  # tracebacks before: now refused
        assert code == 2, err
    if code != 0:
        assert (
            err.count("\n") == 0 and err.startswith("journeykit: error: ") and UNEXPECTED not in err
        ), err
        assert "no " in err or "empty" in err, err


def test_timeout_below_zero_is_refused(capsys):
    assert main(["course", "run", "--out", "build/x", "--timeout", "-5"]) == 2
    err = capsys.readouterr().err.strip()
    assert "--timeout" in err and "> 0" in err, err


def test_keyboard_interrupt_is_one_line(monkeypatch, capsys):
    import journeykit.cli.offers_cmd as oc

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(oc, "_presets", interrupted, raising=False)
    parser_args = ["offer", "presets"]
    monkeypatch.setattr(
        "journeykit.cli.build_parser",
        lambda real=build_parser: _with_func(real(), parser_args, interrupted),
    )
    assert main(parser_args) == 130
    assert capsys.readouterr().err.strip().startswith("journeykit: interrupted")


def _with_func(parser, argv, func):
    parse = parser.parse_args

    def parse_args(args=None, namespace=None):
        ns = parse(args, namespace)
        ns.func = func
        return ns

    parser.parse_args = parse_args
    return parser


def test_json_of_a_nested_map_is_not_read_unbounded():
    """The deep-nesting case above must not rely on the recursion limit being high."""
    with pytest.raises(RecursionError):
        json.loads("[" * 100_000 + "]" * 100_000)


def test_gzip_module_reads_members_as_one_stream():
    """The premise of the member-boundary test: gzip joins members silently."""
    two = gzip.compress(b"a\n", mtime=0) + gzip.compress(b"b\n", mtime=0)
    assert gzip.decompress(two) == b"a\nb\n"
    assert gzip.decompress(two[: len(gzip.compress(b"a\n", mtime=0))]) == b"a\n"


def test_out_inside_a_missing_folder(tmp_path, capsys):
    """Files are written with their missing parent folders; measure commands refuse in one line."""
    src = tmp_path / "map.json"
    assert main(["map", "example", "coffee", "--out", str(src)]) == 0
    deep = tmp_path / "new" / "sub" / "m.svg"
    assert main(["map", "render", str(src), "--out", str(deep)]) == 0
    assert deep.stat().st_size > 1000
    capsys.readouterr()
    assert main(["funnel", "datasets/coffee", "--out", str(tmp_path / "nope" / "f.csv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "does not exist" in err and "nope" in err, err

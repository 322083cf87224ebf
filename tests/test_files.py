"""Writing never loses what was saved (issue 11, items 2, 3, 5, 6 and 10).

Each failure is reproduced first: a full disk is a patched temporary file whose ``write`` raises
``OSError(ENOSPC)`` after some bytes (what a real full disk does mid-write), Ctrl-C is a real
SIGINT sent to this process while ``write_tables`` writes, and a truncated table is a gzip file
cut exactly at a member boundary (which gzip itself reads without complaint).
"""

from __future__ import annotations

import dataclasses
import errno
import gzip
import hashlib
import io
import os
import signal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeykit.files as jf
from journeykit.cli import main
from journeykit.errors import OverwriteError, ParameterError, SchemaError, WriteError
from journeykit.files import (
    FORMULA_PREFIXES,
    neutralise_formulas,
    write_file,
    write_folder,
    write_text,
)
from journeykit.schema import MANIFEST, read_tables, write_tables
from journeykit.synth import generate


class _FullDisk:
    """A temporary file that accepts ``room`` bytes, then fails like a full disk."""

    def __init__(self, real, room: int):
        self.real, self.room = real, room

    def write(self, data):
        data = bytes(data)
        if len(data) > self.room:
            self.real.write(data[: self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


@pytest.fixture
def full_disk(monkeypatch):
    """After this, every atomic write fails with ENOSPC once ``room`` bytes are written."""

    def install(room: int = 100):
        real_open = jf._open_temp

        def open_temp(folder, name):
            fh, tmp = real_open(folder, name)
            return _FullDisk(fh, room), tmp

        monkeypatch.setattr(jf, "_open_temp", open_temp)

    return install


def _snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- item 2: a full disk leaves the old file, never a truncated one ---------------------------


@pytest.mark.parametrize("suffix", [".json", ".html", ".png", ".svg"])
def test_full_disk_keeps_the_old_map_file(suffix, tmp_path, full_disk, capsys):
    src = tmp_path / "map.json"
    assert main(["map", "example", "coffee", "--out", str(src)]) == 0
    target = src if suffix == ".json" else tmp_path / f"map{suffix}"
    if suffix != ".json":
        assert main(["map", "render", str(src), "--out", str(target)]) == 0
    before = target.read_bytes()
    assert len(before) > 200
    full_disk(room=100)
    if suffix == ".json":
        code = main(["map", "example", "coffee", "--lang", "id", "--out", str(src), "--force"])
    else:
        code = main(["map", "render", str(src), "--out", str(target), "--force"])
    err = capsys.readouterr().err
    assert code == 2 and "no space left" in err and err.count("\n") == 1, err
    assert target.read_bytes() == before  # byte for byte the previous file
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        {"map.json", target.name}
    )  # no temporary file left behind


def test_full_disk_on_a_new_file_leaves_no_file_that_blocks_a_rerun(tmp_path, full_disk):
    """The 0-byte PNG that then needed --force: now there is no file at all."""
    src = tmp_path / "map.json"
    assert main(["map", "example", "coffee", "--out", str(src)]) == 0
    full_disk(room=0)
    assert main(["map", "render", str(src), "--out", str(tmp_path / "m.png")]) == 2
    assert not (tmp_path / "m.png").exists()


def test_an_error_inside_the_writer_keeps_the_old_file(tmp_path):
    f = write_text(tmp_path / "a.txt", "old\n")

    def boom(fh):
        fh.write(b"half of the new")
        raise RuntimeError("the figure failed to draw")

    with pytest.raises(RuntimeError):
        write_file(f, boom, force=True)
    assert f.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_existing_file_mode_is_kept_and_new_files_follow_the_umask(tmp_path):
    f = write_text(tmp_path / "a.txt", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert f.stat().st_mode & 0o777 == 0o666 & ~mask
    os.chmod(f, 0o640)
    write_text(f, "y", force=True)
    assert f.stat().st_mode & 0o777 == 0o640


def test_dangling_symlink_is_refused_and_a_live_one_is_followed(tmp_path):
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "nowhere" / "x.json")
    with pytest.raises(ParameterError, match="symlink to .*does not exist"):
        write_text(link, "x", force=True)
    assert not (tmp_path / "nowhere").exists()
    real = write_text(tmp_path / "real.txt", "old")
    live = tmp_path / "live.txt"
    live.symlink_to(real)
    with pytest.raises(OverwriteError):
        write_text(live, "new")
    write_text(live, "new", force=True)
    assert live.is_symlink() and real.read_text() == "new"


def test_a_folder_or_a_file_in_the_way_is_one_error(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(ParameterError, match="is a folder; expected a file name"):
        write_text(tmp_path / "d", "x", force=True)
    (tmp_path / "f").write_text("x")
    with pytest.raises(ParameterError, match="is a file, not a folder"):
        write_text(tmp_path / "f" / "g" / "h.txt", "x")
    with pytest.raises(ParameterError, match="is a file; expected a folder"):
        write_folder(tmp_path / "f", lambda tmp: None, force=True)


def test_read_only_folder_is_a_write_error(tmp_path, monkeypatch):
    def refuse(folder, name):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(jf, "_open_temp", refuse)
    with pytest.raises(WriteError, match="not allowed to write there"):
        write_text(tmp_path / "a.txt", "x")


def test_svg_export_is_identical_across_runs(tmp_path):
    src = tmp_path / "map.json"
    assert main(["map", "example", "coffee", "--out", str(src)]) == 0
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    assert main(["map", "render", str(src), "--out", str(a)]) == 0
    assert main(["map", "render", str(src), "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


# --- item 3: an interrupted synth --force leaves the old data set, never a mix -----------------


@pytest.fixture(scope="module")
def two_data_sets():
    return generate("coffee", n_users=300, seed=1), generate("coffee", n_users=400, seed=2)


@pytest.mark.parametrize("fail_at", [1, 2, 4])
def test_sigint_during_write_tables_keeps_the_old_data_set(fail_at, two_data_sets, tmp_path):
    old, new = two_data_sets
    folder = tmp_path / "data"
    write_tables(old, folder)
    (folder / "notes.txt").write_text("my notes")
    before = _snapshot(folder)
    import journeykit.schema as schema

    real = schema._write_csv_gz
    calls = []

    def interrupted(df, file):
        calls.append(file.name)
        if len(calls) == fail_at + 1:
            real(df, file)
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, as the terminal sends it
        real(df, file)

    schema._write_csv_gz = interrupted
    # a process started in the background by a shell without job control ignores SIGINT;
    # Python's own handler is what a learner's terminal session has
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_tables(new, folder, force=True)
    finally:
        schema._write_csv_gz = real
        signal.signal(signal.SIGINT, previous)
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # temporary folder removed
    back = read_tables(folder)
    assert len(back.users) == len(old.users)


def test_full_disk_during_synth_force_keeps_the_old_data_set(two_data_sets, tmp_path, capsys):
    old, _ = two_data_sets
    folder = tmp_path / "data"
    write_tables(old, folder)
    before = _snapshot(folder)
    import journeykit.schema as schema

    real = schema._write_csv_gz

    def no_space(df, file):
        if file.name.startswith("orders"):
            file.write_bytes(b"\x1f\x8b partial")
            raise OSError(errno.ENOSPC, "No space left on device")
        real(df, file)

    schema._write_csv_gz = no_space
    try:
        code = main(["synth", "--users", "400", "--seed", "2", "--out", str(folder), "--force"])
    finally:
        schema._write_csv_gz = real
    err = capsys.readouterr().err
    assert code == 2 and "no space left" in err and err.count("\n") == 1, err
    assert _snapshot(folder) == before


def test_force_keeps_a_learners_own_files_and_replaces_every_table(two_data_sets, tmp_path):
    old, new = two_data_sets
    folder = tmp_path / "data"
    write_tables(old, folder, fmt="parquet")
    (folder / "notes.txt").write_text("my notes")
    (folder / "charts").mkdir()
    (folder / "charts" / "a.png").write_bytes(b"png")
    write_tables(new, folder, force=True)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        ["charts", "notes.txt", MANIFEST] + [f"{n}.csv.gz" for n, _ in new.items()]
    )
    assert (folder / "notes.txt").read_text() == "my notes"
    assert (folder / "charts" / "a.png").read_bytes() == b"png"
    assert len(read_tables(folder).users) == len(new.users)


# --- item 5: a truncated table is an error that says so -----------------------------------------


def _member_boundaries(blob: bytes) -> list[int]:
    """Byte offsets where one gzip member ends and the next begins (worked out independently
    of journeykit: decompress member by member with zlib and note where each one stops)."""
    import zlib

    ends, pos = [], 0
    while pos < len(blob):
        d = zlib.decompressobj(wbits=31)
        d.decompress(blob[pos:])
        pos = len(blob) - len(d.unused_data)
        ends.append(pos)
    return ends


def test_gzip_cut_at_a_member_boundary_is_an_error(tmp_path, monkeypatch):
    import journeykit.schema as schema

    monkeypatch.setattr(schema, "_CSV_SLICE_ROWS", 500)  # several members in a small table
    tables = generate("coffee", n_users=2000, seed=3)
    folder = tmp_path / "data"
    write_tables(tables, folder)
    file = folder / "events.csv.gz"
    blob = file.read_bytes()
    ends = _member_boundaries(blob)
    assert len(ends) >= 3 and ends[-1] == len(blob)
    cut = blob[: ends[0]]
    # the premise: gzip and pandas read the cut file as complete, with fewer rows
    assert len(gzip.decompress(cut).splitlines()) == 501
    assert len(pd.read_csv(folder / "events.csv.gz")) == len(tables.events)
    file.write_bytes(cut)
    assert len(pd.read_csv(file)) == 500
    with pytest.raises(SchemaError, match=r"events: .*has [\d,]+ bytes, the manifest .*truncated"):
        read_tables(folder)


def test_rows_and_checksum_are_both_checked(tmp_path):
    tables = generate("coffee", n_users=100, seed=4)
    folder = tmp_path / "data"
    write_tables(tables, folder)
    blob = bytearray((folder / "users.csv.gz").read_bytes())
    blob[-9] ^= 0xFF  # same size, one byte changed (inside the CRC of the last member)
    (folder / "users.csv.gz").write_bytes(bytes(blob))
    with pytest.raises(SchemaError, match="users: .*does not match the SHA-256 checksum"):
        read_tables(folder)


def test_a_table_swapped_for_another_format_is_caught(tmp_path):
    tables = generate("coffee", n_users=100, seed=4)
    folder = tmp_path / "data"
    write_tables(tables, folder)
    (folder / "survey.csv.gz").unlink()
    tables.survey.head(3).to_csv(folder / "survey.csv", index=False)
    with pytest.raises(SchemaError, match="survey: .*not the file the manifest lists"):
        read_tables(folder)


def test_truncated_table_through_the_cli_is_one_line(tmp_path, capsys):
    folder = tmp_path / "data"
    assert main(["synth", "--users", "200", "--out", str(folder)]) == 0
    blob = (folder / "events.csv.gz").read_bytes()
    (folder / "events.csv.gz").write_bytes(blob[: len(blob) - 40])
    capsys.readouterr()
    assert main(["funnel", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "truncated" in err and "events.csv.gz" in err, err


def test_manifest_matches_what_was_written(tmp_path):
    import json

    tables = generate("coffee", n_users=100, seed=5)
    write_tables(tables, tmp_path / "d")
    m = json.loads((tmp_path / "d" / MANIFEST).read_text())
    for name, df in tables.items():
        file = tmp_path / "d" / f"{name}.csv.gz"
        entry = m["tables"][name]
        assert entry["rows"] == len(df) == len(pd.read_csv(file))
        assert entry["sha256"] == hashlib.sha256(file.read_bytes()).hexdigest()
        assert entry["bytes"] == file.stat().st_size


# --- item 6: CSV formula neutralising -----------------------------------------------------------


def test_message_csv_neutralises_formulas_and_can_be_turned_off(tmp_path, capsys):
    from journeykit.messages import render_messages, write_messages

    customers = tmp_path / "c.csv"
    customers.write_text(
        'customer_name,product\n"=HYPERLINK(""http://x"",""y"")",kopi\n@SUM(A1),teh\nSari,-1\n',
        encoding="utf-8",
    )
    out = tmp_path / "m.csv"
    assert (
        main(
            [
                "message",
                "render",
                "{customer_name}",
                str(customers),
                "--out",
                str(out),
            ]
        )
        != 0
    )  # a bare template text is not a template key or file
    tpl = tmp_path / "t.txt"
    tpl.write_text("{customer_name}", encoding="utf-8")
    assert main(["message", "render", str(tpl), str(customers), "--out", str(out)]) == 0
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert back["message"].tolist() == ['\'=HYPERLINK("http://x","y")', "'@SUM(A1)", "Sari"]
    msgs = render_messages("{customer_name}", pd.DataFrame({"customer_name": ["+1", "\tx"]}))
    raw = write_messages(msgs, tmp_path / "raw.csv", neutralise=False)
    assert pd.read_csv(raw, dtype=str)["message"].tolist() == ["+1", "\tx"]


def test_funnel_csv_neutralises_text_but_not_numbers(tmp_path, capsys):
    tables = generate("coffee", n_users=300, seed=6)
    events = tables.events.copy()
    evil = "=cmd|' /C calc'!A0"
    events["campaign"] = events["campaign"].where(events["campaign"].isna(), evil)
    assert (events["campaign"] == evil).any()
    folder = tmp_path / "d"
    write_tables(dataclasses.replace(tables, events=events), folder)
    capsys.readouterr()
    assert main(["funnel", str(folder), "--by", "campaign"]) == 0
    safe = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert "'" + evil in set(safe["campaign"]) and evil not in set(safe["campaign"])
    assert pd.api.types.is_numeric_dtype(safe["users"])  # numbers stay numbers
    out = tmp_path / "raw.csv"
    assert (
        main(["funnel", str(folder), "--by", "campaign", "--no-neutralise", "--out", str(out)]) == 0
    )
    assert evil in set(pd.read_csv(out, keep_default_na=False)["campaign"])
    df = pd.DataFrame({"label": ["-drop", "ok"], "change": [-0.5, 0.1]})
    assert neutralise_formulas(df).to_dict("list") == {
        "label": ["'-drop", "ok"],
        "change": [-0.5, 0.1],
    }


@given(st.text(max_size=20))
def test_neutralised_text_never_starts_with_a_formula_prefix(text):
    out = neutralise_formulas(pd.DataFrame({"a": [text]}))["a"].iloc[0]
    assert not out.startswith(FORMULA_PREFIXES)
    # and the change is exactly one leading quote, only when needed
    assert out == ("'" + text if text.startswith(FORMULA_PREFIXES) else text)


def test_the_current_folder_is_not_swapped_away(tmp_path, monkeypatch, two_data_sets):
    old, new = two_data_sets
    folder = tmp_path / "data"
    write_tables(old, folder)
    monkeypatch.chdir(folder)
    with pytest.raises(ParameterError, match="is the current folder"):
        write_tables(new, ".", force=True)
    assert len(read_tables(folder).users) == len(old.users)

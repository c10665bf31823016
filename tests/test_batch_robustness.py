"""Robustness of `policygen batch` under hostile CSV files, as properties of whole runs.

Hypothesis writes CSV files: a header of real dotted keys mixed with unknown, empty,
repeated and path-like column names; rows of valid values, hostile text (every Unicode
category, markup, `../` names, the delimiter and quotes inside cells, line breaks inside
quoted cells), short and long rows; written as UTF-8 (with or without a BOM), CRLF, or
bytes that are not UTF-8. Each is run as `policygen batch skoler.csv -o out -f md -j 1`
in-process (click's CliRunner) in a fresh folder. For every file:

- the exit code is 0 (every school built), 1 (some school failed, and the summary says
  which) or 2 (the CSV as a whole could not be read: one `Error: skoler.csv[:line]: ...`);
- nothing says Traceback or Internal error, and the output holds no control character
  (a school's name cannot move the terminal's cursor or colour its text);
- every failed school is listed as `skoler.csv:N:` with N a line of the file, and each of
  its errors as `Error: skoler.csv:N: ...`;
- the folder holds only the CSV and `out/`; `out/` holds only the batch's state file and
  complete files named by slugs; after exit 2 nothing at all.

Every run (profile "ci") draws 400 files (about 6 s); `pytest -m slow` draws 5,000.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.frontends.cli import cli
from tests.hostile_files import ANY_CHARACTER, DRAWABLE, MARKUP, OPTIONS, SPECIAL, texts

CSV_FILE = "skoler.csv"
KEYS = [key for key, option in OPTIONS.items() if option.type in ("text", "choice", "bool", "date")]
# The columns a school cannot be built without (the name, and the facts the library asks for:
# platform, incident system, the union's name), put first when the drawn header lacks them.
REQUIRED = [key for key, option in OPTIONS.items() if option.required and option.when is None and option.type == "text"]
REQUIRED += [f"{key}.name" for key, option in OPTIONS.items() if option.required and option.type == "contact"]
ODD_COLUMNS = ["", " ", "school", "school.", ".name", "school..name", "school.name.x", "choices", "__proto__",
               "../x", "Skolens navn", "school.Name", "\ufeffschool.name", "school.name ", "school.logo", "theme",
               "clauses", "library", "language"]  # fmt: skip
OUTPUT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.(md|record\.json)$")
FAILED = re.compile(rf"^{re.escape(CSV_FILE)}:(\d+)( \(.+\))?:$")
ROW_ERROR = re.compile(r"^  Error: (?P<file>[^:]+)(:(?P<line>\d+))?: .+$")
FILE_ERROR = re.compile(rf"^Error: {re.escape(CSV_FILE)}(:\d+)?: .+$")


def _valid_cell(key: str) -> st.SearchStrategy[str]:
    if key not in OPTIONS:  # a contact's name
        return texts(DRAWABLE, 80).map(lambda text: "Skole " + text)
    option = OPTIONS[key]
    if option.type in ("choice", "bool"):
        return st.sampled_from([str(choice).lower() for choice in option.choices] + ["ja", "nej"])
    if option.type == "date":
        return st.dates().map(lambda date: date.isoformat())
    return texts(DRAWABLE, min(option.max_length or 80, 80)).map(lambda text: "Skole " + text)


def _hostile_cell() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(ANY_CHARACTER, max_size=12),
        MARKUP,
        SPECIAL,
        st.sampled_from(["../../x", "/etc/passwd", "..", ".", "con", "x" * 5_000, '"', ";", ",", "\t", "\r\n",
                         "a\nb", "\x1b[31mrød\x1b[0m", "\x00", "=1+1", "true", "2026-02-30"]),  # fmt: skip
    )


def _column(name: str) -> str:
    return name.strip().lstrip("\ufeff")


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """The file's bytes, and what was done to it (for a failure report)."""
    names = st.sampled_from(KEYS) | st.sampled_from(ODD_COLUMNS)
    unique = st.lists(names, min_size=1, max_size=8, unique_by=_column)
    drawn = draw(st.one_of(unique, unique, st.lists(names, max_size=8)))  # some named twice, some empty
    missing = [key for key in REQUIRED if key not in map(_column, drawn)]
    columns = (missing if drawn else []) + drawn
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        width = draw(st.sampled_from([len(columns), len(columns), max(0, len(columns) - 1), len(columns) + 2]))
        row = []
        for index in range(width):
            column = columns[index] if index < len(columns) else ""
            valid = _valid_cell(column) if column in OPTIONS or column in REQUIRED else st.just("")
            if column in REQUIRED and column != "school.name":  # the facts mostly given: schools are built
                valid = st.one_of(valid, valid, valid)
            row.append(draw(valid | _hostile_cell() | st.just("")))
        rows.append(row)
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(columns)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    data = text.getvalue().encode(encoding, errors="replace")
    return data, [f"delimiter {delimiter!r}", encoding, f"{len(rows)} rows"]


def run_csv(data: bytes, note: list[str], base: Path, stats: Counter[str]) -> None:
    folder = Path(tempfile.mkdtemp(dir=base))
    (folder / CSV_FILE).write_bytes(data)
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=folder) as cwd:
        shutil.move(str(folder / CSV_FILE), Path(cwd) / CSV_FILE)
        result = runner.invoke(cli, ["batch", CSV_FILE, "-o", "out", "-f", "md", "-j", "1"])
        why = (
            f"exit {result.exit_code}; {note}\nstdout: {result.stdout[:3_000]!r}\n"
            f"stderr: {result.stderr[:2_000]!r}\nfile: {data[:300]!r}"
        )
        stats[f"exit {result.exit_code}"] += 1
        assert result.exit_code in (0, 1, 2), why
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "Internal error" not in output, why
        assert not [ch for ch in output if unicodedata.category(ch) == "Cc" and ch not in "\n"], why
        lines_in_file = data.count(b"\n") + 2
        if result.exit_code == 2:
            assert [line for line in result.stderr.splitlines() if line.startswith("Error")], why
            for line in result.stderr.splitlines():
                assert FILE_ERROR.match(line) or not line.startswith("Error"), why
            assert not (Path(cwd) / "out").exists() or not any((Path(cwd) / "out").iterdir()), why
            stats["CSV refused: " + re.sub(r"^Error: [^:]+(:\d+)?: |[:'(].*$", "", result.stderr.splitlines()[-1])] += 1
        else:
            check_summary(result.stdout, result.exit_code, lines_in_file, why, stats)
            check_out(Path(cwd), why)


def check_summary(stdout: str, exit_code: int, lines_in_file: int, why: str, stats: Counter[str]) -> None:
    lines = stdout.splitlines()
    counts = next((line for line in lines if re.match(r"^\d+ built, \d+ unchanged, \d+ failed$", line)), None)
    assert counts is not None, why
    built, _, failed = (int(word) for word in re.findall(r"\d+", counts))
    stats["schools built"] += built
    stats["schools failed"] += failed
    assert (failed > 0) == (exit_code == 1), why
    listed = [int(match[1]) for line in lines if (match := FAILED.match(line))]
    assert len(listed) == failed, why
    assert all(1 <= number <= lines_in_file for number in listed), why
    for line in lines:
        if line.startswith("  Error"):
            match = ROW_ERROR.match(line)  # a row's error, or one in a file it names (a theme, a logo)
            assert match, why
            if match["file"] == CSV_FILE:
                assert match["line"] and 1 <= int(match["line"]) <= lines_in_file, why


def check_out(cwd: Path, why: str) -> None:
    assert {path.name for path in cwd.iterdir()} <= {CSV_FILE, "out"}, why
    out = cwd / "out"
    for path in out.iterdir() if out.exists() else []:
        if path.name in (".policygen-batch.db", ".policygen-batch.lock"):
            continue
        assert OUTPUT.match(path.name), f"{path.name}: not a complete output named by a slug\n{why}"
        assert path.stat().st_size > 0, why
        if path.name.endswith(".record.json"):
            assert json.loads(path.read_text(encoding="utf-8"))["outputs"], why


def run_property(examples: int, base: Path, profile: str) -> Counter[str]:
    stats: Counter[str] = Counter()

    @settings(settings.get_profile(profile), max_examples=examples)
    @given(drawn=csv_files())
    def check(drawn: tuple[bytes, list[str]]) -> None:
        run_csv(*drawn, base, stats)

    start = time.perf_counter()
    check()
    stats["seconds"] = round(time.perf_counter() - start)
    return stats


@pytest.fixture
def base(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("POLICYGEN_DEBUG", raising=False)
    return tmp_path_factory.mktemp("hostile-csv")


def report(capsys: pytest.CaptureFixture[str], stats: Counter[str]) -> None:
    with capsys.disabled():
        print("\nCSV files: " + ", ".join(f"{key} {value:,}" for key, value in sorted(stats.items())))


def test_csv_files(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = run_property(400, base, "ci")
    report(capsys, stats)
    assert stats["schools built"] > 0 and stats["schools failed"] > 0  # both kinds of school were drawn


@pytest.mark.slow
def test_csv_files_slow(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report(capsys, run_property(5_000, base, "slow"))

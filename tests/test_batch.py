"""Many schools at once: failures isolated, incremental re-runs, CSV input, safe names, interruption."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import ROOT
from tests.helpers import FACTS, facts_yaml

# The facts every school must give (tests.helpers.FACTS), as CSV columns and cells.
FACT_COLUMNS = ["choices.platform", "choices.incident_system", "contacts.union.name"]
FACT_CELLS = [FACTS["choices"]["platform"], FACTS["choices"]["incident_system"], FACTS["contacts"]["union"]["name"]]


def with_fact_columns(csv_text: str, delimiter: str = ";") -> str:
    """A CSV's text with the facts' columns added to its header (its first line) and every row."""
    header, *rows = csv_text.split("\n")
    rows = [row + delimiter + delimiter.join(FACT_CELLS) if row else row for row in rows]
    return "\n".join([header + delimiter + delimiter.join(FACT_COLUMNS), *rows])


NAMES = ["Agerskov", "Bramdrup", "Dalby", "Eltang", "Fynslund", "Gudsø", "Hejls", "Krybily", "Lunderskov", "Møllevang"]
CHOICES = ["not-allowed", "advised-against", "own-judgement"]


def make_schools(folder: Path, count: int = 10, broken: str | None = "Hejls") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, name in enumerate(NAMES[:count]):
        choice = "nope" if name == broken else CHOICES[index % 3]
        path = folder / f"{name.lower()}.yaml"
        path.write_text(
            facts_yaml(
                f"school:\n  name: {name} Skole\n  municipality: Kolding Kommune\n"
                f"choices:\n  friendships:\n    current_pupils: {choice}\n"
            ),
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".policygen")}


def test_batch_of_ten_with_one_broken(tmp_path: Path, run: Callable[..., object]) -> None:
    make_schools(tmp_path / "in")
    out = tmp_path / "out"
    result = run("batch", tmp_path / "in", "-o", out, "-f", "docx", "-j", "2")
    assert result.exit_code == 1
    assert len(list(out.glob("*.docx"))) == 9
    assert "9 built, 0 unchanged, 1 failed" in result.stdout
    assert (
        f"{tmp_path / 'in' / 'hejls.yaml'} (Hejls Skole):\n  Error: {tmp_path / 'in' / 'hejls.yaml'}:6: "
        "choices.friendships.current_pupils: expected one of not-allowed, advised-against, own-judgement "
        "but received 'nope'" in result.stdout
    )
    failed = [line for line in result.stdout.splitlines() if " failed " in f" {line} " and "hejls" in line]
    assert failed, result.stdout
    assert docx.Document(str(out / "agerskov-skole.docx")).core_properties.author == "Agerskov Skole"

    again = run("batch", tmp_path / "in", "-o", out, "-f", "docx", "-j", "2")
    assert "0 built, 9 unchanged, 1 failed" in again.stdout

    changed = tmp_path / "in" / "dalby.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("own-judgement", "not-allowed"), encoding="utf-8")
    third = run("batch", tmp_path / "in", "-o", out, "-f", "docx", "-j", "2")
    assert "1 built, 8 unchanged, 1 failed" in third.stdout
    built = [line for line in third.stdout.splitlines() if " built " in line]
    assert len(built) == 1 and built[0].startswith("Dalby Skole")

    forced = run("batch", tmp_path / "in", "-o", out, "-f", "docx", "--force")
    assert "9 built, 0 unchanged, 1 failed" in forced.stdout


def test_library_change_rebuilds(tmp_path: Path, run: Callable[..., object]) -> None:
    make_schools(tmp_path / "in", count=2, broken=None)
    out = tmp_path / "out"
    run("batch", tmp_path / "in", "-o", out, "-f", "md")
    overlay = tmp_path / "overlay"
    (overlay / "clauses").mkdir(parents=True)
    result = run("batch", tmp_path / "in", "-o", out, "-f", "md", "--clauses", overlay)
    assert "2 built, 0 unchanged, 0 failed" in result.stdout


CSV = with_fact_columns("""\
school.name;school.municipality;choices.friendships.current_pupils;choices.messaging.beyond_neutral;contacts.leader.name
Agerskov Skole;Kolding Kommune;not-allowed;nej;Mette Ø
Bramdrup Skole;Kolding Kommune;maybe;ja;
../../evil;Kolding Kommune;own-judgement;ja;Jens
""")


def test_csv_rows_become_schools(tmp_path: Path, run: Callable[..., object]) -> None:
    csv_file = tmp_path / "skoler.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", csv_file, "-o", out, "-f", "md")
    assert result.exit_code == 1
    assert (
        f"Error: {csv_file}:3: choices.friendships.current_pupils: expected one of not-allowed, "
        "advised-against, own-judgement but received 'maybe'" in result.stdout
    )
    assert files_in(out) == {"agerskov-skole.md", "agerskov-skole.record.json", "evil.md", "evil.record.json"}
    assert "Mette Ø" in (out / "agerskov-skole.md").read_text(encoding="utf-8")
    assert "Sms må kun bruges til helt neutrale beskeder" in (out / "agerskov-skole.md").read_text(encoding="utf-8")
    assert not (tmp_path / "evil.md").exists() and not (tmp_path.parent / "evil.md").exists()


def batch_csv(tmp_path: Path, run: Callable[..., object], content: str | bytes) -> tuple[Any, Path]:
    """Run `policygen batch skoler.csv -o out -f md` on `content`; the result and the CSV's path."""
    csv_file = tmp_path / "skoler.csv"
    csv_file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return run("batch", csv_file, "-o", tmp_path / "out", "-f", "md"), csv_file


def test_csv_of_one_column_builds(tmp_path: Path, run: Callable[..., object]) -> None:
    """A header without a delimiter is one column: the comma in a cell is part of the school's name."""
    result, csv_file = batch_csv(tmp_path, run, "school.name\nSkolen ved Søen, Kolding\n")
    assert result.exit_code == 1  # one column cannot give the facts every school must give
    errors = [line.strip() for line in result.stdout.splitlines() if line.startswith("  Error")]
    assert [error.split(": ")[2] for error in errors] == [
        "choices.incident_system", "choices.platform", "contacts.union"
    ]
    assert all(error.startswith(f"Error: {csv_file}:2: ") for error in errors)
    result, csv_file = batch_csv(tmp_path, run, with_fact_columns("school.name\nSkolen ved Søen, Kolding\n"))
    assert result.exit_code == 0, result.stderr
    built = (tmp_path / "out" / "skolen-ved-soeen-kolding.md").read_text(encoding="utf-8")
    assert "Skolen ved Søen, Kolding" in built


def test_csv_row_with_more_cells_than_the_header_fails_alone(tmp_path: Path, run: Callable[..., object]) -> None:
    """An unquoted comma in a comma-separated file would shift every later cell into the wrong option."""
    result, csv_file = batch_csv(
        tmp_path, run, with_fact_columns("school.name\nAgerskov Skole\nSkolen ved Søen, Kolding\n", ",")
    )
    assert result.exit_code == 1
    assert result.stdout.endswith(
        f"\n{csv_file}:3 (Skolen ved Søen):\n  Error: {csv_file}:3: the row has 5 cells but the header names 4 "
        "columns: a cell that holds the delimiter (',') must be in double quotes\n"
    )
    assert files_in(tmp_path / "out") == {"agerskov-skole.md", "agerskov-skole.record.json"}


def test_csv_column_named_twice_is_refused(tmp_path: Path, run: Callable[..., object]) -> None:
    result, csv_file = batch_csv(tmp_path, run, "school.name;choices.platform;school.name\nA;AULA;B\n")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: {csv_file}:1: the column 'school.name' is named twice (columns 1 and 3): keep one\n"
    )
    assert not (tmp_path / "out").exists()


def test_csv_line_numbers_count_only_line_ends(tmp_path: Path, run: Callable[..., object]) -> None:
    """U+2028 or U+2029 inside a cell is no line end to an editor, so not to the error either."""
    result, csv_file = batch_csv(
        tmp_path, run, with_fact_columns("school.name;school.type\nEn\u2028Skole;public\nTo\u2029Skole;privat\n")
    )
    assert result.exit_code == 1
    assert (
        f"  Error: {csv_file}:3: school.type: expected one of public, free-private but received 'privat'; "
        "did you mean 'free-private'?\n"
    ) in result.stdout


def test_csv_row_is_named_by_the_line_it_starts_on(tmp_path: Path, run: Callable[..., object]) -> None:
    """A quoted cell may hold a line break; a blank line before the header is no header."""
    csv_text = 'school.name;school.type;' + ";".join(FACT_COLUMNS) + "\n"
    cells = ";".join(FACT_CELLS)
    csv_text = f'\n{csv_text}"En\nSkole";privat;{cells}\nTo Skole;fri;{cells}\n'
    result, csv_file = batch_csv(tmp_path, run, csv_text)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if line.startswith("  Error")]
    assert [error.split(": ", 2)[1].rsplit(":", 1)[1] for error in errors] == ["3", "5"]


def test_csv_cell_with_a_control_character_fails_its_row(tmp_path: Path, run: Callable[..., object]) -> None:
    """As in an options file: a NUL in a cell never reaches a path or a document."""
    result, csv_file = batch_csv(
        tmp_path, run, with_fact_columns("school.name;clauses\nAgerskov Skole;\nBramdrup Skole;kreds\x00\n")
    )
    assert result.exit_code == 1
    assert result.stdout.endswith(
        f"\n{csv_file}:3 (Bramdrup Skole):\n  Error: {csv_file}:3: clauses: contains the control character U+0000 at "
        "position 6; remove it (it cannot be printed)\n"
    )
    assert files_in(tmp_path / "out") == {"agerskov-skole.md", "agerskov-skole.record.json"}


def test_csv_from_excel_in_windows_1252_says_how_to_save_it(tmp_path: Path, run: Callable[..., object]) -> None:
    result, csv_file = batch_csv(tmp_path, run, "school.name\nSøndervang Skole\n".encode("cp1252"))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: {csv_file}:2: the file is not UTF-8 text (byte 0xf8 at column 2); save it as UTF-8 "
        '(in Excel: "CSV UTF-8", in LibreOffice: character set Unicode (UTF-8))\n'
    )


def test_summary_shows_names_and_paths_on_one_plain_line() -> None:
    from generator.frontends.batch import JobResult
    from generator.frontends.summary import summary_table

    results = [
        JobResult("a", "a.yaml", "Skole\tmed\ntab", "built", ["skole.md"], 0.5),
        JobResult("b", "b\x1b[31m.yaml", "", "failed", errors=["b\x1b[31m.yaml: school.name: is required"]),
    ]
    table = summary_table(results)
    assert "Skole med tab  built" in table
    assert "\nb?[31m.yaml:\n  Error: b?[31m.yaml: school.name: is required" in table
    assert "\x1b" not in table and "\t" not in table


def test_schools_with_the_same_file_names_fail_naming_each_other(tmp_path: Path, run: Callable[..., object]) -> None:
    """Neither replaces the other, whichever worker would have finished last (issue 19, kind 1)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for stem, name in (("a", "Ens Skole"), ("b", "Ens Skole"), ("c", "Søndervang Skole"), ("d", "Soendervang Skole")):
        (folder / f"{stem}.yaml").write_text(facts_yaml(f"school:\n  name: {name}\n"), encoding="utf-8")
    (folder / "e.yaml").write_text(facts_yaml("school:\n  name: Anden Skole\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", folder, "-o", out, "-f", "md", "-j", "2")
    assert result.exit_code == 1
    assert files_in(out) == {"anden-skole.md", "anden-skole.record.json"}
    assert "1 built, 0 unchanged, 4 failed" in result.stdout
    a, b, c, d = (folder / f"{stem}.yaml" for stem in "abcd")
    assert (
        f"\n{a} (Ens Skole):\n  Error: {a}:2: school.name: 'Ens Skole' gives the same file names (ens-skole.*) as "
        f"{b}; give each school a name of its own\n"
    ) in result.stdout
    assert (
        f"\n{d} (Soendervang Skole):\n  Error: {d}:2: school.name: 'Soendervang Skole' gives the same file names "
        f"(soendervang-skole.*) as {c}; give each school a name of its own\n"
    ) in result.stdout


def test_a_csv_with_one_school_twice_fails_both_rows(tmp_path: Path, run: Callable[..., object]) -> None:
    result, csv_file = batch_csv(
        tmp_path, run, "school.name;choices.platform;choices.incident_system;contacts.union.name\n"
        "Ens Skole;Aula;SafetyNet;Kolding Lærerkreds\nAnden Skole;Aula;SafetyNet;Kolding Lærerkreds\n"
        "Ens Skole;Intra;SafetyNet;Kolding Lærerkreds\n"
    )
    assert result.exit_code == 1
    assert files_in(tmp_path / "out") == {"anden-skole.md", "anden-skole.record.json"}
    assert re.search(rf"\nEns Skole \({re.escape(str(csv_file))}:2\) +failed +- +-\n", result.stdout)
    assert (
        f"\n{csv_file}:4 (Ens Skole):\n  Error: {csv_file}:4: school.name: 'Ens Skole' gives the same file names "
        f"(ens-skole.*) as {csv_file}:2; give each school a name of its own\n"
    ) in result.stdout


def test_interrupted_batch_leaves_no_partial_file_and_resumes(tmp_path: Path) -> None:
    make_schools(tmp_path / "in", broken=None)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "generator",
        "batch",
        str(tmp_path / "in"),
        "-o",
        str(out),
        "-f",
        "docx",
        "-f",
        "pdf",
        "-j",
        "2",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    for path in out.iterdir():
        if path.name.startswith(".") and path.name.endswith(".part"):
            continue  # a temporary file of the killed run: not a document, removed by the next run
        assert path.stat().st_size > 0, path
        if path.suffix == ".pdf":
            assert path.read_bytes().rstrip().endswith(b"%%EOF"), path
    done_before = len(list(out.glob("*.pdf")))
    assert 3 <= done_before < 10
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert len(list(out.glob("*.pdf"))) == 10
    assert not list(out.glob(".*.part"))
    with sqlite3.connect(out / ".policygen-batch.db") as state:
        assert state.execute("SELECT count(*) FROM schools").fetchone() == (10,)


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "..", "con:aux"])
def test_output_names_never_leave_the_folder(tmp_path: Path, run: Callable[..., object], name: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "s.yaml").write_text(facts_yaml(f'school:\n  name: "{name}"\n'), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    result = run("batch", folder, "-o", out, "-f", "md")
    assert result.exit_code == 0, result.stdout
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    state = {"deep/out/.policygen-batch.db", "deep/out/.policygen-batch.lock"}
    assert written - {"in/s.yaml"} == {f"deep/out/{n}" for n in files_in(out)} | state

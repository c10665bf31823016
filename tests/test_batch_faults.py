"""A batch under concurrency and faults: two batches into one folder at once (with and without
O_TMPFILE), the batch's own process killed or stopped alone, a state that cannot be read, an
output folder that is a dangling link, under a file, read-only or full, and a build that fails
once its documents are written. No school is lost or overwritten, no process is left behind,
and every fault of the folder is the user's message with exit code 2 and the summary."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.test_batch import make_schools

# `policygen` with O_TMPFILE taken away, as on macOS, Windows or a network share
WITHOUT_O_TMPFILE = (
    "import os, sys; del os.O_TMPFILE; from generator.frontends.cli import main; sys.argv[0] = 'x'; main()"
)


def policygen_command(*args: str | Path, o_tmpfile: bool = True) -> list[str]:
    start = ["-m", "generator"] if o_tmpfile else ["-c", WITHOUT_O_TMPFILE]
    return [sys.executable, *start, *map(str, args)]


def csv_of_schools(path: Path, names: list[str]) -> Path:
    facts = ";Aula;SafetyNet;Kolding Lærerkreds"
    header = "school.name;school.municipality;choices.platform;choices.incident_system;contacts.union.name\n"
    path.write_text(header + "".join(f"{n};Kolding Kommune{facts}\n" for n in names), "utf-8")
    return path


def outputs(folder: Path, suffix: str) -> set[str]:
    return {path.name for path in folder.glob(f"*{suffix}")}


def no_temporary_files(folder: Path) -> bool:
    return not [path for path in folder.iterdir() if path.name.endswith(".part")]


# ---- two batches into one folder at once --------------------------------------------------------


@pytest.mark.parametrize("o_tmpfile", [True, False], ids=["O_TMPFILE", "without O_TMPFILE"])
def test_two_batches_into_one_folder_at_once_lose_nothing(tmp_path: Path, o_tmpfile: bool) -> None:
    first = csv_of_schools(tmp_path / "a.csv", [f"Alfa Skole {n}" for n in range(1, 13)])
    second = csv_of_schools(tmp_path / "b.csv", [f"Beta Skole {n}" for n in range(1, 13)])
    out = tmp_path / "out"
    commands = [policygen_command("batch", csv, "-o", out, "-f", "docx", "-j", "2", o_tmpfile=o_tmpfile)
                for csv in (first, second)]  # fmt: skip
    running = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for command in commands]  # fmt: skip
    done = [process.communicate(timeout=300) for process in running]
    assert [process.returncode for process in running] == [0, 0], done
    waited = [stderr for _, stderr in done if "is writing into this folder; waiting for it to finish" in stderr]
    assert len(waited) == 1, done  # they overlapped: the second waited for the first
    # the other batch's process number, when it has written it into the lock file yet
    assert re.search(rf"^{re.escape(str(out))}: another batch (\(process \d+\) )?is writing", waited[0], re.M)
    assert len(outputs(out, ".docx")) == 24 and len(outputs(out, ".record.json")) == 24
    assert no_temporary_files(out)
    for command in commands:  # each batch's state is all there: nothing to rebuild
        again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert "0 built, 12 unchanged, 0 failed" in again.stdout, again.stderr


def test_a_state_that_cannot_be_read_rebuilds_everything_said_once(
    tmp_path: Path, run: Callable[..., object]
) -> None:
    make_schools(tmp_path / "in", count=2, broken=None)
    out = tmp_path / "out"
    assert run("batch", tmp_path / "in", "-o", out, "-f", "md").exit_code == 0  # type: ignore[attr-defined]
    (out / ".policygen-batch.json").write_text('{"schools": ["a state of another shape"]}', encoding="utf-8")
    for flags in ([], ["--force"]):
        (out / ".policygen-batch.db").write_bytes(b"not a database, " * 100)
        result: Any = run("batch", tmp_path / "in", "-o", out, "-f", "md", *flags)
        assert result.exit_code == 0, result.stderr
        assert "2 built, 0 unchanged, 0 failed" in result.stdout
        assert result.stderr.count("cannot be read") == 1
        message = "cannot be read (file is not a database); every school is rebuilt"
        assert f"{out / '.policygen-batch.db'}: {message}\n" in result.stderr
    with sqlite3.connect(out / ".policygen-batch.db") as state:
        state.execute("DROP TABLE schools")
        state.execute("CREATE TABLE schools (key TEXT, outputs INTEGER)")
    shaped = run("batch", tmp_path / "in", "-o", out, "-f", "md")
    assert "(written by another version of policygen); every school is rebuilt" in shaped.stderr  # type: ignore[attr-defined]
    quiet = run("batch", tmp_path / "in", "-o", out, "-f", "md")
    assert "0 built, 2 unchanged, 0 failed" in quiet.stdout  # type: ignore[attr-defined]
    assert "cannot be read" not in quiet.stderr  # type: ignore[attr-defined]
    assert not (out / ".policygen-batch.json").exists()


# ---- the batch's own process killed or stopped alone ---------------------------------------------


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def start_slow_batch(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, list[str]]:
    make_schools(tmp_path / "in", count=6, broken=None)
    out = tmp_path / "out"
    command = policygen_command("batch", tmp_path / "in", "-o", out, "-f", "docx", "-f", "pdf", "-j", "2")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 2:
        time.sleep(0.05)
    return process, out, command


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_the_batch_killed_alone_leaves_no_worker_and_loses_no_school(tmp_path: Path, signum: int) -> None:
    process, out, command = start_slow_batch(tmp_path)
    workers = children(process.pid)
    assert len(workers) == 2
    os.kill(process.pid, signum)  # the main process alone, as a closing terminal or a scheduler does
    start = time.monotonic()
    stdout, stderr = process.communicate(timeout=60)
    assert time.monotonic() - start < 30, "the batch stops without building the rest"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "a worker outlived the batch"
    if signum == signal.SIGTERM:
        assert process.returncode == 128 + signal.SIGTERM
        left = int(re.search(r"Stopped by SIGTERM: (\d+) not built; run the batch again to build them\n$",
                             stderr)[1])  # type: ignore[index]  # fmt: skip
        assert re.search(rf"^\d+ built, 0 unchanged, 0 failed, {left} not built$", stdout, re.M), stdout
        assert left == stdout.count(" not built ") + stdout.count(" not built\n") - 1
    for path in out.iterdir():  # only complete documents
        if path.suffix == ".pdf":
            assert path.read_bytes().rstrip().endswith(b"%%EOF"), path
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert len(outputs(out, ".pdf")) == 6 and len(outputs(out, ".docx")) == 6
    assert no_temporary_files(out)
    with sqlite3.connect(out / ".policygen-batch.db") as state:
        assert state.execute("SELECT count(*) FROM schools").fetchone() == (6,)


# ---- faults of the output folder ----------------------------------------------------------------


def test_a_dangling_link_as_the_output_folder(tmp_path: Path, run: Callable[..., object]) -> None:
    make_schools(tmp_path / "in", count=2, broken=None)
    out = tmp_path / "out"
    out.symlink_to(tmp_path / "gone" / "udkast")
    result: Any = run("batch", tmp_path / "in", "-o", out, "-f", "md")
    assert (result.exit_code, result.stderr) == (2, f"Error: {out}: is a link to a folder that does not exist\n")
    assert "0 built, 0 unchanged, 0 failed, 2 not built" in result.stdout
    single: Any = run("build", tmp_path / "in" / "agerskov.yaml", "-o", out, "-f", "md")
    assert (single.exit_code, single.stderr) == (2, f"Error: {out}: is a link to a folder that does not exist\n")


def test_an_output_folder_under_a_file(tmp_path: Path, run: Callable[..., object]) -> None:
    make_schools(tmp_path / "in", count=2, broken=None)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result: Any = run("batch", tmp_path / "in", "-o", tmp_path / "notes.txt" / "out", "-f", "md")
    assert (result.exit_code, result.stderr) == (2, f"Error: {tmp_path / 'notes.txt'}: is a file, not a folder\n")
    assert "2 not built" in result.stdout


def test_a_pdf_target_that_is_a_folder_leaves_every_file_of_the_school_as_it_was(
    tmp_path: Path, run: Callable[..., object]
) -> None:
    make_schools(tmp_path / "in", count=1, broken=None)
    out, school = tmp_path / "out", tmp_path / "in" / "agerskov.yaml"
    assert run("build", school, "-o", out, "-f", "docx", "-f", "pdf").exit_code == 0  # type: ignore[attr-defined]
    (out / "agerskov-skole.pdf").unlink()
    (out / "agerskov-skole.pdf").mkdir()
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    school.write_text(school.read_text(encoding="utf-8").replace("not-allowed", "own-judgement"), encoding="utf-8")
    result: Any = run("build", school, "-o", out, "-f", "docx", "-f", "pdf")
    assert (result.exit_code, result.stderr) == (2, f"Error: {out / 'agerskov-skole.pdf'}: is a folder, not a file\n")
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()} == before
    assert no_temporary_files(out)
    batch: Any = run("batch", tmp_path / "in", "-o", out, "-f", "docx", "-f", "pdf")
    assert batch.exit_code == 1  # that school's own fault: it fails, the batch goes on
    assert f"  Error: {out / 'agerskov-skole.pdf'}: is a folder, not a file\n" in batch.stdout


UNSHARE = shutil.which("unshare")


def in_private_mount(tmp_path: Path, options: str, command: list[str]) -> subprocess.CompletedProcess[str]:
    """`command` with `out` a tmpfs mounted with `options`, in a mount namespace of its own (gone with it);
    after the command, the folder's listing follows a line `--- out`."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    script = (f'mount -t tmpfs -o {options} tmpfs "$1" || exit 99; shift; "$@"; code=$?; '
              f'echo "--- out"; ls -a "{out}"; exit $code')  # fmt: skip
    return subprocess.run([UNSHARE, "-rm", "sh", "-c", script, "sh", str(out), *command], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def can_mount(tmp_path: Path) -> bool:
    if UNSHARE is None:
        return False
    return in_private_mount(tmp_path, "size=64k", ["true"]).returncode == 0


def test_a_read_only_output_folder(tmp_path: Path) -> None:
    if not can_mount(tmp_path):
        pytest.skip("cannot mount a file system in a namespace of its own here")
    make_schools(tmp_path / "in", count=3, broken=None)
    out = tmp_path / "out"
    result = in_private_mount(tmp_path, "ro", policygen_command("batch", tmp_path / "in", "-o", out, "-f", "md"))
    assert (result.returncode, result.stderr) == (2, f"Error: {out}: read-only file system\n")
    assert "0 built, 0 unchanged, 0 failed, 3 not built" in result.stdout


def test_a_full_disk_stops_the_batch_with_its_summary(tmp_path: Path) -> None:
    if not can_mount(tmp_path):
        pytest.skip("cannot mount a file system in a namespace of its own here")
    make_schools(tmp_path / "in", broken=None)
    out = tmp_path / "out"
    command = policygen_command("batch", tmp_path / "in", "-o", out, "-f", "docx", "-f", "pdf", "-j", "2")
    result = in_private_mount(tmp_path, "size=600k", command)
    assert (result.returncode, result.stderr.splitlines()[-1]) == (2, f"Error: {out}: no space left on device")
    summary, listing = result.stdout.split("--- out\n")
    built = int(re.search(r"^(\d+) built, 0 unchanged, 0 failed, (\d+) not built$", summary, re.M)[1])  # type: ignore
    assert 0 < built < 10
    files = listing.split()
    assert not [name for name in files if name.endswith(".part")]
    pdfs = {name.removesuffix(".pdf") for name in files if name.endswith(".pdf")}
    records = {name.removesuffix(".record.json") for name in files if name.endswith(".record.json")}
    assert pdfs == records  # each school whole, or not at all
    # a school the other worker finished while the disk filled is whole on disk, but not yet counted
    assert built <= len(pdfs) <= built + 1


# ---- what batch prints off a terminal -------------------------------------------------------------


def test_off_a_terminal_the_batch_says_each_school_as_it_is_done(tmp_path: Path, run: Callable[..., object]) -> None:
    make_schools(tmp_path / "in", count=3, broken="Bramdrup")
    result: Any = run("batch", tmp_path / "in", "-o", tmp_path / "out", "-f", "md", "-j", "1")
    assert result.stderr.splitlines() == [
        "1/3 built: Agerskov Skole",
        "2/3 failed: Bramdrup Skole",
        "3/3 built: Dalby Skole",
    ]


"""Atomic output: an exception or a kill mid-build leaves the previous file or none, never a part.

On Linux a file is written nameless (O_TMPFILE) and gets its name only when complete,
so a SIGKILL at any moment leaves no temporary file. Where O_TMPFILE is missing the
temporary `.<name>.<random>.part` can survive a kill; the next write of that file
removes it (tested by forcing that path).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from generator import atomic
from generator.atomic import atomic_path, write_bytes_atomic
from generator.output_faults import OutputFault
from generator.pipeline import build
from tests.conftest import DEFAULTS_EXAMPLE, ROOT

FORMATS = ["docx", "pdf", "html", "md"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())} if folder.exists() else {}


def assert_only_complete_files(folder: Path) -> None:
    for path in folder.iterdir() if folder.exists() else []:
        assert not path.name.startswith("."), f"a temporary file was left: {path.name}"
        data = path.read_bytes()
        assert data, f"{path.name} is empty"
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as package:
                assert package.testzip() is None
        elif path.suffix == ".pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        elif path.suffix == ".json":
            json.loads(data)


# ---- exceptions ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete earlier build in all formats, of an earlier version (so every file differs)."""
    folder = tmp_path_factory.mktemp("previous")
    earlier = folder / "school.yaml"
    text = DEFAULTS_EXAMPLE.read_text(encoding="utf-8")
    assert 'version: "0.9"' in text
    earlier.write_text(text.replace('version: "0.9"', 'version: "0.8"'), encoding="utf-8")
    build(earlier, folder / "out", FORMATS)
    return folder / "out"


def half_then_fail(path: Path, data: bytes) -> None:
    with open(path, "wb") as file:
        file.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("failing", FORMATS + ["record"])
@pytest.mark.parametrize("mode", ["anonymous", "named"])
def test_a_write_failing_halfway_leaves_the_previous_files(
    failing: str, mode: str, previous: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    shutil.copytree(previous, out)
    before = snapshot(out)
    if mode == "named":
        monkeypatch.setattr(atomic, "_anonymous_file", lambda folder: None)
    if failing == "docx":
        monkeypatch.setattr(
            "generator.writers.docx.package.rezip", lambda data, target, when: half_then_fail(target, data)
        )
    else:
        original = Path.write_bytes
        wanted = {"pdf": b"%PDF", "html": b"<!DOCTYPE", "md": b"# ", "record": b"{"}[failing]

        def write_bytes(self: Path, data: bytes) -> int:
            if data.startswith(wanted):
                half_then_fail(self, data)
            return original(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(OutputFault) as raised:
        build(DEFAULTS_EXAMPLE, out, FORMATS)
    assert str(raised.value) == f"{out}: no space left on device"
    # the documents and the record are renamed into place together, only once every one is
    # written: a failure at any of them, the record included, leaves every file as it was
    assert snapshot(out) == before
    assert_only_complete_files(out)


def test_a_failed_first_build_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.writers.docx.package.rezip", lambda data, target, when: half_then_fail(target, data))
    with pytest.raises(OutputFault):
        build(DEFAULTS_EXAMPLE, tmp_path / "out", ["docx"])
    assert snapshot(tmp_path / "out") == {}


def test_an_empty_result_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(RuntimeError, match="refusing to write an empty file"), atomic_path(target):
        pass
    assert snapshot(tmp_path) == {"x.pdf": b"previous"}


def test_the_mode_follows_the_umask(tmp_path: Path) -> None:
    write_bytes_atomic(tmp_path / "x.md", b"x")
    assert (tmp_path / "x.md").stat().st_mode & 0o777 == 0o666 & ~atomic._UMASK


# ---- kills ----------------------------------------------------------------------------

WRITE_HALF_AND_WAIT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from generator import atomic
    if sys.argv[2] == "named":
        atomic._anonymous_file = lambda folder: None
    with atomic.atomic_path(Path(sys.argv[1])) as tmp:
        with open(tmp, "wb") as file:
            file.write(b"half of the new")
            file.flush()
            print("written", flush=True)
            time.sleep(60)
            file.write(b" file")
    """
)


def kill_while_writing(target: Path, mode: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITE_HALF_AND_WAIT, str(target), mode], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "written\n"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="no O_TMPFILE on this system")
def test_a_kill_while_writing_leaves_no_file_at_all(tmp_path: Path) -> None:
    target = tmp_path / "policy.docx"
    target.write_bytes(b"previous")
    kill_while_writing(target, "anonymous")
    assert snapshot(tmp_path) == {"policy.docx": b"previous"}


def test_without_o_tmpfile_the_next_write_removes_what_a_kill_left(tmp_path: Path) -> None:
    target = tmp_path / "policy.docx"
    target.write_bytes(b"previous")
    kill_while_writing(target, "named")
    left = [name for name in snapshot(tmp_path) if name != "policy.docx"]
    assert len(left) == 1 and left[0].startswith(".policy.docx.") and left[0].endswith(".part")
    assert (tmp_path / "policy.docx").read_bytes() == b"previous"
    write_bytes_atomic(target, b"new")
    assert snapshot(tmp_path) == {"policy.docx": b"new"}


def run_build_and_kill(folder: Path, when: str | float) -> dict[str, bytes]:
    """`policygen build -f docx -f pdf` in a child process, killed when the DOCX appears or after `when` s."""
    options = folder / "school.yaml"
    shutil.copy(DEFAULTS_EXAMPLE, options)
    out = folder / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", str(options), "-o", str(out), "-f", "docx", "-f", "pdf"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + (60 if when == "docx" else float(when))
    while time.monotonic() < deadline and child.poll() is None:
        if when == "docx" and any(out.glob("*.docx")):
            break
        time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert {path.name for path in folder.iterdir()} <= {"school.yaml", "out"}
    assert_only_complete_files(out)
    return snapshot(out)


def test_a_build_killed_after_the_docx_leaves_only_complete_files(tmp_path: Path) -> None:
    files = run_build_and_kill(tmp_path, "docx")
    assert "soendervang-skole.docx" in files
    assert set(files) <= {"soendervang-skole.docx", "soendervang-skole.pdf", "soendervang-skole.record.json"}


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.3, 1.9, 2.6, 3.5])
def test_a_build_killed_at_any_moment_leaves_only_complete_files(delay: float, tmp_path: Path) -> None:
    run_build_and_kill(tmp_path, delay)


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="no O_TMPFILE on this system")
@pytest.mark.parametrize("existing", [False, True])
def test_a_new_file_gets_its_name_in_one_step(existing: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new file is linked in under its own name, so there is no moment a kill could leave a
    `.part` behind; only replacing an existing file needs a temporary name and a rename."""
    target = tmp_path / "policy.pdf"
    if existing:
        target.write_bytes(b"previous")
    names: list[str] = []
    link = os.link

    def spy(src: object, dst: str, **kwargs: object) -> None:
        names.append(str(dst))
        link(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", spy)
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert snapshot(tmp_path) == {"policy.pdf": b"new"}
    if existing:
        assert names[0] == "policy.pdf" and len(names) == 2
        assert names[1].startswith(".policy.pdf.") and names[1].endswith(".part")
    else:
        assert names == ["policy.pdf"]


def test_a_group_that_fails_while_its_files_are_put_in_place_takes_the_new_ones_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk can refuse the second file's name after the first is in place: the first goes again."""
    real, calls = atomic._link_into_place, []

    def second_refused(fd: int, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        real(fd, target)

    monkeypatch.setattr(atomic, "_link_into_place", second_refused)
    first, second = tmp_path / "skole.docx", tmp_path / "skole.record.json"
    with pytest.raises(OSError, match="No space left"), atomic.atomic_group():
        atomic.write_bytes_atomic(first, b"docx")
        atomic.write_bytes_atomic(second, b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == []

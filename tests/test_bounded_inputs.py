"""Inputs that never end or never answer, hostile build records, and clause templates that would
take all the memory or all the time: each refused with `file: key: message`, exit code 2, quickly.

Every command runs in its own process with at most 2 GiB of address space and a time-out,
so that what these tests guard against (reading `/dev/zero` into memory, waiting on a named
pipe forever, a 1 GB clause) fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import facts_yaml
from tests.test_sandbox import overlay_with

SCHOOL = facts_yaml("school:\n  name: Engskolen\n")
MEMORY = 2 * 1024**3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def policygen(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`policygen ARGS` in a process of its own, with a memory bound; a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
        timeout=timeout, preexec_fn=_limit_memory, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# ---- files that are not regular files --------------------------------------------------------


def test_an_options_file_that_is_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "skole.yaml")
    result = policygen("validate", pipe, timeout=30)
    assert (result.returncode, result.stderr) == (2, f"Error: {pipe}: is a named pipe, not a regular file\n")


def test_an_options_file_that_is_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    link = tmp_path / "skole.yaml"
    link.symlink_to("/dev/zero")
    result = policygen("build", link, "-o", tmp_path / "out", "-f", "md", timeout=30)
    assert (result.returncode, result.stderr) == (2, f"Error: {link}: is a device, not a regular file\n")
    assert not (tmp_path / "out").exists()


def test_a_pipe_in_a_batch_folder_fails_that_school_alone(tmp_path: Path) -> None:
    folder = tmp_path / "skoler"
    folder.mkdir()
    (folder / "engskolen.yaml").write_text(SCHOOL, encoding="utf-8")
    pipe = fifo(folder / "pipe.yaml")
    result = policygen("batch", folder, "-o", tmp_path / "out", "-f", "md", timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"\n{pipe}:\n  Error: {pipe}: is a named pipe, not a regular file\n" in result.stdout
    assert (tmp_path / "out" / "engskolen.md").is_file()


def test_a_csv_file_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "skoler.csv")
    result = policygen("batch", pipe, "-o", tmp_path / "out", "-f", "md", timeout=30)
    assert (result.returncode, result.stderr) == (2, f"Error: {pipe}: is a named pipe, not a regular file\n")


def test_an_overlay_clause_file_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    (tmp_path / "kreds" / "clauses").mkdir(parents=True)
    pipe = fifo(tmp_path / "kreds" / "clauses" / "tillaeg.yaml")
    school = tmp_path / "skole.yaml"
    school.write_text("clauses: kreds\n" + SCHOOL, encoding="utf-8")
    result = policygen("build", school, "-o", tmp_path / "out", "-f", "md", timeout=30)
    assert (result.returncode, result.stderr) == (2, f"Error: {pipe}: is a named pipe, not a regular file\n")


def test_a_theme_file_that_is_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tema.yaml").symlink_to("/dev/urandom")
    school = tmp_path / "skole.yaml"
    school.write_text("theme: tema.yaml\n" + SCHOOL, encoding="utf-8")
    result = policygen("build", school, "-o", tmp_path / "out", "-f", "md", timeout=30)
    assert result.returncode == 2
    assert result.stderr == f"Error: {school}:1: theme: 'tema.yaml' cannot be read (not a regular file)\n"
    themed = policygen("build", tmp_path / "skole.yaml", "--theme", tmp_path / "tema.yaml", "-f", "md", timeout=30)
    assert (themed.returncode, themed.stderr) == (
        2, f"Error: {tmp_path / 'tema.yaml'}: is a device, not a regular file\n"
    )  # fmt: skip


def test_a_record_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "sidste.record.json")
    result = policygen("diff", pipe, ROOT / "examples" / "soendervang-skole.yaml", "--lang", "en", timeout=30)
    assert (result.returncode, result.stderr) == (2, f"Error: {pipe}: is a named pipe, not a regular file\n")


# ---- hostile build records to `diff` ---------------------------------------------------------


def record(tmp_path: Path, library: dict[str, object] | None = None, options: object = None, text: str = "") -> Path:
    path = tmp_path / "sidste.record.json"
    data = {"library": {"id": "social-media", **(library or {})}, "options": options or {"school": {"name": "E"}}}
    path.write_text(text or json.dumps(data), encoding="utf-8")
    return path


def diff_error(path: Path) -> str:
    result = policygen("diff", path, ROOT / "examples" / "soendervang-skole.yaml", "--lang", "en", timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    return result.stderr


def test_a_record_nested_far_too_deep(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = record(tmp_path, text='{"library": {"id": "social-media"}, "options": ' + deep + "}")
    assert diff_error(path) == f"Error: {path}: values are nested more than 32 levels deep\n"


def test_a_record_nested_deeper_than_an_options_file_may_be(tmp_path: Path) -> None:
    nested: object = "x"
    for _ in range(40):
        nested = {"a": nested}
    path = record(tmp_path, options={"school": nested})
    expected = "options.school" + ".a" * 31 + ": values are nested more than 32 levels deep"
    assert diff_error(path) == f"Error: {path}: {expected}\n"


def test_a_record_with_an_overlay_path_of_5000_characters(tmp_path: Path) -> None:
    path = record(tmp_path, library={"overlays": ["k" * 5_000]})
    assert diff_error(path) == (
        f"Error: {path}: library.overlays[0]: '{'k' * 57}...' cannot be read (File name too long)\n"
    )


def test_a_record_with_a_nul_in_an_overlay_path(tmp_path: Path) -> None:
    path = record(tmp_path, library={"overlays": ["kreds\0"]})
    assert diff_error(path) == (
        f"Error: {path}: library.overlays[0]: contains the control character U+0000 at position 6; "
        "remove it (it cannot be printed)\n"
    )


def test_a_record_over_the_size_limit(tmp_path: Path) -> None:
    path = record(tmp_path, options={"school": {"name": "E"}, "padding": "x" * 300_000})
    size = path.stat().st_size
    assert diff_error(path) == f"Error: {path}: the file is {size:,} bytes; the limit is 262,144 bytes\n"


def test_a_record_whose_library_is_not_a_name(tmp_path: Path) -> None:
    path = record(tmp_path, text='{"library": {"id": ["social-media"]}, "options": {}}')
    assert diff_error(path) == f"Error: {path}: not a build record (it needs `library.id` and `options`)\n"


# ---- clause templates that would take all the memory or all the time -------------------------


LIMIT_CASES = {
    "a 1 GB string": ("{{ 'x' * 1000000000 }}", "would make a text of more than 100,000 characters"),
    "a doubling loop": (
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "would make a text of more than 100,000 characters",
    ),
    "nested loops": (
        "{% for i in range(9999) %}{% for j in range(9999) %}{% for k in range(9999) %}{% endfor %}{% endfor %}"
        "{% endfor %}",
        "took more than 2 s to render",
    ),
    "a macro that calls itself twice": (
        "{% macro f(n) %}{% if n < 60 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}{{ f(0) }}",
        "took more than 2 s to render",
    ),
}


@pytest.mark.parametrize(("text", "message"), list(LIMIT_CASES.values()), ids=list(LIMIT_CASES))
def test_a_clause_past_its_bounds_is_refused_with_its_file_and_id(tmp_path: Path, text: str, message: str) -> None:
    options = overlay_with(tmp_path, text)
    start = time.monotonic()
    result = policygen("build", options, "-o", tmp_path / "out", "-f", "md", timeout=60)
    assert time.monotonic() - start < 20
    clause_file = tmp_path / "overlay" / "clauses" / "evil.yaml"
    assert (result.returncode, result.stderr) == (
        2, f"Error: {clause_file}: evil.text: template error: {message} (the limit for one clause)\n"
    )  # fmt: skip
    assert not (tmp_path / "out").exists()


def test_the_time_bound_holds_in_batch_workers(tmp_path: Path) -> None:
    options = overlay_with(tmp_path, LIMIT_CASES["nested loops"][0])
    other = tmp_path / "b.yaml"
    other.write_text("clauses: overlay\n" + SCHOOL, encoding="utf-8")
    result = policygen("batch", options, other, "-o", tmp_path / "out", "-f", "md", "-j", "2", timeout=60)
    assert result.returncode == 1, result.stderr
    clause_file = tmp_path / "overlay" / "clauses" / "evil.yaml"
    assert result.stdout.count(f"Error: {clause_file}: evil.text: template error: took more than 2 s to render") == 2

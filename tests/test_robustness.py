"""Robustness under hostile and broken input (issue 7), as properties of whole runs.

Hypothesis writes options files (`tests/hostile_files.py`): valid ones with random
values from the real option schema, and broken ones. Each is run through
`policygen validate` and `policygen build -o out -f docx [-f pdf]` in-process (click's
CliRunner, exceptions caught), in a fresh folder that is the working directory.
For every file:

- the exit code is 0 or 2, and validate and build agree on it (but for a character the PDF's
  font lacks, which only a PDF build refuses);
- every line on stderr is `Error|Warning: school.yaml[:line]: [key: ]message` (`Fejl|Advarsel` in a
  Danish file, every line in the one language), its line
  is one of the file's (or names the theme file or overlay folder the file names, when
  that cannot be read), and nothing says Traceback or Internal error;
- the folder holds only the options file (and what was put beside it) and `out/`;
  `out/` holds only complete files named by slugs: no `*.part`, no empty file, every
  DOCX a whole zip, every PDF whole, every record JSON; after exit 0 exactly the
  formats asked for and the record, after exit 2 nothing.

A valid file is built as PDF too when its CRC-32 falls in a sample (PDF takes ~0.5-2 s);
a file that fails validation always asks for PDF (it costs nothing).

Sizes: every run (profile "ci") 100 valid + 250 broken files; `pytest -m slow` 3,000
valid + 7,000 broken files. Each test prints what ran (files, exit codes, DOCX and PDF
builds, wall time).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.frontends.cli import cli
from tests.hostile_files import FILE, HostileFile, broken_files, valid_files

CI = {"valid": 100, "broken": 250, "pdf_every": 8}
SLOW = {"valid": 3_000, "broken": 7_000, "pdf_every": 15}

VALID, BROKEN = valid_files(), broken_files()
MESSAGE = re.compile(rf"^(?P<kind>Error|Warning|Fejl|Advarsel): {re.escape(FILE)}(:(?P<line>\d+))?: .+$")
NAMED_FILE_MESSAGE = re.compile(r"^(?P<kind>Error|Warning|Fejl|Advarsel): /[^:]+(:\d+)?: .+$")
KINDS = {"Error": ("Error", "en"), "Warning": ("Warning", "en"), "Fejl": ("Error", "da"), "Advarsel": ("Warning", "da")}
OUTPUT_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.(docx|pdf|record\.json)$")
NO_GLYPH = re.compile(  # in English or Danish (the file's language)
    r": (no font of the PDF can draw .+, so the PDF cannot be made .+; replace or remove it"
    r"|PDF-filens skrifttyper kan ikke vise .+, så PDF-filen kan ikke laves .+; erstat eller fjern tegnet)$"
)


# ---- one file -------------------------------------------------------------------------


def run_file(hostile: HostileFile, base: Path, pdf_every: int, strict: bool, stats: Counter[str]) -> None:
    folder = Path(tempfile.mkdtemp(dir=base))
    try:
        hostile.write(folder)
        with contextlib.chdir(folder):
            check_runs(hostile, folder, pdf_every, ["--strict"] if strict else [], stats)
        assert [p.name for p in base.iterdir()] == [folder.name], "something was written beside the folder"
    finally:
        shutil.rmtree(folder)


def check_runs(hostile: HostileFile, folder: Path, pdf_every: int, flags: list[str], stats: Counter[str]) -> None:
    stats["files"] += 1
    checked = invoke("validate", FILE, *flags)
    check_messages(checked, hostile)
    stats[f"validate exit {checked.exit_code}"] += 1
    pdf = checked.exit_code != 0 or zlib.crc32(hostile.content) % pdf_every == 0
    built = invoke("build", FILE, "-o", "out", "-f", "docx", *(["-f", "pdf"] if pdf else []), *flags)
    check_messages(built, hostile)
    assert built.exit_code == checked.exit_code, describe(built, hostile)  # validate says what build will
    errors = [line for line in built.stderr.splitlines() if line.startswith(("Error", "Fejl"))]
    expected = {"docx", "record.json", *(["pdf"] if pdf else [])} if built.exit_code == 0 else set()
    if built.exit_code == 2 and errors and all(NO_GLYPH.search(line) for line in errors):
        expected = {"docx", "record.json"}  # the PDF alone cannot be made; the DOCX is written
        stats["PDF refused: a glyph the fonts lack"] += 1
    check_folder(folder, hostile, expected)
    if built.exit_code == 0:
        stats["DOCX built"] += 1
        stats["PDF built"] += pdf


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def check_messages(result: Result, hostile: HostileFile) -> None:
    why = describe(result, hostile)
    assert result.exit_code in (0, 2), why
    assert result.exception is None or isinstance(result.exception, SystemExit), why
    assert "Traceback" not in result.output and "Internal error" not in result.output, why
    lines = result.stderr.splitlines()
    text = hostile.content.decode("utf-8", "replace")
    last_line = sum(text.count(brk) for brk in "\n\r\x85\u2028\u2029") + 2  # every YAML line break, and EOF
    kinds = set()
    for line in lines:
        match = MESSAGE.match(line)
        if match is None and "odd_path" in hostile.note:  # a problem in the theme file or overlay it names
            match = NAMED_FILE_MESSAGE.match(line)
            assert match, f"{line!r} is not `Error|Warning: file[:line]: message`\n{why}"
            kinds.add(KINDS[match["kind"]])
            continue
        assert match, f"{line!r} is not `Error|Warning: {FILE}:line: key: message`\n{why}"
        assert match["line"] is None or 1 <= int(match["line"]) <= last_line, why
        kinds.add(KINDS[match["kind"]])
    assert len({language for _, language in kinds}) <= 1, why  # one language, not a mixture
    assert ("Error" in {kind for kind, _ in kinds}) == (result.exit_code == 2), why


def check_folder(folder: Path, hostile: HostileFile, expected: set[str] | None) -> None:
    """Only the inputs and out/; in out/ only complete files (exactly `expected`'s formats if given)."""
    allowed = {FILE, "out", *hostile.beside}
    assert {path.name for path in folder.iterdir()} <= allowed, sorted(path.name for path in folder.iterdir())
    out = folder / "out"
    files = sorted(out.iterdir()) if out.exists() else []
    for path in files:
        assert OUTPUT_NAME.match(path.name), f"{path.name}: not a complete output file named by a slug"
        check_complete(path)
    if expected is not None:
        assert {path.name.split(".", 1)[1] for path in files} == expected, [path.name for path in files]
        assert len({path.name.split(".", 1)[0] for path in files}) <= 1


def check_complete(path: Path) -> None:
    data = path.read_bytes()
    assert data, f"{path.name} is empty"
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None and "word/document.xml" in package.namelist()
    elif path.suffix == ".pdf":
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    else:
        assert json.loads(data)["outputs"]


def describe(result: Result, hostile: HostileFile) -> str:
    content = hostile.content if len(hostile.content) < 2_000 else hostile.content[:2_000] + b"..."
    return (
        f"exit {result.exit_code}; mutations {hostile.note}; beside {list(hostile.beside)}\n"
        f"stderr: {result.stderr[:2_000]!r}\nfile: {content!r}"
    )


# ---- the properties -------------------------------------------------------------------------


def run_property(
    strategy: st.SearchStrategy[HostileFile], examples: int, pdf_every: int, base: Path, profile: str
) -> Counter[str]:
    """Run `examples` drawn files; broken ones with or without --strict, valid ones without."""
    stats: Counter[str] = Counter()
    strict_flag = st.just(False) if strategy is VALID else st.booleans()

    @settings(settings.get_profile(profile), max_examples=examples)
    @given(hostile=strategy, strict=strict_flag)
    def check(hostile: HostileFile, strict: bool) -> None:
        run_file(hostile, base, pdf_every, strict, stats)

    start = time.perf_counter()
    check()
    stats["seconds"] = round(time.perf_counter() - start)
    return stats


def report(capsys: pytest.CaptureFixture[str], name: str, stats: Counter[str]) -> None:
    with capsys.disabled():
        print(f"\n{name}: " + ", ".join(f"{key} {value:,}" for key, value in sorted(stats.items())))


@pytest.fixture
def base(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("POLICYGEN_DEBUG", raising=False)
    return tmp_path_factory.mktemp("hostile")


def test_valid_files(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = run_property(VALID, CI["valid"], CI["pdf_every"], base, "ci")
    report(capsys, "valid files", stats)
    assert stats["DOCX built"] > CI["valid"] // 2  # the generator's files are mostly valid


def test_broken_files(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = run_property(BROKEN, CI["broken"], CI["pdf_every"], base, "ci")
    report(capsys, "broken files", stats)


@pytest.mark.slow
def test_valid_files_slow(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = run_property(VALID, SLOW["valid"], SLOW["pdf_every"], base, "slow")
    report(capsys, "valid files (slow)", stats)


@pytest.mark.slow
def test_broken_files_slow(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = run_property(BROKEN, SLOW["broken"], SLOW["pdf_every"], base, "slow")
    report(capsys, "broken files (slow)", stats)

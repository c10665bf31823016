"""LibreOffice as a second reader of policygen's DOCX: laid out as PDF, its tracked changes
accepted or rejected first, and the heading numbers read back from the pages.

LibreOffice runs with a profile of its own (`profile`), so a test neither meets a user's
running office nor leaves settings behind. Accepting or rejecting needs LibreOffice's UNO
bridge, which lives in the system's Python (Debian's python3-uno), not in the virtual
environment: `libreoffice_changes.py` runs there, as a process of its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
_SYSTEM_PYTHON = "/usr/bin/python3"
_CHANGES_SCRIPT = Path(__file__).with_name("libreoffice_changes.py")
_TIMEOUT = 300  # seconds for one LibreOffice run


def _has_uno() -> bool:
    if SOFFICE is None or not Path(_SYSTEM_PYTHON).exists():
        return False
    found = subprocess.run([_SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    return found.returncode == 0


needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
)
needs_uno = pytest.mark.skipif(
    not _has_uno(), reason="LibreOffice or its Python bridge is not installed: apt-get install python3-uno"
)


def to_pdf(docx: Path, profile: Path) -> Path:
    """`docx` laid out by LibreOffice, as a PDF in the folder `libreoffice/` beside it."""
    out_dir = docx.parent / "libreoffice"
    command = [str(SOFFICE), "--headless", f"-env:UserInstallation={profile.resolve().as_uri()}",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)]
    subprocess.run(command, check=True, capture_output=True, timeout=_TIMEOUT)
    pdf = out_dir / f"{docx.stem}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {docx}"
    return pdf


def resolve_changes(action: str, docx: Path, target: Path, profile: Path) -> Path:
    """`docx` with every tracked change accepted or rejected (`action`) in LibreOffice, saved as DOCX."""
    command = [_SYSTEM_PYTHON, str(_CHANGES_SCRIPT), action, str(docx), str(target), profile.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT, check=False)
    assert done.returncode == 0 and target.exists(), done.stderr
    return target


_NUMBERED_LINE = re.compile(r"(\d+(?:\.\d+)?)\s+(\S.*?)(?:\s{2,}\d+)?")  # number, text, a contents page number


def numbered_headings(pdf: Path, titles: Iterable[str]) -> list[tuple[str, str]]:
    """(number, title) for every line of the PDF that starts with a number and then a heading's
    `titles` (or the start of one, where a long title wraps), in reading order: the contents
    entries, then the headings. A title that only starts other titles must be whole."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    known = set(titles)
    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = _NUMBERED_LINE.fullmatch(line.strip())
        if match is None:
            continue
        number, start = match.groups()
        candidates = [start] if start in known else [title for title in known if title.startswith(start)]
        if len(candidates) == 1:
            found.append((number, candidates[0]))
    return found

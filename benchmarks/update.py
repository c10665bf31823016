"""`policygen update` of many schools beside `policygen batch` of the same schools, in one run.

    python benchmarks/update.py [--schools 100] [--pdf]

Generates `--schools` schools (Søndervang's options file under other names, status adopted),
builds them once with `policygen batch` (the adopted policies and their records), then times,
each in a fresh folder with the default workers (one per core):

- `policygen batch` of the options files (the DOCX; with --pdf, DOCX and PDF);
- `policygen update` of the records: migration, the new draft in the same formats, the redline
  DOCX against the recorded policy, and the board's changelog (Markdown and HTML);

and prints both wall times and their ratio (the target is at most 1.3x).

Recorded 2026-11-29 on the 2-core machine, shared with other test runs (the DOCX-only ratio moved
between 1.53x and 2.87x over three runs):

    100 schools (DOCX): batch 6.91 s; update 18.10 s (draft, 100 redlines, changelogs); update/batch 2.62x
    100 schools (DOCX and PDF): batch 49.32 s; update 45.75 s (draft, 100 redlines, changelogs); update/batch 0.93x

With the PDF (batch's default formats) update is within the target; with the DOCX alone it is not:
the redline renders the adopted policy and the draft once more and compares them (in one process,
one school: update 0.39 s, of which the two DOCX renders and the tracking are 0.29 s; build 0.08 s).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICYGEN = [sys.executable, "-m", "generator"]


def schools(folder: Path, count: int) -> None:
    template = (ROOT / "examples" / "soendervang-skole.yaml").read_text(encoding="utf-8")
    adopted = template.replace("status: draft", "status: adopted").replace("date: 2026-11-30", "adopted: 2026-11-30")
    for number in range(count):
        name = f"Skole nummer {number:03d}"
        (folder / f"skole-{number:03d}.yaml").write_text(adopted.replace("Søndervang Skole", name), encoding="utf-8")


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(POLICYGEN + args, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"policygen {' '.join(args)} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--no-pdf", action="store_true", help="leave out the two runs that make PDFs (quicker)")
    options = parser.parse_args()
    docx, both = ["-f", "docx"], ["-f", "docx", "-f", "pdf"]
    with tempfile.TemporaryDirectory() as temporary:
        tmp = Path(temporary)
        (tmp / "in").mkdir()
        schools(tmp / "in", options.schools)
        timed(["batch", str(tmp / "in"), "-o", str(tmp / "adopted"), *docx, "--lang", "en"])

        def batch(name: str, formats: list[str]) -> float:
            return timed(["batch", str(tmp / "in"), "-o", str(tmp / name), *formats, "--lang", "en"])

        def update(name: str, formats: list[str]) -> float:
            return timed(["update", str(tmp / "adopted"), "-o", str(tmp / name), *formats, "--lang", "en"])

        figures = {"batch DOCX": batch("batch-docx", docx), "update DOCX": update("update-docx", docx)}
        if not options.no_pdf:
            figures |= {"batch DOCX+PDF": batch("batch-both", both), "update DOCX+PDF": update("update-both", both)}
        redlines = len(list((tmp / "update-docx").glob("*.redline.docx")))
    print(f"{options.schools} schools, {redlines} redlines and changelogs in each update; wall seconds:")
    for name, seconds in figures.items():
        print(f"  {name:<16} {seconds:7.2f} s")
    print(f"  update DOCX / batch DOCX: {figures['update DOCX'] / figures['batch DOCX']:.2f}x (like for like)")
    if not options.no_pdf:
        default = figures["batch DOCX+PDF"]
        print(f"  update DOCX / batch with its default formats (DOCX+PDF): {figures['update DOCX'] / default:.2f}x"
              " (target <= 1.30x)")
        print(f"  update DOCX+PDF / batch DOCX+PDF: {figures['update DOCX+PDF'] / default:.2f}x (target <= 1.30x)")


if __name__ == "__main__":
    main()

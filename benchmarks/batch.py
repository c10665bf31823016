"""Batch builds of generated schools (DOCX + PDF), side by side in one run.

    python benchmarks/batch.py [--schools 100] [--skip-libreoffice] [--state-rows 5000] [--state-only]

Prints, for the same generated schools:
- the wall time of `policygen batch` with the default workers (one per core);
- the wall time of a plain sequential loop over the same library call (`build()`) in one process;
- their ratio;
- the time of an unchanged re-run of the batch (nothing to rebuild), and of a DOCX-only batch;
- the peak memory (max RSS) of a worker and of the sequential process;
- the route many offices use instead: LibreOffice converting the same DOCX files to PDF in one
  call (`soffice --headless --convert-to pdf`), and the batch's ratio to it;
- WeasyPrint's floor: the first schools' print HTML laid out with a bare stylesheet (page size
  and font only: no running footer, contents page numbers, hyphenation or tags), one process,
  and what the batch would take at that speed on every core: no stylesheet can go below it.

and the batch state's own cost for a CSV of `--state-rows` schools with `-f md` (the rows
planned as `policygen batch` plans them; then, for every school, what the batch does to its
state as the school finishes, without building documents): before, the whole JSON file
rewritten atomically after every school (as policygen did up to 0.1); after, one SQLite row
in a transaction of its own (`batch_state`); and the re-run's look-ups of every school.

Recorded 2026-11-25 on the 2-core machine, otherwise quiet:

    batch, default workers 40.10 s; sequential loop 84.90 s (2.12x); unchanged re-run 0.30 s;
    DOCX-only batch 3.65 s; peak memory 107 MiB a batch worker, 114 MiB the loop;
    LibreOffice 13.63 s (0.34x the batch); one PDF 0.689 s shipping, 0.548 s with a bare
    stylesheet (0.80); floor for the batch's PDFs 27.38 s, twice LibreOffice's time

The state's own cost, recorded 2026-11-29 on the 2-core machine (shared with other test runs),
`python benchmarks/batch.py --state-only`:

    5,000 CSV rows (-f md): before, JSON rewritten per school 223.36 s (1,349 KiB at the end);
    after, a SQLite row per school 1.96 s (114x faster); the re-run's look-ups 0.09 s
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOWNS = ["Agerskov", "Bramdrup", "Dalby", "Eltang", "Fynslund", "Gudsø", "Hejls", "Kolding", "Lunderskov", "Møllevang"]
CHOICES = {
    "friendships.current_pupils": ["not-allowed", "advised-against", "own-judgement"],
    "friendships.former_pupils": ["allowed", "advised-against"],
    "groups.second_adult": ["required", "recommended"],
    "scope": ["teachers", "all-staff"],
}


def generate(folder: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    folder.mkdir(parents=True)
    paths = []
    for index in range(count):
        name = f"{TOWNS[index % len(TOWNS)]} Skole {index + 1}"
        lines = [f"school:\n  name: {name}\n  municipality: Kolding Kommune", "choices:"]
        lines.append(f"  scope: {rng.choice(CHOICES['scope'])}")
        lines.append("  friendships:")
        lines.append(f"    current_pupils: {rng.choice(CHOICES['friendships.current_pupils'])}")
        lines.append(f"    former_pupils: {rng.choice(CHOICES['friendships.former_pupils'])}")
        lines.append(f"  groups:\n    second_adult: {rng.choice(CHOICES['groups.second_adult'])}")
        lines.append(f"  messaging:\n    beyond_neutral: {rng.choice(['true', 'false'])}")
        path = folder / f"school-{index + 1:03d}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


SEQUENTIAL = """
import sys, time, resource
from pathlib import Path
from generator.pipeline import build
start = time.perf_counter()
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    build(path, sys.argv[2], ("docx", "pdf"))
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# Per document, in one process: the shipping PDF, and WeasyPrint on the same HTML with a bare
# stylesheet and no tags. Each document is warmed once, then timed `runs` times; prints medians.
FLOOR = """
import statistics, sys, time
from pathlib import Path
import weasyprint
from generator.pipeline import load_choices
from generator.compose.resolve import resolve
from generator.writers.html import render_html
from generator.writers.pdf import writer as write_pdf
bare = weasyprint.CSS(string="@page { size: A4; margin: 25mm } body { font: 11pt Carlito }",
                      font_config=write_pdf.font_config())
def shipping(document, html):
    return write_pdf.render_pdf(document)
def floor(document, html):
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[bare], font_config=write_pdf.font_config())
times = {shipping: [], floor: []}
for path in sorted(Path(sys.argv[1]).glob("*.yaml"))[: int(sys.argv[2])]:
    document = resolve(*load_choices(path))
    html = render_html(document, for_print=True)
    for render in times:
        render(document, html)
        start = time.perf_counter()
        render(document, html)
        times[render].append(time.perf_counter() - start)
print(statistics.median(times[shipping]), statistics.median(times[floor]))
"""


def state_costs(work: Path, rows: int) -> None:
    """The batch state's own cost for a CSV of `rows` schools with -f md: JSON rewritten per school
    (before) against a SQLite row per school (after), side by side."""
    sys.path.insert(0, str(ROOT))
    from generator.atomic import write_bytes_atomic
    from generator.frontends.batch import Settings, plan
    from generator.frontends.batch_state import BatchState, Remembered

    csv_file = work / "schools.csv"
    names = [f"{TOWNS[index % len(TOWNS)]} Skole {index + 1}" for index in range(rows)]
    csv_file.write_text("school.name;school.municipality\n" + "".join(f"{n};Kolding Kommune\n" for n in names),
                        encoding="utf-8")  # fmt: skip
    jobs = plan([csv_file], Settings(work / "md", ("md",)))
    finished = [(job.key, Remembered(job.stem, job.digest, job.name, (f"{job.stem}.md", f"{job.stem}.record.json")))
                for job in jobs]  # fmt: skip

    before_dir, after_dir = work / "state-json", work / "state-sqlite"
    before_dir.mkdir()
    after_dir.mkdir()
    start = time.perf_counter()
    schools: dict[str, object] = {}
    for key, school in finished:  # policygen 0.1: the whole file, rewritten atomically after every school
        schools[key] = {"digest": school.digest, "school": school.school, "outputs": list(school.outputs)}
        text = json.dumps({"tool": "0.1", "schools": schools}, ensure_ascii=False, indent=1, sort_keys=True)
        write_bytes_atomic(before_dir / ".policygen-batch.json", text.encode("utf-8"))
    before = time.perf_counter() - start
    start = time.perf_counter()
    with BatchState.open(after_dir) as state:
        for key, school in finished:
            state.remember(key, school)
    after = time.perf_counter() - start
    start = time.perf_counter()
    with BatchState.open(after_dir) as state:
        found = sum(state.get(key) is not None for key, _ in finished)
    lookups = time.perf_counter() - start
    assert found == rows
    size = (before_dir / ".policygen-batch.json").stat().st_size
    print(f"batch state, {rows:,} CSV rows (-f md), written as each school finishes:")
    print(f"  before: JSON rewritten per school {before:7.2f} s  ({size / 1024:,.0f} KiB at the end)")
    print(f"  after: a SQLite row per school    {after:7.2f} s  ({before / after:,.0f}x faster)")
    print(f"  after: the re-run's look-ups      {lookups:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--skip-libreoffice", action="store_true")
    parser.add_argument("--floor-schools", type=int, default=10, help="schools timed for the floor (0: skip)")
    parser.add_argument("--state-rows", type=int, default=5000, help="CSV rows for the state's own cost (0: skip)")
    parser.add_argument("--state-only", action="store_true", help="time only the batch state")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="policygen-batch-"))
    if args.state_rows:
        state_costs(work, args.state_rows)
    if args.state_only:
        shutil.rmtree(work, ignore_errors=True)
        return
    schools = work / "schools"
    generate(schools, args.schools)
    policygen = [sys.executable, "-m", "generator"]

    batch_out = work / "batch"
    # RUSAGE_CHILDREN's maxrss is the largest of the descendants waited for: the batch process
    # and its workers. A worker, forked from the batch process after it loaded the library and
    # WeasyPrint, holds all the parent holds, so the largest is a worker's peak.
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    batch_time = timed([*policygen, "batch", str(schools), "-o", str(batch_out)])
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rerun_time = timed([*policygen, "batch", str(schools), "-o", str(batch_out)])
    docx_time = timed([*policygen, "batch", str(schools), "-o", str(work / "docx-only"), "-f", "docx"])

    sequential = subprocess.run(
        [sys.executable, "-c", SEQUENTIAL, str(schools), str(work / "sequential")],
        check=False, cwd=ROOT, capture_output=True, text=True,
    )
    if sequential.returncode != 0:
        sys.exit(f"the sequential loop failed:\n{sequential.stderr}")
    loop_time, loop_rss = sequential.stdout.split()
    loop_seconds = float(loop_time)

    built = len(list(batch_out.glob("*.pdf")))
    print(f"schools: {args.schools} (DOCX + PDF each), built by the batch: {built}")
    print(f"batch, default workers:           {batch_time:7.2f} s  ({batch_time / args.schools:.3f} s a school)")
    print(f"sequential loop, one process:     {loop_seconds:7.2f} s  ({loop_seconds / args.schools:.3f} s a school)")
    print(f"  ratio sequential / batch:       {loop_seconds / batch_time:7.2f}x")
    print(f"unchanged re-run of the batch:    {rerun_time:7.2f} s")
    print(f"batch, DOCX only (-f docx):       {docx_time:7.2f} s")
    print(f"peak memory of a batch worker:    {max(worker_rss, before) / 1024:7.0f} MiB")
    print(f"peak memory of the loop process:  {int(loop_rss) / 1024:7.0f} MiB")

    soffice = shutil.which("soffice")
    if soffice and not args.skip_libreoffice:
        docx_dir = work / "docx"
        docx_dir.mkdir()
        for path in batch_out.glob("*.docx"):
            shutil.copy(path, docx_dir)
        files = sorted(str(p) for p in docx_dir.glob("*.docx"))
        profile = work / "lo-profile"
        office_time = timed([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                             "pdf", "--outdir", str(work / "lo-pdf"), *files])
        print(f"LibreOffice DOCX -> PDF, one call: {office_time:7.2f} s  ({office_time / len(files):.3f} s a document)")
        print(f"  ratio LibreOffice / batch:      {office_time / batch_time:7.2f}x")
    if args.floor_schools:
        measured = subprocess.run(
            [sys.executable, "-c", FLOOR, str(schools), str(args.floor_schools)],
            check=True, cwd=ROOT, capture_output=True, text=True,
        )
        shipping, floor = (float(value) for value in measured.stdout.split())
        cores = os.cpu_count() or 1
        print(f"one PDF in one process, shipping: {shipping:7.3f} s  (median of {args.floor_schools} schools)")
        print(f"  the same HTML, bare stylesheet: {floor:7.3f} s  ({floor / shipping:.2f} of shipping)")
        print(f"  floor for the batch's PDFs:     {floor * args.schools / cores:7.2f} s  "
              f"({args.schools} x bare / {cores} cores)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

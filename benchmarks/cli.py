"""Whole-process times of the CLI, side by side in one run.

    python benchmarks/cli.py [--runs N]

Prints min / median / max wall time of `policygen --help`, `validate`,
`build -f docx` and `build -f pdf` for the all-defaults example, their ratios to
`python -c pass` (the interpreter's own start-up), and checks that `validate`
does not import WeasyPrint or python-docx.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "soendervang-skole.yaml"


def timed(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    out = tempfile.mkdtemp(prefix="policygen-bench-")
    py = sys.executable
    cli = [py, "-m", "generator"]
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "policygen --help": [*cli, "--help"],
        "policygen validate": [*cli, "validate", str(EXAMPLE)],
        "policygen build -f docx": [*cli, "build", str(EXAMPLE), "-o", out, "-f", "docx"],
        "policygen build -f pdf": [*cli, "build", str(EXAMPLE), "-o", out, "-f", "pdf"],
    }
    # interleave the commands so that machine noise hits all of them alike
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            results[name] += timed(argv, 1)
    base = statistics.median(results["python -c pass"])
    print(f"{'command':28} {'min':>7} {'median':>7} {'max':>7}  {'x python':>8}")
    for name, values in results.items():
        med = statistics.median(values)
        print(f"{name:28} {min(values):7.3f} {med:7.3f} {max(values):7.3f}  {med / base:8.2f}")
    probe = "import sys, generator.frontends.cli as c; c.cli.main(['validate', sys.argv[1]], standalone_mode=False); " \
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'docx')))"
    loaded = subprocess.run([py, "-c", probe, str(EXAMPLE)], capture_output=True, text=True, cwd=ROOT)
    print(f"modules of weasyprint/docx imported by validate: {loaded.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()

"""What `validate`'s checks of what `build` will refuse cost, side by side in one process.

    python benchmarks/validate_checks.py [--runs N]

For each example: the options checked (`load_choices`: the schema and the empty printed values), then
everything `build` checks before it writes (`check`: the options, the empty printed values found
by rendering the clauses, resolving, the glyphs the PDF's fonts draw), and a whole PDF for scale.
Prints the median of N runs in milliseconds and each as a ratio to the options alone; the first
run of each (imports, fonts' cmaps read once per process) is printed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.compose.resolve import resolve  # noqa: E402
from generator.pipeline import check, load_choices  # noqa: E402


def timed(step: Callable[[], object], runs: int) -> tuple[float, float]:
    """(first run, median of the others) in milliseconds."""
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from generator.writers.pdf.writer import render_pdf

    def pdf(path: Path) -> bytes:
        library, choices = load_choices(path)
        return render_pdf(resolve(library, choices))

    print(f"{'example':38} {'step':28} {'first ms':>9} {'median ms':>10} {'ratio':>7}")
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        steps = {
            "options (validate)": lambda e=example: load_choices(e),
            "everything build checks": lambda e=example: check(e),
            "a whole PDF, for scale": lambda e=example: pdf(e),
        }
        base = None
        for name, step in steps.items():
            first, median = timed(step, args.runs if "PDF" not in name else max(2, args.runs // 3))
            base = base or median
            print(f"{example.name:38} {name:28} {first:9.1f} {median:10.1f} {median / base:7.2f}")


if __name__ == "__main__":
    main()

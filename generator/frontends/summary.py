"""The batch summary as a plain-text table, then each failed school's errors.

A school is named by its name and, where it failed or was not built, by where it came
from too (`Bramdrup Skole (skoler.csv:3)`), so a failed CSV row can be found by either.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Protocol

from generator.messages import say

STATUSES = ("built", "unchanged", "failed", "not built")


class _Result(Protocol):
    label: str
    school: str
    status: str
    outputs: list[str]
    seconds: float
    errors: list[str]


def summary_table(results: Sequence[_Result], language: str = "en") -> str:
    """The table (school, status, files, time) and each failed school's errors, worded in `language`."""
    rows = [tuple(say(language, f"batch_{name}") for name in ("school", "status", "outputs", "time"))]
    for result in results:
        outputs = ", ".join(name for name in result.outputs if not name.endswith(".record.json"))
        figure = f"{result.seconds:.2f}".replace(".", "," if language == "da" else ".")  # 0,12 s in Danish
        seconds = say(language, "batch_seconds", seconds=figure) if result.status == "built" else (
            "-" if result.status else "")
        status = say(language, f"batch_{result.status}") if result.status else ""
        rows.append((plain(_named(result)), status, plain(outputs) or "-", seconds))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    counts = {status: sum(r.status == status for r in results) for status in STATUSES}
    lines.append("")
    shown = [status for status in STATUSES if counts[status] or status != "not built"]
    lines.append(", ".join(say(language, "batch_count", count=counts[status], status=say(language, f"batch_{status}"))
                           for status in shown))
    for result in results:
        if result.status == "failed":
            lines.append("")
            name = f" ({result.school})" if result.school else ""
            lines.append(f"{plain(result.label + name)}:")
            lines += [f"  {say(language, 'cli_error', problem=plain(error))}" for error in result.errors]
    return "\n".join(lines)


def _named(result: _Result) -> str:
    """A school built is named by its name; one that was not, by its name and where it came from."""
    if result.status in ("built", "unchanged") or not result.school:
        return result.school or result.label
    return f"{result.school} ({result.label})"


def plain(text: str) -> str:
    """One line of plain text: a tab or line break in a name or path becomes a space, and a
    control or format character (a terminal escape, a direction override) a question mark."""
    return "".join(
        " " if char.isspace() else "?" if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in text
    )

"""The batch summary as a plain-text table, then each failed school's errors."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Protocol

from .messages import say


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
        rows.append((_cell(result.school or result.label), status, _cell(outputs) or "-", seconds))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    counts = {status: sum(r.status == status for r in results) for status in ("built", "unchanged", "failed")}
    lines.append("")
    lines.append(say(language, "batch_counts", **counts))
    for result in results:
        if result.status == "failed":
            lines.append("")
            lines.append(f"{_cell(result.label)}:")
            lines += [f"  {say(language, 'cli_error', problem=_cell(error))}" for error in result.errors]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """One line of plain text: a tab or line break in a name or path becomes a space, and a
    control or format character (a terminal escape, a direction override) a question mark."""
    return "".join(
        " " if char.isspace() else "?" if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
        for char in text
    )

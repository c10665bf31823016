"""A CSV file of schools, one a row, read as options files would be.

The header names options by their dotted keys (`school.name`, `choices.platform`), as
`policygen options` lists them, separated by the delimiter the header line uses (`;`, `,`
or a tab; a cell that holds it is quoted). Each row becomes the data an options file
would hold, with the row's line for every key, so validation names `skoler.csv:LINE: key`.
A cell with a character no document may carry, or a row with more cells than the header,
is a problem of that row; an unreadable file, an empty one or a column named twice is an
error of the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import PolicyError, Problem
from generator.load import Loaded, nfc, read_text
from generator.messages import Said, quoted, words
from generator.options.check_values import unprintable_in
from generator.pipeline import default_library

MAX_CSV_BYTES = 4 * 1024 * 1024
CSV_SAVE_AS = "save_as_csv"  # the message that says how


@dataclass
class Row:
    line: int  # where the row starts
    loaded: Loaded
    problems: list[Problem]


def read_rows(path: Path) -> list[Row]:
    """The file's rows that hold anything, each as a school's options."""
    text = nfc(read_text(path, max_bytes=MAX_CSV_BYTES, save_as=CSV_SAVE_AS))  # as the YAML loader: composed text
    # Lines end at \n, \r\n or \r only, as an editor counts them (str.splitlines would also
    # break at U+2028, U+0085 and others inside a cell, and every later line number would be off).
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(first))
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        raise PolicyError.at(str(path), 1, None, Said("csv_empty"))
    header = [column.strip().lstrip("\ufeff") for column in header]
    _check_header(path, reader.line_num, header)
    bools = {key for key, option in default_library().options.items() if option.type == "bool"}
    rows, start = [], reader.line_num + 1
    for cells in reader:  # a row is named by the line it starts on (a quoted cell may hold line breaks)
        if any(cell.strip() for cell in cells):
            rows.append(_row(path, start, header, cells, reader.dialect.delimiter, bools))
        start = reader.line_num + 1
    return rows


def _row(path: Path, line: int, header: list[str], row: list[str], delimiter: str, bools: set[str]) -> Row:
    """A CSV row as a school's options (`bools`: the keys whose cells are yes/no), with what
    keeps it from being read as it stands."""
    loaded = Loaded(file=str(path), data={}, lines={"": line})
    problems = []
    for column, cell in zip(header, row, strict=False):
        if not column or not cell.strip():
            continue
        if said := unprintable_in(cell):  # refused as the YAML loader refuses them in a file
            problems.append(Problem(str(path), line, column, said))
        _set_dotted(loaded.data, column, _csv_value(cell.strip()) if column in bools else cell.strip())
        for depth in range(column.count(".") + 1):
            loaded.lines.setdefault(".".join(column.split(".")[: depth + 1]), line)
    if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
        shown = words("a tab") if delimiter == "\t" else quoted(delimiter)
        said = Said("csv_row_cells", cells=len(row), columns=len(header), delimiter=shown)
        problems.append(Problem(str(path), line, None, said))
    return Row(line, loaded, problems)


def csv_delimiter(header_line: str) -> str:
    """The delimiter a header line uses: option keys hold none of `;` `,` and tab. One column: `;`."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def _check_header(path: Path, line: int, header: list[str]) -> None:
    seen: dict[str, int] = {}
    for number, column in enumerate(header, start=1):
        if column and column in seen:
            said = Said("csv_column_twice", column=quoted(column), first=seen[column], second=number)
            raise PolicyError.at(str(path), line, None, said)
        seen[column] = number


def _csv_value(cell: str) -> Any:
    lowered = cell.lower()
    if lowered in ("true", "ja", "yes"):
        return True
    if lowered in ("false", "nej", "no"):
        return False
    return cell


def _set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    node = data
    *parents, leaf = key.split(".")
    for part in parents:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return
        node = child
    node[leaf] = value

"""Where a text in the built document came from: the file and line a user can open and fix.

A problem found in the resolved document (a character no font can draw) is about some
text that was read from a file: a value in the options file (or a CSV row), the theme,
or the clause library and its overlays (a clause's text, a section's title, an option's
label in the review edition). `origin` finds the first of these that holds the text, in
that order, so the message names that file and line and not the options file's first line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import PolicyError, Problem
from generator.library.model import Library
from generator.load import Loaded, load_yaml
from generator.messages import Said
from generator.options.validate import Choices


@dataclass(frozen=True)
class Origin:
    file: str
    line: int | None
    key: str | None

    def problem(self, message: Said) -> Problem:
        return Problem.of(self.file, self.line, self.key, message)


def origin(text: str, choices: Choices, library: Library) -> Origin:
    """The option value, theme or library file (and its line and key) holding `text`."""
    key = option_holding(choices, text)
    if key is not None:
        return Origin(choices.file, choices.line_of(key), key)
    for path in source_files(choices, library):
        found = _find_in(path, text)
        if found is not None:
            return found
    return Origin(choices.file, None, None)


def option_holding(choices: Choices, text: str) -> str | None:
    """The first option (or a contact's field: `contacts.union.name`) whose value holds `text`:
    where the user typed it."""
    for key, value in choices.values.items():
        fields = value.items() if isinstance(value, dict) else [("", value)]
        for name, item in fields:
            if isinstance(item, str) and text in item:
                return f"{key}.{name}" if name else key
    return None


def source_files(choices: Choices, library: Library) -> list[Path]:
    """The theme file, then the library's files, then each overlay's, then the clause files."""
    files = [Path(choices.theme.source)] if choices.theme.source else []
    for root in (library.root, *library.overlays):
        files += [Path(root) / name for name in ("library.yaml", "overlay.yaml", "options.yaml")]
    files += [Path(clause.file) for clause in library.clauses]
    return [path for path in dict.fromkeys(files) if path.is_file()]


def _find_in(path: Path, text: str) -> Origin | None:
    try:
        loaded = load_yaml(path)
    except PolicyError:
        return None
    for key, value in _strings(loaded.data, ""):
        index = value.find(text)
        if index >= 0:
            return Origin(str(path), _line_of(loaded, key, value, index), key or None)
    return None


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for name, child in node.items():
            yield from _strings(child, f"{path}.{name}" if path else str(name))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _strings(child, f"{path}[{index}]")


def _line_of(loaded: Loaded, key: str, value: str, index: int) -> int | None:
    """The line of the `index`th character of `value` at `key`: a block text (`|`) starts on the line
    after its key, and each of its line breaks is a line of the file."""
    line = loaded.line(key.split("[", 1)[0] if key not in loaded.lines else key)
    if line is None or "\n" not in value.rstrip("\n"):
        return line
    return line + 1 + value.count("\n", 0, index)

"""One family of user-facing errors, each naming file, line and key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.messages import Said, quoted


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in an input file; its message is in the catalogue."""

    file: str
    line: int | None
    key: str | None
    said: Said

    def __post_init__(self) -> None:
        if not isinstance(self.said, Said):
            raise TypeError(f"a problem's message is a catalogue message (messages.Said), not {self.said!r}")

    @classmethod
    def of(cls, file: str, line: int | None, key: str | None, said: Said) -> Problem:
        """A problem at `file:line: key` (an alias of the constructor that reads as a sentence)."""
        return cls(file, line, key, said)

    @property
    def message(self) -> str:
        """The message in English."""
        return self.said.text("en")

    def in_language(self, language: str) -> str:
        """The message in `language`."""
        return self.said.text(language)

    def located(self, language: str = "en") -> str:
        """`file:line: key: message`, the message in `language`."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        message = self.in_language(language)
        return f"{where}: {self.key}: {message}" if self.key else f"{where}: {message}"

    def __str__(self) -> str:
        return self.located()


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line and key order (a problem without a line first in its file)."""
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.key or ""))


class PolicyError(Exception):
    """Bad input: the CLI prints every problem (and the warnings found beside them) and exits with code 2."""

    def __init__(self, problems: list[Problem] | Problem, warnings: Iterable[Problem] = ()) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.warnings = list(warnings)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str, line: int | None, key: str | None, said: Said) -> PolicyError:
        return cls(Problem(file, line, key, said))


def did_you_mean(name: str, candidates: Iterable[str]) -> Said | str:
    """`; did you mean 'x'?` for the closest of `candidates` to a misspelt `name`, or ""."""
    close = difflib.get_close_matches(name, [str(c) for c in candidates], n=1, cutoff=0.6)
    return Said("did_you_mean", name=quoted(close[0])) if close else ""


class MissingSystemLibrary(Exception):
    """A system library the PDF writer needs is missing; the message says what to install."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.text())
        self.said = said

"""One family of user-facing errors, each naming file, line and key."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in an input file."""

    file: str
    line: int | None
    key: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class PolicyError(Exception):
    """Bad input: the CLI prints every problem and exits with code 2."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str, line: int | None, key: str | None, message: str) -> PolicyError:
        return cls(Problem(file, line, key, message))


class MissingSystemLibrary(Exception):
    """A system library the PDF writer needs is missing; the message says what to install."""

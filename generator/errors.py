"""One family of user-facing errors, each naming file, line and key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .messages import Said


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in an input file."""

    file: str
    line: int | None
    key: str | None
    message: str  # in English, as the command line prints it
    said: Said | None = field(default=None, compare=False)  # the message in every language, where known

    @classmethod
    def of(cls, file: str, line: int | None, key: str | None, message: str | Said) -> Problem:
        """A problem whose message is plain English text or a `Said` (worded in every language)."""
        if isinstance(message, Said):
            return cls(file, line, key, message.text(), said=message)
        return cls(file, line, key, message)

    def in_language(self, language: str) -> str:
        """The message in `language` (the English `message` where it has no other wording)."""
        return self.said.text(language) if self.said is not None else self.message

    def located(self, language: str = "en") -> str:
        """`file:line: key: message`, the message in `language`."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        message = self.in_language(language)
        return f"{where}: {self.key}: {message}" if self.key else f"{where}: {message}"

    def __str__(self) -> str:
        return self.located()


class PolicyError(Exception):
    """Bad input: the CLI prints every problem and exits with code 2."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: str, line: int | None, key: str | None, message: str) -> PolicyError:
        return cls(Problem(file, line, key, message))


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`; did you mean 'x'?` for the closest of `candidates` to a misspelt `name`, or ""."""
    close = difflib.get_close_matches(name, [str(c) for c in candidates], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class MissingSystemLibrary(Exception):
    """A system library the PDF writer needs is missing; the message says what to install."""

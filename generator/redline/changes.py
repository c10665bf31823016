"""What a redline found, as data: the two sides compared, the options that changed, and each clause
added, removed or changed with the options behind it. `compare` makes it; `report` and the DOCX
writer show it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.document import Clause, Document
from generator.library.model import Library
from generator.messages import Said
from generator.options.validate import Choices


@dataclass(frozen=True)
class Side:
    """One version: where it came from, its choices and its resolved policy."""

    path: str
    library: Library
    choices: Choices
    document: Document
    notes: tuple[Said, ...] = ()  # e.g. the record was built with another version of the library


@dataclass(frozen=True)
class OptionChange:
    key: str
    question: str
    old: str  # the value as the file writes it; "(does not apply)" where it does not
    new: str


@dataclass(frozen=True)
class ClauseChange:
    kind: Literal["added", "removed", "changed"]
    clause_id: str
    number: str  # in the new policy (in the old one for a removed clause)
    title: str
    causes: tuple[str, ...]  # option keys; "library" when only the clause library explains it
    old: Clause | None = None
    new: Clause | None = None


@dataclass(frozen=True)
class Redline:
    old: Side
    new: Side
    options: tuple[OptionChange, ...]
    clauses: tuple[ClauseChange, ...]
    elsewhere: tuple[OptionChange, ...] = ()  # changed options no clause depends on (cover, header, footer)
    notes: tuple[Said, ...] = ()
    written: Path | None = None  # the redline or summary page, when one was asked for

    def of_kind(self, kind: str) -> list[ClauseChange]:
        return [change for change in self.clauses if change.kind == kind]

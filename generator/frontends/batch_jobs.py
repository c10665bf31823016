"""A batch's jobs as data: one school to build (`Job`), what became of it (`JobResult`), and the
settings every job of the batch shares. Apart from `batch` (the planning and the run) and
`batch_workers` (the processes), so that both import this and never each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem
from generator.formats import DEFAULT_FORMATS
from generator.load import Loaded


@dataclass
class Job:
    """One school to build: an options file, or a CSV row already loaded."""

    key: str  # stable identity in the state: the file's path, or CSV path#school's slug
    label: str  # what the summary calls it: the file, or the CSV file and line
    loaded: Loaded | None = None
    path: Path | None = None
    base_dir: Path | None = None
    stem: str = ""
    digest: str = ""
    parsed: Loaded | None = None  # an options file as read while planning (None if it could not be read)
    errors: list[Problem] = field(default_factory=list)  # what keeps it from being built: it fails unbuilt
    name: str = ""  # the school's name as the input gives it
    source_digest: str = ""  # hash of an options file's bytes as read while planning


@dataclass
class JobResult:
    key: str
    label: str
    school: str
    status: str  # built | unchanged | failed | not built (the batch stopped first)
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    digest: str = ""
    stem: str = ""
    fault: bool = False  # it failed for a fault of the output folder (full, read-only): the batch stops


@dataclass(frozen=True)
class Settings:
    out_dir: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    edition: str = "adopted"
    language: str | None = None
    pdf_variant: str = "pdf/ua-1"
    overlays: tuple[Path, ...] = ()
    theme_file: Path | None = None
    report_language: str = "en"  # the language of the notices and each school's errors

"""The pipeline: load, validate, resolve, write. One function reads as its steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .document import Document
from .errors import MissingSystemLibrary, PolicyError, Problem
from .library import LIBRARIES_DIR, Library, load_library
from .load import Loaded, load_yaml
from .slug import slugify
from .validate import Choices, read_header, validate

FORMATS = ("docx", "pdf", "html", "md")
DEFAULT_FORMATS = ("docx", "pdf")
EDITIONS = ("adopted", "review")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "pdf/a-2b", "none")


@dataclass
class BuildResult:
    document: Document
    outputs: list[Path] = field(default_factory=list)
    record: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


def load_choices(
    options_path: str | Path, *, language: str | None = None, strict: bool = False
) -> tuple[Library, Choices]:
    """Read a school's options file and check it against its clause library."""
    path = Path(options_path)
    loaded = load_yaml(path)
    library = library_for(loaded)
    choices = validate(loaded, library, base_dir=path.resolve().parent, language=language, strict=strict)
    return library, choices


def build(
    options_path: str | Path,
    out_dir: str | Path = "out",
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    edition: str = "adopted",
    language: str | None = None,
    pdf_variant: str = "pdf/ua-1",
    strict: bool = False,
) -> BuildResult:
    """Build the school's policy in each format; write a record of the build beside it."""
    from .record import RECORD_SUFFIX, build_record, write_record
    from .resolve import resolve

    _check_request(formats, edition, pdf_variant)
    library, choices = load_choices(options_path, language=language, strict=strict)
    document = resolve(library, choices, edition=edition)
    out = Path(out_dir)
    stem = slugify(document.meta.school) + ("-review" if edition == "review" else "")
    if language:
        stem += f"-{language}"
    result = BuildResult(document=document, warnings=choices.warnings)
    missing: MissingSystemLibrary | None = None
    for fmt in sorted(dict.fromkeys(formats), key=FORMATS.index):
        target = out / f"{stem}.{fmt}"
        try:
            write(document, target, fmt, pdf_variant=pdf_variant)
        except MissingSystemLibrary as exc:
            missing = exc
            continue
        result.outputs.append(target)
    if result.outputs:
        result.record = out / f"{stem}{RECORD_SUFFIX}"
        write_record(result.record, build_record(library, choices, document, result.outputs, str(options_path)))
    if missing is not None:
        raise missing
    return result


def write(document: Document, target: Path, fmt: str, *, pdf_variant: str = "pdf/ua-1") -> None:
    """Hand the Document to one writer; each writer is imported only when used."""
    if fmt == "docx":
        from .write_docx import write_docx

        write_docx(document, target)
    elif fmt == "pdf":
        from .write_pdf import write_pdf

        write_pdf(document, target, variant=pdf_variant)
    elif fmt == "html":
        from .write_html import write_html

        write_html(document, target)
    elif fmt == "md":
        from .write_markdown import write_markdown

        write_markdown(document, target)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def library_for(loaded: Loaded) -> Library:
    name, _ = read_header(loaded)
    if name not in available_libraries():
        known = ", ".join(available_libraries())
        raise PolicyError(loaded.problem("library", f"unknown clause library {name!r}; known: {known}"))
    return _cached_library(str(LIBRARIES_DIR / name))


@lru_cache(maxsize=8)
def _cached_library(root: str) -> Library:
    return load_library(Path(root))


def default_library() -> Library:
    from .library import DEFAULT_LIBRARY

    return _cached_library(str(LIBRARIES_DIR / DEFAULT_LIBRARY))


def available_libraries() -> list[str]:
    return sorted(p.name for p in LIBRARIES_DIR.iterdir() if (p / "library.yaml").is_file())


def _check_request(formats: Sequence[str], edition: str, pdf_variant: str) -> None:
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; choose from {', '.join(EDITIONS)}")
    if pdf_variant not in PDF_VARIANTS:
        raise ValueError(f"unknown PDF variant {pdf_variant!r}; choose from {', '.join(PDF_VARIANTS)}")

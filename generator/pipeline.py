"""The pipeline: load, validate, resolve, write. One function reads as its steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.atomic import atomic_group
from generator.document import Document
from generator.errors import MissingSystemLibrary, PolicyError, Problem
from generator.formats import DEFAULT_FORMATS, EDITIONS, FORMATS, PDF_VARIANTS
from generator.library.assemble import load_library
from generator.library.model import Library
from generator.library.overlay import is_overlay
from generator.load import Loaded, load_yaml, unreadable_path
from generator.messages import Said, quoted
from generator.options.check_values import shown_words, unprintable_in
from generator.options.theme import theme_from_options
from generator.options.validate import Choices, read_header, validate
from generator.resources import LIBRARIES_DIR
from generator.slug import slugify


@dataclass
class BuildResult:
    document: Document
    outputs: list[Path] = field(default_factory=list)
    record: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


def load_choices(
    options: str | Path | Loaded,
    *,
    language: str | None = None,
    strict: bool = False,
    overlays: Sequence[Path] = (),
    base_dir: Path | None = None,
    theme_file: Path | None = None,
) -> tuple[Library, Choices]:
    """Read a school's options (a file, or data already loaded) and check it against its clause library.

    Overlay folders come from `overlays` and from the file's own `clauses:` list (relative to the file).
    """
    if isinstance(options, Loaded):
        loaded, base = options, (base_dir or Path.cwd())
    else:
        loaded, base = load_yaml(Path(options)), Path(options).resolve().parent
    library = library_for(loaded, [*overlays, *overlays_named_in(loaded, base)])
    choices = validate(loaded, library, base_dir=base, language=language, strict=strict)
    choices.theme = theme_from_options(loaded, base, theme_file)
    return library, choices


def overlays_named_in(loaded: Loaded, base_dir: Path) -> list[Path]:
    """The overlay folders an options file names under `clauses:` (a folder or a list of folders)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    named = data.get("clauses")
    if named is None:
        return []
    folders = [named] if isinstance(named, str) else named
    if not isinstance(folders, list) or not all(isinstance(f, str) and f.strip() for f in folders):
        raise PolicyError(loaded.problem("clauses", Said("expected_overlays")))
    paths = []
    for folder in folders:
        if said := unprintable_in(folder):
            raise PolicyError(loaded.problem("clauses", said))
        path = (base_dir / folder).resolve()
        if (why := unreadable_path(path, folder=True)) is not None:
            said = Said("no_such_folder", folder=folder)
            if why != "missing":
                said = Said("value_unreadable", shown=shown_words(folder), reason=why)
            raise PolicyError(loaded.problem("clauses", said))
        if not is_overlay(path):  # said here, at the line that names it
            raise PolicyError(loaded.problem("clauses", Said("value_not_overlay", shown=shown_words(folder))))
        paths.append(path)
    return paths


def build(
    options_path: str | Path,
    out_dir: str | Path = "out",
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    edition: str = "adopted",
    language: str | None = None,
    pdf_variant: str = "pdf/ua-1",
    strict: bool = False,
    overlays: Sequence[Path] = (),
    base_dir: Path | None = None,
    stem: str | None = None,
    theme_file: Path | None = None,
    notes: Mapping[str, str] | None = None,
) -> BuildResult:
    """Build the school's policy in each format; write a record of the build beside it.

    `options_path` is an options file or already loaded data (`Loaded`, with `base_dir`
    for relative paths in it, as the batch command's CSV rows are). Output files are
    named `stem` or a slug of the school's name: never a path taken from the input.
    A PDF that cannot be made (a character no shipped font draws) does not stop the other
    formats: they are written, then `PdfNotMade` says why the PDF is missing. `notes` (clause id
    -> text) become Word comments on those clauses in the DOCX (`policygen update` marks there the
    decisions the school has yet to take).
    """
    from generator.compose.resolve import resolve

    _check_request(formats, edition, pdf_variant)
    library, choices = load_choices(
        options_path, language=language, strict=strict, overlays=overlays, base_dir=base_dir, theme_file=theme_file
    )
    document = resolve(library, choices, edition=edition)
    out = Path(out_dir)
    if stem is None:
        stem = output_stem(document.meta.school, edition, language)
    result = BuildResult(document=document, warnings=choices.warnings)
    not_drawn = pdf_problems(document, library, choices) if "pdf" in formats else []
    if not_drawn:  # the PDF alone cannot be made: the other formats are written, and the error says so
        formats = [fmt for fmt in formats if fmt != "pdf"]
    try:
        missing = _write_all(document, out, stem, formats, pdf_variant, result, choices, library, options_path,
                             notes)
    except OSError as exc:  # the folder's condition (full, read-only, not a folder), not an internal error
        if (fault := _output_fault(exc, out)) is None:
            raise
        raise fault from None
    if not_drawn:
        raise PdfNotMade(not_drawn, result)
    if missing is not None:
        raise missing
    return result


class PdfNotMade(PolicyError):
    """The PDF could not be made (a character no shipped font draws); the other formats were
    written: `result` lists them."""

    def __init__(self, problems: list[Problem], result: BuildResult) -> None:
        super().__init__(problems)
        self.result = result


def _write_all(
    document: Document, out: Path, stem: str, formats: Sequence[str], pdf_variant: str, result: BuildResult,
    choices: Choices, library: Library, options_path: str | Path | Loaded, notes: Mapping[str, str] | None = None,
) -> MissingSystemLibrary | None:
    """Write every format and the record as one change: the files are put in place together once
    every one is written, so a failure (a full disk at the record included) never leaves a new
    DOCX beside last time's PDF or record. The PDF writer's missing system library is returned."""
    from generator.record import RECORD_SUFFIX, build_record, write_record

    missing: MissingSystemLibrary | None = None
    with atomic_group():
        for fmt in sorted(dict.fromkeys(formats), key=FORMATS.index):
            target = out / f"{stem}.{fmt}"
            try:
                write(document, target, fmt, pdf_variant=pdf_variant, notes=notes)
            except MissingSystemLibrary as exc:
                missing = exc
                continue
            except ValueError as exc:  # the PDF writer's refusals: a file it may not read
                raise PolicyError(writer_problems(exc, library, choices)) from None
            result.outputs.append(target)
        if result.outputs:
            result.record = out / f"{stem}{RECORD_SUFFIX}"
            source = options_path.file if isinstance(options_path, Loaded) else str(options_path)
            write_record(result.record, build_record(library, choices, document, result.outputs, source))
    return missing


def _output_fault(exc: OSError, out: Path) -> PolicyError | None:
    """An OSError while writing into `out` as the user's message (None: it is about another file)."""
    from generator.atomic import is_temporary_name
    from generator.output_faults import output_fault

    named = Path(exc.filename) if isinstance(exc.filename, str) else None
    if named is None or is_temporary_name(named):
        return output_fault(exc, out)
    if out.resolve() not in (named.resolve(), *named.resolve().parents):
        return None
    return output_fault(exc, out, named if named.parent.resolve() == out.resolve() else None)


def check(
    options_path: str | Path,
    *,
    formats: Sequence[str] = DEFAULT_FORMATS,
    edition: str = "adopted",
    language: str | None = None,
    strict: bool = False,
    overlays: Sequence[Path] = (),
    theme_file: Path | None = None,
) -> Choices:
    """Everything `build` checks before it writes, without writing: the options (`validate`),
    the clauses they select (`resolve`), and what the PDF's fonts can draw. PolicyError lists
    every problem; the warnings are the returned choices'."""
    from generator.compose.resolve import resolve

    _check_request(formats, edition, "pdf/ua-1")
    library, choices = load_choices(
        options_path, language=language, strict=strict, overlays=overlays, theme_file=theme_file
    )
    document = resolve(library, choices, edition=edition)
    if "pdf" in formats and (problems := pdf_problems(document, library, choices)):
        raise PolicyError(problems)
    return choices


def pdf_problems(document: Document, library: Library, choices: Choices) -> list[Problem]:
    """Each character of `document` that no font of the PDF can draw, at the file and line that hold it."""
    from generator.writers.glyphs import missing_glyphs

    return glyph_problems(missing_glyphs(document), library, choices)


def glyph_problems(missing: list[tuple[str, dict[str, str]]], library: Library, choices: Choices) -> list[Problem]:
    """(character, where) pairs (`glyphs.missing_glyphs`) as problems of the files that hold each character."""
    from generator.options.locate import origin
    from generator.writers.glyphs import character_words

    return [
        origin(char, choices, library).problem(Said("missing_glyph", where=where, character=character_words(char)))
        for char, where in missing
    ]


def writer_problems(exc: ValueError, library: Library, choices: Choices) -> list[Problem]:
    """A writer's refusal as problems of the files whose text caused it."""
    from generator.writers.fetch import FetchRefused
    from generator.writers.glyphs import MissingGlyph

    if isinstance(exc, MissingGlyph):
        return glyph_problems(exc.missing, library, choices)
    if isinstance(exc, FetchRefused):
        return [choices.problem("school.logo", Said("pdf_may_not_read", detail=str(exc)))]
    raise exc


def output_stem(school: str, edition: str = "adopted", language: str | None = None) -> str:
    """`soendervang-skole`, `soendervang-skole-review`, `soendervang-skole-en`."""
    stem = slugify(school) + ("-review" if edition == "review" else "")
    return stem + (f"-{language}" if language else "")


def write(
    document: Document, target: Path, fmt: str, *, pdf_variant: str = "pdf/ua-1", notes: Mapping[str, str] | None = None
) -> None:
    """Hand the Document to one writer; each writer is imported only when used. `notes` are the
    DOCX's comments on clauses (the other formats have no comments)."""
    if fmt == "docx":
        from generator.writers.docx.writer import write_docx

        write_docx(document, target, notes=notes)
    elif fmt == "pdf":
        from generator.writers.pdf.writer import write_pdf

        write_pdf(document, target, variant=pdf_variant)
    elif fmt == "html":
        from generator.writers.html import write_html

        write_html(document, target)
    elif fmt == "md":
        from generator.writers.markdown import write_markdown

        write_markdown(document, target)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def library_for(loaded: Loaded, overlays: Sequence[Path] = ()) -> Library:
    name, _ = read_header(loaded)
    if name not in available_libraries():
        known = ", ".join(available_libraries())
        said = Said("unknown_library", name=quoted(name), known=known)
        raise PolicyError(loaded.problem("library", said))
    return _cached_library(str(LIBRARIES_DIR / name), tuple(str(Path(o).resolve()) for o in overlays))


@lru_cache(maxsize=16)
def _cached_library(root: str, overlays: tuple[str, ...] = ()) -> Library:
    return load_library(Path(root), [Path(overlay) for overlay in overlays])


def default_library(overlays: Sequence[Path] = ()) -> Library:
    """The shipped library (with `overlays` laid over it, in order)."""
    from generator.library.model import DEFAULT_LIBRARY

    return _cached_library(str(LIBRARIES_DIR / DEFAULT_LIBRARY), tuple(str(Path(o).resolve()) for o in overlays))


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

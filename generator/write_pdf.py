"""Write a Document as PDF: the print HTML laid out by WeasyPrint with templates/policy.css.

The only module that imports WeasyPrint, and only when a PDF is made (`import
generator.write_pdf` itself stays cheap). Steps of `write_pdf`:

1. check the variant name, and that the font has a glyph for every character;
2. render the print HTML (`write_html.render_html(for_print=True)`);
3. lay it out with the stylesheet and fonts parsed once per process;
4. write the bytes atomically.

WeasyPrint reads only through `fetch.LocalFetcher`: the templates folder and the logo.
Same input, same bytes: dates come from `meta.created` (or SOURCE_DATE_EPOCH when that is
empty), never from the clock.
"""

from __future__ import annotations

import atexit
import importlib
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from .atomic import atomic_path
from .document import Block, ContactTable, Document, ListBlock, Paragraph, ReviewNote, plain_text
from .errors import MissingSystemLibrary
from .fetch import TEMPLATES_DIR, FetchRefused, LocalFetcher
from .formats import LANGUAGES, PDF_VARIANTS
from .messages import Said, words
from .pdf_tags import finisher
from .write_html import DEFAULT_ACCENT, document_labels, render_html, themed_css, toc_entries

STYLESHEET = TEMPLATES_DIR / "policy.css"
FONT_NAMES = {"carlito": "Carlito", "caladea": "Caladea"}


def font_files(font: str = "carlito") -> tuple[Path, ...]:
    """The four faces of a shipped font (see templates/fonts/README.md)."""
    name = FONT_NAMES[font]
    return tuple(TEMPLATES_DIR / "fonts" / f"{name}-{face}.ttf" for face in ("Regular", "Bold", "Italic", "BoldItalic"))


# Characters the template itself draws in the body font (separators, list bullets); the review
# marks ○ ● are always drawn in Carlito ("Policy Marks" in policy.css), whatever the theme's font.
TEMPLATE_CHARACTERS = "·•–-0123456789.:"

# WeasyPrint options for each variant; every variant but "none" is tagged for screen readers.
_VARIANT_OPTIONS: dict[str, dict[str, Any]] = {
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1"},
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
    "pdf/a-2b": {"pdf_variant": "pdf/a-2b", "pdf_tags": True},
    "none": {},
}


class MissingGlyph(ValueError):
    """Text that the shipped font cannot draw; `missing` lists (character, where) pairs, where
    is in every language (`messages.words`)."""

    def __init__(self, missing: list[tuple[str, dict[str, str]]], font: str = "carlito") -> None:
        self.missing = missing
        described = "; ".join(f"{describe_character(char)} in {where['en']}" for char, where in missing)
        super().__init__(
            f"PDF output cannot show {described}: the font {FONT_NAMES[font]} has no glyph for "
            f"{'it' if len(missing) == 1 else 'them'}; replace or remove "
            f"{'it' if len(missing) == 1 else 'them'}"
        )


def write_pdf(document: Document, path: Path, *, variant: str = "pdf/ua-1") -> None:
    """Write `document` as a PDF of the given variant (see `PDF_VARIANTS`) to `path`."""
    data = render_pdf(document, variant=variant)
    with atomic_path(Path(path)) as tmp:
        tmp.write_bytes(data)


def render_pdf(
    document: Document, *, variant: str = "pdf/ua-1", toc_depth: int | None = None, **overrides: Any
) -> bytes:
    """The PDF bytes; `toc_depth` and `overrides` (WeasyPrint options) serve the benchmark."""
    options = variant_options(variant)
    check_glyphs(document)
    weasyprint = load_weasyprint()
    html = weasyprint.HTML(
        string=render_html(document, for_print=True, toc_depth=toc_depth),
        base_url=str(TEMPLATES_DIR),
        url_fetcher=_fetcher_class()(LocalFetcher(TEMPLATES_DIR, document.meta.logo, document.meta.theme.logo)),
    )
    try:
        return html.write_pdf(
            stylesheets=[stylesheet(document.meta.theme.accent, document.meta.theme.font)],
            font_config=font_config(),
            counter_style=counter_style(),
            finisher=finisher(link_descriptions(document)),
            **{**options, **overrides},
        )
    except _fatal_fetch_error() as error:
        if isinstance(error.__cause__, FetchRefused):
            raise error.__cause__ from None
        raise


def link_descriptions(document: Document) -> dict[str, str]:
    """What each internal link leads to, by anchor: "1 Formål og baggrund"."""
    entries = toc_entries(document, document_labels(document.meta), with_clauses=True)
    return {entry.anchor: f"{entry.number} {entry.title}".strip() for entry in entries}


def variant_options(variant: str) -> dict[str, Any]:
    """WeasyPrint's options for a variant name; ValueError naming the accepted ones."""
    if variant not in _VARIANT_OPTIONS:
        accepted = ", ".join(PDF_VARIANTS)
        raise ValueError(f"unknown PDF variant {variant!r}: expected one of {accepted}")
    return dict(_VARIANT_OPTIONS[variant])


# ---- glyphs -------------------------------------------------------------------------


def check_glyphs(document: Document) -> None:
    """Raise MissingGlyph if any printed text has a character the shipped font lacks."""
    font = document.meta.theme.font
    cmap = font_cmap(font)
    missing: dict[str, dict[str, str]] = {}
    for where, text in printed_text(document):
        for char in set(text):
            if ord(char) not in cmap and not _drawn_without_glyph(char) and char not in missing:
                missing[char] = where
    if missing:
        raise MissingGlyph(sorted(missing.items(), key=lambda item: ord(item[0])), font)


@cache
def font_cmap(font: str = "carlito") -> frozenset[int]:
    """The code points every face (regular, bold, italic) of a shipped font can draw."""
    from fontTools.ttLib import TTFont

    faces = [frozenset(TTFont(path, lazy=True).getBestCmap()) for path in font_files(font)]
    return frozenset.intersection(*faces)


def printed_text(document: Document) -> Iterator[tuple[dict[str, str], str]]:
    """(where, text) for every string the PDF draws; where is in every language."""
    meta = document.meta
    yield words("school name"), meta.school
    yield words("title"), meta.title
    yield words("municipality"), meta.municipality
    yield words("version"), meta.version
    yield words("date line"), meta.date_line
    yield words("footer"), meta.footer_line
    for label, value in meta.cover_facts:
        yield words("cover fact", label=label), label + value
    for key, value in document_labels(meta).items():
        yield words("label", label=key), value.replace("{page}", "").replace("{pages}", "")
    yield words("template"), TEMPLATE_CHARACTERS
    for section in document.sections:
        yield words("section", number=section.number), section.number + section.title
        for clause in section.clauses:
            where = words("clause", number=clause.number)
            yield where, clause.number + clause.title
            for block in clause.blocks:
                yield from ((where, text) for text in _block_texts(block))
            if clause.review is not None and meta.edition == "review":
                yield from ((where, text) for text in _review_texts(clause.review))
    for number, source in enumerate(document.sources, start=1):
        yield words("source", number=str(number)), source.text


def _review_texts(note: ReviewNote) -> Iterator[str]:
    yield note.status_label
    yield note.source
    for decision in note.decisions:
        yield decision.question
        yield from (text for text in (decision.value, decision.recommendation, decision.warning) if text)
        for alternative in decision.alternatives:
            yield alternative.label + alternative.consequence
    for paragraph in note.commentary:
        yield plain_text(paragraph.runs)


def _block_texts(block: Block) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield plain_text(block.runs)
    elif isinstance(block, ListBlock):
        for item in block.items:
            for inner in item:
                yield from _block_texts(inner)
    elif isinstance(block, ContactTable):
        yield "".join(block.headers)
        for row in block.rows:
            yield row.role + row.name + row.phone + row.email


def _drawn_without_glyph(char: str) -> bool:
    """Spaces are drawn with the space glyph (HarfBuzz), format characters are invisible."""
    return char in "\t\n\r" or unicodedata.category(char) in ("Zs", "Cf")


def character_words(char: str) -> dict[str, str]:
    """`describe_character` in each language, for a message (`messages.Said`)."""
    return {language: describe_character(char, language) for language in LANGUAGES}


def describe_character(char: str, language: str = "en") -> str:
    name = unicodedata.name(char, "")
    shown = f"»{char}«" if language == "da" else repr(char)
    return f"{words('the character')[language]} {shown} (U+{ord(char):04X}{' ' + name if name else ''})"


# ---- WeasyPrint, loaded and set up once per process --------------------------------


def load_weasyprint(import_module: Callable[[str], ModuleType] = importlib.import_module) -> ModuleType:
    """Import WeasyPrint, turning a missing system library into one sentence."""
    try:
        return import_module("weasyprint")
    except OSError as error:
        raise MissingSystemLibrary(Said("pdf_needs_pango", detail=str(error))) from error
    except ImportError as error:
        raise MissingSystemLibrary(Said("pdf_needs_weasyprint", detail=str(error))) from error


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint found libharfbuzz-subset (2.5x faster font subsetting than fontTools)."""
    load_weasyprint()
    from weasyprint.text.ffi import harfbuzz_subset

    return harfbuzz_subset is not None


@cache
def font_config() -> Any:
    load_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    # Dropped before the interpreter tears its modules down: FontConfiguration.__del__
    # needs them, and would print "Exception ignored ..." at exit otherwise.
    atexit.register(_forget_fonts)
    return FontConfiguration()


def _forget_fonts() -> None:
    stylesheet.cache_clear()
    font_config.cache_clear()
    import gc

    gc.collect()


@cache
def counter_style() -> Any:
    """Where @counter-style rules of the stylesheet are kept (WeasyPrint needs it passed twice)."""
    load_weasyprint()
    from weasyprint.css.counters import CounterStyle

    return CounterStyle()


@cache
def stylesheet(accent: str = DEFAULT_ACCENT, font: str = "carlito", path: Path = STYLESHEET) -> Any:
    """The print stylesheet in a theme's colour and font, parsed once per theme."""
    weasyprint = load_weasyprint()
    return weasyprint.CSS(
        string=themed_css(path.read_text(encoding="utf-8"), accent, font),
        base_url=str(path.parent),
        font_config=font_config(),
        counter_style=counter_style(),
        url_fetcher=_fetcher_class()(LocalFetcher(TEMPLATES_DIR)),
    )


def _fatal_fetch_error() -> type[BaseException]:
    from weasyprint.urls import FatalURLFetchingError

    return FatalURLFetchingError


@cache
def _fetcher_class() -> type:
    """WeasyPrint's URLFetcher, reading only what a `LocalFetcher` allows; refusals stop the render."""
    load_weasyprint()
    from weasyprint import urls

    class GuardedFetcher(urls.URLFetcher):
        def __init__(self, local: LocalFetcher) -> None:
            super().__init__(fail_on_errors=True)
            self.local = local

        def fetch(self, url: str, headers: Any = None) -> Any:
            fetched = self.local(url)
            return urls.URLFetcherResponse(fetched.url, fetched.data, {"Content-Type": fetched.mime_type})

    return GuardedFetcher

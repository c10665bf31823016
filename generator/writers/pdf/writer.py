"""Write a Document as PDF: the print HTML laid out by WeasyPrint with templates/policy.css.

The only module that imports WeasyPrint, and only when a PDF is made (`import
generator.writers.pdf.writer` itself stays cheap). Steps of `write_pdf`:

1. check the variant name, and that the shipped fonts have a glyph for every character (`glyphs`);
2. render the print HTML (`write_html.render_html(for_print=True)`), typographic variants the
   font lacks replaced by the characters that draw them (`glyphs.for_print`);
3. lay it out with the stylesheet and fonts parsed once per process;
4. write the bytes atomically.

WeasyPrint reads only through `fetch.LocalFetcher`: the templates folder and the logo.
Same input, same bytes: dates come from `meta.created` (or SOURCE_DATE_EPOCH when that is
empty), never from the clock.
"""

from __future__ import annotations

import atexit
import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.atomic import atomic_path
from generator.document import Document
from generator.errors import MissingSystemLibrary
from generator.formats import PDF_VARIANTS
from generator.messages import Said
from generator.writers.fetch import TEMPLATES_DIR, FetchRefused, LocalFetcher
from generator.writers.glyphs import MissingGlyph, check_glyphs, for_print
from generator.writers.html import DEFAULT_ACCENT, render_html, themed_css, toc_entries
from generator.writers.labels import document_labels
from generator.writers.pdf.archival import without_interpolation
from generator.writers.pdf.tags import finisher

__all__ = ["PDF_VARIANTS", "MissingGlyph", "check_glyphs", "render_pdf", "write_pdf"]

STYLESHEET = TEMPLATES_DIR / "policy.css"

# WeasyPrint options for each variant; every variant but "none" is tagged for screen readers.
# The file identifier (a hash of the content: the same input gives the same bytes) in every variant:
# PDF/A requires it (ISO 19005-2, 6.1.3), and a reader that keeps track of files uses it.
_VARIANT_OPTIONS: dict[str, dict[str, Any]] = {
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1", "pdf_identifier": True},
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
    "pdf/a-2b": {"pdf_variant": "pdf/a-2b", "pdf_tags": True},
    "none": {"pdf_identifier": True},
}


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
        string=for_print(render_html(document, for_print=True, toc_depth=toc_depth), document.meta.theme.font),
        base_url=str(TEMPLATES_DIR),
        url_fetcher=_fetcher_class()(LocalFetcher(TEMPLATES_DIR, document.meta.logo, document.meta.theme.logo)),
    )
    try:
        return html.write_pdf(
            stylesheets=[stylesheet(document.meta.theme.accent, document.meta.theme.font)],
            font_config=font_config(),
            counter_style=counter_style(),
            finisher=_finisher(link_descriptions(document), archival=variant.startswith("pdf/a")),
            **{**options, **overrides},
        )
    except _fatal_fetch_error() as error:
        if isinstance(error.__cause__, FetchRefused):
            raise error.__cause__ from None
        raise


def _finisher(descriptions: dict[str, str], *, archival: bool) -> Callable[[Any, Any], None]:
    """The corrections to WeasyPrint's PDF: tags and links always (`pdf_tags`), PDF/A's rules for an
    archival variant (`pdf_archival`)."""
    tags = finisher(descriptions)

    def finish(document: Any, pdf: Any) -> None:
        tags(document, pdf)
        if archival:
            without_interpolation(pdf)

    return finish


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

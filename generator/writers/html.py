"""Write a Document as HTML: a web page for the intranet, or the input of the PDF writer.

One Jinja2 template (`templates/policy.html.j2`) serves both: `render_html(document,
for_print=True)` is what `write_pdf` lays out with `templates/policy.css`;
`for_print=False` is a page that works alone (screen stylesheet inlined, logo as a
data: URI, no page furniture). Autoescaping is on, and user values are only ever
data: `<b>` or `{{ 7*7 }}` in a school name prints as typed.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.atomic import write_bytes_atomic
from generator.document import Clause, ContactTable, Document, Inline, ListBlock, Paragraph, Run, is_email_address
from generator.writers.fetch import TEMPLATES_DIR, check_logo
from generator.writers.labels import document_labels
from generator.writers.table_widths import column_percentages

TEMPLATE_NAME = "policy.html.j2"
DEFAULT_ACCENT = "#1d4f73"  # the accent colour the stylesheets are written in (document.Theme's default)
SAFE_LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def write_html(document: Document, path: Path, *, standalone: bool = True) -> None:
    """Write the intranet page (or, with `standalone=False`, only its `<article>`)."""
    html = render_html(document, for_print=False, standalone=standalone)
    write_bytes_atomic(Path(path), html.encode("utf-8"))


def render_html(document: Document, *, for_print: bool, standalone: bool = True, toc_depth: int | None = None) -> str:
    """The HTML of `document`; `for_print=True` is the page-layout input for WeasyPrint.

    The contents list sections and clauses (`toc_depth=2`) on screen, sections only
    (`toc_depth=1`) on paper: every printed page number costs a target-counter()
    lookup, about 5 ms each, and clauses would double the PDF's build time; the PDF's
    bookmarks list the clauses.
    """
    depth = toc_depth if toc_depth is not None else (1 if for_print else 2)
    meta = document.meta
    labels = document_labels(meta)
    return (
        _environment()
        .get_template(TEMPLATE_NAME)
        .render(
            document=document,
            labels=labels,
            for_print=for_print,
            standalone=standalone,
            toc=True,
            toc_entries=toc_entries(document, labels, with_clauses=depth >= 2),
            document_title=f"{meta.title} – {meta.school}",
            footer_line=document.meta.footer_line,
            page_label=split_page_label(labels["page_x_of_y"]) if for_print else ("", "", ""),
            logo_src=_logo_src(meta.logo, for_print) if meta.logo else None,
            screen_css="" if for_print else Markup(_screen_css(meta.theme.accent, meta.theme.font)),
            letterhead_src=_logo_src(meta.theme.logo, for_print) if meta.theme.logo else None,
            clause_anchor=clause_anchor,
            created=meta.created or source_date(),
        )
    )


def source_date() -> str:
    """SOURCE_DATE_EPOCH as a W3C date, or "" (no date at all) when it is unset: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class TocEntry:
    kind: str  # "section", "clause" or "appendix"
    number: str
    title: str
    anchor: str
    clauses: tuple[TocEntry, ...] = ()


def toc_entries(document: Document, labels: dict[str, str], *, with_clauses: bool) -> list[TocEntry]:
    """The table of contents in reading order: sections, their clauses, the appendix."""
    entries = []
    for section in document.sections:
        clauses = (
            tuple(TocEntry("clause", clause.number, clause.title, clause_anchor(clause)) for clause in section.clauses)
            if with_clauses
            else ()
        )
        entries.append(TocEntry("section", section.number, section.title, section.anchor, clauses))
        entries.extend(clauses)
    if document.sources:
        entries.append(TocEntry("appendix", "", labels["sources_title"], "sources"))
    return entries


def clause_anchor(clause: Clause) -> str:
    return f"cl-{clause.id}"


def split_page_label(label: str) -> tuple[str, str, str]:
    """Split "Side {page} af {pages}" into the text before, between and after the numbers."""
    match = re.fullmatch(r"(.*)\{page\}(.*)\{pages\}(.*)", label, flags=re.DOTALL)
    if match is None:
        raise ValueError(f"page label {label!r}: expected {{page}} and then {{pages}} in it")
    return match.group(1), match.group(2), match.group(3)


# A word (from space to space) that holds an address: a URL, a www. address or an e-mail address.
_ADDRESS = re.compile(r"\S*(?:https?://|www\.)\S+|\S*[^\s@]@[\w-]+(?:\.[\w-]+)+\S*")


def text_html(text: str) -> Markup:
    """Plain text as escaped HTML, each address in it (`_ADDRESS`) in a span that is never hyphenated."""
    parts, position = [], 0
    for match in _ADDRESS.finditer(text):
        parts += [escape(text[position : match.start()]), Markup('<span class="address">%s</span>') % match.group()]
        position = match.end()
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def inline_html(runs: Inline) -> Markup:
    """Runs as escaped HTML: <strong>, <em>, and <a> for http(s)/mailto/tel links only. What the user
    typed is in a `typed` span and addresses in an `address` span: the stylesheets hyphenate neither."""
    parts = []
    for run in _whole_words(runs):
        html = Markup('<span class="typed">%s</span>') % run.text if run.typed else text_html(run.text)
        if run.emphasis:
            html = Markup("<em>%s</em>") % html
        if run.strong:
            html = Markup("<strong>%s</strong>") % html
        if run.href and run.href.strip().lower().startswith(SAFE_LINK_SCHEMES):
            html = Markup('<a href="%s">%s</a>') % (run.href.strip(), html)
        parts.append(html)
    return Markup("").join(parts)




def _whole_words(runs: Inline) -> list[Run]:
    """The runs, each typed one widened to whole words: what touches it with no space between
    (»AULA«, (AULA)) joins it where it has the same formatting. An inline box that starts inside a
    word keeps WeasyPrint from breaking that word when it is longer than the line (overflow-wrap),
    so a typed value's span, like an address's, runs from space to space."""
    out = list(runs)
    for index, run in enumerate(out):
        if not run.typed:
            continue
        before = out[index - 1] if index else None
        if before is not None and not before.typed and _same_look(before, run):
            cut = len(before.text)
            while cut and not before.text[cut - 1].isspace():
                cut -= 1
            run = replace(run, text=before.text[cut:] + run.text)
            out[index - 1] = replace(before, text=before.text[:cut])
        after = out[index + 1] if index + 1 < len(out) else None
        if after is not None and not after.typed and _same_look(after, run):
            cut = 0
            while cut < len(after.text) and not after.text[cut].isspace():
                cut += 1
            run = replace(run, text=run.text + after.text[:cut])
            out[index + 1] = replace(after, text=after.text[cut:])
        out[index] = run
    return [run for run in out if run.text]


def _same_look(one: Run, other: Run) -> bool:
    return (one.strong, one.emphasis, one.href) == (other.strong, other.emphasis, other.href)


def contact_columns(table: ContactTable) -> list[float]:
    """The contact table's column widths in percent: the DOCX's plan (`table_widths`)."""
    return column_percentages([table.headers, *((row.role, row.name, row.phone, row.email) for row in table.rows)])


TOGETHER_UP_TO = 24  # characters: a phone number this long is kept on one line


def together(text: str) -> Markup:
    """A short value (a phone number) kept on one line; a longer one may break like any text."""
    if len(text) > TOGETHER_UP_TO:
        return escape(text)
    return Markup('<span class="together">%s</span>') % text


def email_link(address: str) -> Markup:
    """A contact's e-mail address as a mailto: link (as typed, escaped, if it is not an address)."""
    address = address.strip()
    if not is_email_address(address):
        return escape(address)
    return Markup('<a href="mailto:%s">%s</a>') % (address, address)


def _logo_src(logo: str, for_print: bool) -> str:
    """The logo as a file: URL for WeasyPrint (its fetcher checks it) or a data: URI."""
    path = check_logo(logo)
    if for_print:
        return path.as_uri()
    if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
        from generator.options.logo import prepared  # upright and sRGB, the bytes of the DOCX and the PDF

        image = prepared(path)
        return f"data:{image.mime_type};base64,{base64.b64encode(image.data).decode('ascii')}"
    mime_type = {".svg": "image/svg+xml"}.get(path.suffix.lower(), f"image/{path.suffix.lower()[1:]}")
    return f"data:{mime_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline_html
    env.filters["text"] = text_html
    env.filters["together"] = together
    env.globals["column_percentages"] = contact_columns
    env.filters["email_link"] = email_link
    env.tests["paragraph"] = lambda block: isinstance(block, Paragraph)
    env.tests["list_block"] = lambda block: isinstance(block, ListBlock)
    env.tests["contact_table"] = lambda block: isinstance(block, ContactTable)
    return env


@cache
def _screen_css(accent: str = DEFAULT_ACCENT, font: str = "carlito") -> str:
    return themed_css((TEMPLATES_DIR / "screen.css").read_text(encoding="utf-8"), accent, font)


# The font of the text: the print stylesheet names "Policy Text" (its own @font-face rules declare
# each shipped font under its own name, which nothing renames); the screen stylesheet is written
# with Carlito's stack, and a browser takes the first font of the stack that it has.
PRINT_FONTS = {"carlito": '"Carlito Policy"', "caladea": '"Caladea Policy"'}
SCREEN_FONTS = {
    "carlito": 'Carlito, Calibri, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
    "caladea": 'Caladea, Cambria, Georgia, "Times New Roman", serif',
}


def themed_css(css: str, accent: str, font: str) -> str:
    """A stylesheet in a letterhead's accent colour and font (the stylesheets are written in the default
    colour, the print one in the family "Policy Text" and the screen one in `SCREEN_FONTS["carlito"]`)."""
    css = css.replace(DEFAULT_ACCENT, accent)
    return css.replace('"Policy Text"', PRINT_FONTS[font]).replace(SCREEN_FONTS["carlito"], SCREEN_FONTS[font])

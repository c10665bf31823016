"""What the PDF's shipped fonts can draw, checked before anything is laid out.

The PDF is set in one shipped font (Carlito, or Caladea with a letterhead theme; four faces
each). What that font lacks is drawn by two shipped fallbacks, in this order (policy.css):
Noto Emoji (monochrome outlines) for emoji, DejaVu Sans for other symbols, arrows and
letters. Every font is embedded, as PDF/UA (ISO 14289-1, 7.21.4.1) and PDF/A
(ISO 19005-2, 6.2.11.4.1) require, and no system font is ever asked.

A typographic variant the text font lacks is drawn with the glyph of the character it
stands for (`VARIANTS`: U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN with "-", the
non-breaking one between word joiners so that the line still cannot break there), so a
name pasted from Word ("Sønder‑Omme Skole") looks as it does in the DOCX. Whatever is
still left is `MissingGlyph`: the PDF alone cannot be made.

Only fontTools is imported (no WeasyPrint): `validate` runs these checks too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from generator.document import Block, ContactTable, Document, ListBlock, Paragraph, ReviewNote, plain_text
from generator.formats import LANGUAGES
from generator.messages import words
from generator.resources import TEMPLATES_DIR

FONTS_DIR = TEMPLATES_DIR / "fonts"
FONT_NAMES = {"carlito": "Carlito", "caladea": "Caladea"}
FALLBACK_FONTS = {"Noto Emoji": "NotoEmoji-Regular.ttf", "DejaVu Sans": "DejaVuSans.ttf"}
# Characters the template itself draws in the body font (separators, list bullets); the review
# marks ○ ● are always drawn in Carlito ("Policy Marks" in policy.css), whatever the theme's font.
TEMPLATE_CHARACTERS = "·•–-0123456789.:"
WORD_JOINER = "\u2060"  # invisible (default-ignorable: no glyph is drawn), forbids a line break beside it

# Typographic variants and the plain characters whose glyphs draw them where the font has no
# glyph of their own. Unicode's compatibility decompositions where it gives one (U+2011 is
# <noBreak> U+2010; U+FE63 and U+FF0D are <small>/<wide> U+002D; U+2024 is U+002E), else the
# character of the same use in the same block (U+2012 FIGURE DASH and the en dash).
VARIANTS = {
    "\u2010": "-",  # HYPHEN
    "\u2011": f"{WORD_JOINER}-{WORD_JOINER}",  # NON-BREAKING HYPHEN
    "\u2012": "\u2013",  # FIGURE DASH
    "\u2015": "\u2014",  # HORIZONTAL BAR
    "\u2043": "-",  # HYPHEN BULLET
    "\u2024": ".",  # ONE DOT LEADER
    "\u2027": "\u00b7",  # HYPHENATION POINT
    "\u2219": "\u00b7",  # BULLET OPERATOR
    "\u2236": ":",  # RATIO
    "\u02bc": "\u2019",  # MODIFIER LETTER APOSTROPHE
    "\u201f": "\u201c",  # DOUBLE HIGH-REVERSED-9 QUOTATION MARK
    "\ufe63": "-",  # SMALL HYPHEN-MINUS
    "\uff0d": "-",  # FULLWIDTH HYPHEN-MINUS
    "\u2e3a": "\u2014\u2014",  # TWO-EM DASH
    "\u2e3b": "\u2014\u2014\u2014",  # THREE-EM DASH
}


class MissingGlyph(ValueError):
    """Text that no shipped font can draw; `missing` lists (character, where) pairs, where
    is in every language (`messages.words`)."""

    def __init__(self, missing: list[tuple[str, dict[str, str]]], font: str = "carlito") -> None:
        self.missing = missing
        described = "; ".join(f"{describe_character(char)} in {where['en']}" for char, where in missing)
        fonts = ", ".join([FONT_NAMES[font], *FALLBACK_FONTS])
        them = "it" if len(missing) == 1 else "them"
        super().__init__(
            f"PDF output cannot show {described}: none of the fonts {fonts} has a glyph for {them}; "
            f"replace or remove {them}"
        )


def font_files(font: str = "carlito") -> tuple[Path, ...]:
    """The four faces of a shipped text font (see templates/fonts/README.md)."""
    name = FONT_NAMES[font]
    return tuple(FONTS_DIR / f"{name}-{face}.ttf" for face in ("Regular", "Bold", "Italic", "BoldItalic"))


@cache
def font_cmap(font: str = "carlito") -> frozenset[int]:
    """The code points every face (regular, bold, italic) of a shipped text font can draw."""
    faces = [_cmap(path) for path in font_files(font)]
    return frozenset.intersection(*faces)


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def substitutions(font: str = "carlito") -> dict[int, str]:
    """`VARIANTS` the text font lacks and can draw with the plain character (a `str.translate` table)."""
    cmap = font_cmap(font)
    return {
        ord(variant): plain
        for variant, plain in VARIANTS.items()
        if ord(variant) not in cmap and all(ord(char) in cmap for char in plain.replace(WORD_JOINER, ""))
    }


@cache
def drawable(font: str = "carlito") -> frozenset[int]:
    """Every code point the PDF can draw in a document set in `font`: its own, the fallbacks', the variants'."""
    fallbacks = frozenset().union(*(_cmap(FONTS_DIR / name) for name in FALLBACK_FONTS.values()))
    return font_cmap(font) | fallbacks | frozenset(substitutions(font))


def for_print(text: str, font: str = "carlito") -> str:
    """`text` with each typographic variant the font lacks replaced by the characters that draw it."""
    return text.translate(substitutions(font))


def missing_glyphs(document: Document) -> list[tuple[str, dict[str, str]]]:
    """(character, where) for each character of the document no shipped font can draw, in code point order."""
    font = document.meta.theme.font
    can_draw = drawable(font)
    missing: dict[str, dict[str, str]] = {}
    for where, text in printed_text(document):
        for char in set(text):
            if ord(char) not in can_draw and not _drawn_without_glyph(char) and char not in missing:
                missing[char] = where
    return sorted(missing.items(), key=lambda item: ord(item[0]))


def check_glyphs(document: Document) -> None:
    """Raise MissingGlyph if any printed text has a character no shipped font can draw."""
    if missing := missing_glyphs(document):
        raise MissingGlyph(missing, document.meta.theme.font)


def printed_text(document: Document) -> Iterator[tuple[dict[str, str], str]]:
    """(where, text) for every string the PDF draws; where is in every language."""
    from generator.writers.labels import document_labels

    meta = document.meta
    yield words("school name"), meta.school
    yield words("title"), meta.title
    yield words("municipality"), meta.municipality
    yield words("version"), meta.version
    yield words("date line"), meta.date_line
    yield words("footer"), meta.footer_line
    yield words("letterhead"), meta.theme.name
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

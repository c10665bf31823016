"""The contact table's column widths, from its entries: one plan for the DOCX and the PDF.

Widths are measured from the longest entry in each column (Carlito 11 pt, Calibri's metrics, in twips)
and fill the text width (`column_widths` says in what order). The DOCX sets these widths in
twips (`docx_table`); the PDF and the web page set the same proportions as percentages
(`write_html`), so the tables of both look alike.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache

CELL_PADDING, MIN_TEXT_COLUMN = 260, 1600  # twips: Word's cell margins (2 x 108) and a little room
DOCX_TEXT_WIDTH = 11906 - 2 * 1418  # twips: A4 less the DOCX's 2.5 cm margins
MAX_NEED = DOCX_TEXT_WIDTH // 2  # no column asks for more than half the width, however long its entries

Row = Sequence[str]  # role, name, phone, e-mail


def column_widths(rows: Sequence[Row], text_width: int = DOCX_TEXT_WIDTH) -> list[int]:
    """Widths (twips) of the four columns, adding up to `text_width`.

    First each column's least: role and name as wide as their longest word, the phone number
    and the e-mail address on one line. What is left goes to role and name by the length of their
    longest entry. Where the least is too much, the e-mail address wraps (it may break anywhere),
    never a word of a role or a name; only beyond that does every column shrink alike."""
    needs = [max(_width(row[i]) for row in rows) for i in range(4)]
    role_word, name_word = (min(needs[i], max(MIN_TEXT_COLUMN, _width(_longest_word(rows, i)))) for i in range(2))
    least = [role_word, name_word, needs[2], needs[3]]
    if sum(least) > text_width:
        least[3] = max(MIN_TEXT_COLUMN, text_width - sum(least[:3]))
    if sum(least) > text_width:  # words too long for any table: each column gives up alike
        scaled = [round(width * text_width / sum(least)) for width in least]
        return [*scaled[:3], text_width - sum(scaled[:3])]
    spare = text_width - sum(least)
    wants = [max(1, needs[0] - least[0]), max(1, needs[1] - least[1])]
    role = least[0] + round(spare * wants[0] / sum(wants))
    return [role, text_width - role - least[2] - least[3], least[2], least[3]]


def column_percentages(rows: Sequence[Row]) -> list[float]:
    """`column_widths` as percentages of the text width (one decimal), for a stylesheet."""
    widths = column_widths(rows)
    return [round(100 * width / sum(widths), 1) for width in widths]


def _width(text: str) -> int:
    """What `text` needs in a cell (twips): its width in Carlito 11 pt (Calibri's metrics), measured."""
    cmap, advances, units = _metrics()
    fallback = advances.get(cmap.get(ord("n"), ""), (units // 2, 0))[0]
    measured = sum(advances.get(cmap.get(ord(char), ""), (fallback, 0))[0] for char in text) / units * 11 * 20
    return min(round(measured), MAX_NEED) + CELL_PADDING


@cache
def _metrics() -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    from fontTools.ttLib import TTFont

    from generator.writers.glyphs import font_files

    head_log = logging.getLogger("fontTools.ttLib.tables._h_e_a_d")
    level, head_log.level = head_log.level, logging.ERROR  # Carlito's 'created' date would be logged to stderr
    try:
        with TTFont(font_files("carlito")[0], lazy=True) as font:
            return dict(font.getBestCmap()), dict(font["hmtx"].metrics), font["head"].unitsPerEm
    finally:
        head_log.level = level


def _longest_word(rows: Sequence[Row], column: int) -> str:
    return max((word for row in rows for word in row[column].split()), key=_width, default="")

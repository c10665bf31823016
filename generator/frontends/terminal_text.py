"""Clause text (the document's blocks) as plain terminal lines: paragraphs wrapped, lists with
their markers and hanging indents, links with their address, no Markdown syntax left."""

from __future__ import annotations

import textwrap

from generator.document import Block, ContactRow, ContactTable, Inline, ListBlock, Paragraph

WIDTH = 92


def block_lines(blocks: tuple[Block, ...] | list[Block], indent: str = "    ", width: int = WIDTH) -> list[str]:
    """`blocks` as wrapped lines under `indent`, a blank line between paragraphs and lists."""
    lines: list[str] = []
    for block in blocks:
        if lines and lines[-1]:
            lines.append("")
        if isinstance(block, Paragraph):
            lines += _wrapped(inline_text(block.runs), indent, indent, width)
        elif isinstance(block, ListBlock):
            lines += _list_lines(block, indent, width)
        elif isinstance(block, ContactTable):
            lines += [indent + _row(row) for row in block.rows]
    return lines


def inline_text(runs: Inline) -> str:
    """Runs as plain text; a link's address follows its text in brackets unless the text is the address."""
    parts = []
    for run in runs:
        parts.append(run.text)
        address = (run.href or "").removeprefix("mailto:")
        if address and address not in run.text:
            parts.append(f" ({address})")
    return "".join(parts)


def _list_lines(block: ListBlock, indent: str, width: int) -> list[str]:
    lines: list[str] = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        hang = indent + " " * len(marker)
        for index, inner in enumerate(item):
            if isinstance(inner, Paragraph):
                first = indent + marker if index == 0 else hang
                lines += _wrapped(inline_text(inner.runs), first, hang, width)
            else:
                lines += block_lines((inner,), hang, width)
    return lines


def _row(row: ContactRow) -> str:
    return " · ".join(part for part in (row.role, row.name, row.phone, row.email) if part)


def _wrapped(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest) or [first.rstrip()]

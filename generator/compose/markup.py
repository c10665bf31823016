"""Clause text (CommonMark) into IR blocks, parsed once with markdown-it-py.

Only what a policy needs is understood: paragraphs, strong, emphasis, links,
bullet and numbered lists (nested). Raw HTML is off, so `<b>` is text. The values the
template printed come marked (`templating.TYPED_START`/`TYPED_END`): their runs are `typed`.
Anything else (a heading, a quote, code) becomes plain paragraphs, never lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.document import Block, Inline, ListBlock, Paragraph, Run
from generator.library.templating import TYPED_END, TYPED_START


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False})


@lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Block, ...]:
    """CommonMark text -> IR blocks. Cached: the blocks are frozen, and a batch or the web page's
    preview renders the same clause texts again and again."""
    tokens = _parser().parse(text)
    blocks, _ = _blocks(tokens, 0, closing=None)
    return tuple(blocks)


def _blocks(tokens: list[Token], index: int, closing: str | None) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    while index < len(tokens):
        token = tokens[index]
        if closing is not None and token.type == closing:
            return blocks, index + 1
        if token.type in ("bullet_list_open", "ordered_list_open"):
            block, index = _list(tokens, index)
            blocks.append(block)
            continue
        if token.type == "inline":
            runs = _inline(token.children or [])
            if runs:
                blocks.append(Paragraph(runs))
        elif token.type in ("code_block", "fence"):
            blocks.append(Paragraph((Run(_UNMARK.sub("", token.content.rstrip("\n"))),)))
        index += 1
    return blocks, index


def _list(tokens: list[Token], index: int) -> tuple[ListBlock, int]:
    opening = tokens[index]
    ordered = opening.type == "ordered_list_open"
    closing = "ordered_list_close" if ordered else "bullet_list_close"
    start = int(opening.attrs.get("start", 1)) if ordered else 1
    items: list[tuple[Block, ...]] = []
    index += 1
    while tokens[index].type != closing:
        assert tokens[index].type == "list_item_open"
        item, index = _blocks(tokens, index + 1, closing="list_item_close")
        items.append(tuple(item))
    return ListBlock(items=tuple(items), ordered=ordered, start=start), index + 1


def _inline(children: list[Token]) -> Inline:
    runs: list[Run] = []
    strong = emphasis = 0
    href: str | None = None
    typed = False  # inside a value the template printed (`templating.TYPED_START` ... `TYPED_END`)
    for token in children:
        kind = token.type
        if kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong -= 1
        elif kind == "em_open":
            emphasis += 1
        elif kind == "em_close":
            emphasis -= 1
        elif kind == "link_open":
            href = _UNMARK_HREF.sub("", str(token.attrs.get("href", "")))
        elif kind == "link_close":
            href = None
        elif kind in ("text", "code_inline", "html_inline", "softbreak", "hardbreak"):
            text = {"softbreak": " ", "hardbreak": "\n"}.get(kind, token.content)
            for part in _MARKS.split(text):
                if part in (TYPED_START, TYPED_END):
                    typed = part == TYPED_START
                else:
                    _append(runs, Run(part, strong > 0, emphasis > 0, href, typed))
    return tuple(runs)


_MARKS = re.compile(f"([{TYPED_START}{TYPED_END}])")
_UNMARK = re.compile(f"[{TYPED_START}{TYPED_END}]")
_UNMARK_HREF = re.compile(f"[{TYPED_START}{TYPED_END}]|%EF%B7%9[01]", re.IGNORECASE)  # as markdown-it encodes them


def _append(runs: list[Run], run: Run) -> None:
    """Merge a run into the previous one when the formatting is the same."""
    if not run.text:
        return
    last = runs[-1] if runs else None
    if last is not None and (last.strong, last.emphasis, last.href, last.typed) == (
        run.strong, run.emphasis, run.href, run.typed
    ):
        runs.pop()
        run = Run(last.text + run.text, run.strong, run.emphasis, run.href, run.typed)
    runs.append(run)

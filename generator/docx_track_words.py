"""A changed paragraph, word by word: the redline's runs (raw WordprocessingML, for `docx_track`).

The old and the new paragraph are cut into tokens (words, spaces, tabs, each with its run
formatting and hyperlink); `word_diff` finds the edit script; the new paragraph is then
written again from the tokens: words in both as they are, old words in w:del runs, new
words in w:ins runs. Fields, bookmarks and pictures come from the new paragraph unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from .word_diff import opcodes, words

_LINK_ATTRS = (qn("w:anchor"), qn("r:id"), qn("w:history"))


def local_name(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class Token:
    """A word, space, tab or break of a run (`kind="text"`), or anything else (`"other"`)."""

    kind: str
    text: str = ""
    rpr: Any = None
    link: Any = None  # the w:hyperlink it sits in
    element: Any = None  # for "other": what to copy

    @property
    def key(self) -> tuple[str, str, bool]:
        rpr = "" if self.rpr is None else etree.tostring(self.rpr, encoding="unicode")
        return (self.text, rpr, self.link is not None)


def tokens(paragraph: Any) -> list[Token]:
    """The paragraph's words, spaces, tabs and breaks, and its other content, in order."""
    found: list[Token] = []
    for child in paragraph:
        name = local_name(child)
        if name == "pPr":
            continue
        if name == "hyperlink":
            for inner in child:
                if local_name(inner) == "r":
                    found += _run_tokens(inner, child)
                else:
                    found.append(Token("other", link=child, element=inner))
        elif name == "r":
            found += _run_tokens(child, None)
        else:
            found.append(Token("other", element=child))
    return found


def _run_tokens(run: Any, link: Any) -> list[Token]:
    rpr = run.find(qn("w:rPr"))
    found: list[Token] = []
    for child in run:
        name = local_name(child)
        if name == "rPr":
            continue
        if name in ("t", "delText"):
            found += [Token("text", word, rpr, link) for word in words(child.text or "")]
        elif name == "tab" or (name == "br" and child.get(qn("w:type")) is None):
            found.append(Token("text", "\t" if name == "tab" else "\n", rpr, link))
        else:  # a field character, field code or picture: copied whole from the new document
            holder = OxmlElement("w:r")
            if rpr is not None:
                holder.append(copy.deepcopy(rpr))
            holder.append(copy.deepcopy(child))
            found.append(Token("other", rpr=rpr, link=link, element=holder))
    return found


def merge_words(old: Any, new: Any, revision: Callable[[str], Any]) -> Any:
    """`new` rewritten to hold both texts, the differences as w:del and w:ins runs."""
    old_text = [t for t in tokens(old) if t.kind == "text"]
    new_all = tokens(new)
    others_before: list[list[Token]] = [[]]
    new_text: list[Token] = []
    for token in new_all:
        if token.kind == "text":
            new_text.append(token)
            others_before.append([])
        else:
            others_before[-1].append(token)
    items: list[tuple[Token, str | None]] = []
    placed: set[int] = set()

    def others(index: int) -> None:
        if index not in placed:
            placed.add(index)
            items.extend((token, None) for token in others_before[index])

    ops = opcodes([t.key for t in old_text], [t.key for t in new_text], lambda key: not key[0][:1].isalnum())
    for tag, i1, i2, j1, j2 in ops:
        others(j1)
        if tag != "equal":
            items += [(token, "del") for token in old_text[i1:i2]]
        for j in range(j1, j2):
            others(j)
            items.append((new_text[j], None if tag == "equal" else "ins"))
    for index in range(len(others_before)):
        others(index)
    for child in [c for c in new if local_name(c) != "pPr"]:
        new.remove(child)
    _append_items(new, items, revision)
    return new


def _append_items(
    paragraph: Any, items: list[tuple[Token, str | None]], revision: Callable[[str], Any]
) -> None:
    """Write tokens back as runs: neighbours with the same formatting, link and mark share a run."""
    links = _links_of(items)
    container, container_link = paragraph, None
    run: Any = None
    run_key: tuple[Any, ...] | None = None
    for (token, mark), link in zip(items, links, strict=True):
        if link is not container_link:
            container, container_link, run_key = paragraph, link, None
            if link is not None:
                container = OxmlElement("w:hyperlink")
                for name in _LINK_ATTRS:
                    if link.get(name) is not None:
                        container.set(name, link.get(name))
                paragraph.append(container)
        if token.kind == "other":
            container.append(copy.deepcopy(token.element))
            run_key = None
            continue
        key = (mark, token.key[1])
        if key != run_key:
            run = OxmlElement("w:r")
            if token.rpr is not None:
                run.append(copy.deepcopy(token.rpr))
            if mark is None:
                container.append(run)
            else:
                wrapper = revision(mark)
                wrapper.append(run)
                container.append(wrapper)
            run_key = key
        _add_text(run, token.text, deleted=mark == "del")


def _links_of(items: list[tuple[Token, str | None]]) -> list[Any]:
    """The link each item is written in: its own, or for deleted words the next new word's."""
    links: list[Any] = [None if mark == "del" else token.link for token, mark in items]
    upcoming: Any = _UNSET
    for index in range(len(items) - 1, -1, -1):
        token, mark = items[index]
        if mark == "del":
            links[index] = None if upcoming is _UNSET else upcoming
        elif token.kind == "text":
            upcoming = token.link
    return links


_UNSET: Any = object()


def _add_text(run: Any, text: str, *, deleted: bool) -> None:
    if text in ("\t", "\n"):
        run.append(OxmlElement("w:tab" if text == "\t" else "w:br"))
        return
    last = run[-1] if len(run) else None
    tag = qn("w:delText") if deleted else qn("w:t")
    if last is not None and last.tag == tag:
        last.text += text
    else:
        element = OxmlElement("w:delText" if deleted else "w:t")
        element.text = text
        run.append(element)
        last = element
    last.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

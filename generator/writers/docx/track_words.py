"""A changed paragraph, word by word: the redline's runs (raw WordprocessingML, for `docx_track`).

The old and the new paragraph are cut into tokens (words, spaces, tabs, each with its run
formatting and the target of the link it is in: what a word carries besides its text is
compared too, so a link whose words stay but whose address changes is a change); `word_diff`
finds the edit script; the new paragraph is then written again from the tokens: words in both
as they are, old words in w:del runs inside their old link, new words in w:ins runs. Fields,
bookmarks and pictures come from the new paragraph unchanged. A link's target is read from the
`TARGET` attribute that `docx_track` puts on every w:hyperlink of both documents first.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from generator.writers.word_diff import opcodes, words

_LINK_ATTRS = (qn("w:anchor"), qn("r:id"), qn("w:history"))
TARGET = "{urn:policygen:redline}target"  # on a w:hyperlink while tracking: "#bookmark" or the address


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
    def key(self) -> tuple[str, str, str | None]:
        rpr = "" if self.rpr is None else etree.tostring(self.rpr, encoding="unicode")
        return (self.text, rpr, None if self.link is None else self.link.get(TARGET, ""))


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


def merge_words(old: Any, new: Any, revision: Callable[[str], Any], relate: Callable[[str], str]) -> Any:
    """`new` rewritten to hold both texts, the differences as w:del and w:ins runs; `relate` gives
    the new document's relationship id for an old link's external address."""
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
    _append_items(new, items, revision, relate)
    return new


def _append_items(
    paragraph: Any, items: list[tuple[Token, str | None]], revision: Callable[[str], Any],
    relate: Callable[[str], str],
) -> None:
    """Write tokens back as runs: neighbours with the same formatting, link and mark share a run,
    a deleted word inside the link it had in the old paragraph."""
    container, container_link = paragraph, None
    run: Any = None
    run_key: tuple[Any, ...] | None = None
    for token, mark in items:
        link = token.link
        if link is not container_link:
            container, container_link, run_key = paragraph, link, None
            if link is not None:
                container = copy_link(link, relate) if mark == "del" else _new_link(link)
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


def _new_link(link: Any) -> Any:
    element = OxmlElement("w:hyperlink")
    for name in (*_LINK_ATTRS, TARGET):
        if link.get(name) is not None:
            element.set(name, link.get(name))
    return element


def copy_link(old_link: Any, relate: Callable[[str], str]) -> Any:
    """An empty w:hyperlink of the new document going where `old_link` went in the old one: the same
    bookmark, or the same address through a relationship of the new document."""
    element = _new_link(old_link)
    if element.get(qn("r:id")) is not None:
        element.set(qn("r:id"), relate(old_link.get(TARGET, "")))
    return element


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

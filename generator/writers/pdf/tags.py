"""Corrections to the PDF's tags and links as WeasyPrint writes them (a `finisher`).

Each was found by reading the PDF back (and by PDF/UA checkers) and fixes what
assistive technology gets; none changes what is printed.

- List labels. The stylesheet draws each list item's bullet or number as an
  `li::before` box (policy.css says why not `::marker`), which WeasyPrint tags as a
  NonStruct at the start of the item's LBody: directly, or inside the NonStruct of
  the anonymous block that holds the item's first line when the item also has a
  paragraph (the review edition's alternatives). ISO 32000-1, 14.8.4.3.3, gives a
  list item's label its own Lbl element before the LBody, which is how a screen
  reader tells the number from the text. The marked content, and so the ParentTree,
  stays with the same elements; only the label's type, parent and place change.
- Running heads and feet. WeasyPrint marks the text of the page's margin boxes
  (school and title at the top, version and "Side 2 af 13" at the foot) as tagged
  content of elements that it leaves out of the tree, so a reader meets them on every
  page as text. ISO 14289-1, 7.8, wants them marked as artifacts: their marked
  content becomes `/Artifact <</Type /Pagination>>` and their ParentTree entries null.
- Links. Each link annotation gets the Print flag (ISO 14289-1, 7.18.1 via PDF/A) and,
  as its Contents, what the link leads to ("1 Formål og baggrund") instead of the
  target's id ("sec-purpose"); an e-mail link, its address.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PRINT_FLAG = 4


def finisher(descriptions: dict[str, str]) -> Callable[[Any, Any], None]:
    """The finisher for a document whose internal links lead to `descriptions` (anchor -> words)."""

    def finish(_document: Any, pdf: Any) -> None:
        label_list_markers(pdf)
        mark_running_heads_as_artifacts(pdf)
        describe_links(pdf, descriptions)

    return finish


def _element(objects: list[Any], reference: Any) -> dict[str, Any] | None:
    """The structure element a `K` entry refers to (None for a marked-content id or an OBJR)."""
    if not isinstance(reference, bytes) or not reference.endswith(b" R"):
        return None
    found = objects[int(reference.split()[0])]
    return found if isinstance(found, dict) and found.get("Type") == "/StructElem" else None


def _kids(element: dict[str, Any]) -> list[Any]:
    kids = element.get("K")
    return list(kids) if isinstance(kids, list) else [] if kids is None else [kids]


def label_list_markers(pdf: Any) -> None:
    """LI > LBody > [..., NonStruct(bullet), ...] becomes LI > [Lbl(bullet), LBody]."""
    objects = pdf.objects

    def is_marker(candidate: dict[str, Any] | None) -> bool:
        """A NonStruct holding one Span of text only (the `::before` box's line), or only such a NonStruct."""
        if candidate is None or candidate.get("S") != "/NonStruct" or len(_kids(candidate)) != 1:
            return False
        inner = _element(objects, _kids(candidate)[0])
        if inner is not None and inner.get("S") == "/Span":
            return all(isinstance(kid, int) for kid in _kids(inner))
        return is_marker(inner)

    for item in objects:
        if not isinstance(item, dict) or item.get("S") != "/LI" or not item.get("K"):
            continue
        parent = _element(objects, item["K"][0])
        if parent is None or parent.get("S") != "/LBody":
            continue
        while len(_kids(parent)) >= 2:  # the label moves out only from beside the item's text
            first = _element(objects, parent["K"][0])
            if first is None or first.get("S") != "/NonStruct":
                break
            if is_marker(first):
                first["S"] = "/Lbl"
                first["P"] = item.reference
                item["K"].insert(0, parent["K"].pop(0))
                break
            parent = first  # an anonymous block: the marker starts its first line


def mark_running_heads_as_artifacts(pdf: Any) -> None:
    """Marked content of elements outside the structure tree (the margin boxes) becomes artifacts."""
    import pydyf

    objects = pdf.objects
    if "StructTreeRoot" not in pdf.catalog:  # an untagged variant: nothing is marked
        return
    root = objects[int(pdf.catalog["StructTreeRoot"].split()[0])]
    in_tree: set[int] = set()
    pending = [_element(objects, kid) for kid in _kids(root)]
    while pending:
        element = pending.pop()
        if element is None or element.number in in_tree:
            continue
        in_tree.add(element.number)
        pending.extend(_element(objects, kid) for kid in _kids(element))
    parent_tree = objects[int(root["ParentTree"].split()[0])]
    numbers = dict(zip(parent_tree["Nums"][::2], parent_tree["Nums"][1::2], strict=True))
    for page in objects:
        if not isinstance(page, dict) or page.get("Type") != "/Page" or "StructParents" not in page:
            continue
        owners = numbers.get(page["StructParents"])
        if not isinstance(owners, list):
            continue
        outside = {
            mcid for mcid, owner in enumerate(owners)
            if (element := _element(objects, owner)) is not None and element.number not in in_tree
        }  # fmt: skip
        if not outside:
            continue
        for mcid in outside:
            owners[mcid] = b"null"
        for contents in _contents(objects, page):
            ops = contents.stream
            for index, op in enumerate(ops):
                if op == b"BDC" and index >= 2 and isinstance(ops[index - 1], dict):
                    if ops[index - 1].get("MCID") in outside:
                        ops[index - 2] = "/Artifact"
                        ops[index - 1] = pydyf.Dictionary({"Type": "/Pagination"})


def _contents(objects: list[Any], page: dict[str, Any]) -> list[Any]:
    references = page.get("Contents")
    references = references if isinstance(references, list) else [references]
    streams = [objects[int(reference.split()[0])] for reference in references if isinstance(reference, bytes)]
    return [stream for stream in streams if isinstance(getattr(stream, "stream", None), list)]


def describe_links(pdf: Any, descriptions: dict[str, str]) -> None:
    """The Print flag on every link, and Contents that say where it leads."""
    import pydyf

    for annotation in pdf.objects:
        if not isinstance(annotation, dict) or annotation.get("Subtype") != "/Link":
            continue
        annotation["F"] = PRINT_FLAG
        target = _text(annotation.get("Dest"))
        action = annotation.get("A")
        uri = _text(action.get("URI")) if isinstance(action, dict) else ""
        if target in descriptions:
            annotation["Contents"] = pydyf.String(descriptions[target])
        elif uri.startswith("mailto:"):
            annotation["Contents"] = pydyf.String(uri.removeprefix("mailto:"))


def _text(value: Any) -> str:
    """The text of a pydyf String (or a plain str or bytes)."""
    if value is None:
        return ""
    text = getattr(value, "string", value)
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)

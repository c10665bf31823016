"""Corrections to the PDF's structure tree (its tags) as WeasyPrint writes it.

List labels. The stylesheet draws each list item's bullet or number as an `li::before`
box (policy.css says why not `::marker`), which WeasyPrint tags as a NonStruct at the
start of the item's LBody: directly, or inside the NonStruct of the anonymous block
that holds the item's first line when the item also has a paragraph (the review
edition's alternatives). ISO 32000-1, 14.8.4.3.3, gives a list item's label its own
Lbl element before the LBody, which is how assistive technology tells the number
from the text. `label_list_markers` moves it there. The marked content, and so the
ParentTree, stays with the same elements; only the label's type, parent and place
change.
"""

from __future__ import annotations

from typing import Any


def label_list_markers(_document: Any, pdf: Any) -> None:
    """A WeasyPrint `finisher`: LI > LBody > [..., NonStruct(bullet), ...] becomes LI > [Lbl(bullet), LBody]."""
    objects = pdf.objects

    def element(reference: Any) -> dict[str, Any] | None:
        if not isinstance(reference, bytes) or not reference.endswith(b" R"):
            return None  # a marked-content id or an annotation, not an element
        found = objects[int(reference.split()[0])]
        return found if isinstance(found, dict) and found.get("Type") == "/StructElem" else None

    def is_marker(candidate: dict[str, Any] | None) -> bool:
        """A NonStruct holding one Span of text only (the `::before` box's line), or only such a NonStruct."""
        kids = (candidate or {}).get("K") or []
        if candidate is None or candidate.get("S") != "/NonStruct" or len(kids) != 1:
            return False
        inner = element(kids[0])
        if inner is not None and inner.get("S") == "/Span":
            return all(isinstance(k, int) for k in inner.get("K", ()))
        return is_marker(inner)

    for item in objects:
        if not isinstance(item, dict) or item.get("S") != "/LI" or not item.get("K"):
            continue
        parent = element(item["K"][0])
        if parent is None or parent.get("S") != "/LBody":
            continue
        while len(parent.get("K") or ()) >= 2:  # the label moves out only from beside the item's text
            first = element(parent["K"][0])
            if first is None or first.get("S") != "/NonStruct":
                break
            if is_marker(first):
                first["S"] = "/Lbl"
                first["P"] = item.reference
                item["K"].insert(0, parent["K"].pop(0))
                break
            parent = first  # an anonymous block: the marker starts its first line

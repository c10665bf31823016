"""Safe, stable names: file names from a school's name, ids from a heading a school wrote."""

from __future__ import annotations

import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa", "ß": "ss"})


def slugify(name: str, *, fallback: str = "politik", max_length: int = 60) -> str:
    """`Søndervang Skole` -> `soendervang-skole`; never a path, never empty."""
    text = unicodedata.normalize("NFKD", name.translate(_DANISH))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:max_length].rstrip("-") or fallback


def local_id(prefix: str, heading: str, taken: set[str]) -> str:
    """An id for a clause or section a school added: `prefix` + a slug of its heading (`local.telefontid`),
    with `-2`, `-3` ... where that id is `taken` already."""
    ident = prefix + slugify(heading, fallback="clause", max_length=40)
    candidate, count = ident, 2
    while candidate in taken:
        candidate, count = f"{ident}-{count}", count + 1
    return candidate

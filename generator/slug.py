"""Safe, stable file names from a school's name."""

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

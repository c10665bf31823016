"""What PDF/A asks of a PDF that WeasyPrint's PDF/A mode leaves to its caller (a `finisher` step).

WeasyPrint writes the output intent, the XMP identification and the Print flag of annotations
for a PDF/A variant, and marks every image `/Interpolate true` unless the stylesheet asks for
`image-rendering: crisp-edges`. ISO 19005-2, 6.2.8.3 (and ISO 19005-3, which refers to it):
"If an Image dictionary contains the Interpolate key, its value shall be false" (veraPDF rule
6.2.8-3). `tests/pdfa_rules.py` reads every PDF/A build back against the rules of its part.
"""

from __future__ import annotations

from typing import Any


def without_interpolation(pdf: Any) -> None:
    """Every image XObject (and soft mask) of the pydyf PDF with /Interpolate false."""
    for stream in pdf.objects:
        extra = getattr(stream, "extra", None)
        if isinstance(extra, dict):
            _no_interpolate(extra)
            mask = extra.get("SMask")
            if mask is not None and isinstance(getattr(mask, "extra", None), dict):
                _no_interpolate(mask.extra)


def _no_interpolate(dictionary: dict[str, Any]) -> None:
    if dictionary.get("Subtype") == "/Image" and "Interpolate" in dictionary:
        dictionary["Interpolate"] = "false"

"""The checks a logo passes before any writer sees it: a real PNG or JPEG within the limits.

Used for the school's logo (`school.logo`) and a letterhead's (`theme.logo`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from .messages import Said, SaidError, os_reason

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_SIDE = 5000  # pixels; a phone photo (4032 x 3024) fits, a decompression bomb does not
LOGO_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
LOGO_MAGIC = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}


def check_logo(path: Path, shown: str | dict[str, str]) -> Path:
    """The logo's real path if it is a PNG or JPEG image within the limits; `SaidError` (a ValueError)
    saying why not, naming the file as `shown` (words per language: `check_values.shown_words`).

    The whole image is decoded here (Pillow, imported only when there is a logo), so that
    neither python-docx nor WeasyPrint meets a truncated or forged image later.
    """
    try:
        path = path.resolve()
        if path.is_dir():
            raise SaidError(Said("logo_is_folder", shown=shown))
        if not path.is_file():
            raise SaidError(Said("logo_no_such_file", shown=shown))
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise SaidError(Said("logo_too_big", size=size, limit=MAX_LOGO_BYTES))
        with path.open("rb") as file:
            head = file.read(8)
    except OSError as exc:
        raise SaidError(Said("value_unreadable", shown=shown, reason=os_reason(exc))) from None
    kind = LOGO_SUFFIXES.get(path.suffix.lower())
    if kind is None or not head.startswith(LOGO_MAGIC[kind]):
        raise SaidError(Said("logo_not_image", shown=shown))
    from PIL import Image

    try:
        with Image.open(path, formats=[kind]) as image:
            width, height = image.size
            fits = 0 < width <= MAX_LOGO_SIDE and 0 < height <= MAX_LOGO_SIDE
            if fits:
                _load_strictly(image)
    except Image.DecompressionBombError:
        raise SaidError(Said("logo_too_many_pixels", shown=shown, limit=MAX_LOGO_SIDE)) from None
    except Exception as exc:  # Pillow reports a damaged image with OSError, SyntaxError, ValueError...
        detail = str(exc).replace(repr(str(path)), "").replace(str(path), "").strip() or type(exc).__name__
        raise SaidError(Said("logo_damaged", shown=shown, kind=kind, detail=detail)) from None
    if not fits:
        raise SaidError(Said("logo_too_large", width=width, height=height, limit=MAX_LOGO_SIDE))
    return path


_STRICT_LOADING = threading.Lock()


def _load_strictly(image: Any) -> None:
    """Decode every pixel, a truncated file being an error even though WeasyPrint, once imported,
    tells Pillow to accept truncated images (`ImageFile.LOAD_TRUNCATED_IMAGES`, process-wide)."""
    from PIL import ImageFile

    with _STRICT_LOADING:
        accepted = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = accepted

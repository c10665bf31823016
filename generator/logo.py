"""The checks a logo passes before any writer sees it: a real PNG or JPEG within the limits.

Used for the school's logo (`school.logo`) and a letterhead's (`theme.logo`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_SIDE = 5000  # pixels; a phone photo (4032 x 3024) fits, a decompression bomb does not
LOGO_SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
LOGO_MAGIC = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}


def check_logo(path: Path, shown: str) -> Path:
    """The logo's real path if it is a PNG or JPEG image within the limits; ValueError saying why not.

    The whole image is decoded here (Pillow, imported only when there is a logo), so that
    neither python-docx nor WeasyPrint meets a truncated or forged image later.
    """
    try:
        path = path.resolve()
        if not path.is_file():
            raise ValueError(f"no such file: {shown}")
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise ValueError(f"the logo is {size:,} bytes; the limit is {MAX_LOGO_BYTES:,} bytes")
        with path.open("rb") as file:
            head = file.read(8)
    except OSError as exc:
        raise ValueError(f"{shown} cannot be read ({exc.strerror or exc})") from None
    kind = LOGO_SUFFIXES.get(path.suffix.lower())
    if kind is None or not head.startswith(LOGO_MAGIC[kind]):
        raise ValueError(f"{shown} is not a PNG or JPEG image (a .png, .jpg or .jpeg file)")
    from PIL import Image

    try:
        with Image.open(path, formats=[kind]) as image:
            width, height = image.size
            fits = 0 < width <= MAX_LOGO_SIDE and 0 < height <= MAX_LOGO_SIDE
            if fits:
                _load_strictly(image)
    except Image.DecompressionBombError:
        raise ValueError(f"{shown} has too many pixels; the limit is {MAX_LOGO_SIDE:,} pixels a side") from None
    except Exception as exc:  # Pillow reports a damaged image with OSError, SyntaxError, ValueError...
        detail = str(exc).replace(repr(str(path)), "").replace(str(path), "").strip() or type(exc).__name__
        raise ValueError(f"{shown} is not a {kind} image that can be read ({detail})") from None
    if not fits:
        raise ValueError(f"the logo is {width:,} × {height:,} pixels; the limit is {MAX_LOGO_SIDE:,} pixels a side")
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

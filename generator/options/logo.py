"""The checks a logo passes before any writer sees it (a real PNG or JPEG within the limits), and
the one decoded, normalised image that every writer gets.

Used for the school's logo (`school.logo`) and a letterhead's (`theme.logo`). A phone photo of a
crest carries its orientation as EXIF metadata, which WeasyPrint applies and python-docx (and
Word) does not; its colours may be in a profile (Adobe RGB, CMYK) that neither writer converts.
So no writer reads the file itself: `prepared` decodes it once, turns it upright, converts its
colours to sRGB in 8 bits, and encodes it again without metadata (JPEG stays JPEG, anything
with transparency is PNG); the DOCX, the PDF and the web page all embed those same bytes.
"""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.messages import Said, SaidError, os_reason

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
    try:
        prepared(str(path))  # decoded once here, so the writers meet no surprise
    except Exception as exc:  # a colour profile that littlecms cannot read, a mode Pillow cannot convert
        raise SaidError(Said("logo_not_srgb", shown=shown, detail=str(exc))) from None
    return path


@dataclass(frozen=True)
class PreparedImage:
    """A logo as every writer embeds it: upright, sRGB (or grey), 8 bits, no metadata."""

    data: bytes
    mime_type: str  # image/png or image/jpeg
    width: int  # pixels, upright
    height: int


JPEG_QUALITY = 92


def prepared(path: str | Path) -> PreparedImage:
    """The logo at `path` decoded, turned upright (its EXIF orientation applied), converted to sRGB
    in 8 bits and encoded again: the same bytes for the DOCX, the PDF and the web page. Decoded
    once per process and file version (path, size and modification time). Raises what Pillow raises
    for a file that is not an image (validation has refused those already)."""
    stat = os.stat(path)
    return _prepared(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=32)
def _prepared(path: str, _size: int, _mtime: int) -> PreparedImage:
    from PIL import Image, ImageOps

    with Image.open(path) as opened:
        source_format = opened.format
        upright = ImageOps.exif_transpose(opened)
        image = _in_srgb(upright)
    buffer = io.BytesIO()
    if source_format in ("JPEG", "MPO") and image.mode in ("RGB", "L"):
        image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        mime_type = "image/jpeg"
    else:
        image.save(buffer, format="PNG", optimize=True)
        mime_type = "image/png"
    return PreparedImage(buffer.getvalue(), mime_type, image.width, image.height)


def _in_srgb(image: Any) -> Any:
    """The image's colours in sRGB (grey stays grey), 8 bits a channel, its transparency kept: an
    embedded profile (Adobe RGB, a CMYK press profile) is applied with littlecms; CMYK without one
    is converted plainly."""
    from PIL import ImageCms

    has_alpha = "A" in image.getbands() or (image.mode == "P" and "transparency" in image.info)
    alpha = image.convert("RGBA").getchannel("A") if has_alpha else None
    profile = image.info.get("icc_profile")
    if image.mode.startswith("I"):  # 16 or 32 bits of grey
        image = image.point(lambda value: value / 256).convert("L")
    colour = image.convert("CMYK" if image.mode == "CMYK" else "L" if image.mode in ("1", "L", "LA") else "RGB")
    if profile:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        colour = ImageCms.profileToProfile(colour, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    elif colour.mode == "CMYK":
        colour = colour.convert("RGB")
    if alpha is not None:
        colour = colour.convert("LA" if colour.mode == "L" else "RGBA")
        colour.putalpha(alpha)
    return colour


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

"""Every logo (the school's and the letterhead's) decoded and normalised once, before either writer:
the DOCX, the PDF and the web page show the same upright sRGB pixels (issue 15, kind 3)."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PIL import Image

from tests.helpers import facts_yaml
from tests.pdf_reading import image_placements

RED, BLUE, WHITE = (220, 30, 30), (30, 30, 220), (255, 255, 255)


def crest(width: int = 120, height: int = 60) -> Image.Image:
    """A landscape picture that shows which way is up: a red block top left, a blue one bottom right."""
    image = Image.new("RGB", (width, height), WHITE)
    image.paste(RED, (0, 0, width // 3, height // 2))
    image.paste(BLUE, (2 * width // 3, height // 2, width, height))
    return image


def as_stored(upright: Image.Image, orientation: int) -> Image.Image:
    """The pixels a camera stores for an upright picture, given the EXIF orientation it records."""
    undo = {
        1: [], 2: [Image.Transpose.FLIP_LEFT_RIGHT], 3: [Image.Transpose.ROTATE_180],
        4: [Image.Transpose.FLIP_TOP_BOTTOM], 5: [Image.Transpose.TRANSPOSE], 6: [Image.Transpose.ROTATE_90],
        7: [Image.Transpose.TRANSVERSE], 8: [Image.Transpose.ROTATE_270],
    }[orientation]
    stored = upright
    for step in undo:
        stored = stored.transpose(step)
    return stored


def phone_photo(path: Path, orientation: int) -> Path:
    stored = as_stored(crest(), orientation)
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, format="JPEG", quality=95, exif=exif.tobytes())
    return path


def corners(image: Image.Image) -> tuple[str, str]:
    """Which colour is top left and bottom right ("red", "blue" or "white")."""
    rgb = image.convert("RGB")
    width, height = rgb.size

    def name(pixel: tuple[int, ...]) -> str:
        r, g, b = pixel[:3]
        return "red" if r > 150 and b < 100 else "blue" if b > 150 and r < 100 else "white"

    top_left, bottom_right = (width // 8, height // 8), (width - 1 - width // 8, height - 1 - height // 8)
    return name(rgb.getpixel(top_left)), name(rgb.getpixel(bottom_right))


def build_with_logo(tmp_path: Path, run: Callable[..., object], logo: Path) -> Path:
    theme = tmp_path / "theme.yaml"
    theme.write_text(f"name: Kredsen\nlogo: {logo.name}\n", encoding="utf-8")
    options = tmp_path / "skole.yaml"
    text = facts_yaml(f"school:\n  name: Engskolen\n  logo: {logo.name}\ntheme: {theme.name}\n")
    options.write_text(text, encoding="utf-8")
    result = run("build", options, "-o", tmp_path / "out", "-f", "docx", "-f", "pdf", "-f", "html")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    return tmp_path / "out"


def docx_pictures(path: Path) -> list[tuple[float, Image.Image, bytes]]:
    """(width / height as placed, the image, its bytes) of each picture of the DOCX."""
    document = docx.Document(str(path))
    pictures = []
    for shape in document.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        blob = document.part.related_parts[blip.embed].blob
        pictures.append((shape.width / shape.height, Image.open(io.BytesIO(blob)), blob))
    return pictures


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_is_upright_and_alike_in_docx_pdf_and_html(
    orientation: int, tmp_path: Path, run: Callable[..., object]
) -> None:
    out = build_with_logo(tmp_path, run, phone_photo(tmp_path / "crest.jpg", orientation))
    pictures = docx_pictures(out / "engskolen.docx")
    placements = image_placements(out / "engskolen.pdf")
    assert len(pictures) == len(placements) == 2  # the letterhead's and the school's
    for ratio, image, _ in pictures:
        assert ratio == pytest.approx(2.0, rel=0.02)  # landscape, as the crest stands
        assert image.size == (120, 60) and corners(image) == ("red", "blue")
        assert image.mode == "RGB" and "exif" not in image.info and "icc_profile" not in image.info
    for placement in placements:
        assert placement.width / placement.height == pytest.approx(2.0, rel=0.02)
        assert placement.xobject.get_data() == pictures[0][2]  # the very JPEG bytes the DOCX holds
    page = (out / "engskolen.html").read_text(encoding="utf-8")
    sources = re.findall(r'src="data:image/jpeg;base64,([^"]+)"', page)
    assert [base64.b64decode(source) for source in sources] == [pictures[0][2]] * 2


def test_colours_are_converted_to_srgb(tmp_path: Path, run: Callable[..., object]) -> None:
    """A CMYK JPEG (as a print shop sends it) and a 16-bit PNG with transparency: RGB in 8 bits in both."""
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (80, 40), (0, 220, 220, 0)).save(cmyk, format="JPEG")
    out = build_with_logo(tmp_path, run, cmyk)
    for _, image, _ in docx_pictures(out / "engskolen.docx"):
        assert image.mode == "RGB"
        red, green, blue = image.getpixel((40, 20))
        assert red > 200 and green < 90 and blue < 90
    for placement in image_placements(out / "engskolen.pdf"):
        assert placement.xobject["/ColorSpace"] == "/DeviceRGB"  # sRGB: the output intent's colour space


def swapped_primaries_profile() -> bytes:
    """sRGB's own profile with its red and blue primaries swapped: pixels tagged with it are
    "red" numbers that mean blue."""
    import struct

    import weasyprint

    data = bytearray((Path(weasyprint.__file__).parent / "pdf" / "sRGB2014.icc").read_bytes())
    count = struct.unpack(">I", data[128:132])[0]
    entries = {bytes(data[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    data[red + 4 : red + 12], data[blue + 4 : blue + 12] = data[blue + 4 : blue + 12], data[red + 4 : red + 12]
    return bytes(data)


def test_a_profile_is_applied_not_dropped(tmp_path: Path, run: Callable[..., object]) -> None:
    """Pixels tagged with a profile other than sRGB are converted through it (littlecms), not reinterpreted
    (WeasyPrint alone draws the numbers as sRGB; Word applies the profile: the two disagreed)."""
    tagged = tmp_path / "tagged.jpg"
    crest().save(tagged, format="JPEG", quality=95, icc_profile=swapped_primaries_profile())
    out = build_with_logo(tmp_path, run, tagged)
    for _, image, _ in docx_pictures(out / "engskolen.docx"):
        assert "icc_profile" not in image.info
        assert corners(image) == ("blue", "red")  # the profile's meaning, in sRGB numbers
    pdf_image = Image.open(io.BytesIO(image_placements(out / "engskolen.pdf")[0].xobject.get_data()))
    assert corners(pdf_image) == ("blue", "red")

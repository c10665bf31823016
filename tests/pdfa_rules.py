"""The rules of PDF/A-2b and PDF/A-3b (ISO 19005-2 and -3, level B), checked on a PDF read back.

No PDF/A validator can be installed from the registries this project reaches (veraPDF is a Java
application published on Maven Central; PyPI's wrappers download it at run time). These checks
follow veraPDF's own validation profiles for PDFA-2B and PDFA-3B (one rule each, named by its
clause and test number, "6.2.8-3"), for everything a document can hold that policygen's could:
file structure, output intent and colour spaces, images, graphics states and transparency,
fonts (embedded programs, widths, CIDSet, glyphs), annotations and actions, XMP metadata and the
PDF/A identification, embedded files. `check(path, part)` returns every finding; part None checks
what holds for any PDF policygen writes (structure, fonts, annotations, actions).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, StreamObject

from tests.pdfa_rules_fonts import FontsAndDocumentRules, resources

ALLOWED_FILTERS = {"/ASCIIHexDecode", "/ASCII85Decode", "/FlateDecode", "/RunLengthDecode", "/CCITTFaxDecode",
                   "/JBIG2Decode", "/DCTDecode"}  # 6.1.7.2-1: no LZW, no Crypt (and no JPX in streams of ours)
BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten", "/ColorDodge",
               "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion", "/Hue", "/Saturation",
               "/Color", "/Luminosity"}
INTENTS = {"/RelativeColorimetric", "/AbsoluteColorimetric", "/Perceptual", "/Saturation"}


@dataclass(frozen=True)
class Finding:
    rule: str  # veraPDF's clause and test number, "6.2.8-3"
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


class _Checker(FontsAndDocumentRules):
    def __init__(self, path: Path, part: int | None) -> None:
        self.raw = Path(path).read_bytes()
        self.reader = pypdf.PdfReader(io.BytesIO(self.raw))
        self.part = part
        self.found: list[Finding] = []
        self.catalog = self.reader.trailer["/Root"].get_object()
        self.output_cs = self._output_colour_space()

    def fail(self, rule: str, message: str) -> None:
        self.found.append(Finding(rule, message))

    # ---- 6.1 file structure -------------------------------------------------------------

    def file_structure(self) -> None:
        if not re.match(rb"%PDF-1\.[0-7]\r?\n", self.raw):
            self.fail("6.1.2-1", f"header {self.raw[:9]!r}")
        second = self.raw.split(b"\n", 2)[1]
        if not (second.startswith(b"%") and len(second) >= 5 and all(byte > 127 for byte in second[1:5])):
            self.fail("6.1.2-2", "no binary comment of four bytes above 127 after the header")
        identifier = self.reader.trailer.get("/ID")
        if not identifier or not identifier[0]:
            self.fail("6.1.3-1", "the trailer has no ID")
        if "/Encrypt" in self.reader.trailer:
            self.fail("6.1.3-2", "the trailer has Encrypt")
        if self.raw.rstrip(b"\r\n").endswith(b"%%EOF") is False:
            self.fail("6.1.3-3", "data after the last %%EOF")
        for number, obj in self.objects():
            self._limits(number, obj)
            if isinstance(obj, StreamObject):
                self._stream(number, obj)
        if int(self.reader.trailer.get("/Size", 0)) > 8388607:
            self.fail("6.1.13-7", "more than 8,388,607 indirect objects")
        for page in self.reader.pages:
            box = [float(x) for x in page.mediabox]
            if not (3 <= abs(box[3] - box[1]) <= 14400 and 3 <= abs(box[2] - box[0]) <= 14400):
                self.fail("6.1.13-11", f"page size {box}")

    def _stream(self, number: int, stream: StreamObject) -> None:
        for key in ("/F", "/FFilter", "/FDecodeParms"):
            if key in stream:
                self.fail("6.1.7.1-3", f"object {number} has {key}")
        filters = stream.get("/Filter")
        for name in (filters if isinstance(filters, ArrayObject) else [filters] if filters else []):
            if name not in ALLOWED_FILTERS:
                self.fail("6.1.7.2-1", f"object {number} uses the filter {name}")
        offset = self._offset(number)
        start = self.raw.find(b"stream", offset)
        newline = re.match(rb"stream(\r\n|\n)", self.raw[start : start + 8])
        if newline is None:
            self.fail("6.1.7.1-2", f"object {number}: 'stream' is not followed by CRLF or LF")
            return
        data_start = start + len(newline.group())
        declared = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", self.raw[offset:start])
        if declared is None:
            self.fail("6.1.7.1-1", f"object {number} has no Length")
            return
        length = int(declared.group(1))
        if declared.group(2):
            length = int(self.reader.get_object(length))
        if not re.match(rb"(\r\n|\n|\r)endstream", self.raw[data_start + length : data_start + length + 12]):
            self.fail("6.1.7.1-1", f"object {number}: Length {length} is not the stream's length")

    def _offset(self, number: int) -> int:
        for generation in self.reader.xref.values():
            if number in generation:
                return int(generation[number])
        return 0

    def _limits(self, number: int, obj: Any) -> None:
        for value in _walk(obj):
            if isinstance(value, bool):
                continue
            if isinstance(value, int) and not -2147483648 <= value <= 2147483647:
                self.fail("6.1.13-1", f"object {number}: integer {value}")
            elif isinstance(value, float) and (abs(value) > 3.403e38 or 0 < abs(value) < 1.175e-38):
                self.fail("6.1.13-2", f"object {number}: real {value}")
            elif isinstance(value, (pypdf.generic.TextStringObject, pypdf.generic.ByteStringObject)):
                if len(value.original_bytes if hasattr(value, "original_bytes") else value) >= 32768:
                    self.fail("6.1.13-3", f"object {number}: a string of 32,768 bytes or more")
            elif isinstance(value, pypdf.generic.NameObject) and len(value.encode("utf-8")) - 1 > 127:
                self.fail("6.1.13-4", f"object {number}: a name longer than 127 bytes")

    # ---- 6.2 graphics ---------------------------------------------------------------------

    def _output_colour_space(self) -> str | None:
        intents = self.catalog.get("/OutputIntents") or []
        profiles = {intent.get_object().raw_get("/DestOutputProfile").idnum for intent in intents
                    if "/DestOutputProfile" in intent.get_object()}
        if len(profiles) > 1:
            self.fail("6.2.3-2", "more than one output profile")
        for intent in intents:
            profile = intent.get_object().get("/DestOutputProfile")
            if profile is None:
                continue
            data = profile.get_object().get_data()
            version, device_class, space = data[8], data[12:16], data[16:20]
            if device_class not in (b"prtr", b"mntr") or space not in (b"RGB ", b"CMYK", b"GRAY") or version >= 5:
                self.fail("6.2.3-1", f"output profile {device_class!r} {space!r} version {version}")
            return space.decode("ascii")
        return None

    def graphics(self) -> None:
        if self.part is not None and self.output_cs is None:
            self.fail("6.2.3", "no PDF/A output intent")
        for number, obj in self.objects():
            if not isinstance(obj, DictionaryObject):
                continue
            kind, subtype = obj.get("/Type"), obj.get("/Subtype")
            if subtype == "/Image":
                self._image(number, obj)
            elif subtype == "/Form" and kind in (None, "/XObject"):
                if obj.get("/Subtype2") == "/PS" or "/PS" in obj or "/OPI" in obj:
                    self.fail("6.2.9-1", f"object {number}: a PostScript or OPI form")
                if "/Ref" in obj:
                    self.fail("6.2.9-2", f"object {number}: a reference XObject")
            elif subtype == "/PS":
                self.fail("6.2.9-3", f"object {number}: a PostScript XObject")
            if kind == "/ExtGState" or any(key in obj for key in ("/TR", "/TR2", "/HTP", "/BM", "/SMask", "/CA")):
                self._graphics_state(number, obj)
            if "/ColorSpace" in obj and isinstance(obj["/ColorSpace"].get_object(), DictionaryObject):
                for space in obj["/ColorSpace"].get_object().values():
                    self._colour_space(number, space.get_object())
            if obj.get("/Intent") is not None and obj.get("/Intent") not in INTENTS:
                self.fail("6.2.6-1", f"object {number}: rendering intent {obj['/Intent']}")
        for index, page in enumerate(self.reader.pages, start=1):
            self._page(index, page)

    def _image(self, number: int, image: DictionaryObject) -> None:
        if self.part is None:
            return
        if image.get("/Interpolate") not in (None, False):
            self.fail("6.2.8-3", f"image {number} has /Interpolate true")
        if "/Alternates" in image:
            self.fail("6.2.8-1", f"image {number} has Alternates")
        if "/OPI" in image:
            self.fail("6.2.8-2", f"image {number} has OPI")
        if image.get("/ImageMask") is True:
            if image.get("/BitsPerComponent") not in (None, 1):
                self.fail("6.2.8-5", f"mask {number} has BitsPerComponent {image['/BitsPerComponent']}")
        elif image.get("/BitsPerComponent") not in (None, 1, 2, 4, 8, 16):
            self.fail("6.2.8-4", f"image {number} has BitsPerComponent {image['/BitsPerComponent']}")
        space = image.get("/ColorSpace")
        if space is not None:
            self._colour_space(number, space.get_object())

    def _colour_space(self, number: int, space: Any) -> None:
        if self.part is None:
            return
        name = space[0] if isinstance(space, ArrayObject) else space
        if name == "/DeviceRGB" and self.output_cs != "RGB ":
            self.fail("6.2.4.3-2", f"object {number}: DeviceRGB with output intent {self.output_cs!r}")
        elif name == "/DeviceCMYK" and self.output_cs != "CMYK":
            self.fail("6.2.4.3-3", f"object {number}: DeviceCMYK with output intent {self.output_cs!r}")
        elif name == "/DeviceGray" and self.output_cs is None:
            self.fail("6.2.4.3-4", f"object {number}: DeviceGray without an output intent")
        elif name == "/ICCBased":
            data = space[1].get_object().get_data()
            if data[12:16] not in (b"prtr", b"mntr", b"scnr", b"spac") or data[16:20] not in (
                b"RGB ", b"CMYK", b"GRAY", b"Lab "
            ):
                self.fail("6.2.4.2-1", f"object {number}: ICC profile {data[12:16]!r} {data[16:20]!r}")
        elif name == "/Indexed":
            self._colour_space(number, space[1].get_object())

    def _graphics_state(self, number: int, state: DictionaryObject) -> None:
        if "/TR" in state:
            self.fail("6.2.5-1", f"graphics state {number} has TR")
        if "/TR2" in state and state["/TR2"] != "/Default":
            self.fail("6.2.5-2", f"graphics state {number} has TR2 {state['/TR2']}")
        if "/HTP" in state:
            self.fail("6.2.5-3", f"graphics state {number} has HTP")
        modes = state.get("/BM")
        for mode in modes if isinstance(modes, ArrayObject) else [modes] if modes else []:
            if mode not in BLEND_MODES:
                self.fail("6.2.10-1", f"graphics state {number}: blend mode {mode}")
        if state.get("/RI") is not None and state["/RI"] not in INTENTS:
            self.fail("6.2.6-1", f"graphics state {number}: rendering intent {state['/RI']}")

    def _page(self, index: int, page: Any) -> None:
        if "/AA" in page:
            self.fail("6.5.2-2", f"page {index} has additional actions")
        if "/PresSteps" in page:
            self.fail("6.10-2", f"page {index} has PresSteps")
        transparent = any(_transparent(found) for found in resources(page))
        group = page.get("/Group")
        if self.part is not None and transparent and self.output_cs is None and (group is None or "/CS" not in group):
            self.fail("6.2.10-2", f"page {index} has transparency without a blending colour space")
        depth = 0
        contents = page.get_contents()
        for operands, operator in ContentStream(contents, self.reader).operations if contents else []:
            if operator == b"q":
                depth += 1
                if depth > 28:
                    self.fail("6.1.13-8", f"page {index}: q nested more than 28 deep")
            elif operator == b"Q":
                depth -= 1
            elif operator in (b"rg", b"RG"):
                self._colour_space(index, pypdf.generic.NameObject("/DeviceRGB"))
            elif operator in (b"k", b"K"):
                self._colour_space(index, pypdf.generic.NameObject("/DeviceCMYK"))
            elif operator in (b"g", b"G"):
                self._colour_space(index, pypdf.generic.NameObject("/DeviceGray"))
            elif operator == b"ri" and operands and operands[0] not in INTENTS:
                self.fail("6.2.6-1", f"page {index}: rendering intent {operands[0]}")

    # ---- walking --------------------------------------------------------------------------------

    def objects(self) -> Iterator[tuple[int, Any]]:
        """Every indirect object, those in object streams (most of WeasyPrint's) included."""
        numbers = set(self.reader.xref_objStm)
        for generation in self.reader.xref.values():
            numbers |= set(generation)
        for number in sorted(numbers):
            try:
                found = self.reader.get_object(number)
            except Exception:  # a free entry
                continue
            if found is not None:
                yield number, found


def _walk(node: Any, depth: int = 0) -> Iterator[Any]:
    yield node
    if depth > 8 or isinstance(node, IndirectObject):
        return
    if isinstance(node, dict):
        for key, value in node.items():
            yield pypdf.generic.NameObject(key) if isinstance(key, str) else key
            yield from _walk(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, depth + 1)


def _transparent(resources: Any) -> bool:
    for state in (resources.get("/ExtGState") or {}).values():
        state = state.get_object()
        if state.get("/SMask") not in (None, "/None") or state.get("/CA", 1) < 1 or state.get("/ca", 1) < 1:
            return True
        if state.get("/BM") not in (None, "/Normal", "/Compatible"):
            return True
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if "/SMask" in xobject or xobject.get("/Group", {}).get("/S") == "/Transparency":
            return True
    return False


def check(path: Path, part: int | None) -> list[Finding]:
    """Every finding for the PDF at `path` against PDF/A-`part` level B (2 or 3); None: the checks that
    hold for any PDF policygen writes (file structure, fonts, annotations, actions, metadata well-formed)."""
    checker = _Checker(path, part)
    checker.glyph_counts = {}
    checker.file_structure()
    checker.graphics()
    checker.fonts()
    checker.interactive()
    checker.metadata()
    checker.embedded_files()
    return checker.found

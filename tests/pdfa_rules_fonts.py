"""The rules of PDF/A-2b and -3b about fonts, annotations, actions, metadata and embedded files
(ISO 19005-2 and -3, 6.2.11 to 6.8): the second half of `tests/pdfa_rules.py`'s checker, kept apart
to keep each module short. The rules are veraPDF's, named by clause and test number."""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, StreamObject

ANNOTATIONS = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
               "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink", "/Popup", "/FileAttachment",
               "/Widget", "/PrinterMark", "/TrapNet", "/Watermark", "/Redact"}  # 6.3.1-1
ACTIONS = {"/GoTo", "/GoToR", "/GoToE", "/Thread", "/URI", "/Named", "/SubmitForm"}  # 6.5.1-1
FONT_SUBTYPES = {"/Type1", "/MMType1", "/TrueType", "/Type3", "/Type0", "/CIDFontType0", "/CIDFontType2"}
# Namespaces of the schemas XMP 2005 predefines, and PDF/A's own (6.6.2.3.1-1); any other needs an extension schema.
XMP_PREDEFINED = {
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://www.aiim.org/pdfa/ns/id/", "http://www.aiim.org/pdfa/ns/extension/",
    "http://www.aiim.org/pdfa/ns/schema#", "http://www.aiim.org/pdfa/ns/property#", "http://www.aiim.org/pdfa/ns/type#",
    "http://www.aiim.org/pdfa/ns/field#",
}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"


class FontsAndDocumentRules:
    """Fonts, annotations, actions, metadata and embedded files; needs the checker's `reader`,
    `catalog`, `part`, `fail` and `objects`."""

    reader: Any
    catalog: Any
    part: int | None
    glyph_counts: dict[int, int]

    def fail(self, rule: str, message: str) -> None:
        raise NotImplementedError

    def objects(self) -> Iterator[tuple[int, Any]]:
        raise NotImplementedError

    # ---- 6.2.11 fonts -----------------------------------------------------------------------

    def fonts(self) -> None:
        for number, font in self.objects():
            if isinstance(font, DictionaryObject) and font.get("/Type") == "/Font":
                self._font(number, font)
        for index, page in enumerate(self.reader.pages, start=1):
            self._glyphs_used(index, page)

    def _font(self, number: int, font: DictionaryObject) -> None:
        subtype = font.get("/Subtype")
        if subtype not in FONT_SUBTYPES:
            self.fail("6.2.11.2-2", f"font {number}: subtype {subtype}")
        if subtype != "/Type3" and "/BaseFont" not in font:
            self.fail("6.2.11.2-3", f"font {number} has no BaseFont")
        if subtype == "/Type0":
            if font.get("/Encoding") not in ("/Identity-H", "/Identity-V"):
                self.fail("6.2.11.3.1-1", f"font {number}: encoding {font.get('/Encoding')}")
            return
        if subtype in ("/TrueType", "/Type1", "/MMType1"):
            for key, rule in (("/FirstChar", "6.2.11.2-4"), ("/LastChar", "6.2.11.2-5")):
                if key not in font:
                    self.fail(rule, f"font {number} has no {key}")
        if subtype == "/Type3":
            return
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else DictionaryObject()
        program = next((descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor), None)
        if program is None:
            self.fail("6.2.11.4.1-1", f"font {number} ({font.get('/BaseFont')}) is not embedded")
            return
        program = program.get_object()
        if "/FontFile3" in descriptor and program.get("/Subtype") not in ("/Type1C", "/CIDFontType0C", "/OpenType"):
            self.fail("6.2.11.2-7", f"font {number}: font file subtype {program.get('/Subtype')}")
        if subtype == "/CIDFontType2":
            if "/CIDToGIDMap" not in font:
                self.fail("6.2.11.3.2-1", f"font {number} has no CIDToGIDMap")
            self._cid_font_program(number, font, descriptor, program.get_data())

    def _cid_font_program(self, number: int, font: DictionaryObject, descriptor: Any, data: bytes) -> None:
        from fontTools.ttLib import TTFont

        with TTFont(io.BytesIO(data)) as program:
            glyphs = program["maxp"].numGlyphs
            scale = 1000 / program["head"].unitsPerEm
            advances = [program["hmtx"][name][0] for name in program.getGlyphOrder()]
        cid_to_gid = font.get("/CIDToGIDMap", "/Identity")
        mapping = None if cid_to_gid == "/Identity" else cid_to_gid.get_object().get_data()

        def gid(cid: int) -> int:
            return cid if mapping is None else struct.unpack(">H", mapping[2 * cid : 2 * cid + 2])[0]

        widths = font.get("/W") or []
        index = 0
        while index < len(widths):
            first = int(widths[index])
            if isinstance(widths[index + 1], ArrayObject):
                listed = [(first + k, float(w)) for k, w in enumerate(widths[index + 1])]
                index += 2
            else:
                listed = [(cid, float(widths[index + 2])) for cid in range(first, int(widths[index + 1]) + 1)]
                index += 3
            for cid, width in listed:
                glyph = gid(cid)
                if glyph < glyphs and abs(advances[glyph] * scale - width) > 1:
                    self.fail("6.2.11.5-1", f"font {number}: CID {cid} is {width} wide in W, "
                              f"{advances[glyph] * scale:.1f} in the font program")
        if "/CIDSet" in descriptor:
            cid_set = descriptor["/CIDSet"].get_object().get_data()
            listed = {byte * 8 + bit for byte, value in enumerate(cid_set) for bit in range(8) if value & (0x80 >> bit)}
            if set(range(glyphs)) - listed:
                self.fail("6.2.11.4.2-2", f"font {number}: the CIDSet leaves out glyphs of the font program")
        self.glyph_counts[number] = glyphs

    glyph_counts: dict[int, int] = {}

    def _glyphs_used(self, index: int, page: Any) -> None:
        fonts = {}
        for found in resources(page):
            for name, font in (found.get("/Font") or {}).items():
                font = font.get_object()
                if font.get("/Subtype") == "/Type0":
                    descendant = font["/DescendantFonts"][0]
                    fonts[name] = self.glyph_counts.get(getattr(descendant, "idnum", -1))
        contents = page.get_contents()
        current = None
        for operands, operator in ContentStream(contents, self.reader).operations if contents else []:
            if operator == b"Tf":
                current = fonts.get(operands[0])
            elif operator in (b"Tj", b"TJ", b"'", b'"') and current:
                strings = operands[0] if operator == b"TJ" else operands[-1:]
                for string in strings:
                    if isinstance(string, (bytes, str)) and not isinstance(string, (int, float)):
                        raw = string.original_bytes if hasattr(string, "original_bytes") else bytes(string)
                        for (cid,) in struct.iter_unpack(">H", raw[: len(raw) // 2 * 2]):
                            if cid == 0:
                                self.fail("6.2.11.8-1", f"page {index}: the .notdef glyph is drawn")
                            elif cid >= current:
                                self.fail("6.2.11.4.1-2", f"page {index}: glyph {cid} is not in the font")

    # ---- 6.3 annotations, 6.4 forms, 6.5 actions -----------------------------------------------

    def interactive(self) -> None:
        for number, obj in self.objects():
            if not isinstance(obj, DictionaryObject):
                continue
            if obj.get("/Type") == "/Annot" or (obj.get("/Subtype") in ANNOTATIONS and "/Rect" in obj):
                self._annotation(number, obj)
            action = obj.get("/S") if "/S" in obj and (obj.get("/Type") in (None, "/Action")) else None
            if action is not None and ("/URI" in obj or "/D" in obj or "/N" in obj or "/JS" in obj or
                                       obj.get("/Type") == "/Action" or action in ("/Launch", "/JavaScript")):
                if action not in ACTIONS:
                    self.fail("6.5.1-1", f"object {number}: action {action}")
                elif action == "/Named" and obj.get("/N") not in ("/NextPage", "/PrevPage", "/FirstPage", "/LastPage"):
                    self.fail("6.5.1-2", f"object {number}: named action {obj.get('/N')}")
        if "/AA" in self.catalog:
            self.fail("6.5.2-1", "the catalog has additional actions")
        form = self.catalog.get("/AcroForm")
        if form is not None:
            form = form.get_object()
            if form.get("/NeedAppearances") is True:
                self.fail("6.4.1-3", "NeedAppearances is true")
            if "/XFA" in form:
                self.fail("6.4.2-1", "the form is XFA")
        if "/Requirements" in self.catalog:
            self.fail("6.11-1", "the catalog has Requirements")
        names = self.catalog.get("/Names")
        if names is not None and "/AlternatePresentations" in names.get_object():
            self.fail("6.10-1", "alternate presentations")

    def _annotation(self, number: int, annotation: DictionaryObject) -> None:
        subtype = annotation.get("/Subtype")
        if subtype not in ANNOTATIONS:
            self.fail("6.3.1-1", f"annotation {number}: subtype {subtype}")
        flags = annotation.get("/F")
        if flags is None and subtype != "/Popup":
            self.fail("6.3.2-1", f"annotation {number} ({subtype}) has no F")
        elif flags is not None and (flags & 1 or flags & 2 or not flags & 4 or flags & 32 or flags & 256):
            self.fail("6.3.2-2", f"annotation {number} ({subtype}): flags {flags} (it must print, shown)")
        rect = [float(x) for x in annotation.get("/Rect", [0, 0, 0, 0])]
        zero = rect[2] - rect[0] == 0 and rect[3] - rect[1] == 0
        appearance = annotation.get("/AP")
        if appearance is None and not zero and subtype not in ("/Popup", "/Link"):
            self.fail("6.3.3-1", f"annotation {number} ({subtype}) has no appearance")
        if appearance is not None:
            appearance = appearance.get_object()
            if set(appearance) != {"/N"}:
                self.fail("6.3.3-2", f"annotation {number}: appearance keys {sorted(appearance)}")
            elif not isinstance(appearance["/N"].get_object(), StreamObject) and subtype != "/Widget":
                self.fail("6.3.3-4", f"annotation {number}: its normal appearance is not a stream")
        if subtype == "/Widget" and ("/A" in annotation or "/AA" in annotation):
            self.fail("6.4.1-1", f"widget {number} has actions")

    # ---- 6.6 metadata, 6.8 embedded files ---------------------------------------------------------

    def metadata(self) -> None:
        stream = self.catalog.get("/Metadata")
        if stream is None:
            if self.part is not None:
                self.fail("6.6.2.1-1", "the catalog has no metadata stream")
            return
        stream = stream.get_object()
        if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
            self.fail("6.6.2.1-1", "the metadata stream is not /Type /Metadata /Subtype /XML")
        data = stream.get_data()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self.fail("6.6.2.1-5", "the XMP packet is not UTF-8")
            return
        header = re.search(r"<\?xpacket begin=[^?]*\?>", text)
        if header and re.search(r"\b(bytes|encoding)=", header.group()):
            self.fail("6.6.2.1-2", "the xpacket header has a bytes or encoding attribute")
        try:
            root = ET.fromstring(re.sub(r"<\?xpacket[^?]*\?>", "", text).strip())
        except ET.ParseError as exc:
            self.fail("6.6.2.1-4", f"the XMP packet is not well-formed XML: {exc}")
            return
        identification: dict[str, str] = {}
        for element in root.iter():
            for name, value in [(element.tag, element.text or ""), *element.attrib.items()]:
                namespace = name[1:].split("}")[0] if name.startswith("{") else ""
                if namespace in ("", RDF, "http://www.w3.org/XML/1998/namespace", "adobe:ns:meta/"):
                    continue
                if namespace == PDFAID:
                    identification[name.split("}")[1]] = value
                elif namespace not in XMP_PREDEFINED and self.part is not None:
                    self.fail("6.6.2.3.1-1", f"XMP property {name} has no extension schema")
        if self.part is None:
            return
        if identification.get("part") != str(self.part):
            self.fail("6.6.4-2", f"pdfaid:part is {identification.get('part')!r}, not {self.part}")
        if identification.get("conformance") not in ("A", "B", "U"):
            self.fail("6.6.4-3", f"pdfaid:conformance is {identification.get('conformance')!r}")

    def embedded_files(self) -> None:
        af = self.catalog.get("/AF") or []
        associated = {af.raw_get(i).idnum for i in range(len(af))} if af else set()
        for number, obj in self.objects():
            if not isinstance(obj, DictionaryObject) or obj.get("/Type") != "/Filespec" or "/EF" not in obj:
                continue
            if "/F" not in obj or "/UF" not in obj:
                self.fail("6.8-2", f"file specification {number} lacks F or UF")
            if self.part == 2:
                self.fail("6.8-5", f"file specification {number}: PDF/A-2 embeds only PDF/A files")
            if self.part == 3:
                if "/AFRelationship" not in obj:
                    self.fail("6.8-3", f"file specification {number} has no AFRelationship")
                if number not in associated:
                    self.fail("6.8-4", f"file specification {number} is not an associated file")
                embedded = obj["/EF"]["/F"].get_object()
                if not re.fullmatch(r"/[-\w+.]+#2[fF][-\w+.]+", str(embedded.get("/Subtype", ""))):
                    self.fail("6.8-1", f"embedded file of {number} has no MIME type")



def resources(page: Any) -> Iterator[Any]:
    """The page's resources and those of the forms and annotation appearances it draws."""
    pending = [page.get("/Resources")]
    for annotation in page.get("/Annots") or []:
        appearance = annotation.get_object().get("/AP")
        if appearance is not None and "/N" in appearance.get_object():
            normal = appearance.get_object()["/N"].get_object()
            if isinstance(normal, StreamObject):
                pending.append(normal.get("/Resources"))
    seen: set[int] = set()
    while pending:
        resources = pending.pop()
        if resources is None or id(resources) in seen:
            continue
        seen.add(id(resources))
        resources = resources.get_object()
        yield resources
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                pending.append(xobject.get("/Resources"))



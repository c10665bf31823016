"""The PDF writer, read back with pypdf: text, metadata, tags, fonts, pages, safety."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from generator.document import Document, ListBlock
from generator.errors import MissingSystemLibrary
from generator.options.logo import prepared
from generator.writers.fetch import TEMPLATES_DIR, FetchRefused, LocalFetcher, check_logo
from generator.writers.html import document_labels, toc_entries
from generator.writers.pdf import writer as wp
from tests.sample_document import para, review_document, sample_document, with_clause_blocks

ROOT = Path(__file__).resolve().parent.parent
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6390f52ffe0f00034b01df9b6560eb0000000049454e44ae426082"
)
FILLER = (
    "Venskaber på sociale medier giver mulighed for gensidigt at se hinandens oplysninger, "
    "netværk og opdateringer. Dermed åbnes der for videre udbredelse af personlige oplysninger, "
    "og der kan opstå mistolkninger af venskabets natur og omfang."
)


def read(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def long_document(**kwargs: object) -> Document:
    """The sample with its clauses padded, so that its sections fall on different pages."""
    document = sample_document(**kwargs)
    sections = tuple(
        replace(
            section,
            clauses=tuple(
                replace(clause, blocks=(*clause.blocks, *(para(FILLER) for _ in range(4 + 3 * index))))
                for clause in section.clauses
            ),
        )
        for index, section in enumerate(document.sections)
    )
    return replace(document, sections=sections)


def with_meta(document: Document, **changes: object) -> Document:
    return replace(document, meta=replace(document.meta, **changes))


@pytest.fixture(scope="module")
def draft_pdf() -> bytes:
    return wp.render_pdf(sample_document(draft=True))


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return wp.render_pdf(long_document())


# ---- text, metadata, structure ---------------------------------------------------------


def test_text_in_reading_order(draft_pdf: bytes) -> None:
    texts = [flat(text) for text in page_texts(read(draft_pdf))]
    cover, contents, body, pages = texts[0], texts[1], " ".join(texts[2:]), len(texts)
    assert cover.startswith("Søndervang Skole Kolding Kommune Politik for medarbejderes brug af sociale medier UDKAST")
    assert "Udkast af 1. december 2026" in cover
    assert contents.startswith("Indhold 1 Formål og baggrund 3 2 Venskaber og forbindelser på sociale medier 3")
    expected = [
        "1 Formål og baggrund",
        "1.1 Formål",
        "Politikken gælder for alle medarbejdere på Søndervang Skole og beskriver god praksis på sociale "
        "medier: æ ø å é.",
        "2.1 Nuværende elever",
        "• Facebook • Instagram • Snapchat",
        "1. Tag et skærmbillede af truslen og afsenderens profil. 2. Registrér hændelsen i SafetyNet. "
        "3. Anmeld afsenderen.",
        "Derefter en ny liste, som starter forfra: 1. Kontakt leder, TR eller AMR. 2. Kontakt Kolding",
        "Funktion Navn Telefon E-mail Skoleleder Mette Hansen 75 50 00 00 mette@example.dk",
        "Lovgrundlag og kilder 1. Kolding Lærerkreds: Læreres brug af sociale medier.",
        # the running header and footer come last: they are page furniture
        "Søndervang Skole · Politik for medarbejderes brug af sociale medier UDKAST",
        f"Version 1.0 · Udkast af 1. december 2026 Side {pages} af {pages}",
    ]
    position = 0
    for phrase in expected:
        found = body.find(phrase, position)
        assert found >= 0, f"{phrase!r} missing in reading order"
        position = found + len(phrase)


def test_language_in_catalog(draft_pdf: bytes) -> None:
    assert read(draft_pdf).trailer["/Root"]["/Lang"] == "da-DK"  # meta.lang_tag, as the DOCX


def test_document_information(draft_pdf: bytes) -> None:
    info = read(draft_pdf).metadata
    assert info.title == "Politik for medarbejderes brug af sociale medier – Søndervang Skole"
    assert info.author == "Søndervang Skole"
    assert info.subject == "Lokal politik for medarbejderes brug af sociale medier"
    assert info["/Keywords"] == "sociale medier, politik, skole"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261201000000Z"  # meta.created, not the clock


def test_pdf_ua_is_tagged(draft_pdf: bytes) -> None:
    reader = read(draft_pdf)
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"].get_object()
    document_element = tree["/K"][0].get_object()
    assert document_element["/S"] == "/Document"
    kinds = set()
    pending = [document_element]
    while pending:
        element = pending.pop()
        if hasattr(element, "get_object"):
            element = element.get_object()
        if isinstance(element, dict) and "/S" in element:
            kinds.add(element["/S"])
            kids = element.get("/K", [])
            pending.extend(kids if isinstance(kids, list) else [kids])
    assert {"/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD"} <= kinds
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()


def test_bookmarks_for_sections_and_clauses(draft_pdf: bytes) -> None:
    outline = read(draft_pdf).outline
    titles = [item["/Title"] if not isinstance(item, list) else [i["/Title"] for i in item] for item in outline]
    assert titles == [
        "Indhold",
        "1 Formål og baggrund",
        ["1.1 Formål"],
        "2 Venskaber og forbindelser på sociale medier",
        ["2.1 Nuværende elever"],
        "3 Trusler, mobning og chikane",
        ["3.1 Sådan gør du"],
        "4 Kontakter",
        ["4.1 Kontaktpersoner"],
        "Lovgrundlag og kilder",
    ]


def test_every_font_is_embedded_and_is_the_shipped_one(long_pdf: bytes) -> None:
    fonts = {}
    for page in read(long_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
    assert fonts, "no fonts found"
    assert all(files for files in fonts.values()), fonts
    # every glyph came from Carlito: no system font stood in for a missing one
    assert all(re.fullmatch(r"/[A-Z]{6}\+Carlito-Policy(-Bold|-Italic|-BoldItalic)?", name) for name in fonts), fonts


def test_same_input_same_bytes(draft_pdf: bytes) -> None:
    assert wp.render_pdf(sample_document(draft=True)) == draft_pdf


def test_same_bytes_from_another_process(draft_pdf: bytes, tmp_path: Path) -> None:
    target = tmp_path / "other.pdf"
    script = (
        "import sys; from pathlib import Path; from generator.writers.pdf.writer import write_pdf;"
        "from tests.sample_document import sample_document;"
        f"write_pdf(sample_document(draft=True), Path({str(target)!r}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)
    assert target.read_bytes() == draft_pdf


def test_source_date_epoch_when_created_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    undated = with_meta(sample_document(), created="")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    first = wp.render_pdf(undated)
    assert read(first).metadata["/CreationDate"] == "D:20251201000000Z"
    assert wp.render_pdf(undated) == first
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert "/CreationDate" not in read(wp.render_pdf(undated)).metadata  # no date rather than the clock


def test_draft_mark_on_a_draft_only(draft_pdf: bytes) -> None:
    texts = page_texts(read(draft_pdf))
    assert all("UDKAST" in text for text in texts)  # the cover, and the running header of every page
    adopted = page_texts(read(wp.render_pdf(sample_document(draft=False))))
    assert not any("UDKAST" in text for text in adopted)
    assert "Vedtaget 1. december 2026" in adopted[0]


def test_page_numbers_in_contents_match_the_pages(long_pdf: bytes) -> None:
    texts = page_texts(read(long_pdf))
    total = len(texts)
    assert total >= 5
    contents = texts[1]
    assert contents.startswith("Indhold")
    listed = {}
    for section in long_document().sections:
        match = re.search(rf"^{section.number} {re.escape(section.title)} (\d+)$", contents, re.MULTILINE)
        assert match, f"section {section.number} not in the contents"
        listed[section.number] = int(match.group(1))
    appendix = re.search(r"^Lovgrundlag og kilder (\d+)$", contents, re.MULTILINE)
    assert appendix
    assert len(set(listed.values())) >= 3  # the sections really are spread over pages

    for section in long_document().sections:
        heading = re.compile(rf"^{section.number}\s+{re.escape(section.title)}$", re.MULTILINE)
        found = [number for number, text in enumerate(texts, start=1) if number > 2 and heading.search(text)]
        assert found and found[0] == listed[section.number], (section.title, found, listed[section.number])
        assert f"Side {found[0]} af {total}" in texts[found[0] - 1]  # and the footer agrees
    sources_page = next(n for n, t in enumerate(texts, start=1) if n > 2 and "Lovgrundlag og kilder\n" in t)
    assert int(appendix.group(1)) == sources_page


def test_no_heading_ends_a_page(long_pdf: bytes) -> None:
    reader = read(long_pdf)
    headings = re.compile(r"^\d+(\.\d+)?\s+\S")
    for text in page_texts(reader)[2:]:
        body = [line for line in text.splitlines() if not line.startswith(("Søndervang Skole ·", "Version "))]
        assert not headings.match(body[-1]), body[-1]


# ---- editions, lists, user text ----------------------------------------------------------


def test_review_edition_prints_each_decision() -> None:
    text = flat(" ".join(page_texts(read(wp.render_pdf(review_document())))))
    assert document_labels(review_document().meta)["review_edition"] in text  # "Udgave til drøftelse, ..."
    assert "ANBEFALET I VEJLEDNINGEN Beslutningspunkt: Venskaber med nuværende elever" in text
    assert "○ Ikke tilladt ANBEFALET Politikken forbyder venskaber. ● Frarådes VALGT Politikken" in text
    assert "Bemærk: Skolen fraviger vejledningens anbefaling." in text
    answer = document_labels(review_document().meta)["review_answer"]  # "Valgt" from the phrases
    assert f"Beslutningspunkt: Skolens platform {answer}: Aula" in text
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier" in text


def test_numbered_list_honours_its_start() -> None:
    document = with_clause_blocks(
        sample_document(), ListBlock(items=((para("tredje"),), (para("fjerde"),)), ordered=True, start=3)
    )
    text = flat(" ".join(page_texts(read(wp.render_pdf(document)))))
    assert "3. tredje 4. fjerde" in text
    assert "1. Kontakt leder, TR eller AMR. 2. Kontakt Kolding Lærerkreds." in text


def test_user_text_prints_exactly_as_typed() -> None:
    school = "<b>x</b> {{ 7*7 }} & </p>"
    reader = read(wp.render_pdf(sample_document(school=school)))
    texts = page_texts(reader)
    assert texts[0].startswith(school + "\n")
    assert f"{school} · Politik for medarbejderes brug af sociale medier" in texts[1]  # running header
    assert "49" not in " ".join(texts)


# ---- variants and errors -------------------------------------------------------------


def test_variants(tmp_path: Path) -> None:
    assert wp.PDF_VARIANTS == ("pdf/ua-1", "pdf/a-3b", "pdf/a-2b", "none")
    archive = read(wp.render_pdf(sample_document(), variant="pdf/a-3b"))
    xmp = archive.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in xmp and b'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in archive.trailer["/Root"]
    plain = read(wp.render_pdf(sample_document(), variant="none"))
    assert "/StructTreeRoot" not in plain.trailer["/Root"]
    assert plain.trailer["/Root"]["/Lang"] == "da-DK"


def test_unknown_variant_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    with pytest.raises(ValueError, match=r"unknown PDF variant 'pdf/x-4': expected one of pdf/ua-1, pdf/a-3b, "):
        wp.write_pdf(sample_document(), target, variant="pdf/x-4")
    assert not target.exists()


@pytest.mark.parametrize(
    ("school", "named"),
    [("Skole अ", "U+0905 DEVANAGARI LETTER A"), ("学校", "U+5B66 CJK UNIFIED IDEOGRAPH-5B66"), ("A\u0e01B", "U+0E01")],
)
def test_missing_glyph_is_refused_before_rendering(school: str, named: str, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(wp.MissingGlyph) as caught:
        wp.write_pdf(sample_document(school=school), target)
    message = str(caught.value)
    assert named in message and "in the school name" in message and "Carlito" in message
    assert target.read_bytes() == b"previous"  # nothing half-written


def test_missing_glyph_names_the_clause() -> None:
    document = with_clause_blocks(sample_document(), ListBlock(items=((para("fint"),), (para("ikke 学"),))))
    with pytest.raises(wp.MissingGlyph, match=r"'学' \(U\+5B66 CJK UNIFIED IDEOGRAPH-5B66\) in clause 5\.1"):
        wp.check_glyphs(document)


def test_spaces_and_soft_hyphens_need_no_glyph(tmp_path: Path) -> None:
    document = with_clause_blocks(
        sample_document(school="Søndervang\u00a0Skole"), para("skole\u00adbestyrelse\u200b og § 133\u2009stk.")
    )
    wp.check_glyphs(document)
    target = tmp_path / "x.pdf"
    wp.write_pdf(document, target)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in pypdf.PdfReader(target).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("Carlito" in name for name in fonts), fonts


def test_missing_system_library_is_one_sentence() -> None:
    def no_pango(name: str) -> None:
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")

    with pytest.raises(MissingSystemLibrary) as caught:
        wp.load_weasyprint(import_module=no_pango)
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in str(caught.value)
    assert "libpango-1.0-0: cannot open shared object file" in str(caught.value)

    def not_installed(name: str) -> None:
        raise ModuleNotFoundError("No module named 'weasyprint'")

    with pytest.raises(MissingSystemLibrary, match="pip install weasyprint"):
        wp.load_weasyprint(import_module=not_installed)


def test_harfbuzz_subsetting_is_used() -> None:
    assert wp.harfbuzz_subset_available(), "install libharfbuzz-subset0: font subsetting is 2.5x faster with it"


def test_writing_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "politik.pdf"
    wp.write_pdf(sample_document(), target)
    assert target.read_bytes().startswith(b"%PDF-1.7")
    assert [p.name for p in tmp_path.iterdir()] == ["politik.pdf"]


# ---- what WeasyPrint may read ---------------------------------------------------------------


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    path.write_bytes(PNG_1X1)
    return path


def test_fetcher_serves_templates_and_the_logo(logo: Path) -> None:
    fetcher = LocalFetcher(TEMPLATES_DIR, logo=logo)
    assert fetcher((TEMPLATES_DIR / "policy.css").as_uri()).mime_type == "text/css"
    assert fetcher((TEMPLATES_DIR / "fonts" / "Carlito-Regular.ttf").as_uri()).data[:4] == b"\x00\x01\x00\x00"
    served = fetcher(logo.as_uri())
    assert served.data == prepared(logo).data and served.mime_type == "image/png"  # as the DOCX gets it
    assert fetcher("file://localhost" + str(TEMPLATES_DIR / "toc-dots.svg")).mime_type == "image/svg+xml"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        (TEMPLATES_DIR / ".." / "generator" / "fetch.py").as_uri(),
        TEMPLATES_DIR.as_uri() + "/%2e%2e/pyproject.toml",
        TEMPLATES_DIR.as_uri() + "/fonts/..%2f..%2fpyproject.toml",
        TEMPLATES_DIR.as_uri(),  # a folder, not a file
        (TEMPLATES_DIR / "policy.css").as_uri() + "?x=1",
        "file://example.org" + str(TEMPLATES_DIR / "policy.css"),
        "http://127.0.0.1:9/logo.png",
        "https://example.org/logo.png",
        "ftp://example.org/logo.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:text/css,body{}",
        "fonts/Carlito-Regular.ttf",  # never made absolute against the working directory
        (TEMPLATES_DIR / "does-not-exist.css").as_uri(),
    ],
)
def test_fetcher_refuses_everything_else(url: str, logo: Path) -> None:
    with pytest.raises(FetchRefused, match="refused to fetch"):
        LocalFetcher(TEMPLATES_DIR, logo=logo)(url)


def test_fetcher_refuses_a_symlink_out_of_the_templates(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ok.css").write_text("p {}")
    (templates / "evil.css").symlink_to("/etc/passwd")
    fetcher = LocalFetcher(templates)
    assert fetcher((templates / "ok.css").as_uri()).data == b"p {}"
    with pytest.raises(FetchRefused):
        fetcher((templates / "evil.css").as_uri())


@pytest.mark.parametrize("name", ["passwd", "logo.png", "logo.svg", "folder.png"])
def test_a_logo_must_be_an_image_file(name: str, tmp_path: Path) -> None:
    bad = tmp_path / name
    if name == "folder.png":
        bad.mkdir()
    else:
        bad.write_text("root:x:0:0:root:/root:/bin/bash\n")
    with pytest.raises(FetchRefused, match="logo"):
        check_logo(bad)
    with pytest.raises(FetchRefused, match="logo"):
        check_logo("/etc/passwd")


def test_render_reads_only_templates_and_logo(logo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked = []
    original = LocalFetcher.__call__

    def spy(self: LocalFetcher, url: str) -> object:
        asked.append(url)
        return original(self, url)

    monkeypatch.setattr(LocalFetcher, "__call__", spy)
    document = with_clause_blocks(
        with_meta(sample_document(), logo=str(logo)),
        para('<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:9/x.css">'),
    )
    reader = read(wp.render_pdf(document))
    logo_url = logo.resolve().as_uri()
    assert logo_url in asked
    assert all(url == logo_url or url.startswith(TEMPLATES_DIR.as_uri() + "/") for url in asked), asked
    assert not [url for url in asked if "passwd" in url or url.startswith("http")]
    text = flat(" ".join(page_texts(reader)))
    assert '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:9/x.css">' in text
    images = [name for page in reader.pages for name in page["/Resources"].get("/XObject", {})]
    assert len(images) >= 1  # the logo, drawn on the cover


def test_document_whose_logo_is_elsewhere_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    with pytest.raises(FetchRefused, match="logo '/etc/passwd'"):
        wp.write_pdf(with_meta(sample_document(), logo="/etc/passwd"), target)
    assert not target.exists()


def test_a_refused_address_stops_the_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the HTML ever name another file, WeasyPrint stops instead of reading it."""
    for html in ('<img src="file:///etc/passwd">', '<link rel="stylesheet" href="data:text/css,p{}">'):
        monkeypatch.setattr(wp, "render_html", lambda *args, html=html, **kwargs: f"<html><body>{html}</body></html>")
        with pytest.raises(FetchRefused, match="refused to fetch"):
            wp.render_pdf(sample_document())


# ---- list labels in the tags ----------------------------------------------------------------


def marked_texts(reader: pypdf.PdfReader) -> dict[tuple[int, int], str]:
    """The text drawn in each marked-content sequence, by (page object number, MCID)."""
    return {
        (page.indirect_reference.idnum, mcid): text
        for page in reader.pages
        for mcid, text in page_marked_texts(page).items()
    }


def page_marked_texts(page: pypdf.PageObject) -> dict[int, str]:
    texts: dict[int, str] = {}
    current: list[int | None] = [None]

    def before(operator: bytes, operands: list, _cm: object, _tm: object) -> None:
        if operator == b"BDC" and isinstance(operands[1], dict):
            current[0] = operands[1].get("/MCID")
        elif operator == b"EMC":
            current[0] = None

    def text(chars: str, *_: object) -> None:
        if current[0] is not None:
            texts[current[0]] = texts.get(current[0], "") + chars

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def kids(element: dict) -> list:
    """An element's /K entries, resolved: elements, OBJRs and marked-content ids."""
    found = element.get("/K", [])
    found = found if isinstance(found, list) else [found]
    return [kid.get_object() if hasattr(kid, "get_object") else kid for kid in found]


def list_items(data: bytes) -> list[list[tuple[str, str]]]:
    """Each LI of the structure tree as its children: (type, the text they mark)."""
    reader = read(data)
    texts = marked_texts(reader)

    def text_of(element: dict) -> str:
        page = element.get("/Pg")
        return "".join(
            texts.get((page.idnum, kid), "") if isinstance(kid, int) else text_of(kid)
            for kid in kids(element) if isinstance(kid, int) or (isinstance(kid, dict) and "/S" in kid)
        ).strip()

    items, pending = [], [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while pending:
        element = pending.pop()
        if element.get("/S") == "/LI":
            items.append([(kid["/S"], text_of(kid)) for kid in kids(element)])
        pending.extend(reversed([kid for kid in kids(element) if isinstance(kid, dict) and "/S" in kid]))
    return items  # in reading order


MARKER = re.compile(r"[•–○●]|\d+\.")


def test_each_list_item_has_its_label_then_its_body() -> None:
    nested = ListBlock(items=((para("indre punkt"),),), ordered=False)
    document = with_clause_blocks(
        review_document(),
        ListBlock(items=((para("første afsnit"), para("andet afsnit")), (para("andet punkt"),)), ordered=True),
        ListBlock(items=((para("ydre punkt"), nested),), ordered=False),
    )
    everything = list_items(wp.render_pdf(document))
    contents = [item for item in everything if len(item) == 1]  # the table of contents: no bullets
    entries = toc_entries(document, document_labels(document.meta), with_clauses=False)
    for [(kind, text)], entry in zip(contents, entries, strict=True):  # number, title, page number
        assert kind == "/LBody" and re.fullmatch(re.escape(f"{entry.number}{entry.title}") + r"\d+", text), text
    items = [item for item in everything if item not in contents]
    assert len(items) >= 8
    for item in items:
        (label, marker), (body, text) = item
        assert (label, body) == ("/Lbl", "/LBody")
        assert MARKER.fullmatch(marker), item
        assert text and not MARKER.fullmatch(text), item
    bodies = {text for _, (_, text) in items}
    assert any("første afsnit" in body and "andet afsnit" in body for body in bodies)  # one item, two paragraphs
    assert any(body.startswith("Ikke tilladt") for body in bodies)  # an alternative, without its ○
    assert {marker for (_, marker), _ in items} >= {"•", "–", "○", "●", "1.", "2."}


def struct_elements(reader: pypdf.PdfReader) -> list[dict]:
    """Every element of the structure tree, in reading order."""
    found, pending = [], [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while pending:
        element = pending.pop()
        found.append(element)
        inner = [kid for kid in kids(element) if isinstance(kid, dict) and ("/S" in kid or "/Obj" in kid)]
        pending.extend(reversed(inner))
    return found


def test_each_link_is_one_printed_annotation_in_a_link_element_saying_where_it_leads(draft_pdf: bytes) -> None:
    reader = read(draft_pdf)
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    links = [a for a in annotations if a["/Subtype"] == "/Link"]
    in_tree = [e["/Obj"].get_object() for e in struct_elements(reader) if e.get("/Type") == "/OBJR"]
    assert len(links) == len(in_tree) and all(any(a is b or a == b for b in in_tree) for a in links)
    assert all(int(a["/F"]) & 4 for a in links)  # printed
    document = sample_document(draft=True)
    entries = toc_entries(document, document_labels(document.meta), with_clauses=False)
    internal = {str(a["/Dest"]): str(a["/Contents"]) for a in links if "/Dest" in a}
    assert internal == {entry.anchor: f"{entry.number} {entry.title}".strip() for entry in entries}
    mail = {str(a["/A"]["/URI"]): str(a["/Contents"]) for a in links if "/A" in a}
    assert mail == {"mailto:mette@example.dk": "mette@example.dk"}  # the contacts table's one address


def test_running_heads_and_feet_are_artifacts_not_text_of_the_tree(long_pdf: bytes) -> None:
    """A screen reader meets the header and "Side 2 af N" once per page otherwise."""
    reader = read(long_pdf)
    tagged = " ".join(marked_texts(reader).values())
    pages = len(reader.pages)
    footer = f"Side 2 af {pages}"
    assert footer in flat(reader.pages[1].extract_text())  # still printed
    assert footer not in flat(tagged) and "Side 1 af" not in flat(tagged)
    content = reader.pages[1].get_contents().get_data()
    assert len(re.findall(rb"/Artifact\s*<<\s*/Type\s*/Pagination\s*>>\s*BDC", content)) >= 2  # head and foot

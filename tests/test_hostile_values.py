"""Values that look like templates or markup print exactly as typed, in every format.

Each value goes into the school name (cover, running header), a contact's name (the
contact table) and the platform's name (inside clause text, through the Jinja2 sandbox
and the Markdown parser). The outputs are read back as a reader would see them: DOCX
with python-docx, PDF with pypdf, HTML parsed, Markdown rendered with markdown-it-py.
Nothing is evaluated (no 49), nothing becomes markup (no <script>, no field, no link).
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.document import Clause, ContactRow, ContactTable, Paragraph, Run, Section
from generator.pipeline import build
from generator.writers.docx.writer import write_docx
from tests.helpers import with_facts
from tests.sample_document import sample_document

# Each at most 60 characters (the platform's limit); together they hold every kind of trap.
VALUES = [
    "{{ 7*7 }} {% if true %}yes{% endif %} {# c #} {{",
    "<script>alert(1)</script> </p> <b>bold</b> <!-- c -->",
    "{ DATE } { PAGE \\* MERGEFORMAT } { HYPERLINK x }",
    '<w:fldSimple w:instr="DATE"/> <w:t>x</w:t> ]]>',
    "**x** _u_ `c` ~~s~~ [a](javascript:x) <http://x.dk>",
    "a\\b\\\\c \\* &amp; &lt; &#0; ${x} %(x)s {0.__class__}",
    "# h > q 1. x - y |a|b| --- === * + ! [^1]",
]
FIELDS = {"school.name": "the school name", "contacts.leader.name": "a contact", "choices.platform": "the platform"}


class TextAndTags(HTMLParser):
    """The text a browser shows (whitespace collapsed), and every element with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.hidden += tag in ("style", "script", "title", "head")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script", "title", "head")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    @classmethod
    def read(cls, html: str) -> TextAndTags:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    @property
    def text(self) -> str:
        return flat(" ".join(self.parts))


def links_to_script(page: TextAndTags) -> list[str]:
    addresses = [str(attrs.get(name)) for _, attrs in page.tags for name in ("href", "src", "action") if name in attrs]
    return [address for address in addresses if address.strip().lower().startswith(("javascript:", "data:text"))]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module", params=range(len(VALUES)), ids=[f"value{n}" for n in range(len(VALUES))])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The value, and the folder with the policy built from it in all four formats."""
    value = VALUES[request.param]
    folder = tmp_path_factory.mktemp("hostile-values")
    options = with_facts({
        "school": {"name": value},
        "contacts": {"leader": {"name": value, "title": "skoleleder"}},
        "choices": {"platform": value},
    })
    path = folder / "school.yaml"
    path.write_text(yaml.safe_dump(options, allow_unicode=True), encoding="utf-8")
    result = build(path, folder / "out", ["docx", "pdf", "html", "md"])
    assert [p.suffix for p in result.outputs] == [".docx", ".pdf", ".html", ".md"]
    return value, folder / "out"


def only(folder: Path, suffix: str) -> Path:
    (path,) = folder.glob(f"*{suffix}")
    return path


def test_all_values_fit_every_field() -> None:
    assert all(len(value) <= 60 for value in VALUES)


def test_docx(built: tuple[str, Path]) -> None:
    value, out = built
    document = docx.Document(str(only(out, ".docx")))
    body = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert any(text == value for text in body), "the school name on the cover"
    assert any(text.startswith(value + " \u2013 ") for text in header), "the school name in the header"
    assert any(text == f"{value}, skoleleder" for text in cells), "the contact's name"
    assert sum(value in text for text in body) >= 3, "the platform in clause texts"
    assert "49" not in " ".join(body + cells)
    with zipfile.ZipFile(only(out, ".docx")) as package:
        xml = " ".join(package.read(name).decode() for name in package.namelist() if name.endswith(".xml"))
    assert "<w:fldSimple" not in xml
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
    assert {text.split()[0] for text in instructions} <= {"TOC", "PAGE", "NUMPAGES"}, instructions
    assert "javascript" not in " ".join(re.findall(r'Target="([^"]*)"', xml))


def test_pdf(built: tuple[str, Path]) -> None:
    value, out = built
    data = only(out, ".pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    text = flat(re.sub(r"[-\u2010\u00ad]\n", "", "\n".join(pages)))  # undo hyphenation at line ends
    assert pages[0].startswith(value + "\n"), "the school name on the cover"
    assert text.count(value) >= 4, "cover, running header, contact table, clause texts"
    assert "49" not in text
    assert b"/JavaScript" not in data and b"/JS " not in data
    annotations = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots") or []]
    actions = [annotation.get("/A", {}) for annotation in annotations]
    uris = [str(action["/URI"]) for action in actions if "/URI" in action]
    assert not [uri for uri in uris if not uri.startswith(("http://", "https://", "mailto:"))], uris
    assert {str(action.get("/S", "/URI")) for action in actions} <= {"/URI", "/GoTo"}


def test_html(built: tuple[str, Path]) -> None:
    value, out = built
    page = TextAndTags.read(only(out, ".html").read_text(encoding="utf-8"))
    assert page.text.count(value) >= 4, "cover, contact table, clause texts"
    assert "49" not in page.text
    assert [tag for tag, _ in page.tags].count("script") == 0
    assert not links_to_script(page)
    assert {tag for tag, _ in page.tags}.isdisjoint({"b", "fldsimple", "w:fldsimple", "w:t"})


def test_markdown(built: tuple[str, Path]) -> None:
    value, out = built
    rendered = MarkdownIt("commonmark").enable("table").render(only(out, ".md").read_text(encoding="utf-8"))
    page = TextAndTags.read(rendered)
    assert page.text.count(value) >= 3, "the school name, the contact table, clause texts"
    assert "49" not in page.text
    assert [tag for tag, _ in page.tags].count("script") == 0
    assert not links_to_script(page)
    assert {tag for tag, _ in page.tags}.isdisjoint({"b", "blockquote", "img", "pre"})


# ---- the DOCX writer itself: any character at all -----------------------------------------

XML_CANNOT_HOLD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@settings(max_examples=30, deadline=None)
@given(text=st.text(st.characters(codec=None, exclude_categories=()), min_size=1, max_size=30))
def test_the_docx_writer_never_fails_on_a_character(text: str) -> None:
    """Validation refuses what XML cannot hold; should it ever reach the writer, it is dropped, not a crash."""
    document = sample_document(review=True, school="S" + text)
    extra = Section(
        id="extra",
        number="5",
        title="Ekstra " + text,
        clauses=(
            Clause(
                id="extra.one",
                number="5.1",
                title=text,
                blocks=(
                    Paragraph((Run(text), Run(text, strong=True), Run(text, href="https://example.org"))),
                    ContactTable(("a", "b", "c", "d"), (ContactRow(text, text, text, text),)),
                ),
            ),
        ),
    )
    document = replace(document, sections=(*document.sections, extra))
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "x.docx"
        write_docx(document, target)
        opened = docx.Document(str(target))
    kept = XML_CANNOT_HOLD.sub("", text).replace("\r", "\n")  # python-docx writes both as a break
    assert opened.paragraphs[0].text.startswith("S" + kept) or opened.paragraphs[1].text == "S" + kept
    assert any(p.text == kept * 3 for p in opened.paragraphs)
    assert opened.tables[-1].rows[1].cells[0].text == kept

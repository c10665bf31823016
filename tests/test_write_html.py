"""The HTML writer: the intranet page, and the print HTML that the PDF writer lays out."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.document import (
    ContactTable,
    ListBlock,
    Paragraph,
    Run,
)
from generator.writers.fetch import FetchRefused
from generator.writers.html import document_labels, render_html, split_page_label, write_html
from tests.sample_document import para, review_document, sample_document, with_clause_blocks

PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6390f52ffe0f00034b01df9b6560eb0000000049454e44ae426082"
)


class TextAndTags(HTMLParser):
    """Collect the text (outside <style>), the tags and the attributes of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def parse(html: str) -> TextAndTags:
    parser = TextAndTags()
    parser.feed(html)
    return parser


def test_standalone_page_is_one_self_contained_file(tmp_path: Path) -> None:
    target = tmp_path / "politik.html"
    write_html(sample_document(), target)
    html = target.read_text(encoding="utf-8")

    assert html.startswith('<!DOCTYPE html>\n<html lang="da-DK">')
    assert "<title>Politik for medarbejderes brug af sociale medier – Søndervang Skole</title>" in html
    assert '<meta name="author" content="Søndervang Skole">' in html
    assert '<meta name="description" content="Lokal politik for medarbejderes brug af sociale medier">' in html
    assert '<meta name="keywords" content="sociale medier, politik, skole">' in html
    assert '<meta name="dcterms.created" content="2026-12-01T00:00:00Z">' in html
    # the screen stylesheet is inlined; nothing links out of the file
    assert "<style>" in html and "max-width" in html
    assert not [tag for tag, attrs in parse(html).tags if tag in ("link", "script", "img")]
    # no print-only parts
    for print_only in ("target-counter", "counter(pages)", "@page", "data-page-before", "toc-page"):
        assert print_only not in html
    assert list(tmp_path.iterdir()) == [target]  # the atomic write left no temporary file


def test_text_in_reading_order() -> None:
    text = " ".join(" ".join(parse(render_html(sample_document(), for_print=False)).text).split())
    expected = [
        "Søndervang Skole",
        "Kolding Kommune",
        "Politik for medarbejderes brug af sociale medier",
        "UDKAST",
        "Udkast af 1. december 2026",
        "Indhold",
        "1 Formål og baggrund",
        "1.1 Formål",
        "Politikken gælder for alle medarbejdere på Søndervang Skole og beskriver god praksis",
        "2.1 Nuværende elever",
        "Facebook Instagram Snapchat",
        "Tag et skærmbillede",
        "Anmeld afsenderen.",
        "Kontakt leder, TR eller AMR.",
        "Funktion Navn Telefon E-mail",
        "Skoleleder Mette Hansen 75 50 00 00 mette@example.dk",
        "Lovgrundlag og kilder",
        "Kolding Lærerkreds: Læreres brug af sociale medier.",
    ]
    position = 0
    for phrase in expected:
        found = text.find(phrase, position)
        assert found >= 0, f"{phrase!r} missing after position {position}"
        position = found + len(phrase)


def test_user_values_are_escaped_and_never_evaluated(tmp_path: Path) -> None:
    school = '<b>x</b> {{ 7*7 }} </p><script>alert(1)</script> & "q"'
    document = sample_document(school=school)
    for for_print in (False, True):
        html = render_html(document, for_print=for_print)
        assert "<b>x</b>" not in html and "<script>" not in html
        assert "&lt;b&gt;x&lt;/b&gt; {{ 7*7 }} &lt;/p&gt;&lt;script&gt;" in html
        page = parse(html)
        assert school in page.text  # the cover's school name, exactly as typed
        assert "49" not in "".join(page.text)
        cover = next(attrs for tag, attrs in page.tags if tag == "header")
        if for_print:
            assert cover["data-school"] == school  # the running header's text, intact


def test_injected_markup_in_clause_text_stays_text() -> None:
    document = with_clause_blocks(sample_document(), para('<img src="file:///etc/passwd"> {% raw %}{{ x }}'))
    html = render_html(document, for_print=True)
    page = parse(html)
    assert not [tag for tag, _ in page.tags if tag == "img"]
    assert '<img src="file:///etc/passwd"> {% raw %}{{ x }}' in page.text


def test_links_only_for_safe_schemes() -> None:
    runs = (
        Run("trygt", href="https://www.dlf.org/"),
        Run(" og "),
        Run("farligt", href="javascript:alert(1)"),
        Run(" og "),
        Run("mail", href="mailto:tr@example.dk"),
        Run(" og "),
        Run("fil", href="file:///etc/passwd"),
    )
    document = with_clause_blocks(sample_document(), Paragraph(runs))
    html = render_html(document, for_print=False)
    contacts = {  # the contacts table's own links
        f"mailto:{row.email}" for clause in document.iter_clauses() for block in clause.blocks
        if isinstance(block, ContactTable) for row in block.rows if row.email
    }  # fmt: skip
    hrefs = [attrs["href"] for tag, attrs in parse(html).tags if tag == "a" and not attrs["href"].startswith("#")]
    assert [href for href in hrefs if href not in contacts] == ["https://www.dlf.org/", "mailto:tr@example.dk"]
    assert "</a> og farligt og <a" in html and "</a> og fil</p>" in html  # the text stays, the link goes


def test_inline_formatting() -> None:
    html = render_html(sample_document(), for_print=False)
    assert "på <strong>Søndervang Skole</strong> og beskriver <em>god praksis</em> på" in html


def test_numbered_lists_restart_and_honour_start() -> None:
    document = with_clause_blocks(
        sample_document(),
        ListBlock(items=((para("tre"),), (para("fire"),)), ordered=True, start=3),
    )
    screen = render_html(document, for_print=False)
    starts = [attrs["start"] for tag, attrs in parse(screen).tags if tag == "ol" and "start" in attrs]
    assert starts == ["1", "1", "3"]  # both lists in 3.1 start over; the new one at 3
    printed = render_html(document, for_print=True)
    assert '<ol start="3" style="counter-reset: list-item 2">' in printed
    assert printed.count("counter-reset") == 1


def test_nested_list_items() -> None:
    nested = ListBlock(items=((para("indre"),),))
    document = with_clause_blocks(sample_document(), ListBlock(items=((para("ydre"), nested),)))
    html = render_html(document, for_print=False)
    assert "<li>ydre\n<ul>\n<li>indre</li>\n</ul></li>" in html


def test_contents_lists_clauses_on_screen_and_sections_on_paper() -> None:
    document = sample_document()
    screen = parse(render_html(document, for_print=False))
    ids = {attrs["id"] for _, attrs in screen.tags if "id" in attrs}
    toc_links = [attrs["href"] for tag, attrs in screen.tags if tag == "a" and attrs["href"].startswith("#")]
    assert toc_links == [
        "#sec-purpose",
        "#cl-purpose",
        "#sec-friendships",
        "#cl-friendships.current-pupils",
        "#sec-harassment",
        "#cl-harassment.steps",
        "#sec-contacts",
        "#cl-contacts.table",
        "#sources",
    ]
    assert {link[1:] for link in toc_links} <= ids  # every entry leads somewhere

    printed = parse(render_html(document, for_print=True))
    targets = [attrs["data-target"] for _, attrs in printed.tags if "data-target" in attrs]
    assert targets == ["#sec-purpose", "#sec-friendships", "#sec-harassment", "#sec-contacts", "#sources"]
    assert "Indhold" in printed.text


def test_no_sources_no_appendix() -> None:
    html = render_html(replace(sample_document(), sources=()), for_print=True)
    assert "Lovgrundlag og kilder" not in html and 'id="sources"' not in html


def test_draft_mark_only_on_drafts() -> None:
    assert 'class="draft-mark">UDKAST<' in render_html(sample_document(draft=True), for_print=False)
    printed = render_html(sample_document(draft=True), for_print=True)
    assert 'data-draft="UDKAST"' in printed  # the running header's mark
    adopted = render_html(sample_document(draft=False), for_print=True)
    assert "UDKAST" not in adopted and 'data-draft=""' in adopted


def test_review_edition_shows_each_decision() -> None:
    html = render_html(review_document(), for_print=False)
    text = " ".join(" ".join(parse(html).text).split())
    assert document_labels(review_document().meta)["review_edition"] in text  # "Udgave til drøftelse, ..."
    assert "Anbefalet i vejledningen Beslutningspunkt: Venskaber med nuværende elever" in text
    assert "Ikke tilladt Anbefalet Politikken forbyder venskaber. Frarådes Valgt Politikken fraråder" in text
    assert "Vejledningen anbefaler: Ikke tilladt. Bemærk: Skolen fraviger vejledningens anbefaling." in text
    answer = document_labels(review_document().meta)["review_answer"]  # "Valgt" from the phrases
    assert f"Beslutningspunkt: Skolens platform {answer}: Aula" in text
    assert "Venskaber med elever kan skabe uklarhed om lærerens rolle." in text
    assert "Kilde: Kolding Lærerkreds: Venskaber på de sociale medier" in text
    assert html.count('<li class="chosen">') == 1 and html.count('<li class="not-chosen">') == 1
    assert html.count('<div class="decision">') == 2

    adopted_edition = render_html(sample_document(review=False), for_print=False)
    assert "Beslutningspunkt" not in adopted_edition and 'class="review"' not in adopted_edition


def test_fragment_for_embedding(tmp_path: Path) -> None:
    target = tmp_path / "fragment.html"
    write_html(sample_document(), target, standalone=False)
    html = target.read_text(encoding="utf-8")
    assert html.startswith('<article class="policy is-draft">')
    assert "<html" not in html and "<style>" not in html and "<head>" not in html


def test_logo_is_embedded_in_the_page(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_1X1)
    document = sample_document()
    document = replace(document, meta=replace(document.meta, logo=str(logo)))
    screen = parse(render_html(document, for_print=False))
    (src,) = [attrs["src"] for tag, attrs in screen.tags if tag == "img"]
    assert src.startswith("data:image/png;base64,iVBORw0KGgo")
    printed = parse(render_html(document, for_print=True))
    (src,) = [attrs["src"] for tag, attrs in printed.tags if tag == "img"]
    assert src == logo.resolve().as_uri()


@pytest.mark.parametrize("logo", ["/etc/passwd", "relative/logo.png", "/nonexistent/logo.png"])
def test_logo_that_is_not_an_image_file_is_refused(logo: str, tmp_path: Path) -> None:
    document = sample_document()
    document = replace(document, meta=replace(document.meta, logo=logo))
    with pytest.raises(FetchRefused, match="logo"):
        write_html(document, tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_created_falls_back_to_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    document = sample_document()
    undated = replace(document, meta=replace(document.meta, created=""))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert "dcterms.created" not in render_html(undated, for_print=True)  # never the clock
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    html = render_html(undated, for_print=True)
    assert '<meta name="dcterms.created" content="2025-12-01T00:00:00Z">' in html


def test_page_label_split() -> None:
    assert split_page_label("Side {page} af {pages}") == ("Side ", " af ", "")
    assert split_page_label("Page {page} of {pages}.") == ("Page ", " of ", ".")
    with pytest.raises(ValueError, match="expected"):
        split_page_label("Side {pages}/{page}")


def test_print_html_carries_running_texts() -> None:
    html = render_html(sample_document(), for_print=True)
    cover = next(attrs for tag, attrs in parse(html).tags if tag == "header")
    assert cover["data-title"] == "Politik for medarbejderes brug af sociale medier"
    assert cover["data-footer"] == "Version 1.0 · Udkast af 1. december 2026"
    assert (cover["data-page-before"], cover["data-page-between"], cover["data-page-after"]) == ("Side ", " af ", "")
    assert "<style>" not in html  # the PDF writer brings its own, parsed once
    assert re.search(r'<html lang="da-DK">', html)

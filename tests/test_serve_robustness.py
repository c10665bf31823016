"""Robustness of `policygen serve` under hostile form posts, as properties of whole requests.

Hypothesis takes the page's own form (with its token) and replaces some answers with hostile
ones: text of every Unicode category, markup and template syntax, odd paths, values no
choice has, several values for one field, and fields the form does not have. Each form is
posted to the preview, the page, and the downloads (options file, DOCX, PDF) through Flask's test
client. For every post:

- the status is 200, or 422 for a download whose answers are wrong: never a server error;
- the preview is JSON with `ok` true exactly when no field has an error, and every error is
  under a field of the form (or a contact's group of fields) or in `general`;
- the page is HTML that shows no Python exception;
- a downloaded options file is UTF-8 YAML that `policygen validate` accepts (exit 0: it is
  what the page checked), a downloaded DOCX is a whole Word document, and a PDF is whole or
  refused (422) with the field's message when its font lacks a character (PDFs for a quarter
  of the forms, chosen by a hash of the form).

Every run (profile "ci") posts 120 forms; `pytest -m slow` 1,500.
"""

from __future__ import annotations

import io
import re
import string
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.frontends.cli import cli
from generator.messages.answers import ANSWERS
from generator.messages.files import FILES
from tests.hostile_files import ANY_CHARACTER, MARKUP, SPECIAL
from tests.test_serve import LIBRARY, read_form
from tests.web_client import local_client

ODD = st.sampled_from(
    ["kreds\0", "x" * 3_000, "../../etc/passwd", "/dev/zero", "{{ 7*7 }}", "<script>alert(1)</script>", "",
     " ", "ja", "true", "1", "2026-02-30", "31-12-2026", "\r\n", "\u202e", "AULA\x1b[2J"]
)  # fmt: skip
PDF_EVERY = 4


def _pattern(template: str) -> str:
    """A message template as a pattern: its words literal, each {value} any text."""
    return "".join(re.escape(text) + ("(?:.|\n)*?" if name is not None else "")
                   for text, name, _, _ in string.Formatter().parse(template))


# Every message beside a field on the (Danish) page is one of the catalogue's Danish wordings.
DANISH = re.compile("|".join(f"(?:{_pattern(m['da'][0].upper() + m['da'][1:])})"
                             for m in {**ANSWERS, **FILES}.values()))
HOSTILE = st.one_of(ODD, MARKUP, SPECIAL, st.text(ANY_CHARACTER, max_size=40))


@st.composite
def forms(draw: st.DrawFn, base: dict[str, str]) -> list[tuple[str, str]]:
    """The page's form with some answers replaced, repeated or added; the token kept."""
    names = [name for name in base if name != "csrf_token"]
    changed = draw(st.lists(st.sampled_from(names), max_size=6, unique=True))
    form = [(name, draw(HOSTILE) if name in changed else value) for name, value in base.items()]
    for name in draw(st.lists(st.sampled_from(names), max_size=2)):
        form.append((name, draw(HOSTILE)))  # a second value for one field
    for _ in range(draw(st.integers(0, 2))):
        extra = draw(st.sampled_from(["school.nme", "choices", "theme", "clauses", "x" * 200, ""]))
        form.append((extra, draw(HOSTILE)))
    return form


def post(client: FlaskClient, path: str, form: list[tuple[str, str]]) -> Any:
    """Post the form as a browser would, but with whatever bytes a value holds: a lone surrogate
    goes as the invalid UTF-8 a hostile client could send."""
    body = "&".join(
        f"{quote(name.encode('utf-8', 'surrogatepass'))}={quote(value.encode('utf-8', 'surrogatepass'))}"
        for name, value in form
    )
    return client.post(path, data=body, content_type="application/x-www-form-urlencoded")


NO_FONT_DRAWS = "no font of the PDF can draw"


def check_form(client: FlaskClient, form: list[tuple[str, str]], field_names: set[str], tmp: Path,
               stats: Counter[str]) -> None:  # fmt: skip
    why = f"form: {[(k, v[:60]) for k, v in form if v]!r}"
    preview = post(client, "/preview", form)
    assert preview.status_code == 200, f"{preview.status_code}\n{why}"
    body = preview.get_json()
    assert body["ok"] == (not body["errors"] and not body["general"]), why
    assert set(body["errors"]) <= field_names, why
    for message in [*body["errors"].values(), *body["warnings"].values()]:
        assert DANISH.fullmatch(message), f"not worded in Danish: {message!r}\n{why}"
    stats["preview ok" if body["ok"] else "preview with errors"] += 1

    page = post(client, "/", form)
    assert page.status_code == 200, f"{page.status_code}\n{why}"
    html = page.get_data(as_text=True)
    assert "Traceback" not in html and "Internal Server Error" not in html, why

    pdf = zlib.crc32(repr(form).encode()) % PDF_EVERY == 0  # a PDF takes 0.5-1 s: a sample of the forms
    for kind in ("yaml", "docx", "pdf") if pdf else ("yaml", "docx"):
        download = post(client, f"/download/{kind}", form)
        if kind == "pdf" and body["ok"] and download.status_code == 422:  # a character the PDF's font lacks
            assert "PDF-filens skrifttyper kan ikke vise" in download.get_data(as_text=True), why
            stats["pdf refused: a glyph the fonts lack"] += 1
            continue
        assert download.status_code == (200 if body["ok"] else 422), f"{kind}: {download.status_code}\n{why}"
        if download.status_code != 200:
            continue
        data = download.get_data()
        if kind == "pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), why
        elif kind == "docx":
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                assert package.testzip() is None and "word/document.xml" in package.namelist(), why
        else:
            path = tmp / "skole.yaml"
            path.write_bytes(data)
            result = CliRunner().invoke(cli, ["validate", str(path), "--lang", "en"])
            undrawable = any("PDF-filens skrifttyper kan ikke vise" in text for text in body["warnings"].values())
            if undrawable:  # the page warned before the download; validate says it as build will: an error
                errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
                assert errors and all(NO_FONT_DRAWS in line for line in errors), f"{result.stderr}\n{why}"
            shown = data.decode("utf-8")[:2_000]
            assert result.exit_code == (2 if undrawable else 0), f"{result.stderr}\n{shown}\n{why}"
        stats[f"{kind} downloaded"] += 1


def run_property(examples: int, profile: str, tmp: Path) -> Counter[str]:
    client = local_client()
    page = client.get("/").get_data(as_text=True)
    reader = read_form(page)
    base = reader.fields
    field_names = {field["name"] for field in reader.inputs if field.get("name") != "csrf_token"}
    # a contact's fields are one group, with its own place for the group's error (a required contact without a name)
    contacts = [key for key, option in LIBRARY.options.items() if option.type == "contact"]
    field_names |= {key for key in contacts if f'id="err-{key}"' in page}
    stats: Counter[str] = Counter()

    @settings(settings.get_profile(profile), max_examples=examples, suppress_health_check=[HealthCheck.too_slow])
    @given(form=forms(base))
    def check(form: list[tuple[str, str]]) -> None:
        check_form(client, form, field_names, tmp, stats)

    check()
    return stats


def report(capsys: pytest.CaptureFixture[str], stats: Counter[str]) -> None:
    with capsys.disabled():
        print("\nweb forms: " + ", ".join(f"{key} {value:,}" for key, value in sorted(stats.items())))


def test_hostile_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = run_property(120, "ci", tmp_path)
    report(capsys, stats)
    assert stats["preview ok"] and stats["preview with errors"]  # both kinds of form were drawn


@pytest.mark.slow
def test_hostile_forms_slow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report(capsys, run_property(1_500, "slow", tmp_path))

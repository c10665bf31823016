"""`policygen absorb` and `policygen update` end to end, on the fixture library `mini` in two versions
(tests/fixtures/update): a school adopts its policy with 1.0.0, edits the DOCX as Word saves edits,
absorbs the edits, and is updated to 2.0.0. Also: the record carries the adopted document, the
changelog is checked, a renamed option is migrated with a message, a future library is refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date as dt_date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import generator.frontends.batch
import generator.pipeline
import generator.record
import generator.redline.compare
import generator.update.run  # every module that names the libraries' folder is loaded before it is patched
from generator.frontends.cli import cli
from generator.record import document_from_json, document_json
from generator.writers.docx.headings import marker_name
from tests.libreoffice import needs_soffice

FIXTURES = Path(__file__).parent / "fixtures" / "update"
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")

SCHOOL = """\
library: mini
language: da
school: {name: Prøveskolen}
policy: {status: adopted, version: "1.0", adopted: 2026-06-01}
choices: {platform: Aula, reply: quick, old_flag: true}
"""


def use_libraries(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Point policygen at the folder of libraries `root` (v1 or v2) instead of the shipped clauses/."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("generator") and hasattr(module, "LIBRARIES_DIR"):
            monkeypatch.setattr(module, "LIBRARIES_DIR", root)
    generator.pipeline._cached_library.cache_clear()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--help"] if not args else list(args))
    return result.exit_code, result.output


def adopt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The school's policy as adopted with library 1.0.0: its DOCX and record in tmp_path/adopted."""
    use_libraries(monkeypatch, FIXTURES / "v1")
    (tmp_path / "school.yaml").write_text(SCHOOL, encoding="utf-8")
    code, output = run("build", str(tmp_path / "school.yaml"), "-o", str(tmp_path / "adopted"), "-f", "docx")
    assert code == 0, output
    return tmp_path / "adopted"


def paragraph(document: docx.document.Document, start: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(start))


def edit_as_word_does(adopted: Path, target: Path) -> None:
    """A changed sentence, an edit across runs, a new paragraph, a deleted clause and a section of the
    school's own, made with python-docx on the DOCX policygen wrote."""
    document = docx.Document(adopted / "proeveskolen.docx")
    platform = paragraph(document, "Medarbejderne bruger")
    for run_ in platform.runs:  # the sentence is in the last of three runs (the platform's name is one)
        run_.text = run_.text.replace("sendes kun dér.", "sendes aldrig på sms.")
    tone = paragraph(document, "Medarbejderne skriver")
    assert len(tone.runs) == 3  # "Medarbejderne skriver ", bold "venligt og sagligt", the rest
    tone.runs[1].text = "venligt og roligt"
    tone.runs[2].text = " til alle. Kritik tages op ansigt til ansigt."
    added = tone.insert_paragraph_before("Vi svarer ikke på beskeder sendt om natten.")
    tone._p.addnext(added._p)
    for start in ("Deling", "Billeder deles"):
        gone = paragraph(document, start)
        gone._p.getparent().remove(gone._p)
    last = paragraph(document, "Billeder gemmes")
    heading = last.insert_paragraph_before("Skolens egne regler", style="Heading 1")
    text = last.insert_paragraph_before("Vi holder en fast telefontid.")
    last._p.addnext(heading._p)
    heading._p.addnext(text._p)
    document.save(target)


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def pandoc(path: Path, changes: str) -> str:
    return subprocess.run(["pandoc", f"--track-changes={changes}", "-t", "plain", "--wrap=none", str(path)],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture
def updated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """Adopted with 1.0.0, edited, absorbed, updated to 2.0.0: (adopted folder, update folder, summary)."""
    adopted = adopt(tmp_path, monkeypatch)
    edit_as_word_does(adopted, tmp_path / "edited.docx")
    code, output = run("absorb", str(tmp_path / "edited.docx"), str(adopted / "proeveskolen.record.json"),
                       "-o", str(tmp_path / "ours"), "--lang", "en")
    assert code == 0, output
    use_libraries(monkeypatch, FIXTURES / "v2")
    code, output = run("update", str(adopted / "proeveskolen.record.json"), "--overlay", str(tmp_path / "ours"),
                       "-o", str(tmp_path / "new"), "-j", "1", "--lang", "en")
    assert code == 0, output
    return adopted, tmp_path / "new", output


def test_absorb_writes_changed_added_and_deleted_clauses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    edit_as_word_does(adopted, tmp_path / "edited.docx")
    code, output = run("absorb", str(tmp_path / "edited.docx"), str(adopted / "proeveskolen.record.json"),
                       "-o", str(tmp_path / "ours"), "--lang", "en")
    assert code == 0, output
    assert "changed: rules.platform, rules.tone\n  added: local.skolens-egne-regler\n  deleted: photos.sharing" \
        in output
    import yaml

    tone = yaml.safe_load((tmp_path / "ours" / "clauses" / "rules.tone.yaml").read_text(encoding="utf-8"))
    assert tone["status"] == "local" and tone["source"]["ref"] == "school-edit"
    assert tone["text"]["da"] == ("Medarbejderne skriver **venligt og roligt** til alle. Kritik tages op ansigt til "
                                  "ansigt.\n\nVi svarer ikke på beskeder sendt om natten.\n\nEn besked, der er skrevet "
                                  "i vrede, sendes ikke samme dag.\n")
    overlay = yaml.safe_load((tmp_path / "ours" / "overlay.yaml").read_text(encoding="utf-8"))
    assert overlay["remove"] == ["photos.sharing"]
    assert overlay["sections"] == [{"id": "local-skolens-egne-regler", "part": "body",
                                    "title": {"da": "Skolens egne regler"}, "after": "photos"}]
    # build reads the overlay as it is, with the library it was made for
    code, output = run("build", str(tmp_path / "school.yaml"), "--clauses", str(tmp_path / "ours"), "-o",
                       str(tmp_path / "rebuilt"), "-f", "docx")
    assert code == 0, output
    text = docx_text(tmp_path / "rebuilt" / "proeveskolen.docx")
    assert "venligt og roligt" in text and "Vi holder en fast telefontid." in text and "Billeder deles" not in text


def test_update_keeps_the_schools_edits_and_takes_the_librarys(updated: tuple[Path, Path, str]) -> None:
    _, new, summary = updated
    draft = docx_text(new / "proeveskolen.docx")
    for school in ("sendes aldrig på sms.", "venligt og roligt", "Vi svarer ikke på beskeder sendt om natten.",
                   "Skolens egne regler", "Vi holder en fast telefontid."):
        assert school in draft
    for library in ("forældrenes skriftlige samtykke", "slettes efter et år", "besvares om mandagen"):
        assert library in draft
    assert "Billeder deles" not in draft and "Denne regel forsvinder" not in draft
    assert "UDKAST" in docx_text(new / "proeveskolen.docx") or "UDKAST" in "".join(
        p.text for p in docx.Document(new / "proeveskolen.docx").sections[0].header.paragraphs)
    record = json.loads((new / "proeveskolen.record.json").read_text(encoding="utf-8"))
    assert record["options"]["policy"]["status"] == "draft" and record["options"]["policy"]["version"] == "1.1"
    assert record["library"]["version"] == "2.0.0"
    assert "1/1 updated: Prøveskolen" in summary.splitlines()  # the progress line off a terminal: update's words
    rows = [line.split() for line in summary.splitlines() if line.startswith("Prøveskolen")]
    assert rows == [["Prøveskolen", "updated", "4", "3", "choices.new_rule", "rules.tone"]]  # 3: its own edits kept


def test_a_clause_changed_on_both_sides_is_a_conflict_with_both_texts(updated: tuple[Path, Path, str]) -> None:
    _, new, _ = updated
    comments = [c.text for c in docx.Document(new / "proeveskolen.redline.docx").comments]
    conflict = [text for text in comments if text.startswith("KONFLIKT")]
    assert len(conflict) == 1
    assert "venligt og roligt" in conflict[0] and "venligt, kort og sagligt" in conflict[0]
    assert "Skabelonen 2.0.0: Samtykket skal være skriftligt." in comments
    changes = (new / "proeveskolen.changes.md").read_text(encoding="utf-8")
    assert "## Konflikter" in changes and "### Tonen" in changes
    assert '<html lang="da">' in (new / "proeveskolen.changes.html").read_text(encoding="utf-8")


def test_a_new_decision_is_applied_and_marked_in_the_draft_and_the_redline(updated: tuple[Path, Path, str]) -> None:
    """The recommended answer stands in the draft until the school decides, and both DOCX files say so
    on the clause it brings in (a Word comment on its heading)."""
    _, new, _ = updated
    marked = "NYT VALG: »Regel om weekender« Indtil skolen har besluttet sig, gælder: Ja (anbefalet)."
    for name in ("proeveskolen.docx", "proeveskolen.redline.docx"):
        comments = "\n".join(comment.text for comment in docx.Document(new / name).comments)
        assert comments.count("NYT VALG") == 1 and marked in comments.splitlines(), name  # with the change's reason
    assert "Beskeder i weekenden besvares om mandagen." in docx_text(new / "proeveskolen.docx")


@needs_pandoc
def test_the_redline_rejects_into_the_adopted_policy_and_accepts_into_the_draft(
    updated: tuple[Path, Path, str],
) -> None:
    adopted, new, _ = updated
    redline = new / "proeveskolen.redline.docx"
    assert pandoc(redline, "reject") == pandoc(adopted / "proeveskolen.docx", "accept")
    assert pandoc(redline, "accept") == pandoc(new / "proeveskolen.docx", "accept")


@needs_soffice
def test_the_clause_bookmarks_survive_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    edit_as_word_does(adopted, tmp_path / "edited.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "docx", "--outdir", str(tmp_path / "lo"),
                    str(tmp_path / "edited.docx")], capture_output=True, check=True, timeout=300)
    for name, source in (("word", tmp_path / "edited.docx"), ("lo", tmp_path / "lo" / "edited.docx")):
        code, output = run("absorb", str(source), str(adopted / "proeveskolen.record.json"), "-o",
                           str(tmp_path / name), "--lang", "en")
        assert code == 0, output
    for path in sorted((tmp_path / "word").rglob("*.yaml")):
        assert (tmp_path / "lo" / path.relative_to(tmp_path / "word")).read_text() == path.read_text()


def test_every_clause_heading_carries_its_bookmark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    body = docx.Document(adopted / "proeveskolen.docx").element.body
    names = {mark.get(docx.oxml.ns.qn("w:name")) for mark in body.iter(docx.oxml.ns.qn("w:bookmarkStart"))}
    record = json.loads((adopted / "proeveskolen.record.json").read_text(encoding="utf-8"))
    ids = [clause["id"] for clause in record["clauses"]]
    assert {marker_name(("clause", ident)) for ident in ids} <= names
    assert marker_name(("clause", "a.very-long.clause-id.that-goes-on-and-on.and-on")) == (
        "clause_a_very_long_clause_id_th_" + marker_name(("clause", "a.very-long.clause-id.that-goes-on-and-on."
                                                                      "and-on"))[-8:])


def test_the_record_carries_the_adopted_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    record = json.loads((adopted / "proeveskolen.record.json").read_text(encoding="utf-8"))
    assert record["format"] == 2
    document = document_from_json(record["document"])
    assert document_json(document) == record["document"]
    assert [c.id for c in document.iter_clauses()] == [c["id"] for c in record["clauses"]]


def test_an_old_record_without_the_document_is_updated_against_todays_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    path = adopted / "proeveskolen.record.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["document"], record["format"]
    path.write_text(json.dumps(record), encoding="utf-8")
    use_libraries(monkeypatch, FIXTURES / "v2")
    code, output = run("update", str(path), "-o", str(tmp_path / "new"), "-j", "1", "--lang", "en")
    assert code == 0, output
    changes = (tmp_path / "new" / "proeveskolen.changes.md").read_text(encoding="utf-8")
    assert "Den vedtagne politik er ikke gemt" in changes


def test_a_renamed_option_is_migrated_with_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_libraries(monkeypatch, FIXTURES / "v2")
    (tmp_path / "school.yaml").write_text(SCHOOL, encoding="utf-8")
    code, output = run("update", str(tmp_path / "school.yaml"), "-o", str(tmp_path / "new"), "-j", "1", "--lang",
                       "en")
    assert code == 0, output
    file = tmp_path / "school.yaml"
    assert (f"Note: {file}:5: choices.reply: renamed choices.answer.speed in library version 2.0.0; the answer "
            "moved with it") in output.splitlines()
    assert f"Note: {file}:5: choices.answer.speed: the choice 'quick' is called 'fast' from library version 2.0.0" \
        in output.splitlines()
    assert f"Note: {file}:5: choices.old_flag: removed in library version 2.0.0: The rule is removed." \
        in output.splitlines()
    record = json.loads((tmp_path / "new" / "school.record.json").read_text(encoding="utf-8"))
    assert record["options"]["choices"]["answer"] == {"speed": "fast"}


def test_a_record_of_a_future_library_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    path = adopted / "proeveskolen.record.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["library"]["version"] = "3.0.0"
    path.write_text(json.dumps(record), encoding="utf-8")
    use_libraries(monkeypatch, FIXTURES / "v2")
    code, output = run("update", str(path), "-o", str(tmp_path / "new"), "-j", "1", "--lang", "en")
    assert code == 2
    assert (f"  Error: {path}: library.version: built with library mini version 3.0.0, newer than the library "
            "installed here (2.0.0): update policygen before updating this policy") in output.splitlines()
    assert not (tmp_path / "new" / "proeveskolen.docx").exists()


def test_a_broken_changelog_is_reported_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "libraries"
    shutil.copytree(FIXTURES / "v2", root)
    changelog = root / "mini" / "CHANGELOG.yaml"
    text = changelog.read_text(encoding="utf-8").replace(
        '{da: "Beskeder skal være korte.", en:', "{da: Beskeder skal være korte, og venlige., en:")
    changelog.write_text(text, encoding="utf-8")
    adopted = adopt(tmp_path, monkeypatch)
    use_libraries(monkeypatch, root)
    code, output = run("update", str(adopted / "proeveskolen.record.json"), "-o", str(tmp_path / "new"), "-j", "1",
                       "--lang", "en")
    assert code == 2
    assert (f"  Error: {changelog}:6: 2.0.0.clauses[0].reason: unexpected key 'og venlige.' (a text with a comma "
            "or a colon in a {da: ..., en: ...} mapping must be quoted)") in output.splitlines()


def test_the_shipped_changelog_is_valid_and_names_the_librarys_version() -> None:
    from generator.library.assemble import load_library
    from generator.resources import LIBRARIES_DIR
    from generator.update.changelog import check_against, read_changelog

    library = load_library(LIBRARIES_DIR / "social-media")
    changelog = read_changelog(library.root)
    assert changelog is not None
    check_against(changelog, library.meta.version, "library.yaml")
    assert all("," not in entry.id for _, release in changelog.since("1.0.0") for entry in release.clauses)
    assert changelog.replacements("scope.staff", "1.0.0") == ["purpose.scope"]


def test_absorb_refuses_a_docx_that_unpacks_to_too_much(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip bomb is refused from the archive's own sizes, before python-docx inflates anything."""
    import zipfile

    import generator.writers.docx.read_back as read_back

    adopted = adopt(tmp_path, monkeypatch)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(adopted / "proeveskolen.docx") as source, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr("word/media/zeros.bin", bytes(2 * 2**20))  # 2 MiB that pack to a few KiB
    assert bomb.stat().st_size < 2**20
    monkeypatch.setattr(read_back, "MAX_UNPACKED_BYTES", 2**20)
    code, output = run("absorb", str(bomb), str(adopted / "proeveskolen.record.json"), "-o", str(tmp_path / "ours"),
                       "--lang", "en")
    assert code == 2
    assert output == (f"Error: {bomb}: the Word file would unpack to more than 1 MiB or 5,000 parts: not a policy a "
                      "school edited\n")
    assert not (tmp_path / "ours").exists()


def test_absorb_refuses_a_word_file_policygen_did_not_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the headings' bookmarks every clause would look deleted: the file is refused, not absorbed."""
    adopted = adopt(tmp_path, monkeypatch)
    other = docx.Document()
    other.add_paragraph("Referat af personalemødet")
    other.save(str(tmp_path / "referat.docx"))
    code, output = run("absorb", str(tmp_path / "referat.docx"), str(adopted / "proeveskolen.record.json"), "-o",
                       str(tmp_path / "ours"), "--lang", "en")
    assert code == 2
    assert output == (f"Error: {tmp_path / 'referat.docx'}: none of the policy's headings is found: policygen marks "
                      "each with a bookmark, and this file has none of them (not a policy policygen built, or its "
                      "headings were pasted in anew)\n")
    assert not (tmp_path / "ours").exists()


def test_absorb_refuses_another_schools_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    (tmp_path / "other.yaml").write_text(SCHOOL.replace("Prøveskolen", "Naboskolen"), encoding="utf-8")
    code, output = run("build", str(tmp_path / "other.yaml"), "-o", str(tmp_path / "other"), "-f", "docx")
    assert code == 0, output
    code, output = run("absorb", str(tmp_path / "other" / "naboskolen.docx"), str(adopted / "proeveskolen.record.json"),
                       "-o", str(tmp_path / "ours"), "--lang", "en")
    assert code == 2
    assert output == (f"Error: {tmp_path / 'other' / 'naboskolen.docx'}: the file is Naboskolen's policy, but the "
                      "build record is Prøveskolen's: give the record of the same school\n")


def test_an_edit_of_the_text_the_facts_write_is_not_taken(tmp_path: Path) -> None:
    """The adoption section prints the status and the dates: frozen as the school's text it would tell a
    later draft that the policy was adopted. The edit is named and left out; the other edits are taken."""
    from tests.conftest import DEFAULTS_EXAMPLE

    school = tmp_path / "skole.yaml"
    school.write_text(DEFAULTS_EXAMPLE.read_text(encoding="utf-8").replace(
        "status: draft", "status: adopted\n  adopted: 2026-12-01"), encoding="utf-8")
    code, output = run("build", str(school), "-o", str(tmp_path / "adopted"), "-f", "docx")
    assert code == 0, output
    document = docx.Document(tmp_path / "adopted" / "soendervang-skole.docx")
    paragraph(document, "Politikken tages op igen hvert år").runs[0].text = "Politikken tages op igen hvert andet år"
    paragraph(document, "Ros og kritik af den enkelte elev").runs[0].text = "Ros og kritik gives kun i en samtale."
    document.save(tmp_path / "edited.docx")
    code, output = run("absorb", str(tmp_path / "edited.docx"), str(tmp_path / "adopted" / "soendervang-skole"
                                                                     ".record.json"), "-o", str(tmp_path / "ours"),
                       "--lang", "en")
    assert code == 0, output
    assert ("Warning: the edit of 9.2 Vedtagelse og revision is not taken: that text is written from the policy's "
            "facts (status, dates, approval); change them in the options file") in output.splitlines()
    assert "changed: communication.praise\n" in output
    assert not (tmp_path / "ours" / "clauses" / "closing.adoption.yaml").exists()


def test_an_absorbed_clause_keeps_the_law_the_library_cited(tmp_path: Path) -> None:
    """The school's wording of 2.5 still rests on folkeskoleloven § 44, stk. 2: the sources appendix
    keeps citing it when the school's clause takes the library's place."""
    import yaml

    from tests.conftest import DEFAULTS_EXAMPLE

    school = tmp_path / "skole.yaml"
    school.write_text(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = run("build", str(school), "-o", str(tmp_path / "adopted"), "-f", "docx")
    assert code == 0, output
    document = docx.Document(tmp_path / "adopted" / "soendervang-skole.docx")
    tone = paragraph(document, "Beskeder til elever og forældre skal være klare")
    tone.runs[0].text = tone.runs[0].text.replace("klare, saglige og venlige", "korte og venlige")
    document.save(tmp_path / "edited.docx")
    code, output = run("absorb", str(tmp_path / "edited.docx"),
                       str(tmp_path / "adopted" / "soendervang-skole.record.json"), "-o", str(tmp_path / "ours"))
    assert code == 0, output
    absorbed = yaml.safe_load((tmp_path / "ours" / "clauses" / "communication.tone.yaml").read_text(encoding="utf-8"))
    assert [basis["paragraph"]["da"] for basis in absorbed["legal_basis"]] == ["§ 44, stk. 2"]
    code, output = run("build", str(school), "--clauses", str(tmp_path / "ours"), "-o", str(tmp_path / "again"),
                       "-f", "docx")
    assert code == 0, output
    text = docx_text(tmp_path / "again" / "soendervang-skole.docx")
    assert "korte og venlige" in text and "Folkeskoleloven, § 44, stk. 2" in text


def test_update_never_writes_over_the_adopted_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adopted = adopt(tmp_path, monkeypatch)
    before = {path.name: path.read_bytes() for path in adopted.iterdir()}
    use_libraries(monkeypatch, FIXTURES / "v2")
    code, output = run("update", str(adopted), "-o", str(adopted), "-j", "1", "--lang", "en")
    assert code == 2
    assert output == (f"Error: {adopted}: this folder holds the records or options files being updated, and the new "
                      "drafts would replace the adopted policies and their records: write them to another folder\n")
    assert {path.name: path.read_bytes() for path in adopted.iterdir()} == before


def test_the_new_draft_is_dated(updated: tuple[Path, Path, str]) -> None:
    """A draft says when it was made, on its cover and in its record, as any draft build does."""
    import datetime as dt

    _, new, _ = updated
    record = json.loads((new / "proeveskolen.record.json").read_text(encoding="utf-8"))
    assert record["options"]["policy"]["date"] == dt.date.today().isoformat()
    assert "adopted" not in record["options"]["policy"]


def test_an_absorbed_cross_reference_follows_the_numbering(tmp_path: Path) -> None:
    """"afsnit 8.1" in the school's wording becomes the library's cross-reference: when a later build
    leaves a section out, the school's text names the clause by its new number (7.1), not a wrong one."""
    import yaml

    from tests.conftest import DEFAULTS_EXAMPLE

    data = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    data["policy"].update(status="adopted", adopted=dt_date(2026, 12, 1))
    school = tmp_path / "skole.yaml"
    school.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, output = run("build", str(school), "-o", str(tmp_path / "adopted"), "-f", "docx")
    assert code == 0, output
    document = docx.Document(tmp_path / "adopted" / "soendervang-skole.docx")
    filmed = paragraph(document, "Bliver en medarbejder optaget")
    assert "afsnit 8.1" in filmed.text
    for run_ in filmed.runs:
        run_.text = run_.text.replace("bør ikke selv svare", "skal ikke selv svare")
    document.save(tmp_path / "edited.docx")
    code, output = run("absorb", str(tmp_path / "edited.docx"),
                       str(tmp_path / "adopted" / "soendervang-skole.record.json"), "-o", str(tmp_path / "ours"))
    assert code == 0, output
    absorbed = yaml.safe_load((tmp_path / "ours" / "clauses" / "harassment.filmed.yaml").read_text(encoding="utf-8"))
    assert "trinene i afsnit {{ ref('harassment.steps') }}" in absorbed["text"]["da"]
    data["choices"]["official_accounts"] = {"enabled": False}
    data["clauses"] = [str(tmp_path / "ours")]
    school.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, output = run("build", str(school), "-o", str(tmp_path / "later"), "-f", "docx")
    assert code == 0, output
    text = docx_text(tmp_path / "later" / "soendervang-skole.docx")
    assert "skal ikke selv svare" in text and "trinene i afsnit 7.1" in text


@pytest.mark.parametrize("command", ["update", "batch"])
def test_a_missing_input_is_said_in_the_users_language(tmp_path: Path, command: str) -> None:
    """As build says it: the file and 'filen findes ikke', exit code 2, not click's English usage text."""
    missing = tmp_path / "adoptet"
    code, output = run(command, str(missing), "-o", str(tmp_path / "ud"), "--lang", "da")
    assert code == 2
    assert output == f"Fejl: {missing}: filen findes ikke\n"

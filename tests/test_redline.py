"""The redline: tracked changes that a real reader (pandoc) accepts into the new policy and
rejects into the old one, and the summary of what changed and why."""

from __future__ import annotations

import functools
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.pipeline import build
from generator.redline.compare import diff
from generator.writers.word_diff import opcodes, words
from tests.conftest import DEFAULTS_EXAMPLE, EXAMPLES, ROOT
from tests.helpers import facts_yaml

FJORDBAKKE = ROOT / "examples" / "fjordbakke-skole.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")

# Søndervang with other choices: sections switched off (whole clauses go), a variant and a value changed.
CHANGED_CHOICES = {
    "scope": "teachers",
    "photos": {"enabled": False},
    "availability": {"no_answer_outside_hours": False, "response_time": "one-working-day"},
    "official_accounts": {"enabled": False},
    "friendships": {"current_pupils": "own-judgement"},
}


# pandoc 2.17 keeps a list item whose paragraph mark is tracked as deleted (accept) or inserted
# (reject) as an empty item and counts it in the numbering; Word drops the paragraph (ECMA-376
# 17.13.5.15: its contents join the following paragraph, and it has none left).
DROP_EMPTY_ITEMS = """\
local function kept(list)
  local items = pandoc.List()
  for _, item in ipairs(list.content) do
    if pandoc.utils.stringify(pandoc.Div(item)) ~= "" then items:insert(item) end
  end
  if #items == 0 then return {} end
  list.content = items
  return list
end
OrderedList = kept
BulletList = kept
"""


@functools.cache
def drop_empty_items() -> str:
    """The Lua filter's file (written once a run)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, encoding="utf-8") as handle:
        handle.write(DROP_EMPTY_ITEMS)
    return handle.name


def plain(path: Path, track: str | None = None) -> list[str]:
    """The document as pandoc's plain text, one line per paragraph or table row, spacing collapsed.

    Table rules and empty rows are left out: pandoc 2.17 keeps a tracked row it should
    drop as an empty row (it reads w:ins/w:del on runs and paragraph marks, not on rows).
    So are empty list items (DROP_EMPTY_ITEMS), before pandoc numbers the items."""
    command = ["pandoc", str(path), "-t", "plain", "--columns=100000", f"--lua-filter={drop_empty_items()}"]
    if track:
        command.append(f"--track-changes={track}")
    text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if line and not re.fullmatch(r"[- ]+", line)]


@pytest.fixture(scope="module")
def changed_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("changed")
    path = folder / "soendervang-ny.yaml"
    data = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    data["choices"] = {**data["choices"], **CHANGED_CHOICES}  # the example's facts kept
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plain_builds(tmp_path_factory: pytest.TempPathFactory, changed_copy: Path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("plain")
    built = {}
    for name, source in (("old", DEFAULTS_EXAMPLE), ("fjordbakke", FJORDBAKKE), ("changed", changed_copy)):
        built[name] = build(source, out / name, ("docx",)).outputs[0]
    return built


@needs_pandoc
@pytest.mark.parametrize("new", ["fjordbakke", "changed"])
def test_accept_all_gives_the_new_policy_and_reject_all_the_old(
    new: str, plain_builds: dict[str, Path], changed_copy: Path, tmp_path: Path
) -> None:
    sources = {"fjordbakke": FJORDBAKKE, "changed": changed_copy}
    redline = diff(DEFAULTS_EXAMPLE, sources[new], tmp_path / "redline.docx")
    assert len([c for c in redline.options if c.key.startswith("choices.")]) >= 3
    assert plain(tmp_path / "redline.docx", "accept") == plain(plain_builds[new])
    assert plain(tmp_path / "redline.docx", "reject") == plain(plain_builds["old"])
    assert plain(tmp_path / "redline.docx", "accept") != plain(plain_builds["old"])


@needs_pandoc
def test_the_reverse_redline_also_reads_back(plain_builds: dict[str, Path], tmp_path: Path) -> None:
    diff(FJORDBAKKE, DEFAULTS_EXAMPLE, tmp_path / "back.docx")
    assert plain(tmp_path / "back.docx", "accept") == plain(plain_builds["old"])
    assert plain(tmp_path / "back.docx", "reject") == plain(plain_builds["fjordbakke"])


def document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_changes_are_revisions_by_policygen_with_a_fixed_date(tmp_path: Path) -> None:
    diff(DEFAULTS_EXAMPLE, FJORDBAKKE, tmp_path / "redline.docx")
    xml = document_xml(tmp_path / "redline.docx")
    marks = re.findall(r'<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"', xml)
    assert {kind for kind, *_ in marks} == {"ins", "del"}
    assert {author for _, _, author, _ in marks} == {"policygen"}
    assert {date for *_, date in marks} == {"2026-12-01T00:00:00Z"}  # the new policy's date, not the clock
    ids = [int(mark_id) for _, mark_id, _, _ in marks]
    assert len(ids) == len(set(ids))
    assert "<w:delText" in xml


def test_a_changed_clause_is_changed_word_by_word(tmp_path: Path) -> None:
    diff(DEFAULTS_EXAMPLE, FJORDBAKKE, tmp_path / "redline.docx")
    xml = document_xml(tmp_path / "redline.docx")
    paragraph = next(p for p in re.findall(r"<w:p>.*?</w:p>", xml) if "Politikken gælder for alle medarbejdere" in p)
    assert '<w:delText xml:space="preserve">Søndervang</w:delText>' in paragraph
    assert '<w:t xml:space="preserve">Fjordbakke</w:t>' in paragraph
    # unchanged words stay plain, before and after the name
    assert '<w:t xml:space="preserve">Politikken gælder for alle medarbejdere på </w:t>' in paragraph
    assert '<w:t xml:space="preserve"> Skole, også ledelsen, vikarer og studerende i praktik.' in paragraph


def test_a_clause_that_goes_is_deleted_whole(changed_copy: Path, tmp_path: Path) -> None:
    diff(DEFAULTS_EXAMPLE, changed_copy, tmp_path / "redline.docx")
    xml = document_xml(tmp_path / "redline.docx")
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p [^>]*>.*?</w:p>", xml)
    heading = next(p for p in paragraphs if "Billeder af elever</w:delText>" in p)
    assert "<w:t>" not in heading and "<w:t " not in heading  # nothing of it is kept
    assert re.search(r"<w:rPr><w:del [^>]*/></w:rPr></w:pPr>", heading)  # the paragraph mark goes too


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path) -> None:
    diff(DEFAULTS_EXAMPLE, FJORDBAKKE, tmp_path / "a.docx")
    diff(DEFAULTS_EXAMPLE, FJORDBAKKE, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


# ---- the summary ------------------------------------------------------------------------


def test_the_summary_names_each_clause_and_the_choice_behind_it(
    run: Callable[..., object], changed_copy: Path, tmp_path: Path
) -> None:
    result = run("diff", DEFAULTS_EXAMPLE, changed_copy, "-o", tmp_path / "redline.docx", "--lang", "en")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert "  choices.scope: all-staff -> teachers\n" in out
    assert "  choices.photos.enabled: true -> false\n" in out
    assert "  choices.photos.publish: platform-only -> (does not apply)\n" in out
    assert "Clauses removed (4):\n" in out
    assert "  - 4.3 Billeder af elever (confidentiality.photos) <- choices.photos.enabled\n" in out
    assert (
        "  - 7.1 Hvem der skriver på skolens kanaler (official-accounts.who-posts)"
        " <- choices.official_accounts.enabled\n"
    ) in out
    assert "Clauses added (0):\n  (none)\n" in out
    assert "  ~ 1.2 Hvem politikken gælder for (purpose.scope) <- choices.scope\n" in out
    assert (
        "  ~ 2.6 Svarfrist og arbejdstid (communication.availability)"
        " <- choices.availability.response_time, choices.availability.no_answer_outside_hours\n"
    ) in out
    assert "  ~ 3.2 Nuværende elever (friendships.current-pupils) <- choices.friendships.current_pupils\n" in out
    assert "  ~ 7.1 Fremgangsmåde (harassment.steps) <- choices.scope\n" in out  # numbered as in the new policy
    assert "Changed outside the clauses" not in out
    assert out.endswith(f"Wrote {tmp_path / 'redline.docx'}\n")


def test_the_summary_between_two_schools(run: Callable[..., object]) -> None:
    result = run("diff", DEFAULTS_EXAMPLE, FJORDBAKKE, "--lang", "en")
    out = result.stdout  # type: ignore[attr-defined]
    assert "  ~ 1.4 Forholdet til andre regler (purpose.rules) <- choices.earlier_rules.exists, " in out
    assert "  ~ 9.2 Vedtagelse og revision (closing.adoption) <- policy.adopted, " in out
    outside = "Changed outside the clauses (cover, header, footer):\n  school.logo\n  policy.status\n  policy.version\n"
    assert outside in out
    assert "Wrote" not in out  # no -o, no file


def test_a_build_record_is_rebuilt_and_compared(tmp_path: Path, run: Callable[..., object]) -> None:
    built = build(DEFAULTS_EXAMPLE, tmp_path, ("docx",))
    assert built.record is not None
    same = run("diff", built.record, DEFAULTS_EXAMPLE, "--lang", "en")
    assert same.stdout.endswith("No differences: the two policies have the same text.\n")  # type: ignore[attr-defined]
    record = json.loads(built.record.read_text(encoding="utf-8"))
    record["library"]["sha256"] = "0" * 64
    older = tmp_path / "last-year.record.json"
    older.write_text(json.dumps(record), encoding="utf-8")
    result = run("diff", older, DEFAULTS_EXAMPLE, "--lang", "en")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert (
        f"Note: {older}: built with library social-media 2.0.0 (sha256 000000000000), rebuilt with the current"
        " library 2.0.0 (sha256 "
    ) in result.stdout  # type: ignore[attr-defined]


def test_a_broken_record_is_an_error(tmp_path: Path, run: Callable[..., object]) -> None:
    broken = tmp_path / "x.record.json"
    broken.write_text("{}", encoding="utf-8")
    result = run("diff", broken, DEFAULTS_EXAMPLE, "--lang", "en")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        f"Error: {broken}: not a build record (it needs `library.id` and `options`)\n"
    )
    danish = run("diff", broken, DEFAULTS_EXAMPLE)  # the new version is Danish, and so is the message
    assert danish.stderr == (  # type: ignore[attr-defined]
        f"Fejl: {broken}: ikke en fil med byggeoplysninger (den skal have `library.id` og `options`)\n"
    )


def test_the_html_summary_shows_each_change_word_by_word(
    run: Callable[..., object], changed_copy: Path, tmp_path: Path
) -> None:
    result = run("diff", DEFAULTS_EXAMPLE, changed_copy, "-f", "html", "-o", tmp_path / "changes.html", "--lang", "en")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    html = (tmp_path / "changes.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="da-DK">')
    assert '<section class="clause" id="confidentiality.photos"><h3>4.3 Billeder af elever</h3>' in html
    assert "Skyldes: Regler om billeder, video og lyd af elever?" in html
    assert "<td><del>all-staff</del></td><td><ins>teachers</ins></td>" in html
    assert "Politikken gælder for <del>alle medarbejdere</del><ins>lærerne</ins> på Søndervang Skole" in html


# ---- word-level differences ----------------------------------------------------------------


def test_words_keep_numbers_and_addresses_whole() -> None:
    expected = ["Se", " ", "4.2", " ", "og", " ", "ak@skole.dk", ",", " ", "tak", "."]
    assert words("Se 4.2 og ak@skole.dk, tak.") == expected
    assert "".join(words("  a  b\n")) == "  a  b\n"


def test_a_rewritten_phrase_is_one_change_not_a_patchwork() -> None:
    old = words("Medarbejdere må gerne være venner med elever")
    new = words("Medarbejdere skal ikke være venner med elever")
    ops = opcodes(old, new)
    assert [tag for tag, *_ in ops] == ["equal", "replace", "equal"]
    assert ["".join(new[j1:j2]) for tag, _, _, j1, j2 in ops if tag == "replace"] == ["skal ikke"]


def test_a_record_built_with_an_overlay_is_rebuilt_with_it(tmp_path: Path, run: Callable[..., object]) -> None:
    folder = tmp_path / "kreds" / "clauses"
    folder.mkdir(parents=True)
    (folder / "hotline.yaml").write_text(
        "id: kreds.hotline\nsection: harassment\norder: 99\ntitle: {da: Telefon, en: Telephone}\nstatus: local\n"
        "source: {ref: kolding, passage: {da: Anbefalinger, en: Recommendations}}\n"
        "text: {da: Ring til kredsen., en: Call the branch.}\n"
        "commentary: {da: Kredsens egen., en: The branch's own.}\n",
        encoding="utf-8",
    )
    school = tmp_path / "school.yaml"
    school.write_text(facts_yaml("clauses: kreds\nschool:\n  name: Engskolen\n"), encoding="utf-8")
    built = build(school, tmp_path / "out", ("docx",))
    assert built.record is not None
    same = run("diff", built.record, school, "--lang", "en")
    assert same.stdout.endswith(  # type: ignore[attr-defined]
        "No differences: the two policies have the same text.\n"
    )
    plain_school = tmp_path / "plain.yaml"
    plain_school.write_text(facts_yaml("school:\n  name: Engskolen\n"), encoding="utf-8")
    without = run("diff", built.record, plain_school, "--lang", "en")
    assert "  - 8.4 Telefon (kreds.hotline) <- library\n" in without.stdout  # type: ignore[attr-defined]


def test_the_summary_speaks_the_new_version_s_language(
    run: Callable[..., object], changed_copy: Path, tmp_path: Path
) -> None:
    result = run("diff", DEFAULTS_EXAMPLE, changed_copy, "-o", tmp_path / "redline.docx")
    out = result.stdout  # type: ignore[attr-defined]
    assert out.startswith(f"Ændringer: {DEFAULTS_EXAMPLE} -> {changed_copy}\n\nValg, der er forskellige (")
    assert "\nUdgåede bestemmelser (4):\n" in out
    assert "\nNye bestemmelser (0):\n  (ingen)\n" in out
    assert out.endswith(f"Skrev {tmp_path / 'redline.docx'}\n")


# ---- what a word carries besides its text: link targets (issue 15, kind 5) -----------------------

MARKDOWN = "markdown-simple_tables-multiline_tables-grid_tables"  # pipe tables: no widths to differ by


def markdown(path: Path, track: str | None = None) -> str:
    """The document as pandoc's Markdown, links with their targets (`[text](mailto:...)`, `(#heading)`).

    Empty list items and headings are left out: pandoc 2.17 keeps a list item or heading whose
    paragraph it should drop (all runs and the paragraph mark inserted, under reject) as an empty
    one, as it keeps such table rows (`plain`); an empty one holds no text and no link. Numbered items
    are compared by their text and order, not by pandoc's number: an empty item it kept (and that we
    drop) has already counted in the numbers after it."""
    command = ["pandoc", str(path), "-t", MARKDOWN, "--wrap=none", "--columns=100000"]
    if track:
        command.append(f"--track-changes={track}")
    text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    text = re.sub(r"\]\(media/[^)]*\)", "](media)", text)  # the picture's file name inside the package
    text = "\n".join(line for line in text.splitlines() if not re.fullmatch(r"\s*(-|\d+\.|#+|(\|\s*)+)\s*", line))
    text = re.sub(r"^(\s*)\d+\.(\s+)", r"\1#.\2", text, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", text)


def assert_redline_reads_back(old: Path, new: Path, tmp_path: Path) -> None:
    """Accept all gives exactly the new policy and reject all exactly the old, links included."""
    redline = tmp_path / "redline.docx"
    diff(old, new, redline)
    sides = (("old", old), ("new", new))
    built = {name: build(source, tmp_path / name, ("docx",)).outputs[0] for name, source in sides}
    assert markdown(redline, "accept") == markdown(built["new"])
    assert markdown(redline, "reject") == markdown(built["old"])


@needs_pandoc
@pytest.mark.parametrize(
    ("old", "new"), list(itertools.permutations([example.name for example in EXAMPLES], 2))
)
def test_every_example_pair_reads_back_with_its_links(old: str, new: str, tmp_path: Path) -> None:
    assert_redline_reads_back(ROOT / "examples" / old, ROOT / "examples" / new, tmp_path)


@needs_pandoc
def test_a_changed_email_address_is_a_change_of_its_link(tmp_path: Path) -> None:
    """Two files differing only in the union's e-mail: the old address stays in its old mailto: link."""
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    text = (
        "school:\n  name: Engskolen\ncontacts:\n  union:\n    name: Kolding Lærerkreds\n    email: {}\n"
        "choices:\n  platform: Aula\n  incident_system: SafetyNet\n"
    )
    old.write_text(text.format("kreds@example.dk"), encoding="utf-8")
    new.write_text(text.format("formand@example.dk"), encoding="utf-8")
    assert_redline_reads_back(old, new, tmp_path)
    rejected, accepted = (markdown(tmp_path / "redline.docx", track) for track in ("reject", "accept"))
    assert "<kreds@example.dk>" in rejected and "formand@example.dk" not in rejected  # pandoc: an autolink
    assert "<formand@example.dk>" in accepted and "kreds@example.dk" not in accepted


@needs_pandoc
def test_a_link_whose_words_stay_but_whose_address_changes_is_a_change(tmp_path: Path) -> None:
    """An overlay's link with the same text and another address: marked as a change, and each side
    of it keeps its own address."""
    text = (
        "id: kreds.links\nsection: {section}\norder: 99\ntitle: {{da: Materialer, en: Materials}}\nstatus: local\n"
        "source: {{ref: practice, passage: {{da: Praksis, en: Practice}}}}\n"
        "text: {{da: 'Læs [retningslinjerne]({address}) før mødet.', en: 'Read them.'}}\n"
        "commentary: {{da: Kredsens., en: The branch's.}}\n"
    )
    sides = []
    for name, address in (("old", "https://www.kolding.dk/materialer/2024.pdf"),
                          ("new", "https://www.kolding.dk/materialer/2025.pdf")):
        folder = tmp_path / name / "kreds"
        (folder / "clauses").mkdir(parents=True)
        (folder / "overlay.yaml").write_text(
            "sections:\n  - {id: kreds, part: body, title: {da: Kredsen, en: The branch}}\n", encoding="utf-8"
        )
        (folder / "clauses" / "links.yaml").write_text(text.format(section="kreds", address=address), encoding="utf-8")
        school = tmp_path / name / "skole.yaml"
        school.write_text(facts_yaml("clauses: kreds\nschool:\n  name: Engskolen\n"), encoding="utf-8")
        sides.append(school)
    assert_redline_reads_back(*sides, tmp_path)
    xml = document_xml(tmp_path / "redline.docx")
    paragraph = next(p for p in re.findall(r"<w:p>.*?</w:p>", xml) if "retningslinjerne" in p)
    assert "<w:del " in paragraph and "<w:ins " in paragraph  # the change is marked, not only summarised
    assert "(https://www.kolding.dk/materialer/2024.pdf)" in markdown(tmp_path / "redline.docx", "reject")


@pytest.mark.parametrize(
    ("name", "flags", "expected"),
    [
        ("redline.pdf", (), "cannot write the redline as a .pdf file; name it .docx (tracked changes for Word) "
                            "or .html (the summary page)"),
        ("redline", (), "cannot write the redline as a file without a suffix; name it .docx (tracked changes for "
                        "Word) or .html (the summary page)"),
        ("changes.docx", ("-f", "html"), "-f html writes a .html file, not .docx"),
        ("changes.html", ("-f", "docx"), "-f docx writes a .docx file, not .html"),
    ],
)
def test_diff_refuses_a_file_name_it_cannot_write(
    name: str, flags: tuple[str, ...], expected: str, run: Callable[..., object], tmp_path: Path
) -> None:
    target = tmp_path / name
    result = run("diff", DEFAULTS_EXAMPLE, FJORDBAKKE, "-o", target, *flags, "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {target}: {expected}\n")  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_diff_reads_the_suffix_in_any_case(run: Callable[..., object], tmp_path: Path) -> None:
    result = run("diff", DEFAULTS_EXAMPLE, FJORDBAKKE, "-o", tmp_path / "Redline.DOCX")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert zipfile.is_zipfile(tmp_path / "Redline.DOCX")
    result = run("diff", DEFAULTS_EXAMPLE, FJORDBAKKE, "-o", tmp_path / "summary.HTM")
    assert (tmp_path / "summary.HTM").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_clause_whose_cross_reference_moved_names_the_numbering_as_its_cause(tmp_path: Path) -> None:
    """Leaving a section out renumbers the ones after it, and with them every `afsnit 8.1` that cites
    them: such a clause changed because of the numbering, not because of its own text."""
    data = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    data["choices"]["official_accounts"] = {"enabled": False}
    without = tmp_path / "uden-konti.yaml"
    without.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    redline = diff(DEFAULTS_EXAMPLE, without)
    changed = {change.clause_id: change.causes for change in redline.of_kind("changed")}
    assert changed["harassment.filmed"] == ("numbering",)  # "afsnit 8.1" became "afsnit 7.1"
    assert all(causes for causes in changed.values())

"""The commands a new user runs first: init, options, validate, build, --version."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from generator import __version__
from generator.pipeline import default_library
from tests.conftest import DEFAULTS_EXAMPLE
from tests.helpers import facts_yaml


def test_version(run: Callable[..., object]) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"policygen, version {__version__}\n"


def test_init_writes_every_option_with_recommendations(run: Callable[..., object], tmp_path: Path) -> None:
    path = tmp_path / "skole.yaml"
    result = run("init", path)
    assert result.exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert f"policygen build {path}" in text
    data = yaml.safe_load(text)
    library = default_library()
    assert data["choices"]["friendships"]["current_pupils"] == "not-allowed"
    for key, option in library.options.items():
        leaf = key.rsplit(".", 1)[1]
        assert f"{leaf}:" in text, key
        assert option.label["da"] in text, key
        if option.recommended is not None and value_at(data, key) is not None:  # not commented out
            assert value_at(data, key) == option.recommended, key
    # the facts about the school are asked, never preset; the draft is dated the day it is written
    assert data["choices"]["platform"] == "" and data["choices"]["incident_system"] == ""
    assert data["contacts"]["union"]["name"] == ""
    assert data["policy"]["date"] == dt.date.today()
    assert "(anbefalet)" in text


def value_at(data: dict[str, Any], key: str) -> Any:
    """The value at a dotted key, None where the file has none (a question that does not apply to
    the suggested answers is written commented out)."""
    for part in key.split("."):
        if part not in data:
            return None
        data = data[part]
    return data


def test_init_file_builds_once_the_name_is_filled_in(run: Callable[..., object], tmp_path: Path) -> None:
    """... and the facts the library asks for: the platform, the incident system and the union."""
    path = tmp_path / "skole.yaml"
    run("init", path)
    result = run("validate", path)  # the file init wrote is Danish (`language: da`): so are the messages
    assert result.exit_code == 2
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    name, union, platform, system = (
        lines.index(line) + 1 for line in ('  name: ""', "  union:", '  platform: ""', '  incident_system: ""')
    )
    assert result.stderr == (
        f"Fejl: {path}:{name}: school.name: skal udfyldes: Skolens navn\n"
        f"Fejl: {path}:{union}: contacts.union: skal udfyldes: Lærernes fagforening\n"
        f"Fejl: {path}:{platform}: choices.platform: skal udfyldes: Skolens kommunikationsplatform\n"
        f"Fejl: {path}:{system}: choices.incident_system: skal udfyldes: System til registrering af hændelser\n"
    )
    english = run("validate", path, "--lang", "en")
    assert english.exit_code == 2
    assert english.stderr.startswith(f"Error: {path}:{name}: school.name: is required: Name of the school\n")
    for empty, filled in [
        ('  name: ""', "  name: Engskolen"),
        ('  union:\n    name: ""', "  union:\n    name: Kolding Lærerkreds"),
        ('  platform: ""', "  platform: Aula"),
        ('  incident_system: ""', "  incident_system: SafetyNet"),
    ]:
        text = text.replace(empty, filled, 1)
    path.write_text(text, encoding="utf-8")
    result = run("validate", path)
    assert (result.exit_code, result.stderr) == (0, "")
    result = run("build", path, "-o", tmp_path / "out", "-f", "docx")
    assert result.exit_code == 0, result.stderr
    assert docx.Document(str(tmp_path / "out" / "engskolen.docx")).core_properties.author == "Engskolen"


def test_init_refuses_to_overwrite(run: Callable[..., object], tmp_path: Path) -> None:
    path = tmp_path / "skole.yaml"
    path.write_text("keep", encoding="utf-8")
    result = run("init", path, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: exists; use --force to overwrite it\n"
    danish = run("init", path)  # the file it would write is Danish, and so is what it says
    assert danish.exit_code == 2
    assert danish.stderr == f"Fejl: {path}: findes allerede; brug --force for at overskrive den\n"
    assert path.read_text(encoding="utf-8") == "keep"


def test_init_in_english(run: Callable[..., object]) -> None:
    result = run("init", "--lang", "en")
    assert result.exit_code == 0
    assert "language: en" in result.stdout
    assert "(recommended)" in result.stdout


def test_options_lists_every_decision_and_the_recommendation(run: Callable[..., object]) -> None:
    result = run("options", "--lang", "da")
    assert result.exit_code == 0
    for key in default_library().options:
        assert key in result.stdout
    block = result.stdout.split("choices.friendships.current_pupils", 1)[1].split("\n\n", 1)[0]
    assert "- not-allowed: Ikke tilladt [anbefalet, standard]" in block
    assert "- advised-against: Frarådes\n" in block


def test_missing_glyph_stops_the_pdf_alone(
    options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    path = options_file(facts_yaml('school:\n  name: "Søndervang Skole 学"\n'))
    message = (
        f"Error: {path}:2: school.name: no font of the PDF can draw the character '学' "
        "(U+5B66 CJK UNIFIED IDEOGRAPH-5B66) (in the school name), so the PDF cannot be made "
        "(the DOCX, HTML and Markdown can); replace or remove it\n"
    )
    checked = run("validate", path)
    assert (checked.exit_code, checked.stderr) == (2, message)  # validate says what build will
    result = run("build", path, "-o", tmp_path / "out", "-f", "docx", "-f", "pdf")
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout.startswith(f"Wrote {tmp_path / 'out' / 'soendervang-skole.docx'}\n")
    assert ".pdf" not in result.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "soendervang-skole.docx", "soendervang-skole.record.json"
    ]


def test_cli_offers_the_pdf_writers_variants() -> None:
    from generator.frontends.cli import build
    from generator.writers.pdf.writer import _VARIANT_OPTIONS

    offered = next(param for param in build.params if param.name == "pdf_variant")
    assert tuple(offered.type.choices) == tuple(_VARIANT_OPTIONS)


def test_unknown_pdf_variant_is_refused(run: Callable[..., object], tmp_path: Path) -> None:
    from tests.conftest import DEFAULTS_EXAMPLE

    result = run("build", DEFAULTS_EXAMPLE, "-o", tmp_path, "--pdf-variant", "pdf/x-4")
    assert result.exit_code == 2
    assert "Invalid value for '--pdf-variant': 'pdf/x-4' is not one of 'pdf/ua-1', 'pdf/a-3b', 'pdf/a-2b', 'none'." \
        in result.stderr
    assert not any(tmp_path.iterdir())


def test_every_command_is_in_the_readme() -> None:
    from generator.frontends.cli import cli
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"policygen {name}" not in readme]
    assert missing == []


def test_missing_glyph_in_clause_text_names_the_key_that_holds_it(
    options_file: Callable[..., Path], run: Callable[..., object], tmp_path: Path
) -> None:
    path = options_file(
        'school:\n  name: Engskolen\nchoices:\n  platform: "Skole学Intra"\n  incident_system: SafetyNet\n'
        "contacts:\n  union:\n    name: Kolding Lærerkreds\n"
    )
    result = run("build", path, "-o", tmp_path / "out", "-f", "pdf")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path}:4: choices.platform: no font of the PDF can draw the character '学' "
        "(U+5B66 CJK UNIFIED IDEOGRAPH-5B66) (in clause 1.3), so the PDF cannot be made "
        "(the DOCX, HTML and Markdown can); replace or remove it\n"  # the first clause to name the platform
    )


def test_light_commands_load_no_writer_library() -> None:
    """--help, validate and options stay fast: python-docx, WeasyPrint and Flask are loaded
    only by the commands that write a document or serve the page (DESIGN.md, module boundaries)."""
    import subprocess
    import sys

    from tests.conftest import DEFAULTS_EXAMPLE

    code = (
        "import sys\n"
        "from generator.frontends.cli import cli\n"
        "for args in (['--help'], ['validate', sys.argv[1]], ['options'], ['build', '--help']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(name for name in ('docx', 'weasyprint', 'flask') if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(DEFAULTS_EXAMPLE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert ": i orden" in done.stdout  # validate ran (in the example's language)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    ("formats", "loaded"),
    [(("md",), []), (("html",), []), (("docx",), ["docx"]), (("pdf",), ["weasyprint"])],
)
def test_a_build_loads_only_its_writers_library(formats: tuple[str, ...], loaded: list[str], tmp_path: Path) -> None:
    """A library user pays only for the formats asked for: python-docx for DOCX, WeasyPrint for PDF."""
    import subprocess
    import sys

    from tests.conftest import DEFAULTS_EXAMPLE

    code = (
        "import sys\n"
        "from generator.pipeline import build\n"
        "build(sys.argv[1], sys.argv[2], sys.argv[3:])\n"
        "print(sorted(name for name in ('docx', 'weasyprint', 'flask', 'click') if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(DEFAULTS_EXAMPLE), str(tmp_path), *formats], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(loaded)
    assert sorted(path.suffix for path in tmp_path.iterdir()) == sorted([".json", *(f".{fmt}" for fmt in formats)])


def test_build_says_what_it_wrote_the_record_included(run: Callable[..., object], tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", DEFAULTS_EXAMPLE, "-o", out, "-f", "docx", "-f", "md")
    assert result.exit_code == 0, result.stderr
    record = out / "soendervang-skole.record.json"
    assert result.stdout == (  # the example is Danish, and so is what build says of it
        f"Skrev {out / 'soendervang-skole.docx'}\nSkrev {out / 'soendervang-skole.md'}\n"
        f"Skrev {record} (byggeoplysningerne: skabelon, bestemmelser og valg, til `policygen diff`)\n"
    )
    english = run("build", DEFAULTS_EXAMPLE, "-o", out, "-f", "md", "--lang", "en")
    assert english.stdout.endswith(  # type: ignore[attr-defined]
        " (the build record: library, clauses and choices, for `policygen diff`)\n"
    )
    assert json.loads(record.read_text(encoding="utf-8"))["outputs"][0]["file"] == "soendervang-skole.docx"

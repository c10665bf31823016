"""The one message catalogue (generator/messages/): every message in Danish and English, each
used, nothing shown to a user that does not come from it, and every command's help complete."""

from __future__ import annotations

import re
import string
from pathlib import Path

import click
import pytest

from generator.errors import Problem
from generator.frontends.cli import cli
from generator.messages import MESSAGES, WORDS, Said

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
SOURCE = "\n".join(path.read_text(encoding="utf-8") for path in GENERATOR.rglob("*.py")
                   if "messages" not in path.parts)
# ids made in the code from a prefix and a value (f"type_{option.type}", f"departs_{whose}", ...)
MADE = ("type_", "departs_", "fact_", "contact_", "web_", "redline_", "no_such_", "shown_", "kind_", "text_",
        "texts_", "os_", "yaml_", "field_", "save_as_", "batch_",
        "overlay_section_placed_", "part_")


def fields(template: str) -> set[str]:
    return {name.split("!")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_every_message_has_both_languages_and_formats(name: str) -> None:
    wordings = MESSAGES[name]
    assert set(wordings) == {"da", "en"}
    assert wordings["da"].strip() and wordings["en"].strip()
    values = {field: "x" for field in fields(wordings["en"]) | fields(wordings["da"])}
    for language in ("da", "en"):
        assert Said(name, **values).text(language)  # formats without error


def test_every_message_is_used() -> None:
    unused = [name for name in MESSAGES if f'"{name}"' not in SOURCE and f"'{name}'" not in SOURCE
              and not name.startswith(MADE)]
    assert unused == []


def test_danish_quotes_are_danish() -> None:
    for name, wordings in {**MESSAGES, **WORDS}.items():
        danish = wordings["da"]
        assert "“" not in danish and "‘" not in danish, name  # »…« in Danish
        assert "e.g." not in danish and "f.eks." not in danish, name  # "fx"


def test_a_problem_is_always_a_catalogue_message() -> None:
    with pytest.raises(TypeError):
        Problem("skole.yaml", 1, "school.name", "an English sentence")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        Said("no such message")


def test_the_command_line_prints_nothing_of_its_own() -> None:
    """Every line the CLI prints is worded by the catalogue (or is a document, or help)."""
    cli_source = (GENERATOR / "frontends" / "cli.py").read_text(encoding="utf-8")
    literal = re.findall(r'click\.echo\(\s*f?"[^"]+"', cli_source)
    assert literal == []
    for module in ("interview.py", "serve.py", "summary.py"):
        text = (GENERATOR / "frontends" / module).read_text(encoding="utf-8")
        assert not re.findall(r'(?:\bprint|\.say|\babort)\(\s*(?:\d+,\s*)?f?"[A-Za-z]', text), module


def _commands() -> list[click.Command]:
    return [cli, *cli.commands.values()]  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands(), ids=lambda command: command.name or "policygen")
def test_every_command_and_option_has_help(command: click.Command) -> None:
    assert command.help, command.name
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in ("help", "version"):
            assert param.help, f"{command.name} {param.opts}"


def test_validate_s_lang_is_not_about_building() -> None:
    lang = next(p for p in cli.commands["validate"].params if p.name == "lang")  # type: ignore[attr-defined]
    assert "Build" not in (lang.help or "")
    assert "messages" in (lang.help or "")


def test_a_template_past_its_bounds_is_said_in_either_language() -> None:
    from generator.library.sandbox import MAX_RANGE, TemplateLimitError
    from generator.library.templating import render

    with pytest.raises(TemplateLimitError) as caught:
        render("{% for n in range(50000) %}{% endfor %}", {})
    limit = f"{MAX_RANGE:,}"
    assert str(caught.value) == f"range() of 50,000 numbers (the limit is {limit})"
    assert caught.value.said.text("da") == f"range() med 50.000 tal (grænsen er {limit.replace(',', '.')})"

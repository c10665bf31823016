"""The JSON Schema of the options file (`policygen schema`, named by the file `init` writes) agrees
with `validate --strict`: on every example, and on broken files made from the library's own options.

The broken files are built from the option definitions (the first choice option, the first date
option, ...), not from their names, so they follow the library as it changes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from generator.errors import PolicyError
from generator.frontends.schema import SCHEMA_FILE, library_schema, options_schema
from generator.library.model import Library, OptionDef
from generator.pipeline import default_library, load_choices
from tests.conftest import DEFAULTS_EXAMPLE, EXAMPLES


def as_editors_see_it(value: Any) -> Any:
    """YAML data as JSON, as an editor's YAML support hands it to the schema: dates are text."""
    if isinstance(value, dict):
        return {str(key): as_editors_see_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editors_see_it(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def schema_error_keys(schema: dict[str, Any], data: Any) -> set[str]:
    """The dotted keys the schema finds wrong: a missing key or an unknown one is named itself."""
    keys: set[str] = set()
    for error in Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(data):
        path = [str(part) for part in error.absolute_path]
        if error.validator == "required":
            names = [name for name in error.validator_value if name not in error.instance]
        elif error.validator == "additionalProperties":
            names = [name for name in error.instance if name not in error.schema.get("properties", {})]
        else:
            names = [""]
        keys |= {".".join(filter(None, [*path, name])) for name in names}
    # validate names a required contact left without a name at the contact (contacts.union), not its field
    return {key.removesuffix(".name") if key.startswith("contacts.") else key for key in keys}


def validate_error_keys(path: Path) -> set[str]:
    """The keys `validate --strict` names (empty when the file passes)."""
    try:
        load_choices(path, strict=True)
    except PolicyError as exc:
        return {str(problem.key) for problem in exc.problems}
    return set()


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


@pytest.fixture(scope="module")
def schema(library: Library) -> dict[str, Any]:
    return options_schema(library)


def test_the_schema_is_a_valid_draft_7_schema(schema: dict[str, Any]) -> None:
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_every_example_is_valid_against_the_schema_as_it_is_for_validate(
    example: Path, schema: dict[str, Any]
) -> None:
    data = as_editors_see_it(yaml.safe_load(example.read_text(encoding="utf-8")))
    assert schema_error_keys(schema, data) == set()
    assert validate_error_keys(example) == set()


def test_values_left_empty_pass_both(library: Library, schema: dict[str, Any], tmp_path: Path) -> None:
    data = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    for option in library.options.values():
        if not option.required and option.when is None:
            _set(data, option.key, None)
    _set(data, "theme", None)
    tops = {key.split(".")[0] for key in library.options if "." in key}
    needed = {key.split(".")[0] for key, option in library.options.items() if option.required and not option.when}
    for group in sorted(tops - needed):
        data[group] = None  # a group left empty: every default
    path = tmp_path / "skole.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert validate_error_keys(path) == set()
    assert schema_error_keys(schema, as_editors_see_it(data)) == set()


def _first(library: Library, test: Callable[[OptionDef], bool]) -> OptionDef:
    return next(option for option in library.options.values() if test(option))


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    *groups, leaf = key.split(".")
    for name in groups:
        data = data.setdefault(name, {})
    data[leaf] = value


def _delete(data: dict[str, Any], key: str) -> None:
    *groups, leaf = key.split(".")
    for name in groups:
        data = data.get(name, {})
    data.pop(leaf, None)


def _broken_files(library: Library) -> dict[str, Callable[[dict[str, Any]], None]]:
    """Ways to break a valid options file, each made from an option of the library's kind."""
    plain = [option for option in library.options.values() if option.when is None]
    choice = _first(library, lambda o: o in plain and o.type == "choice")
    text = _first(library, lambda o: o in plain and o.type == "text" and not o.required)
    date = _first(library, lambda o: o in plain and o.type == "date")
    flag = _first(library, lambda o: o in plain and o.type == "bool")
    contact = _first(library, lambda o: o in plain and o.type == "contact")
    required = _first(library, lambda o: o in plain and o.required)
    when_equals = _first(library, lambda o: o.required and "==" in (o.when or ""))
    when_flag = _first(library, lambda o: (o.when or "").strip() in library.options and o.type == "text")
    condition_key, _, condition_value = (when_equals.when or "").partition("==")
    return {
        "a choice not offered": lambda d: _set(d, choice.key, "not-one-of-them"),
        "a number for text": lambda d: _set(d, text.key, 7100),
        "text too long": lambda d: _set(d, text.key, "x" * (text.max_length + 1)),
        "a control character in text": lambda d: _set(d, text.key, "Skole\x07"),
        "a template in text": lambda d: _set(d, text.key, "{{ 7*7 }}"),
        "a date not in the calendar": lambda d: _set(d, date.key, "2026-02-30"),
        "a date written as 1/12/2026": lambda d: _set(d, date.key, "1/12/2026"),
        "yes/no as text": lambda d: _set(d, flag.key, "ja"),
        "a contact's unknown field": lambda d: _set(d, f"{contact.key}.mobile", "12 34 56 78"),
        "a contact as text": lambda d: _set(d, contact.key, "Mette"),
        "a required value left out": lambda d: _delete(d, required.key),
        "a required value left blank": lambda d: _set(d, required.key, "  "),
        "a value required by another answer, left out": lambda d: (
            _set(d, condition_key.strip(), condition_value.strip().strip("'")), _delete(d, when_equals.key)
        ),
        "an answer to a question that does not apply": lambda d: (
            _set(d, (when_flag.when or "").strip(), False), _set(d, when_flag.key, "Regler fra 2021")
        ),
        "a misspelt top-level key": lambda d: _set(d, "schol", {"name": "x"}),
        "a misspelt key in a group": lambda d: _set(d, f"{choice.key}x", "x"),
        "a group that is not a mapping": lambda d: _set(d, "choices", ["a", "b"]),
        "an unknown language": lambda d: _set(d, "language", "fr"),
        "an unknown library": lambda d: _set(d, "library", "sociale-medier"),
        "a theme colour by name": lambda d: _set(d, "theme", {"colour": "red"}),
        "a theme's unknown key": lambda d: _set(d, "theme", {"logo_size": 3}),
    }


BROKEN = list(_broken_files(default_library()))


@pytest.mark.parametrize("case", BROKEN)
def test_the_schema_and_validate_strict_name_the_same_keys_in_a_broken_file(
    case: str, library: Library, schema: dict[str, Any], tmp_path: Path
) -> None:
    data = yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8"))
    _broken_files(library)[case](data)
    path = tmp_path / "skole.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found_by_validate = validate_error_keys(path)
    assert found_by_validate, "validate --strict passed the broken file"
    assert schema_error_keys(schema, as_editors_see_it(data)) == found_by_validate


def test_init_names_the_schema_it_writes_beside_the_file(run: Callable[..., Any], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "skole.yaml", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Wrote {SCHEMA_FILE}: editors with YAML support (VS Code's YAML extension, JetBrains) check skole.yaml "
        "against it as you type\n"
        "Wrote skole.yaml: fill in the school's facts, then run `policygen build skole.yaml`\n"
    )
    first_line = (tmp_path / "skole.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    written = json.loads((tmp_path / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(options_schema(default_library(), "en")))
    data = yaml.safe_load((tmp_path / "skole.yaml").read_text(encoding="utf-8"))
    missing = schema_error_keys(written, as_editors_see_it(data))
    assert missing and missing == validate_error_keys(tmp_path / "skole.yaml")  # the school's facts to fill in
    (tmp_path / SCHEMA_FILE).write_text("{}", encoding="utf-8")  # one made with overlays, say: kept
    assert run("init", "other.yaml").stdout.startswith("Skrev other.yaml: ")  # Danish, as the file is
    assert (tmp_path / SCHEMA_FILE).read_text(encoding="utf-8") == "{}"


def test_schema_command_prints_or_writes_the_schema_with_an_overlays_options(
    run: Callable[..., Any], tmp_path: Path
) -> None:
    printed = run("schema")
    assert printed.exit_code == 0, printed.stderr
    assert json.loads(printed.stdout) == json.loads(library_schema())
    overlay = tmp_path / "kreds"
    overlay.mkdir()
    (overlay / "options.yaml").write_text(
        "choices.kreds.newsletter:\n  type: bool\n  section: purpose\n  default: false\n"
        "  label: {da: Nyhedsbrev, en: Newsletter}\n  help: {da: Om kredsens nyhedsbrev., en: On the newsletter.}\n"
        "  choices:\n    true: {label: {da: Ja, en: 'Yes'}, consequence: {da: Med., en: In.}}\n"
        "    false: {label: {da: Nej, en: 'No'}, consequence: {da: Uden., en: Out.}}\n",
        encoding="utf-8",
    )
    target = tmp_path / "kreds.schema.json"
    written = run("schema", "--clauses", overlay, "-o", target, "--lang", "en")
    assert written.exit_code == 0, written.stderr
    assert written.stdout == f"Wrote {target}\n"
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert schema["properties"]["choices"]["properties"]["kreds"]["properties"]["newsletter"]["title"] == "Newsletter"
    data = as_editors_see_it(yaml.safe_load(DEFAULTS_EXAMPLE.read_text(encoding="utf-8")))
    data.setdefault("choices", {})["kreds"] = {"newsletter": "ja"}
    assert schema_error_keys(schema, data) == {"choices.kreds.newsletter"}

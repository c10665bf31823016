"""A JSON Schema of the options file, generated from the clause library's options (and its overlays').

Editors that read JSON Schema (VS Code with Red Hat's YAML extension, JetBrains IDEs, any
editor using yaml-language-server) complete keys and choices, show each option's question
and help, and underline mistakes as the user types. `policygen init` writes the schema as
`policygen.schema.json` beside the options file and names it in the file's first line, a
path relative to the file (so the folder can be moved or shared):

    # yaml-language-server: $schema=policygen.schema.json

The schema is as strict as `policygen validate --strict`: an unknown key, a value of the
wrong kind, a choice that is not offered, a missing required value, an answer to a question
that does not apply are all errors. What it cannot see, `validate` still checks: whether a
logo file exists and is an image, and conditions other than `KEY` (a yes/no option) and
`KEY == 'value'`. Departures from a recommendation are never errors, in either.

JSON Schema draft 7 (https://json-schema.org/specification-links#draft-7), which yaml-language-server
and the JSON support of VS Code and JetBrains IDEs read in full.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.document import FONTS
from generator.library.model import Library, OptionDef
from generator.options.check_values import CONTACT_FIELDS
from generator.options.theme import THEME_KEYS

DIALECT = "http://json-schema.org/draft-07/schema#"  # the draft editors' YAML support reads in full
SCHEMA_FILE = "policygen.schema.json"
MODELINE = "# yaml-language-server: $schema={}"

# Characters no document may carry (check_values.unprintable: C0 and C1 controls but tab and
# newline, private use, non-characters), as far as a JSON Schema pattern (ECMA 262) can name them.
_PRINTABLE = "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uE000-\\uF8FF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF]*$"
_TEMPLATE_LIKE = "\\{\\{|\\{%|\\{#"  # validate warns of these (an error under --strict)
_IMAGE = "\\.([Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg])\\s*$"  # logo.LOGO_SUFFIXES
_DATE = "^\\d{4}-\\d{2}-\\d{2}$"
_EMPTY: list[Any] = [None, "", {}]  # what validate counts as not given
_BARE_KEY = re.compile(r"\s*([a-z_][\w.]*)\s*")
_KEY_EQUALS = re.compile(r"\s*([a-z_][\w.]*)\s*==\s*'([^'\\]*)'\s*")
_WORDS = {
    "da": {"title": "Valg for skolens politik ({library})", "recommended": "anbefalet"},
    "en": {"title": "Choices for the school's policy ({library})", "recommended": "recommended"},
}


def options_schema(library: Library, language: str = "da") -> dict[str, Any]:
    """The JSON Schema (a dict, ready for `json.dumps`) of an options file for `library`.

    `language` ("da" or "en") is that of the titles and descriptions an editor shows.
    """
    words = _WORDS[language]
    root = {**_group(), "type": "object"}  # an empty file is an error
    root["properties"] = {
        "library": {"const": library.meta.id},
        "language": {"enum": list(library.meta.languages)},
        "clauses": {**_text(None, required=True), "type": ["string", "array", "null"],
                    "items": _text(None, required=True)},  # a folder, or a list of folders
        "theme": {**_text(None), **_theme(), "type": ["string", "object", "null"]},  # a theme file, or a theme
    }
    conditions: list[dict[str, Any]] = []
    for key, option in library.options.items():
        *groups, leaf = key.split(".")
        parent, required = root, option.required and option.when is None
        for name in groups:
            if required:
                _require(parent, name)
            parent = parent["properties"].setdefault(name, _group())
        if required:
            _require(parent, leaf)
        parent["properties"][leaf] = _option(option, language)
        if option.when is not None:
            condition = _condition(option, library)
            if condition is not None:
                conditions.append(condition)
    return {
        "$schema": DIALECT,
        "title": words["title"].format(library=f"{library.meta.id} {library.meta.version}"),
        **root,
        **({"allOf": conditions} if conditions else {}),
        "definitions": {"printable": {"pattern": _PRINTABLE, "not": {"type": "string", "pattern": _TEMPLATE_LIKE}}},
    }


def schema_text(library: Library, language: str = "da") -> str:
    """The schema as the JSON text `policygen schema` writes (UTF-8, indented, sorted as the options are)."""
    return json.dumps(options_schema(library, language), ensure_ascii=False, indent=2) + "\n"


def library_schema(overlays: Sequence[Path] = (), language: str = "da") -> str:
    """`schema_text` of the shipped library with `overlays` laid over it (PolicyError if one is broken)."""
    from generator.pipeline import default_library

    return schema_text(default_library(overlays), language)


def write_schema_beside(options_file: Path, library: Library, language: str = "da") -> Path | None:
    """Write `policygen.schema.json` beside `options_file` unless one is there (it may have been made
    with overlays: `policygen schema --clauses DIR`); return its path if it was written."""
    from generator.atomic import write_bytes_atomic

    target = options_file.parent / SCHEMA_FILE
    if target.exists():
        return None
    write_bytes_atomic(target, schema_text(library, language).encode("utf-8"))
    return target


# ---- pieces ---------------------------------------------------------------------------


def _group() -> dict[str, Any]:
    """A mapping of options (`school`, `choices.friendships`): left empty, it means every default."""
    return {"type": ["object", "null"], "properties": {}, "additionalProperties": False}


def _require(node: dict[str, Any], name: str) -> None:
    node["type"] = "object"  # a group holding a required option cannot be left empty
    if name not in node.setdefault("required", []):
        node["required"].append(name)


def _text(max_length: int | None, *, required: bool = False, nullable: bool = True) -> dict[str, Any]:
    """Text as validate takes it: a string (never a number), printable, no template marks;
    null (left empty) too unless `required` or not `nullable`."""
    schema: dict[str, Any] = {"type": ["string", "null"] if nullable and not required else "string"}
    if max_length is not None:
        schema["maxLength"] = max_length
    checks: list[dict[str, Any]] = [{"$ref": "#/definitions/printable"}]
    if required:
        checks.append({"pattern": "\\S"})
    return {**schema, "allOf": checks}


def _theme() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "name": _text(120, nullable=False),
        "logo": {"type": "string", "pattern": _IMAGE},
        "colour": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
        "font": {"enum": list(FONTS)},
    }
    assert tuple(properties) == THEME_KEYS
    return {"type": "object", "properties": properties, "additionalProperties": False}


def _option(option: OptionDef, language: str) -> dict[str, Any]:
    required = option.required and option.when is None
    if option.type == "text":
        schema = _text(option.max_length, required=required)
    elif option.type == "bool":
        schema = {"type": "boolean" if required else ["boolean", "null"]}
    elif option.type == "choice":
        names = list(option.choices or {})
        schema = {"enum": names if required else [*names, None]}
        schema["enumDescriptions"] = [_choice_line(option, name, language) for name in names]
    elif option.type == "date":
        schema = {"type": "string" if required else ["string", "null"], "format": "date", "pattern": _DATE}
    elif option.type == "contact":
        fields = {name: _text(200, required=required and name == "name") for name in CONTACT_FIELDS}
        schema = {"type": "object" if required else ["object", "null"], "properties": fields,
                  "additionalProperties": False}
        if required:
            schema["required"] = ["name"]  # a required contact is named (validate: a phone alone is not one)
    else:  # file: an image beside the options file; validate checks that it is one
        schema = {"type": "string" if required else ["string", "null"], "pattern": _IMAGE}
    suggested = option.recommended if option.recommended is not None else option.default
    if suggested is not None and suggested != {} and not (option.type == "date" and suggested == "today"):
        schema["default"] = suggested
    return {"title": option.label[language], "description": _description(option, language), **schema}


def _description(option: OptionDef, language: str) -> str:
    lines = [option.help[language]]
    lines += [f"- {_choice_line(option, name, language)}" for name in (option.choices or {})]
    return "\n".join(lines)


def _choice_line(option: OptionDef, name: Any, language: str) -> str:
    assert option.choices is not None
    choice = option.choices[name]
    mark = f" ({_WORDS[language]['recommended']})" if name == option.recommended else ""
    shown = str(name).lower() if isinstance(name, bool) else name
    return f"{shown}: {choice.label[language]}{mark}. {choice.consequence[language]}"


# ---- conditions (`when`) ----------------------------------------------------------------


def _condition(option: OptionDef, library: Library) -> dict[str, Any] | None:
    """`if` the condition holds `then` a required option must be given, `else` it must be left empty
    (validate: "is ignored: the question does not apply"); None for a condition of another form."""
    parsed = _parse_when(option.when or "", library)
    if parsed is None:
        return None
    key, value = parsed
    holds_by_default = library.options[key].default == value  # validate's value for a key not given
    test = {"enum": [value, None]} if holds_by_default else {"const": value}
    given: dict[str, Any] = {"not": {"enum": _EMPTY}, "pattern": "\\S"}
    return {
        "if": _at(key, test, required=not holds_by_default),
        "then": _at(option.key, given, required=True) if option.required else {},
        "else": _at(option.key, {"enum": _EMPTY}, required=False),
    }


def _parse_when(when: str, library: Library) -> tuple[str, Any] | None:
    if (match := _BARE_KEY.fullmatch(when)) and getattr(library.options.get(match[1]), "type", "") == "bool":
        return match[1], True
    if (match := _KEY_EQUALS.fullmatch(when)) and match[1] in library.options:
        return match[1], match[2]
    return None


def _at(key: str, leaf: dict[str, Any], *, required: bool) -> dict[str, Any]:
    """A schema that applies `leaf` to the value at the dotted `key` (which must be there if `required`)."""
    node = leaf
    for name in reversed(key.split(".")):
        node = {"properties": {name: node}, **({"required": [name]} if required else {})}
    return node

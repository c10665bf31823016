"""Write a school's options file: every option with its help as a comment, ready to edit.

`policygen init` writes it with the recommended choices; the interview writes
the same file with the answers filled in.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import yaml

from generator.frontends.schema import MODELINE, SCHEMA_FILE, write_schema_beside
from generator.library.model import Library, OptionDef
from generator.library.selection import nest
from generator.library.templating import evaluate
from generator.options.check_values import CONTACT_FIELDS, suggested_value

_HEADER = {
    "da": [
        "Valg for skolens politik om medarbejderes brug af sociale medier.",
        "Udfyld skolens oplysninger og kontakter, og ret valgene til. Byg derefter politikken med:",
        "    policygen build {file}",
        "Linjer, der begynder med #, er kommentarer. Anbefalingerne er sat som standard.",
    ],
    "en": [
        "Choices for the school's policy on staff use of social media.",
        "Fill in the school's facts and contacts and adjust the choices. Then build the policy with:",
        "    policygen build {file}",
        "Lines starting with # are comments. The recommended choices are preset.",
    ],
}
_WORDS = {
    "da": {"required": "skal udfyldes", "choices": "Valgmuligheder", "recommended": "anbefalet",
           "optional": "valgfri; fjern # for at bruge den", "default": "standard"},
    "en": {"required": "required", "choices": "Choices", "recommended": "recommended",
           "optional": "optional; remove the # to use it", "default": "default"},
}


def render_options_file(
    library: Library, language: str, values: dict[str, Any] | None = None, *, file_name: str = "skole.yaml",
    schema: str | None = None,
) -> str:
    """The commented options file; `values` (dotted keys) override the recommended defaults.

    With `schema` (a path or URL, relative to the file), the first line names the JSON Schema
    that editors check the file against (`schema.MODELINE`)."""
    values = values or {}
    answers = {key: values[key] if key in values else _suggested(option) for key, option in library.options.items()}
    context = nest(answers)
    inactive = {
        key for key, option in library.options.items() if option.when and not evaluate(option.when, context)
    }
    lines = [MODELINE.format(schema)] if schema else []
    lines += [f"# {line.format(file=file_name)}" for line in _HEADER[language]]
    lines += ["", f"library: {library.meta.id}", f"language: {language}"]
    tree = _tree(list(library.options))
    for top, subtree in tree.items():
        lines.append("")
        lines.append(f"{top}:")
        _emit(subtree, top, library, language, answers, inactive, lines, indent=1)
    return "\n".join(lines) + "\n"


def write_starting_file(path: Path, language: str) -> Path | None:
    """`policygen init`: the options file with the recommended choices, naming the JSON Schema
    beside it, which is written too unless one is there; returns the schema's path if written."""
    from generator.atomic import write_bytes_atomic
    from generator.pipeline import default_library

    library = default_library()
    text = render_options_file(library, language, file_name=str(path), schema=SCHEMA_FILE)
    schema = write_schema_beside(path, library, language)
    write_bytes_atomic(path, text.encode("utf-8"))
    return schema


def _tree(keys: list[str]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key in keys:
        node = tree
        for part in key.split("."):
            node = node.setdefault(part, {})
    return tree


def _emit(
    tree: dict[str, Any], prefix: str, library: Library, language: str, answers: dict[str, Any],
    inactive: set[str], lines: list[str], indent: int,
) -> None:
    pad = "  " * indent
    for name, subtree in tree.items():
        key = f"{prefix}.{name}"
        option = library.options.get(key)
        if option is None:
            lines.append(f"{pad}{name}:")
            _emit(subtree, key, library, language, answers, inactive, lines, indent + 1)
            continue
        lines += [f"{pad}# {line}" for line in _comment(option, language)]
        value = answers[key]
        if key in inactive:  # the question does not apply to the other answers: shown, commented out
            shown = _example(option) if value is None else _scalar(value)
            lines.append(f"{pad}# {name}: {shown}")
        elif option.type == "contact":
            lines.append(f"{pad}{name}:")
            contact = value or {}
            lines += [f"{pad}  {field}: {_scalar(contact.get(field, ''))}" for field in CONTACT_FIELDS]
        elif value is None and option.type == "text":
            lines.append(f'{pad}{name}: ""')
        elif value is None:
            lines.append(f"{pad}# {name}: {_example(option)}")
        else:
            lines.append(f"{pad}{name}: {_scalar(value)}")
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()


def _comment(option: OptionDef, language: str) -> list[str]:
    words = _WORDS[language]
    title = option.label[language]
    if option.required and option.when is None:
        title += f" ({words['required']})"
    elif option.default is None and option.type in ("date", "file"):
        title += f" ({words['optional']})"
    out = [title] + textwrap.wrap(option.help[language], 88)
    if option.choices:
        out.append(f"{words['choices']}:")
        for choice_name, choice in option.choices.items():
            mark = f" ({words['recommended']})" if choice_name == option.recommended else ""
            text = f"{_scalar(choice_name)}: {choice.label[language]}{mark}. {choice.consequence[language]}"
            wrapped = textwrap.wrap(text, 86)
            out += ["  " + wrapped[0]] + ["    " + rest for rest in wrapped[1:]]
    return out


def _suggested(option: OptionDef) -> Any:
    return suggested_value(option)


def _example(option: OptionDef) -> str:
    return {"file": "logo.png", "date": "2027-06-30"}.get(option.type, '""')


_NOT_IN_YAML = yaml.reader.Reader.NON_PRINTABLE


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if text and text.replace("-", "").replace("_", "").isalnum() and text.isascii() and not text[0].isdigit() \
            and text.lower() not in ("yes", "no", "on", "off", "true", "false", "null", "y", "n"):
        return text
    # A JSON string is a YAML double-quoted scalar; what a YAML file may not hold raw (DEL, C1
    # controls, surrogates, U+FFFE/U+FFFF) is written as an escape, so validate can name it.
    return _NOT_IN_YAML.sub(lambda match: f"\\u{ord(match[0]):04x}", json.dumps(text, ensure_ascii=False))

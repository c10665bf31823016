"""Check a school's options file against the library's option schema.

Every problem is collected before anything stops (mkdocs' `Config.validate`
habit), each naming file, line and key and saying what was expected and what
was given. Unknown keys are warnings with a "did you mean" (errors when strict).
This module walks the file and its keys; each value is checked in `check_values`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.document import Theme
from generator.errors import PolicyError, Problem, in_order
from generator.formats import LANGUAGES
from generator.library.model import Library, OptionDef, missing_translations
from generator.library.selection import condition_holds, nest
from generator.load import Loaded
from generator.messages import Said, each_language, quoted, words
from generator.options.check_values import (
    check_value,
    default_value,
    expected_one_of,
    kind_of,
    shown_words,
    unknown_key_message,
)

TOP_LEVEL = ("library", "language", "clauses", "theme", "school", "policy", "contacts", "choices")


@dataclass
class Choices:
    """A school's validated options: every applicable option with its value."""

    file: str
    base_dir: Path
    language: str
    library: str
    values: dict[str, Any]  # dotted option key -> value (defaults filled in)
    given: set[str] = field(default_factory=set)  # the keys the file set itself
    warnings: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # the options file's line of each key
    theme: Theme = field(default_factory=Theme)  # the letterhead (set by build.load_choices)

    def problem(self, key: str | None, message: Said) -> Problem:
        """A problem at `key` of the options file (at its nearest given parent's line)."""
        return Problem.of(self.file, self.line_of(key), key, message)

    def line_of(self, key: str | None) -> int | None:
        """The options file's line of `key`, or of its nearest given parent."""
        probe = key or ""
        while probe and probe not in self.lines:
            probe = probe.rpartition(".")[0]
        return self.lines.get(probe)


def read_header(loaded: Loaded) -> tuple[str, str]:
    """The library name and language a file asks for (checked loosely; validate checks again)."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    library = data.get("library", "social-media")
    language = data.get("language", "da")
    return (library if isinstance(library, str) else "social-media", language if language in LANGUAGES else "da")


def validate(
    loaded: Loaded,
    library: Library,
    *,
    base_dir: Path,
    language: str | None = None,
    strict: bool = False,
) -> Choices:
    """Return the school's choices, or raise PolicyError with every problem found."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    data = loaded.data
    if data is None:
        raise PolicyError(loaded.problem(None, Said("file_empty")))
    if not isinstance(data, dict):
        raise PolicyError(loaded.problem(None, Said("expected_mapping_of", shown=kind_of(data))))
    lang = language or data.get("language", "da")
    if lang not in LANGUAGES:
        errors.append(loaded.problem("language", expected_one_of(LANGUAGES, lang)))
        lang = "da"
    elif lang not in library.meta.languages:
        said = Said("no_texts_in_language", library=quoted(library.meta.id), language=words(f"texts_{lang}"))
        errors.append(loaded.problem("language", said))
    lib_name = data.get("library", library.meta.id)
    if not isinstance(lib_name, str):
        errors.append(loaded.problem("library", Said("expected_library_name", kind=kind_of(lib_name))))

    _check_unknown_keys(loaded, library, warnings)
    _check_containers(loaded, library, errors)
    values: dict[str, Any] = {}
    given: set[str] = set()
    for key, option in library.options.items():
        present, raw = _lookup(data, key)
        if present and raw is not None:
            given.add(key)
            value = check_value(loaded, option, raw, base_dir, errors, warnings)
        else:
            value = default_value(option)
        values[key] = value
    context = nest(values)
    for key, option in library.options.items():
        if not condition_holds(option.when, context, f"{library.root}/options.yaml", f"{option.key}.when"):
            values.pop(key)
            if key in given and not _is_empty(data_value(data, key)):
                warnings.append(loaded.problem(key, Said("ignored_answer")))
            continue
        if option.required and _is_empty(values[key], option.type) and not _has_error(errors, key, parents=True):
            label = {"da": option.label["da"], "en": option.label.get(lang) or option.label["da"]}
            errors.append(loaded.problem(key, Said("required", label=label)))
    errors += _empty_printed(loaded, library, values, lang, errors)
    warnings.extend(missing_translations(library, [lang]))
    warnings.extend(library.warnings)
    if strict:
        errors.extend(warnings)
        warnings = []
    wrong = {option_of(library, problem.key) for problem in errors}
    fine = {key: value for key, value in values.items() if key not in wrong}
    warnings += departures(loaded, library, fine)  # a board's deliberate choice: never an error, even strict
    if errors:
        raise PolicyError(in_order(errors), in_order(warnings))
    return Choices(loaded.file, base_dir, lang, library.meta.id, values, given, in_order(warnings), loaded.lines)


def option_of(library: Library, key: str | None) -> str | None:
    """The option a problem's key belongs to (`contacts.tr.email` -> `contacts.tr`), or None."""
    while key:
        if key in library.options:
            return key
        key = key.rpartition(".")[0]
    return None


def _empty_printed(
    loaded: Loaded, library: Library, values: dict[str, Any], language: str, errors: list[Problem]
) -> list[Problem]:
    """An error for each empty value a clause prints (`printed_values`), unless its key already has one."""
    from generator.library.printed_values import empty_printed

    return [
        loaded.problem(key, Said("printed_empty", title=each_language(clause.title)))
        for key, clause in empty_printed(library, values, language).items()
        if not _has_error(errors, key, parents=True)
    ]


# ---- departures from the recommendations ------------------------------------


def departures(loaded: Loaded, library: Library, values: dict[str, Any]) -> list[Problem]:
    """A warning for each answer that differs from the recommended alternative.

    Only options with alternatives (choice, bool) can depart: a platform's or a union
    branch's name is a fact about the school, not a weaker rule."""
    found: list[Problem] = []
    for key, value in values.items():
        said = departure(library.options[key], library, value)
        if said is not None:
            found.append(loaded.problem(key, said))
    return found


def departure(option: OptionDef, library: Library, value: Any) -> Said | None:
    """What is said of an answer that departs from the recommended alternative (None if it does not):
    whose recommendation it departs from, the guidance's or the library's, and what it was."""
    if not departs(option, value):
        return None
    label = option.choices[option.recommended].label if option.choices else {}
    return Said(
        f"departs_{recommended_by(option, library)}",
        recommended=_name(option.recommended), chosen=_name(value), recommended_label=each_language(label),
    )


def departs(option: OptionDef, value: Any) -> bool:
    """Whether `value` differs from the option's recommended alternative (options without
    alternatives never depart: a platform's name is a fact, not a weaker rule)."""
    return bool(option.choices) and option.recommended is not None and value != option.recommended


def recommended_by(option: OptionDef, library: Library) -> str:
    """`guidance` when a guidance's own words recommend the answer (`recommended_by` quotes them),
    else `library`: a recommendation is attributed to the guidance only where it says it."""
    quote = option.recommended_by
    source = library.meta.sources.get(quote.ref) if quote else None
    return "guidance" if source is not None and source.kind == "guidance" else "library"


def _name(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


# ---- keys -------------------------------------------------------------------


def _check_unknown_keys(loaded: Loaded, library: Library, warnings: list[Problem]) -> None:
    """Warn about keys the schema does not know, with a "did you mean"."""
    keys = set(library.options)
    prefixes = {key.rsplit(".", i)[0] for key in keys for i in range(key.count(".") + 1)}
    data = loaded.data

    def walk(node: Any, path: str) -> None:
        if not isinstance(node, dict):
            return
        for name, child in node.items():
            full = f"{path}.{name}" if path else str(name)
            if not path and name in ("clauses", "theme"):
                continue  # checked where they are used (build.overlays_named_in, theme)
            if not path and name in TOP_LEVEL:
                walk(child, full)
                continue
            if full in keys:
                continue
            if full in prefixes:
                walk(child, full)
                continue
            siblings = sorted({k[len(path) + 1 :].split(".")[0] for k in prefixes if k.startswith(path + ".")})
            candidates = siblings if path else list(TOP_LEVEL)
            warnings.append(loaded.problem(full, unknown_key_message(str(name), candidates)))

    walk(data, "")


def _check_containers(loaded: Loaded, library: Library, errors: list[Problem]) -> None:
    """A group of options (`school`, `choices.friendships`) given as something other than a mapping."""
    groups = sorted({key.rsplit(".", i)[0] for key in library.options for i in range(1, key.count(".") + 1)})
    for group in groups:
        present, raw = _lookup(loaded.data, group)
        if present and raw is not None and not isinstance(raw, dict):
            errors.append(loaded.problem(group, Said("expected_mapping_of", shown=shown_words(raw))))


def data_value(data: Any, key: str) -> Any:
    return _lookup(data, key)[1]


def _lookup(data: Any, key: str) -> tuple[bool, Any]:
    node = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _is_empty(value: Any, option_type: str | None = None) -> bool:
    """No value; for a contact, no name (a phone number alone does not say whom to call)."""
    if option_type == "contact":
        return not isinstance(value, dict) or not str(value.get("name") or "").strip()
    return value is None or value == "" or value == {}


def _has_error(errors: list[Problem], key: str, *, parents: bool = False) -> bool:
    """Whether `key`, one of its fields (`contacts.union.name`) or, with `parents`, a mapping it lies in
    already has an error: a value that is wrong is not also reported as missing."""
    keys = {key}
    field_prefix = key + "."
    while parents and "." in key:
        key = key.rpartition(".")[0]
        keys.add(key)
    return any(problem.key in keys or (problem.key or "").startswith(field_prefix) for problem in errors)




"""A web form's answers, checked and made into a preview: the part of `policygen serve` without Flask.

`Setup` is what the command line gave (the library, the starting answers from
SCHOOL.yaml or the suggestions, the page's token). Posted values become option
values (`form_values`), which are checked as the options file they stand for
(`render_options_file` through `check_values`), so an error beside a field is the
problem `policygen validate` prints, worded in the page's language. While answers
are wrong, each is replaced by its suggestion or a "[label]" placeholder so the
preview can still be resolved. Problems are sorted to the fields they belong to,
and each option is mapped to the clauses it can change.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.document import Document, block_text
from generator.errors import Problem
from generator.frontends.interview import Checked, as_date, check_values, starting_values, suggested
from generator.library.model import Library
from generator.messages import say, sentence
from generator.options.check_values import CONTACT_FIELDS
from generator.options.validate import Choices

_OPTION_REF = re.compile(r"\b((?:school|policy|contacts|choices)(?:\.[a-z_][a-z0-9_]*)+)")


@dataclass(frozen=True)
class Setup:
    """What the command line gave; nothing a client sends changes it."""

    library: Library
    language: str
    start: dict[str, Any]
    base_dir: Path
    source_name: str | None = None  # the SCHOOL.yaml's name, for the logo note
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


@dataclass
class Result:
    """A set of answers, checked, and the preview made from them."""

    values: dict[str, Any]
    checked: Checked
    document: Document | None = None
    placeholder: bool = False




def load_setup(school_file: Path | None, language: str | None) -> Setup:
    """The library and starting answers: SCHOOL.yaml's if given (PolicyError if it cannot be read), else the
    suggestions. The answers need not be valid: the page shows what is wrong beside each field."""
    from generator.load import load_yaml
    from generator.pipeline import default_library, library_for

    if school_file is None:
        library = default_library()
        return Setup(library, language or "da", starting_values(library), Path.cwd())
    loaded = load_yaml(school_file)
    library = library_for(loaded)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    file_language = data.get("language") if data.get("language") in ("da", "en") else None
    return Setup(library, language or file_language or "da", starting_values(library, loaded),
                 school_file.resolve().parent, school_file.name)


def form_values(setup: Setup, form: Any) -> dict[str, Any]:
    """The posted answers as option values; unknown fields are ignored, and the logo is never read."""
    values = dict(setup.start)
    for key, option in setup.library.options.items():
        if option.type == "file":
            continue
        if option.type == "contact":
            if not any(f"{key}.{name}" in form for name in CONTACT_FIELDS):
                continue
            contact = {name: str(form.get(f"{key}.{name}", "")).strip() for name in CONTACT_FIELDS}
            values[key] = {name: text for name, text in contact.items() if text}
            continue
        if key not in form:
            continue
        raw = str(form.get(key))
        if option.type == "bool":
            values[key] = {"true": True, "false": False}.get(raw, raw)
        elif option.type == "date":
            values[key] = as_date(raw)
        else:
            values[key] = raw
    return values


def answer(setup: Setup, language: str, values: dict[str, Any]) -> Result:
    """Validate the answers as the options file they make; resolve a preview, with placeholders if needed."""
    from generator.compose.resolve import resolve

    checked = check_answers(setup, language, values)
    result = Result(values, checked)
    usable = checked
    for _ in range(3):  # a placeholder can make another answer required (an adopted policy's date)
        if usable.choices is not None:
            break
        values = _with_placeholders(setup.library, language, values, usable.errors)
        usable = check_answers(setup, language, values)
        result.placeholder = True
    if usable.choices is not None:
        if usable is not checked:  # validate stopped at the errors: the warnings about the other answers
            wrong = {problem.key for problem in checked.errors}
            checked.warnings += [problem for problem in usable.warnings if problem.key not in wrong]
        result.document = resolve(setup.library, usable.choices)
        checked.warnings += _pdf_problems(result.document, setup, usable.choices)
    return result


def _pdf_problems(document: Document, setup: Setup, choices: Choices) -> list[Problem]:
    """What would stop the PDF (a character no font of it can draw), said beside the field before a download."""
    from generator.pipeline import pdf_problems

    return pdf_problems(document, setup.library, choices)


def check_answers(setup: Setup, language: str, values: dict[str, Any]) -> Checked:
    return check_values(setup.library, language, values, base_dir=setup.base_dir, file_name=download_name(values))


def _with_placeholders(
    library: Library, language: str, values: dict[str, Any], problems: list[Problem]
) -> dict[str, Any]:
    """The answers with each wrong one replaced: by the suggestion, or "[label]" for required text."""
    fixed = dict(values)
    for problem in problems:
        key = option_key(library, problem.key)
        if key is None:
            continue
        option = library.options[key]
        value = suggested(option)
        if option.type == "text" and not value:
            value = f"[{option.label[language]}]"
        fixed[key] = value
    return fixed


def option_key(library: Library, key: str | None) -> str | None:
    """The option a problem's key belongs to (`contacts.tr.email` -> `contacts.tr`)."""
    while key:
        if key in library.options:
            return key
        key = key.rpartition(".")[0]
    return None


def download_name(values: dict[str, Any], suffix: str = "yaml") -> str:
    from generator.slug import slugify

    return f"{slugify(str(values.get('school.name') or ''))}.{suffix}"


def fingerprints(document: Document | None) -> dict[str, str]:
    """A short hash of each clause's text, by its anchor in the HTML: what changed between two previews."""
    if document is None:
        return {}
    from generator.writers.html import clause_anchor

    return {
        clause_anchor(clause): hashlib.sha256(
            "\n".join([clause.title, *(block_text(block) for block in clause.blocks)]).encode()
        ).hexdigest()[:16]
        for clause in document.iter_clauses()
    }


def preview_html(document: Document | None) -> str:
    if document is None:
        return ""
    from generator.writers.html import render_html

    return render_html(document, for_print=False)


def field_problems(library: Library, problems: list[Problem], language: str) -> tuple[dict[str, str], list[str]]:
    """Each problem beside its field (a contact's own field where named), the rest for the page's head;
    worded in the page's `language`."""
    fields: dict[str, str] = {}
    general: list[str] = []
    for problem in problems:
        owner = option_key(library, problem.key)
        if owner is None or problem.key is None:
            general.append(problem.located(language))  # file:line first, as the CLI prints it
            continue
        part = problem.key[len(owner) + 1 :]
        key = problem.key if library.options[owner].type == "contact" and part in CONTACT_FIELDS else owner
        fields.setdefault(key, sentence(problem.in_language(language)))
    return fields, general


def refusals(library: Library, result: Result, language: str) -> dict[str, list[dict[str, str]]]:
    """What stops each download (`docx`, `pdf`, `yaml`): every error, and for the PDF a character its
    font lacks; each as `text` naming the field by its label, and `target`, the id of the field's note."""
    errors = [_refusal(library, problem, language) for problem in result.checked.errors]
    glyphs = [_refusal(library, problem, language) for problem in result.checked.warnings
              if problem.said.id == "missing_glyph"]
    return {"docx": errors, "yaml": errors, "pdf": errors + glyphs}


def _refusal(library: Library, problem: Problem, language: str) -> dict[str, str]:
    owner = option_key(library, problem.key)
    if owner is None or problem.key is None:
        return {"text": problem.located(language), "target": "general-errors"}
    option = library.options[owner]
    part = problem.key[len(owner) + 1 :]
    key = problem.key if option.type == "contact" and part in CONTACT_FIELDS else owner
    label = option.label[language] + (f" ({say(language, f'contact_{part}')})" if key != owner else "")
    if problem.said.id == "required":
        return {"text": say(language, "web_refused_required", label=label), "target": f"err-{key}"}
    message = sentence(problem.in_language(language))
    return {"text": say(language, "web_refused_field", label=label, message=message), "target": f"err-{key}"}


def clauses_by_option(library: Library) -> dict[str, list[str]]:
    """The clauses each option can change (its variants, conditions and texts), as HTML anchors."""
    found: dict[str, list[str]] = {key: [] for key in library.options}
    for clause in library.clauses:
        keys = [clause.variants.option] if clause.variants else []
        keys += _OPTION_REF.findall(clause.when or "")
        keys += [key for text in (clause.text or {}).values() for key in _OPTION_REF.findall(text)]
        for key in dict.fromkeys(keys):
            if key in found:
                found[key].append(f"cl-{clause.id}")
    return found

"""Load a clause library (library.yaml, options.yaml, clauses/**/*.yaml) into checked models.

The library is trusted data written by people: its mistakes are reported like a
school's, as `file:line: key: message`, all at once.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from generator.errors import Problem
from generator.load import Loaded, load_yaml
from generator.messages import Said, words

DEFAULT_LIBRARY = "social-media"

Text = dict[str, str]  # language -> text
OptionType = Literal["bool", "choice", "text", "date", "contact", "file"]
Status = Literal["statutory", "recommended", "optional", "local"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChoiceDef(_Model):
    label: Text
    consequence: Text


class SourceRef(_Model):
    """Where a clause comes from: a source id, the passage, and optionally the source's own words."""

    ref: str
    passage: Text
    quote: str | None = None


class Quote(_Model):
    """A source's own words, which prove what is attributed to it."""

    ref: str
    quote: str


class OptionDef(_Model):
    key: str
    type: OptionType
    section: str
    label: Text
    help: Text
    choices: dict[Any, ChoiceDef] | None = None
    default: Any = None
    recommended: Any = None
    required: bool = False
    when: str | None = None
    max_length: int = 300
    recommended_by: Quote | None = None  # the source's own words that recommend `recommended`


    @property
    def top(self) -> str:
        return self.key.split(".", 1)[0]


class LegalBasis(_Model):
    act: Text
    paragraph: str | Text = ""  # "§ 27", or per language; empty where only the act is cited
    checked_in: str
    when: str | None = None  # a condition over the options, as a clause's: cited only where it holds

    def paragraph_in(self, language: str) -> str:
        """The paragraph as cited in `language` ("§ 44, stk. 2" / "section 44(2)")."""
        if isinstance(self.paragraph, dict):
            return self.paragraph.get(language) or self.paragraph.get("da", "")
        return self.paragraph


class Variants(_Model):
    option: str
    cases: dict[Any, Text]


class ClauseDef(_Model):
    id: str
    section: str
    order: int = 0
    title: Text
    status: Status
    source: SourceRef
    legal_basis: list[LegalBasis] = []
    when: str | None = None
    text: Text | None = None
    variants: Variants | None = None
    table: Literal["contacts"] | None = None
    commentary: Text
    replaces: str | None = None  # in an overlay: the id of the library clause this one takes the place of
    file: str = ""
    origin: str = ""  # the library or overlay folder it came from


class SectionDef(_Model):
    id: str
    part: Literal["body", "closing"] = "body"
    title: Text


class SourceDef(_Model):
    title: Text
    publisher: str
    kind: Literal["guidance", "law", "authority", "practice"]
    date: Text | None = None
    address: str | None = None
    text: str | None = None  # a stored copy of the source's text (a file in the library): quotes are checked in it


class Term(_Model):
    """A word that depends on an option, e.g. the board's name by school type."""

    option: str
    cases: dict[Any, Text]


class LibraryMeta(_Model):
    id: str
    version: str
    title: Text
    languages: list[str]
    sources: dict[str, SourceDef]
    sections: list[SectionDef]
    terms: dict[str, Term] = {}

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - {"da", "en"})
        if unknown:
            raise ValueError(f"unknown languages {unknown}; policygen knows da and en")
        return value


class Library(_Model):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    meta: LibraryMeta
    options: dict[str, OptionDef]
    clauses: list[ClauseDef]
    root: str
    digest: str
    overlays: list[str] = []
    warnings: tuple[Problem, ...] = ()  # about the overlays (a file not read, a section out of its part)

    @cached_property
    def section_index(self) -> dict[str, int]:
        return {section.id: index for index, section in enumerate(self.meta.sections)}

    def clause(self, clause_id: str) -> ClauseDef | None:
        return next((clause for clause in self.clauses if clause.id == clause_id), None)


def load_options(path: Path, problems: list[Problem]) -> dict[str, OptionDef]:
    options_file = load_yaml(path)
    if options_file.data is not None and not isinstance(options_file.data, dict):
        problems.append(options_file.problem(None, Said("expected_options_mapping")))
        return {}
    return {
        key: option
        for key, option in (
            (key, _model(OptionDef, options_file, problems, key=key, extra={"key": key}))
            for key in (options_file.data or {})
        )
        if option is not None
    }


def load_clauses(root: Path, problems: list[Problem]) -> list[ClauseDef]:
    clauses: list[ClauseDef] = []
    for path in sorted((root / "clauses").rglob("*.yaml")):
        clause = _model(ClauseDef, load_yaml(path), problems, extra={"file": str(path), "origin": str(root)})
        if clause is not None:
            clauses.append(clause)
    return clauses


def digest(*roots: Path) -> str:
    """A content hash of every file in the library (and overlays), independent of file times."""
    sha = hashlib.sha256()
    for root in map(Path, roots):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            sha.update(path.relative_to(root).as_posix().encode() + b"\0")
            with path.open("rb") as file:  # regular files only (is_file): a pipe or device is never opened
                for chunk in iter(lambda: file.read(1 << 20), b""):  # in chunks, whatever the file's size
                    sha.update(chunk)
            sha.update(b"\0")
    return sha.hexdigest()


def _model(
    model: type[_Model],
    loaded: Loaded,
    problems: list[Problem],
    *,
    key: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Any:
    data = loaded.data if key is None else (loaded.data or {}).get(key)
    if not isinstance(data, dict):
        problems.append(loaded.problem(key, Said("expected_a_mapping")))
        return None
    try:
        return model.model_validate({**data, **(extra or {})})
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"])
            full = f"{key}.{path}" if key else path
            problems.append(loaded.problem(full, field_error(error)))
        return None


def missing_translations(
    library: Library, languages: list[str], clauses: list[ClauseDef] | None = None
) -> list[Problem]:
    """Every text in the library (or in `clauses` and the options) that lacks one of `languages`."""
    found: list[Problem] = []

    def check(text: Text | None, file: str, key: str) -> None:
        if text is None:
            return
        for language in languages:
            if not str(text.get(language) or "").strip():
                found.append(Problem(file, None, key, Said("has_no_text", language=words(f"text_{language}"))))

    options_file = f"{library.root}/options.yaml"
    for key, option in library.options.items():
        check(option.label, options_file, f"{key}.label")
        check(option.help, options_file, f"{key}.help")
        for name, choice in (option.choices or {}).items():
            check(choice.label, options_file, f"{key}.choices.{name}.label")
            check(choice.consequence, options_file, f"{key}.choices.{name}.consequence")
    for clause in library.clauses if clauses is None else clauses:
        check(clause.title, clause.file, f"{clause.id}.title")
        check(clause.text, clause.file, f"{clause.id}.text")
        check(clause.commentary, clause.file, f"{clause.id}.commentary")
        check(clause.source.passage, clause.file, f"{clause.id}.source.passage")
        for name, text in (clause.variants.cases.items() if clause.variants else ()):
            check(text, clause.file, f"{clause.id}.variants.{name}")
    for section in library.meta.sections:
        check(section.title, f"{library.root}/library.yaml", f"sections.{section.id}.title")
    return found


_FIELD_ERRORS = {"missing": "field_missing", "extra_forbidden": "field_extra", "string_type": "field_text",
                 "dict_type": "field_mapping", "list_type": "field_list"}


def field_error(error: Any) -> Said:
    """One of pydantic's complaints about a definition's field, in the catalogue's words where it has them."""
    kind = error.get("type", "")
    if kind in _FIELD_ERRORS:
        return Said(_FIELD_ERRORS[kind])
    if kind == "literal_error" and "expected" in (error.get("ctx") or {}):
        expected = str(error["ctx"]["expected"])
        danish = expected.replace(" or ", " eller ")
        return Said("field_literal", detail=error["msg"], expected={"en": expected, "da": danish})
    return Said("field_other", detail=error["msg"])

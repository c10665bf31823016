"""The questionnaire: the option schema as questions, asked in the terminal.

The first half is library logic that knows no terminal (`questions`, `applies`,
`starting_values`, `check_values`): the web page (`serve`) uses it too. The second
half, `run_interview`, asks the questions with questionary and writes the same
commented options file as `policygen init`, with the answers filled in.

Every answer is checked by `validate` itself, on the options file the answers
make: an answer is refused with exactly the message `policygen validate` prints.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from generator.errors import PolicyError, Problem
from generator.frontends.options_file import render_options_file
from generator.library.model import Library, OptionDef
from generator.library.selection import nest
from generator.library.templating import evaluate
from generator.load import Loaded, load_yaml, parse_yaml
from generator.messages import Said, say, sentence
from generator.options.check_values import CONTACT_FIELDS, suggested_value
from generator.options.validate import Choices, data_value, departure, validate

FACT_SECTIONS = ("school", "policy", "contacts")
DEFAULT_FILE = {"da": "skole.yaml", "en": "school.yaml"}


# ---- the questions ------------------------------------------------------------------


def questions(library: Library) -> list[OptionDef]:
    """Every option in asking order: the school's facts, then each section's choices."""
    facts = {section: index for index, section in enumerate(FACT_SECTIONS)}
    sections = library.section_index
    ranked = [
        (facts[option.section] if option.section in facts else len(facts) + sections[option.section], index, option)
        for index, option in enumerate(library.options.values())
    ]
    return [option for _, _, option in sorted(ranked, key=lambda item: (item[0], item[1]))]


def section_title(library: Library, section: str, language: str) -> str:
    if section in FACT_SECTIONS:
        return say(language, f"fact_{section}")
    return next(s.title[language] for s in library.meta.sections if s.id == section)


def suggested(option: OptionDef) -> Any:
    """What a new file proposes: the recommendation, else the default (see `check_values.suggested_value`)."""
    return suggested_value(option)


def applies(option: OptionDef, values: dict[str, Any]) -> bool:
    """Whether the question is asked, given the answers (`values` holds every option)."""
    return option.when is None or bool(evaluate(option.when, nest(values)))


def starting_values(library: Library, loaded: Loaded | None = None) -> dict[str, Any]:
    """A value for every option: the file's answer where it has a usable one, else the suggestion."""
    values = {key: suggested(option) for key, option in library.options.items()}
    if loaded is None or not isinstance(loaded.data, dict):
        return values
    for key, option in library.options.items():
        raw = data_value(loaded.data, key)
        if raw is not None:
            usable = _usable(option, raw, loaded.raw.get(key))
            if usable is not None:
                values[key] = usable
    return values


def _usable(option: OptionDef, raw: Any, typed: str | None) -> Any:
    """The file's value as an answer, or None where it cannot be one (validate will say why)."""
    if option.type in ("choice", "bool"):
        known = option.choices or {}
        return next((name for name in known if name == raw and type(name) is type(raw)), None)
    if option.type == "contact":
        if not isinstance(raw, dict):
            return None
        return {name: str(raw[name]) for name in CONTACT_FIELDS if raw.get(name) is not None}
    if option.type == "date":
        return raw if isinstance(raw, (dt.date, str)) else None
    if isinstance(raw, str):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return typed or str(raw)  # `version: 1.0` unquoted: the text as typed
    return None


def load_answers(library: Library, path: Path) -> dict[str, Any]:
    """The starting values from an existing options file (the suggestions where it has none)."""
    return starting_values(library, load_yaml(path))


# ---- checking answers with `validate` -------------------------------------------------


@dataclass
class Checked:
    """The options file that a set of answers makes, and what `validate` says of it."""

    text: str
    choices: Choices | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def message_for(self, key: str, language: str = "en", *, also: str | None = None) -> str | None:
        """The first error about `key` or one of its fields (`contacts.tr.email`), or about `also`
        itself (a required contact's error stands at the contact, and is about its name), in `language`."""
        mine = (p for p in self.errors if p.key in (key, also) or (p.key or "").startswith(key + "."))
        return next((p.in_language(language) for p in mine), None)

    def departure_for(self, key: str, language: str = "en") -> str | None:
        """What `validate` says when the answer to `key` departs from the recommendation, in `language`."""
        mine = (p for p in self.warnings if p.key == key and p.said.id.startswith("departs_"))
        return next((p.in_language(language) for p in mine), None)


def check_values(
    library: Library, language: str, values: dict[str, Any], *, base_dir: Path, file_name: str = "skole.yaml",
    pdf: bool = False,
) -> Checked:
    """Write the options file the answers make, read it back, and validate it; with `pdf`, also
    check what the PDF's fonts can draw (`build.pdf_problems`), as `build` will."""
    text = render_options_file(library, language, values, file_name=file_name)
    try:
        choices = validate(parse_yaml(text, file_name), library, base_dir=base_dir)
    except PolicyError as exc:
        return Checked(text, None, exc.problems)
    if pdf:
        from generator.compose.resolve import resolve
        from generator.pipeline import pdf_problems

        try:
            problems = pdf_problems(resolve(library, choices), library, choices)
        except PolicyError as exc:  # the library's own mistake (a clause that cannot be rendered)
            problems = exc.problems
        if problems:
            return Checked(text, None, problems, choices.warnings)
    return Checked(text, choices, [], choices.warnings)


def as_date(text: str) -> dt.date | str | None:
    """A typed date: empty is no date, YYYY-MM-DD a date, anything else stays text for validate to refuse."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


# ---- the terminal interview ------------------------------------------------------------


def interview_language(out_file: Path | None, explicit: str | None = None) -> str:
    """The interview's language: `explicit`, else the file's `language:`, else Danish."""
    from generator.options.language import file_language

    return explicit or file_language(out_file or Path(DEFAULT_FILE["da"])) or "da"


def run_interview(out_file: Path | None = None, language: str | None = None, *, out_dir: Path = Path("out")) -> Path:
    """Ask every question that applies, write OUT_FILE, then offer to build it; return the file."""
    if not sys.stdin.isatty():
        raise PolicyError.at("policygen interview", None, None, Said("not_a_terminal"))
    from generator.pipeline import default_library, library_for

    target = Path(out_file or DEFAULT_FILE[language or "da"])
    library = default_library()
    values = starting_values(library)
    if target.exists():
        loaded = load_yaml(target)
        library = library_for(loaded)
        values = starting_values(library, loaded)
        language = language or _file_language(loaded)
    language = language or "da"
    asker = TerminalAsker(library, language, base_dir=target.resolve().parent, file_name=target.name)
    values = ask_all(library, language, values, asker)
    from generator.atomic import write_bytes_atomic

    text = render_options_file(library, language, values, file_name=target.name)
    write_bytes_atomic(target, text.encode("utf-8"))
    asker.say(say(language, "wrote", file=target))
    if asker.confirm(say(language, "interview_build", out=out_dir)):
        from generator.pipeline import build

        for path in build(target, out_dir).outputs:
            asker.say(say(language, "wrote", file=path))
    else:
        asker.say(say(language, "interview_later", file=target))
    return target


def _file_language(loaded: Loaded) -> str | None:
    language = loaded.data.get("language") if isinstance(loaded.data, dict) else None
    return language if language in ("da", "en") else None


def ask_all(library: Library, language: str, values: dict[str, Any], asker: Asker) -> dict[str, Any]:
    """Ask each question that applies to the answers so far, in order; return every value."""
    values = dict(values)
    order = questions(library)
    section = None
    for option in order:
        if not applies(option, values):
            continue
        if option.section != section:
            section = option.section
            asker.heading(section_title(library, section, language))
        number = sum(1 for o in order[: order.index(option) + 1] if applies(o, values))
        total = sum(1 for o in order if applies(o, values))
        values[option.key] = asker.ask(option, values, f"({number}/{total})")
    return values


class Asker(Protocol):
    """What `ask_all` needs from a user interface."""

    def heading(self, text: str) -> None: ...

    def ask(self, option: OptionDef, values: dict[str, Any], progress: str) -> Any: ...


class TerminalAsker:
    """Questions in the terminal with questionary; each answer checked by `validate`."""

    def __init__(self, library: Library, language: str, *, base_dir: Path, file_name: str) -> None:
        import questionary

        self.q = questionary
        self.library = library
        self.language = language
        self.base_dir = base_dir
        self.file_name = file_name
        self.say(self.word("interview_intro"))

    def word(self, name: str, **values: Any) -> str:
        return say(self.language, name, **values)

    def say(self, text: str, style: str = "") -> None:
        self.q.print(text, style=style)

    def heading(self, text: str) -> None:
        self.say(f"\n── {text} ──", style="bold fg:ansiblue")

    def confirm(self, message: str) -> bool:
        yes, no = self.word("yes"), self.word("no")
        items = [self.q.Choice(yes, value=True), self.q.Choice(no, value=False)]
        return bool(self.q.select(message, choices=items, default=items[0], instruction=self.word("interview_select"))
                    .unsafe_ask())

    def ask(self, option: OptionDef, values: dict[str, Any], progress: str) -> Any:
        self.say("\n" + _wrap(option.help[self.language], "", ""), style="italic")
        label = option.label[self.language]
        if option.type in ("choice", "bool"):
            chosen = self._select(option, label, values[option.key], progress)
            self._note_departure(option.key, {**values, option.key: chosen})
            return chosen
        if option.type == "contact":
            return self._contact(option, label, values, progress)
        instruction = self.word({"date": "interview_date", "file": "interview_logo"}.get(option.type, "interview_keep"))
        current = values[option.key]
        shown = current.isoformat() if isinstance(current, dt.date) else str(current or "")
        answer = self.q.text(
            label, default=shown, qmark=progress, instruction=instruction, validate_while_typing=False,
            validate=self._validator(option.key, values, option.type),
        ).unsafe_ask()
        return _typed(option.type, answer)

    def _select(self, option: OptionDef, label: str, current: Any, progress: str) -> Any:
        assert option.choices is not None
        items = []
        for name, choice in option.choices.items():
            mark = f" ({self.word('interview_recommended')})" if name == option.recommended else ""
            title = choice.label[self.language] + mark
            self.say(_wrap(f"{title}: {choice.consequence[self.language]}", "  • ", "    "))
            items.append(self.q.Choice(title, value=name))
        default = next((item for item in items if item.value == current and type(item.value) is type(current)), None)
        return self.q.select(
            label, choices=items, default=default, qmark=progress, instruction=self.word("interview_select")
        ).unsafe_ask()

    def _contact(self, option: OptionDef, label: str, values: dict[str, Any], progress: str) -> dict[str, str]:
        contact = dict(values[option.key] or {})
        for name in CONTACT_FIELDS:
            key = f"{option.key}.{name}"

            def put(text: str, name: str = name) -> dict[str, Any]:
                return {**values, option.key: {**contact, name: text}}

            answer = self.q.text(
                f"{label}: {self.word(f'contact_{name}')}", default=contact.get(name, ""), qmark=progress,
                validate=self._check(key, put, also=option.key if name == "name" else None),
                validate_while_typing=False,
            ).unsafe_ask()
            contact[name] = answer.strip()
        return {name: value for name, value in contact.items() if value}

    def _note_departure(self, key: str, values: dict[str, Any]) -> None:
        """Say so when the answer departs from the recommendation, in `validate`'s words, even while
        questions still to come (a fact not yet given) keep the whole file from validating."""
        said = departure(self.library.options[key], self.library, values[key])
        message = said.text(self.language) if said is not None else None
        if message:
            self.say(self.word("interview_departs", message=message), style="fg:ansiyellow")

    def _validator(self, key: str, values: dict[str, Any], kind: str) -> Callable[[str], bool | str]:
        return self._check(key, lambda text: {**values, key: _typed(kind, text)})

    def _check(
        self, key: str, put: Callable[[str], dict[str, Any]], *, also: str | None = None
    ) -> Callable[[str], bool | str]:
        def check(text: str) -> bool | str:
            checked = check_values(self.library, self.language, put(text), base_dir=self.base_dir,
                                   file_name=self.file_name, pdf=True)  # the interview builds a PDF
            message = checked.message_for(key, self.language, also=also)
            return sentence(message) if message else True

        return check


def _wrap(text: str, first: str, rest: str) -> str:
    width = max(40, min(100, shutil.get_terminal_size().columns - 2))
    return "\n".join(textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest))


def _typed(kind: str, text: str) -> Any:
    if kind == "date":
        return as_date(text)
    if kind == "file":
        return text.strip() or None
    return text.strip()

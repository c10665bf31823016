"""Check one value of a school's options file against its option's definition.

Each check appends what is wrong to `errors` (and what is doubtful to `warnings`) and
returns the value cleaned up (NFC text, a date, a contact, an image's real path), or the
option's default when the value had an error. Also here: the wording every message
uses for the value it received (`shown_value`, `kind_of`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

from generator.errors import Problem, did_you_mean
from generator.formats import LANGUAGES
from generator.library.model import OptionDef
from generator.load import Loaded
from generator.messages import Said, SaidError, each_language, printable, words
from generator.options.logo import check_logo

CONTACT_FIELDS = ("name", "title", "phone", "email")
_TEMPLATE_LIKE = re.compile(r"\{\{|\{%|\{#")


def check_value(
    loaded: Loaded,
    option: OptionDef,
    raw: Any,
    base_dir: Path,
    errors: list[Problem],
    warnings: list[Problem],
) -> Any:
    """The option's value from `raw`, or its default if `raw` had an error (appended to `errors`)."""
    key = option.key
    before = len(errors)
    value: Any = raw
    if option.type == "text":
        value = _check_text(loaded, key, raw, option.max_length, errors, warnings)
    elif option.type == "bool":
        if not isinstance(raw, bool):
            errors.append(loaded.problem(key, Said("not_bool", shown=shown_words(raw))))
    elif option.type == "choice":
        assert option.choices is not None
        if isinstance(raw, (list, dict)) or raw not in option.choices:
            errors.append(loaded.problem(key, not_one_of(option, raw)))
    elif option.type == "date":
        value = _check_date(loaded, key, raw, errors)
    elif option.type == "contact":
        value = _check_contact(loaded, key, raw, errors, warnings)
    elif option.type == "file":
        value = check_image(loaded, key, raw, base_dir, errors)
    return value if len(errors) == before else default_value(option)


def suggested_value(option: OptionDef) -> Any:
    """What a new options file proposes (`init`, the interview, the web page): the recommendation, else
    the default; a date whose default is `today` is the day the file is made (the build never reads the clock)."""
    if option.type == "date" and option.default == "today":
        return dt.date.today()
    value = option.recommended if option.recommended is not None else option.default
    return dict(value) if isinstance(value, dict) else value


def default_value(option: OptionDef) -> Any:
    """The value of an option the file does not give (or gives wrongly)."""
    if option.type == "contact":
        return dict(option.default or {})
    if option.type == "text":
        return option.default if option.default is not None else ""
    if option.type == "date" and option.default == "today":
        return None  # the day `init` wrote the file: never the clock at build time
    return option.default


def _check_text(
    loaded: Loaded, key: str, raw: Any, max_length: int, errors: list[Problem], warnings: list[Problem]
) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        errors.append(loaded.problem(key, Said("expected_text", shown=shown_words(raw))))
        return ""
    if not isinstance(raw, str):
        typed = loaded.raw.get(key, str(raw))
        errors.append(loaded.problem(key, Said("number_not_text", typed=typed)))
        return ""
    text = unicodedata.normalize("NFC", raw)
    if said := unprintable_said(text):
        errors.append(loaded.problem(key, said))
        return ""
    if len(text) > max_length:
        errors.append(loaded.problem(key, Said("too_long", length=len(text), limit=max_length)))
        return ""
    if _TEMPLATE_LIKE.search(text):
        warnings.append(loaded.problem(key, Said("template_like")))
    return text.strip()


def unprintable_in(text: str) -> Said | None:
    """The message for the first character of `text` no document may carry (None if there is none)."""
    return unprintable_said(text)


def unprintable_said(text: str) -> Said | None:
    """`unprintable_in`'s message in every language (None if there is nothing to say)."""
    position, kind = next(((n, kind) for n, ch in enumerate(text, start=1) if (kind := unprintable(ch))), (0, ""))
    if not kind:
        return None
    code = f"{ord(text[position - 1]):04X}"
    return Said("unprintable", kind=words(kind), code=code, position=position)


def unprintable(ch: str) -> str:
    """What kind of character `ch` is if no document may carry it ("" if it may): its name in `WORDS`.

    XML (so DOCX, HTML and the PDF's tags) cannot hold C0 controls, surrogates, U+FFFE
    and U+FFFF; C1 controls, private-use characters and the other non-characters
    have no meaning in a printed document either.
    """
    if ch in "\t\n":
        return ""
    category, code = unicodedata.category(ch), ord(ch)
    if category == "Cc":
        return "control"
    if category == "Cs":
        return "surrogate"
    if category == "Co":
        return "private"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "noncharacter"
    return ""


def _check_date(loaded: Loaded, key: str, raw: Any, errors: list[Problem]) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError as exc:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
                errors.append(loaded.problem(key, Said("not_in_calendar", date=raw.strip(), reason=str(exc))))
                return None
    errors.append(loaded.problem(key, Said("date_format", shown=shown_words(raw))))
    return None


def _check_contact(
    loaded: Loaded, key: str, raw: Any, errors: list[Problem], warnings: list[Problem]
) -> dict[str, str]:
    if not isinstance(raw, dict):
        errors.append(loaded.problem(key, Said("expected_contact", shown=shown_words(raw))))
        return {}
    contact: dict[str, str] = {}
    for name, value in raw.items():
        sub = f"{key}.{name}"
        if name not in CONTACT_FIELDS:
            warnings.append(loaded.problem(sub, unknown_key_message(str(name), CONTACT_FIELDS)))
            continue
        if value is None:
            continue
        contact[name] = _check_text(loaded, sub, value, 200, errors, warnings)
    return contact


def check_image(loaded: Loaded, key: str, raw: Any, base_dir: Path, errors: list[Problem]) -> str | None:
    """The real path of the image `raw` names (relative to `base_dir`), or None with an error saying why not."""
    if not isinstance(raw, str) or not raw.strip() or any(unprintable(ch) for ch in raw):
        errors.append(loaded.problem(key, Said("expected_image_path", shown=shown_words(raw))))
        return None
    try:
        return str(check_logo(base_dir / raw.strip(), shown_words(raw.strip())))
    except SaidError as exc:
        errors.append(loaded.problem(key, exc.said))
        return None


# ---- wording ------------------------------------------------------------------


def unknown_key_message(name: str, candidates: Any) -> Said:
    """`unknown key 'x'` with a "did you mean" among `candidates`."""
    return Said("unknown_key", shown=shown_words(name), hint=did_you_mean(name, candidates))


def not_one_of(option: OptionDef, given: Any) -> Said:
    """`expected_one_of` the option's choices, in every language (the choices' labels in Danish)."""
    choices = option.choices or {}
    names = _choice_names(choices)
    pairs = list(zip(names, choices.values(), strict=True))
    labels = {  # each answer's label and the value the file writes for it: "Udkast (draft)"
        lang: ", ".join(f"{each_language(choice.label)[lang]} ({name})" for name, choice in pairs) for lang in LANGUAGES
    }
    return Said("not_one_of", names=", ".join(names), shown=shown_words(given), hint=_hint(given, names), labels=labels)


def expected_one_of(choices: Any, given: Any) -> Said:
    """`expected one of a, b but received ...` with a "did you mean" when `given` is text."""
    names = _choice_names(choices)
    return Said("expected_one_of", names=", ".join(names), shown=shown_words(given), hint=_hint(given, names))


def _choice_names(choices: Any) -> list[str]:
    return [str(c).lower() if isinstance(c, bool) else str(c) for c in choices]


def _hint(given: Any, names: list[str]) -> Said | str:
    return did_you_mean(given, names) if isinstance(given, str) else ""


def shown_value(value: Any) -> str:
    """A value as an English message shows what it received (`shown_words`' English)."""
    return shown_words(value)["en"]


def shown_words(value: Any) -> dict[str, str]:
    """A value as a message shows what it received, in each language: text quoted ('so', »so«) and cut,
    anything else with its kind ("a number 5", "tallet 5")."""
    if isinstance(value, str):
        cut = value if len(value) <= 60 else value[:57] + "..."
        return {"en": repr(cut), "da": f"»{printable(cut)}«"}
    if isinstance(value, (dict, list)):
        return kind_of(value)
    kind = "shown_" + ("bool" if isinstance(value, bool) else "number" if isinstance(value, (int, float))
                       else "date" if isinstance(value, (dt.date, dt.datetime)) else "nothing")
    return words(kind, value=repr(value))


def kind_of(value: Any) -> dict[str, str]:
    """What sort of YAML value `value` is, in words of each language ("a number", "a mapping", "nothing")."""
    if isinstance(value, bool):
        return words("kind_bool")
    if isinstance(value, (int, float)):
        return words("kind_number")
    if isinstance(value, dict):
        return words("kind_mapping")
    if isinstance(value, list):
        return words("kind_list")
    if isinstance(value, (dt.date, dt.datetime)):
        return words("kind_date")
    if value is None:
        return words("kind_nothing")
    return words("kind_text")

"""The one catalogue of what policygen says to a user, in Danish and English.

Every message has an id and one wording per language, side by side, in the modules of
this package, one for each part of the program that speaks:

  answers    what a school's answers can be told (the web page, the interview, `validate`)
  files      reading a file: the options file, a theme, a logo, a CSV file, a build record
  library    a clause library or an overlay its authors wrote
  commands   the command line's own lines, the interview's and the server's
  describe   `policygen options` and `explain`: their headings, and conditions as sentences
  web        the `policygen serve` page
  update     `policygen update` and `absorb`: the changelog, migrations, an edited Word file

A check that finds something says it as a `Said`: the id of a message and its values.
Nothing is worded until it is shown, in the language of whoever reads it
(`Said.text(language)`): the command line in the options file's language, the locale's or
`--lang`; the web page and the interview in their own. Values that are words themselves (a
choice's label, a kind of character, where in the document) are given per language, as a
`{"da": ..., "en": ...}` mapping, or as a `Said` of their own.

Why Python mappings and not gettext catalogues (.po/.mo, which Babel can make): the
messages are data passed from the library to a front end that words them later, often
with values that are themselves per-language words, so a gettext setup would need this
same lazy layer on top; both wordings of a message sit together where a reviewer (and
the test that every message has both, with the same values) sees them; and there is
nothing to compile or to ship as package data. A third language would be one more key
in each mapping; a translator's tool could still be fed by exporting them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.formats import LANGUAGES
from generator.messages.answers import ANSWERS, VALUE_WORDS
from generator.messages.commands import COMMANDS
from generator.messages.describe import DESCRIBE
from generator.messages.files import FILES
from generator.messages.library import LIBRARY
from generator.messages.update import UPDATE
from generator.messages.web import WEB

CATALOGUES: dict[str, dict[str, dict[str, str]]] = {
    "answers": ANSWERS, "files": FILES, "library": LIBRARY, "commands": COMMANDS, "describe": DESCRIBE, "web": WEB,
    "update": UPDATE,
}


def _merged() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part, catalogue in CATALOGUES.items():
        for name, wordings in catalogue.items():
            if name in merged:
                raise RuntimeError(f"message id {name!r} of messages.{part} is used twice")
            merged[name] = wordings
    return merged


MESSAGES: dict[str, dict[str, str]] = _merged()
WORDS = VALUE_WORDS
LANGUAGE_NAMES = {"da": "dansk", "en": "English"}


def each_language(text: Mapping[str, str]) -> dict[str, str]:
    """A label given per language, in each language of the documents (Danish where one is missing)."""
    return {language: text.get(language) or text.get("da", "") for language in LANGUAGES}


def sentence(message: str) -> str:
    """A message shown on its own (beside a field, under a question): with a capital letter."""
    return message[:1].upper() + message[1:]


def words(name: str, **values: Any) -> dict[str, str]:
    """The per-language words `name` (with its `values` filled in), to give as a message's value."""
    return {language: text.format(**values) for language, text in WORDS[name].items()}


def quoted(value: Any) -> dict[str, str]:
    """A name or value as a message quotes it: 'so' in English (Python's repr), »so« in Danish, an
    unprintable character escaped in either (`\\x85`), so that a message stays on its one line."""
    return {"en": repr(value), "da": f"»{printable(value)}«" if isinstance(value, str) else repr(value)}


def printable(text: str) -> str:
    """`text` with each character a terminal cannot print as itself escaped as Python would (`\\x1b`)."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def listed(names: Any, language_word: Mapping[str, str] | None = None) -> dict[str, str]:
    """Names joined as a list: `a, b, c` in both languages (`language_word`, "or"/"eller", joins the last)."""
    names = [str(name) for name in names]
    if language_word is None or len(names) < 2:
        return {language: ", ".join(names) for language in LANGUAGES}
    return {language: f"{', '.join(names[:-1])} {language_word[language]} {names[-1]}" for language in LANGUAGES}


@dataclass(frozen=True, eq=False)
class Said:
    """A message by id, with its values; `text(language)` words it."""

    id: str
    values: dict[str, Any]

    def __init__(self, id: str, **values: Any) -> None:
        if id not in MESSAGES:
            raise KeyError(f"no message {id!r} in the catalogue")
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "values", values)

    def text(self, language: str = "en") -> str:
        template = MESSAGES[self.id].get(language) or MESSAGES[self.id]["en"]
        return template.format(**{name: _value(value, language) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.text()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Said) and (self.id, self.text()) == (other.id, other.text())

    def __hash__(self) -> int:
        return hash((self.id, self.text()))


def template_detail(error: BaseException) -> Said | str:
    """What a template error says: the catalogue's words for a bound it went past (`said`), else Jinja's own."""
    said = getattr(error, "said", None)
    return said if isinstance(said, Said) else str(error)


def say(language: str, id: str, **values: Any) -> str:
    """The message `id` with `values`, worded in `language`: for the lines a front end prints itself."""
    return Said(id, **values).text(language)


class SaidError(ValueError):
    """A refusal whose message is in the catalogue (`str()` is the English wording)."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.text())
        self.said = said


def _value(value: Any, language: str) -> Any:
    if isinstance(value, Said):
        return value.text(language)
    if isinstance(value, dict):
        return value.get(language) or value["en"]
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", "." if language == "da" else ",")
    return value


_OS_REASONS = {"EACCES": "os_denied", "EPERM": "os_denied", "ENAMETOOLONG": "os_too_long", "ELOOP": "os_loop",
               "ENOTDIR": "os_not_folder", "EIO": "os_io"}


def os_reason(error: BaseException) -> Said | dict[str, str]:
    """Why the system could not read a file, worded in each language where the catalogue knows the reason
    (the system's own English words otherwise)."""
    import errno

    if isinstance(error, ValueError) and "null" in str(error):
        return Said("os_nul")
    code = getattr(error, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    if name in _OS_REASONS:
        return Said(_OS_REASONS[name])
    text = str(getattr(error, "strerror", None) or error)
    return {"en": text, "da": text}

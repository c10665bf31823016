"""A letterhead theme: the union's or school's name, logo, accent colour and font.

Set in the options file (`theme:` a mapping, or the path of a theme file) or with
`--theme FILE`. Both writers use it: the DOCX (heading colour, font, letterhead in the
page header) and the PDF (the same, through the stylesheet). Only the shipped fonts
can be chosen, so a themed PDF still looks the same on every machine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.document import FONTS, Theme
from generator.errors import PolicyError, Problem
from generator.load import Loaded, load_yaml, unreadable_path
from generator.messages import Said, listed, quoted
from generator.options.check_values import check_image, shown_words, unprintable, unprintable_in

THEME_KEYS = ("name", "logo", "colour", "font")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def theme_from_options(loaded: Loaded, base_dir: Path, theme_file: Path | None = None) -> Theme:
    """The theme of a build: `--theme FILE` if given, else the options file's `theme:`, else the default."""
    if theme_file is not None:
        theme = load_yaml(theme_file)
        return parse_theme(theme, "", theme_file.resolve().parent)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    value = data.get("theme")
    if value is None:
        return Theme()
    if isinstance(value, str):
        if said := unprintable_in(value):
            raise PolicyError(loaded.problem("theme", said))
        path = (base_dir / value).resolve()
        if (why := unreadable_path(path)) is not None:
            said = Said("no_such_theme", value=value)
            if why != "missing":
                said = Said("value_unreadable", shown=shown_words(value), reason=why)
            raise PolicyError(loaded.problem("theme", said))
        return parse_theme(load_yaml(path), "", path.parent)
    return parse_theme(loaded, "theme", base_dir)


def parse_theme(loaded: Loaded, prefix: str, base_dir: Path) -> Theme:
    """Check a theme mapping (at `prefix` in `loaded`) and return it; every problem at once."""
    data: Any = loaded.data
    for part in filter(None, prefix.split(".")):
        data = data.get(part) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        raise PolicyError(loaded.problem(prefix or None, Said("expected_theme")))
    problems: list[Problem] = []

    def key(name: str) -> str:
        return f"{prefix}.{name}" if prefix else name

    for name in data:
        if name not in THEME_KEYS:
            said = Said("unknown_theme_key", name=quoted(name), keys=listed(THEME_KEYS))
            problems.append(loaded.problem(key(str(name)), said))
    name = data.get("name", "")
    if not isinstance(name, str) or len(name) > 120 or any(unprintable(c) for c in name):
        problems.append(loaded.problem(key("name"), Said("theme_name")))
    colour = data.get("colour", Theme().accent)
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        problems.append(loaded.problem(key("colour"), Said("theme_colour", shown=quoted(colour))))
    font = data.get("font", Theme().font)
    if font not in FONTS:
        problems.append(loaded.problem(key("font"), Said("theme_font", names=listed(FONTS), shown=quoted(font))))
    logo = None
    if data.get("logo") is not None:
        logo = check_image(loaded, key("logo"), data["logo"], base_dir, problems)
    if problems:
        raise PolicyError(sorted(problems, key=lambda problem: problem.line or 0))
    return Theme(
        name=name.strip() if isinstance(name, str) else "", logo=logo, accent=colour.lower(), font=font,
        source=loaded.file,
    )

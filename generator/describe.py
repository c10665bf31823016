"""The decision points as terminal text: `policygen options`."""

from __future__ import annotations

import textwrap

from .library import Library

_WORDS = {
    "da": {"recommended": "anbefalet", "default": "standard", "type": "type", "when": "kun når"},
    "en": {"recommended": "recommended", "default": "default", "type": "type", "when": "only when"},
}


def describe_options(library: Library, language: str) -> str:
    words = _WORDS[language]
    lines: list[str] = []
    for key, option in library.options.items():
        lines.append(f"{key}  ({words['type']}: {option.type})")
        lines.append(f"  {option.label[language]}")
        lines += ["  " + line for line in textwrap.wrap(option.help[language], 86)]
        if option.when:
            lines.append(f"  {words['when']}: {option.when}")
        for name, choice in (option.choices or {}).items():
            shown = str(name).lower() if isinstance(name, bool) else str(name)
            marks = [words["recommended"]] if name == option.recommended else []
            if name == option.default:
                marks.append(words["default"])
            mark = f" [{', '.join(marks)}]" if marks else ""
            lines.append(f"  - {shown}: {choice.label[language]}{mark}")
            lines += ["      " + line for line in textwrap.wrap(choice.consequence[language], 82)]
        if not option.choices and option.default not in (None, "", {}):
            lines.append(f"  {words['default']}: {option.default}")
        lines.append("")
    return "\n".join(lines)

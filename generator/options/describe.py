"""The decision points as terminal text (`policygen options`), and the wording `explain` shares
with it: a condition (`when`) as a sentence, a default value in words, a kind of answer.

A condition is read with Jinja's own parser and said over the questions' labels and their
answers' labels: `policy.status == 'adopted'` is "Kun når svaret på »Status« er »Vedtaget«."
A condition of a shape this does not know is quoted whole ("betingelsen … er opfyldt").
"""

from __future__ import annotations

import textwrap
from typing import Any

from jinja2 import nodes

from generator.library.model import Library, OptionDef
from generator.library.templating import environment
from generator.messages import quoted, say

WIDTH = 92


def describe_options(library: Library, language: str) -> str:
    """Every decision point: its key, kind of answer, label, help, condition, answers and default."""
    lines: list[str] = []
    for key, option in library.options.items():
        lines.append(f"{key}  ({say(language, 'answer_kind', kind=say(language, f'type_{option.type}'))})")
        lines.append(f"  {option.label[language]}")
        lines += _wrapped(option.help[language], "  ")
        if option.when:
            lines += _wrapped(condition_sentence(option.when, library, language), "  ")
        for name, choice in (option.choices or {}).items():
            lines.append(f"  - {choice_line(option, name, language)}")
            lines += _wrapped(choice.consequence[language], "      ")
        if not option.choices and option.default not in (None, "", {}):
            lines.append(f"  {say(language, 'default_value', value=shown_default(option.default))}")
        lines.append("")
    return "\n".join(lines)


def choice_line(option: OptionDef, name: Any, language: str) -> str:
    """`advised-against: Frarådes [anbefalet, standard]`: the value to write, its label and its marks."""
    assert option.choices is not None
    marks = [say(language, "mark_recommended")] if name == option.recommended else []
    marks += [say(language, "mark_default")] if name == option.default else []
    mark = f" [{', '.join(marks)}]" if marks else ""
    return f"{value_name(name)}: {option.choices[name].label[language]}{mark}"


def shown_default(value: Any) -> str:
    """A default as a person reads it: a contact's fields joined, a yes/no as the file writes it."""
    if isinstance(value, dict):
        return ", ".join(str(part) for part in value.values() if part not in (None, ""))
    return value_name(value)


def value_name(value: Any) -> str:
    """A choice's value as the options file writes it (`true`, not `True`)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _wrapped(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent.rstrip()]


# ---- conditions as sentences ---------------------------------------------------------------


def condition_sentence(source: str, library: Library, language: str) -> str:
    """`Only when …` for a `when` condition, said over the questions' labels and answers."""
    return say(language, "only_when", condition=condition_words(source, library, language))


def condition_words(source: str, library: Library, language: str) -> str:
    """The condition itself in words ("svaret på »Status« er »Vedtaget«")."""
    try:
        template = environment().parse("{{ " + source + " }}")
        output = template.body[0]
        assert isinstance(output, nodes.Output) and len(output.nodes) == 1
        return _said(output.nodes[0], library, language)
    except Exception:  # a shape not known here (or not an expression): quoted whole
        return say(language, "when_other", source=quoted(source)[language])


def _said(node: nodes.Node, library: Library, language: str) -> str:
    if isinstance(node, nodes.And):
        return say(language, "when_and", left=_said(node.left, library, language),
                   right=_said(node.right, library, language))
    if isinstance(node, nodes.Or):
        return say(language, "when_or", left=_said(node.left, library, language),
                   right=_said(node.right, library, language))
    if isinstance(node, nodes.Not):
        return _truth(_option(node.node, library), False, language)
    if isinstance(node, nodes.Compare) and len(node.ops) == 1:
        option = _option(node.expr, library)
        operand = node.ops[0]
        answers = _constants(operand.expr)
        named = {"en": " or ", "da": " eller "}[language].join(_answer(option, value, language) for value in answers)
        if operand.op in ("eq", "in"):
            return say(language, "when_is", label=option.label[language], answer=named)
        if operand.op in ("ne", "notin"):
            return say(language, "when_is_not", label=option.label[language], answer=named)
        raise ValueError(operand.op)
    return _truth(_option(node, library), True, language)


def _truth(option: OptionDef, true: bool, language: str) -> str:
    """An option given as the condition itself (`choices.photos.enabled`), or negated."""
    if option.type == "bool":
        return say(language, "when_is", label=option.label[language], answer=_answer(option, true, language))
    return say(language, "when_filled" if true else "when_not_filled", label=option.label[language])


def _option(node: nodes.Node, library: Library) -> OptionDef:
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.insert(0, node.attr)
        node = node.node
    if not isinstance(node, nodes.Name):
        raise ValueError("not an option")
    return library.options[".".join([node.name, *parts])]


def _constants(node: nodes.Node) -> list[Any]:
    if isinstance(node, nodes.Const):
        return [node.value]
    if isinstance(node, (nodes.List, nodes.Tuple)) and all(isinstance(item, nodes.Const) for item in node.items):
        return [item.value for item in node.items]  # type: ignore[attr-defined]
    raise ValueError("not a constant")


def _answer(option: OptionDef, value: Any, language: str) -> str:
    label = option.choices[value].label[language] if option.choices and value in option.choices else value_name(value)
    return say(language, "when_answer", answer=label)

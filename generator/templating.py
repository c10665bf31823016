"""Clause text and conditions through Jinja2's sandbox.

Clause texts are trusted templates; the values in them are not. Every value a
template prints passes `escape_markdown`, so that the Markdown parser that reads
the rendered text sees it as literal characters: `*`, `<b>` or `{{ 7*7 }}` in a
school name come out exactly as typed. `StrictUndefined` turns a misspelt
variable in a clause into an error instead of an empty string.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(value: Any) -> str:
    """Backslash-escape every ASCII punctuation character (CommonMark allows it for all)."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", " ").replace("\n", " ")
    return _PUNCTUATION.sub(r"\\\1", text)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=StrictUndefined,
        finalize=escape_markdown,
        autoescape=False,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=2048)
def _template(source: str) -> Any:
    return environment().from_string(source)


@lru_cache(maxsize=512)
def _expression(source: str) -> Any:
    return environment().compile_expression(source, undefined_to_none=False)


def render(source: str, context: dict[str, Any]) -> str:
    """Render a clause text; raises jinja2.TemplateError for the caller to locate."""
    return _template(source).render(context)


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """Evaluate a `when` condition over the option values."""
    return _expression(expression)(**context)


__all__ = ["TemplateError", "escape_markdown", "evaluate", "render"]

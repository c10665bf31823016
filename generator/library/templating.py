"""Clause text and conditions through Jinja2's sandbox.

Clause texts are trusted templates; the values in them are not. Every value a
template prints passes `escape_markdown`, so that the Markdown parser that reads
the rendered text sees it as literal characters: `*`, `<b>` or `{{ 7*7 }}` in a
school name come out exactly as typed; and marked, so that the parser can tell the
writers which words were typed (never hyphenated as if they were Danish words).
`StrictUndefined` turns a misspelt variable in a clause into an error instead of an
empty string.

The sandbox is the immutable one: a template can read the values but neither reach
Python internals through them (`__class__`, `__globals__`, `str.format` tricks: a
`SecurityError`) nor change them (`school.update(...)`) for the clauses rendered after it.
It is also bounded (`sandbox`): one render makes at most 100,000 characters and takes at
most 2 s, or stops with a `TemplateLimitError`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateRuntimeError

from generator.library.sandbox import BoundedSandbox, TemplateLimitError, bounded

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


# Around every printed value: two Unicode noncharacters (meant for a program's internal use; no
# document or options file may hold one, `check_values.unprintable`), which `markup.parse` turns
# into runs marked `typed` and drops.
TYPED_START, TYPED_END = "\ufdd0", "\ufdd1"


class LibraryText(str):
    """Words the clause library supplies itself (a term such as "skolebestyrelsen", a cross-reference's
    number): escaped for Markdown as every printed value is, but not marked as typed, for they are the
    library's own Danish and are hyphenated as such."""


def escape_markdown(value: Any) -> str:
    """Backslash-escape every ASCII punctuation character (CommonMark allows it for all), and mark
    the value as typed (`TYPED_START` ... `TYPED_END`) unless the library supplied it (`LibraryText`)."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", " ").replace("\n", " ")
    if not text:
        return ""
    if isinstance(value, LibraryText):
        return _PUNCTUATION.sub(r"\\\1", text)
    return TYPED_START + _PUNCTUATION.sub(r"\\\1", text) + TYPED_END


@lru_cache(maxsize=1)
def environment() -> BoundedSandbox:
    return BoundedSandbox(
        undefined=StrictUndefined,
        finalize=escape_markdown,
        autoescape=False,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=2048)
def _template(source: str) -> Any:
    return environment().template(source)


@lru_cache(maxsize=512)
def _expression(source: str) -> Any:
    return environment().expression(source)


def render(source: str, context: dict[str, Any]) -> str:
    """Render a clause text; raises jinja2.TemplateError (only) for the caller to locate."""
    try:
        with bounded():
            return _template(source).render(context)
    except TemplateError:
        raise
    except Exception as exc:  # `{{ name + 1 }}`, `{{ x|format(y) }}`: a template's mistake, not an internal one
        raise TemplateRuntimeError(f"{type(exc).__name__}: {exc}") from exc


def evaluate(expression: str, context: dict[str, Any]) -> Any:
    """Evaluate a `when` condition over the option values; raises jinja2.TemplateError as `render` does."""
    try:
        with bounded():
            return _expression(expression)(**context)
    except TemplateError:
        raise
    except Exception as exc:
        raise TemplateRuntimeError(f"{type(exc).__name__}: {exc}") from exc


__all__ = ["LibraryText", "TemplateError", "TemplateLimitError", "escape_markdown", "evaluate", "render"]

"""Jinja2's immutable sandbox with bounds on what one clause template may make, and for how long.

The sandbox keeps a clause away from Python; these bounds keep it from taking all the
memory or all the time (a consultant's overlay is trusted to say what it means, not to
be free of mistakes). Within one render (`bounded()`):

- no value may weigh more than `MAX_CLAUSE_CHARS` characters: a text, a captured block
  or macro output, the rendered clause itself, a list counted as the text it would print.
  Values are weighed *before* the operations that would make a bigger one (`*`, `+`, `%`,
  `~`, `str.replace`, `join`, format widths, printing a list), so that `'x' * 10**9` is
  refused without allocating it;
- a number given to a string method or filter (a width, a count) may be at most
  `MAX_CLAUSE_CHARS`; a power at most `MAX_INT_BITS` bits; `range()` at most `MAX_RANGE` numbers;
- the render may take at most `MAX_RENDER_SECONDS`: every loop step, call, attribute
  lookup, operator and output checks the clock (no signal or thread is used, so the bound
  holds in batch worker processes and in the threads of `serve` alike).

Each refusal is a `TemplateLimitError`, which the caller reports with the clause's file and id.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import update_wrapper, wraps
from typing import Any

from jinja2 import TemplateRuntimeError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

from generator.messages import Said

MAX_CLAUSE_CHARS = 100_000  # characters in one value, and in one clause's rendered text
MAX_RENDER_SECONDS = 2.0  # for one clause text, commentary or condition
MAX_RANGE = 10_000  # numbers in one range()
MAX_INT_BITS = 100_000  # bits of one number made by * or ** (about 30,000 digits)

_LOOP = "__policygen_loop__"  # the names the compiled templates call for every loop and every `~`
_JOIN = "__policygen_join__"
_DEADLINE: ContextVar[float | None] = ContextVar("_DEADLINE", default=None)
_WIDTH = re.compile(r"\d+")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?")


class TemplateLimitError(TemplateRuntimeError):
    """A clause template went past one of the bounds above; `said` words it (`str()` is the English)."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.text())
        self.said = said


@contextmanager
def bounded() -> Iterator[None]:
    """Run one render within `MAX_RENDER_SECONDS` (a render inside another keeps the outer deadline)."""
    token = _DEADLINE.set(_DEADLINE.get() or time.monotonic() + MAX_RENDER_SECONDS)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_time() -> None:
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise TemplateLimitError(Said("limit_time", seconds=f"{MAX_RENDER_SECONDS:g}"))


def _too_large() -> TemplateLimitError:
    return TemplateLimitError(Said("limit_text", limit=MAX_CLAUSE_CHARS))


def weight(value: Any, limit: int = MAX_CLAUSE_CHARS) -> int:
    """About how many characters `value` prints as, counted only up to just past `limit`."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3 + 1
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if not isinstance(value, (list, tuple, set, frozenset)):
        return 1
    total = len(value)
    for index, item in enumerate(value):
        if total > limit:
            break
        if index % 1024 == 1023:
            check_time()
        total += weight(item, limit - total)
    return total


def checked(value: Any) -> Any:
    if weight(value) > MAX_CLAUSE_CHARS:
        raise _too_large()
    return value


def _check_numbers(args: Iterable[Any]) -> None:
    """A number given to a function, method or filter (a width, a count): at most MAX_CLAUSE_CHARS."""
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_CLAUSE_CHARS:
            raise TemplateLimitError(Said("limit_number", number=arg, limit=MAX_CLAUSE_CHARS))


def _check_percent(template: str, args: Any) -> None:
    """`'%9999999s' % x` or `'%*s' % (10**9, x)`: the widths a %-format would pad to."""
    for width, precision in _PERCENT_SPEC.findall(template):
        _check_numbers(int(part) for part in (width, precision) if part.isdigit())
    if "*" in template:
        _check_numbers(args if isinstance(args, tuple) else (args,))


def _bounded_join(pieces: Iterable[Any]) -> str:
    """The environment's `concat`: joins a render's output and every captured block, within the bound."""
    total, kept = 0, []
    for piece in pieces:
        total += len(piece)
        if total > MAX_CLAUSE_CHARS:
            raise _too_large()
        kept.append(piece)
    check_time()
    return "".join(kept)


def _bounded_loop(iterable: Any) -> Iterator[Any]:
    for count, item in enumerate(iterable):
        if count % 64 == 0:
            check_time()
        yield item


def _joined(*values: Any) -> str:
    """`a ~ b`: each part as text, within the bound."""
    check_time()
    checked(list(values))
    return checked("".join(map(str, values)))


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimitError(Said("limit_range", count=len(numbers), limit=MAX_RANGE))
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja2's `lipsum()`, at most as many words as fit the bound."""
    if n * max * 12 > MAX_CLAUSE_CHARS:
        raise _too_large()
    return generate_lorem_ipsum(n, html, min, max)


class _BoundedFormatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_numbers(int(width) for width in _WIDTH.findall(format_spec))
        return checked(super().format_field(value, format_spec))


class _Loops(NodeTransformer):
    """Every `{% for %}` iterates through `_bounded_loop`, every `~` goes through `_joined`."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.Name(_LOOP, "load"), [node.iter], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:
        self.generic_visit(node)
        return nodes.Call(nodes.Name(_JOIN, "load"), node.nodes, [], None, None, lineno=node.lineno)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """`ImmutableSandboxedEnvironment` with the bounds of this module (see its docstring)."""

    intercepted_binops = frozenset({"+", "*", "%", "**"})
    concat = staticmethod(_bounded_join)  # type: ignore[assignment]

    def __init__(self, **options: Any) -> None:
        finalize = options.pop("finalize", None)
        super().__init__(finalize=self._finalizer(finalize), **options)
        self.globals.update({"range": _range, "lipsum": _lipsum, _LOOP: _bounded_loop, _JOIN: _joined})
        self.filters = {name: _bounded_filter(func) for name, func in self.filters.items()}

    @staticmethod
    def _finalizer(finalize: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
        def bounded_finalize(value: Any) -> Any:
            check_time()
            checked(value)
            return checked(finalize(value)) if finalize is not None else value

        return bounded_finalize

    def template(self, source: str) -> Any:
        """A clause template compiled with its loops and `~` bounded."""
        tree = _Loops().visit(self.parse(source))
        tree.set_environment(self)
        return self.from_string(tree)

    def expression(self, source: str) -> Any:
        """A condition (`when`) compiled like `compile_expression`, with the same bounds."""
        return self.compile_expression(source, undefined_to_none=False)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_time()
        if operator == "*":
            _check_product(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+":
            if weight(left) + weight(right) > MAX_CLAUSE_CHARS:
                raise _too_large()
        elif operator == "%" and isinstance(left, str):
            checked(right)
            _check_percent(left, right)
        return checked(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_time()
        args = tuple(_materialised(arg) for arg in args)
        _check_numbers([*args, *kwargs.values()])
        checked([*args, *kwargs.values()])
        if isinstance(getattr(__obj, "__self__", None), (str, list, tuple, dict)):
            _check_method(__obj, args)
        return checked(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        check_time()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format` and `format_map` through a formatter that checks each field's width."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None or type(value.__self__) is not str:
            return wrapped
        template, formatter = value.__self__, _BoundedFormatter(self)
        if value.__name__ == "format_map":
            return update_wrapper(lambda mapping: formatter.vformat(template, (), mapping), value)
        return update_wrapper(lambda *args, **kwargs: formatter.vformat(template, args, kwargs), value)


def _check_product(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimitError(Said("limit_bits", limit=MAX_INT_BITS))
        return
    times, sequence = (left, right) if isinstance(left, int) else (right, left)
    if isinstance(times, int) and weight(sequence) * max(times, 0) > MAX_CLAUSE_CHARS:
        raise _too_large()


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log2(abs(base)) > MAX_INT_BITS:
            raise TemplateLimitError(Said("limit_bits", limit=MAX_INT_BITS))


def _check_method(method: Any, args: tuple[Any, ...]) -> None:
    """The methods whose result can outgrow their inputs many times: `replace` and `join`."""
    owner, name = method.__self__, getattr(method, "__name__", "")
    if name == "replace" and isinstance(owner, str) and len(args) >= 2:
        _check_replace(owner, *args[:2])
    elif name == "join" and isinstance(owner, str) and args and isinstance(args[0], (list, tuple)):
        _check_join(args[0], owner)


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * (len(new) - len(old)) > MAX_CLAUSE_CHARS:
            raise _too_large()


def _bounded_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose value, arguments and result are within the bounds; one that returns an
    iterator (`map`, `select`, `batch`...) yields no more than the bound allows."""
    value_at = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    name = getattr(func, "__name__", "")

    @wraps(func)
    def bounded_filter(*args: Any, **kwargs: Any) -> Any:
        check_time()
        args = tuple(_materialised(arg) for arg in args)
        checked(list(args[value_at:]) + list(kwargs.values()))
        _check_numbers([*args[value_at + 1 :], *kwargs.values()])
        if name == "do_replace" and len(args) >= value_at + 3:
            _check_replace(*args[value_at : value_at + 3])
        elif name == "do_format" and isinstance(args[0], str):
            _check_percent(args[0], tuple(args[1:]))
        elif name == "do_join" and isinstance(args[value_at], (list, tuple)):
            separator = args[value_at + 1] if len(args) > value_at + 1 else kwargs.get("d", "")
            _check_join(args[value_at], str(separator))
        result = func(*args, **kwargs)
        return _weighed(result) if isinstance(result, Iterator) else checked(result)

    return bounded_filter


def _check_join(items: list[Any] | tuple[Any, ...], separator: str) -> None:
    if weight(items) + len(separator) * max(len(items) - 1, 0) > MAX_CLAUSE_CHARS:
        raise _too_large()


def _materialised(value: Any) -> Any:
    """An iterator made by a filter (weighed as it yields) as a list; anything else as it is."""
    return list(value) if isinstance(value, _Weighed) else value


class _Weighed(Iterator[Any]):
    """An iterator that stops the render once what it yielded weighs more than the bound."""

    def __init__(self, items: Iterator[Any]) -> None:
        self.items, self.total = items, 0

    def __next__(self) -> Any:
        item = next(self.items)
        self.total += weight(item) + 1
        if self.total > MAX_CLAUSE_CHARS:
            raise _too_large()
        return item


def _weighed(items: Iterator[Any]) -> _Weighed:
    check_time()
    return _Weighed(items)


__all__ = ["MAX_CLAUSE_CHARS", "MAX_RANGE", "MAX_RENDER_SECONDS", "BoundedSandbox", "TemplateLimitError", "bounded"]

"""policygen: a Danish school's local policy on staff use of social media, from a clause library.

The library is importable without the CLI::

    from generator import build
    result = build("examples/soendervang-skole.yaml", "out", formats=("docx",))

Names are imported on first use, so `policygen --help` pays for none of them.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline",
    "load_choices": "pipeline",
    "BuildResult": "pipeline",
    "PolicyError": "errors",
    "Problem": "errors",
}

__all__ = ["BuildResult", "PolicyError", "Problem", "__version__", "build", "load_choices"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)

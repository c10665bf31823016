"""policygen: a Danish school's local policy on staff use of social media, from a clause library.

The library is importable without the CLI::

    from generator import build
    result = build("examples/soendervang-skole.yaml", "out", formats=("docx",))

or stage by stage: `load_choices` (the options file and its library), `resolve` (the `Document`),
then any of the writers (`write_docx`, `write_pdf`, `write_html`, `write_markdown`).

Names are imported on first use, so `policygen --help` pays for none of them.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {  # name -> the module (under generator) that defines it
    "build": "pipeline",
    "load_choices": "pipeline",
    "BuildResult": "pipeline",
    "PolicyError": "errors",
    "Problem": "errors",
    "resolve": "compose.resolve",
    "Document": "document",
    "write_docx": "writers.docx.writer",
    "write_pdf": "writers.pdf.writer",
    "write_html": "writers.html",
    "write_markdown": "writers.markdown",
}

__all__ = [
    "BuildResult",
    "Document",
    "PolicyError",
    "Problem",
    "__version__",
    "build",
    "load_choices",
    "resolve",
    "write_docx",
    "write_html",
    "write_markdown",
    "write_pdf",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(name)

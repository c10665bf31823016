"""The library's public names (`import generator`): listed once in `generator.__all__`, each the
function or class its module defines, however it is imported and whatever was imported before."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module
from pathlib import Path

import generator
from tests.conftest import DEFAULTS_EXAMPLE

PUBLIC = {  # name -> the module that defines it
    "build": "generator.pipeline",
    "load_choices": "generator.pipeline",
    "BuildResult": "generator.pipeline",
    "PolicyError": "generator.errors",
    "Problem": "generator.errors",
    "resolve": "generator.compose.resolve",
    "Document": "generator.document",
    "write_docx": "generator.writers.docx.writer",
    "write_pdf": "generator.writers.pdf.writer",
    "write_html": "generator.writers.html",
    "write_markdown": "generator.writers.markdown",
}


def test_all_lists_every_public_name_and_the_version() -> None:
    assert sorted(generator.__all__) == sorted([*PUBLIC, "__version__"])


def test_each_public_name_is_what_its_module_defines() -> None:
    for name, module in PUBLIC.items():
        assert getattr(generator, name) is getattr(import_module(module), name), name


def test_from_generator_import_gives_the_functions_in_a_fresh_process(tmp_path: Path) -> None:
    """`from generator import build` as the README writes it: the function, not a module of that name,
    also when the module that defines it was imported first."""
    names = ", ".join(PUBLIC)
    code = (
        "import sys\n"
        f"from generator import {names}\n"
        f"assert all(not isinstance(value, type(sys)) for value in ({names},)), ({names},)\n"
        "import generator.pipeline\n"
        "from generator import build\n"
        "result = build(sys.argv[1], sys.argv[2], formats=('md',))\n"
        "print(*(path.name for path in result.outputs))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(DEFAULTS_EXAMPLE), "out"], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["soendervang-skole.md"]


def test_the_stages_one_by_one_write_what_build_writes(tmp_path: Path) -> None:
    """`load_choices`, `resolve` and a writer, called from `import generator`, give the file `build` gives."""
    library, choices = generator.load_choices(DEFAULTS_EXAMPLE)
    document = generator.resolve(library, choices)
    assert isinstance(document, generator.Document)
    generator.write_markdown(document, tmp_path / "staged.md")
    built = generator.build(DEFAULTS_EXAMPLE, tmp_path / "built", formats=("md",))
    assert (tmp_path / "staged.md").read_bytes() == built.outputs[0].read_bytes()

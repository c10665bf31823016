"""The stages' import rules (pyproject.toml, [tool.importlinter]) hold, and `lint-imports` would say
so if they did not: each contract is broken on purpose in a copy of the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` over the package under `root`, with the contracts of `root`'s pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )


def test_the_package_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout
    assert result.stdout.count("KEPT") == 6


# (module that gets the wrong import, the import, the contract named as broken, what it names)
WRONG_IMPORTS = [
    ("writers/html.py", "import click", "Only the CLI imports click", "generator.writers.html -> click"),
    ("compose/markup.py", "import docx", "Only the DOCX writer imports python-docx",
     "generator.compose.markup -> docx"),
    ("writers/markdown.py", "import weasyprint", "Only the PDF writer imports WeasyPrint",
     "generator.writers.markdown -> weasyprint"),
    ("frontends/answers.py", "import flask", "Only serve imports Flask", "generator.frontends.answers -> flask"),
    ("document.py", "import generator.frontends.cli", "The stages", "generator.document -> generator.frontends.cli"),
    ("library/model.py", "from generator.compose import resolve", "The stages",
     "generator.library.model -> generator.compose.resolve"),
    ("writers/html.py", "import generator.compose.markup", "The stages",
     "generator.writers.html -> generator.compose.markup"),
    ("compose/citations.py", "import generator.compose.resolve", "No circle between the modules",
     "generator.compose"),
]


@pytest.mark.parametrize(
    ("module", "line", "contract", "names"), WRONG_IMPORTS, ids=[f"{w[0]}: {w[1]}" for w in WRONG_IMPORTS]
)
def test_a_wrong_import_breaks_its_contract(tmp_path: Path, module: str, line: str, contract: str, names: str) -> None:
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    assert lint_imports(tmp_path).returncode == 0  # the copy as it is keeps them all
    target = tmp_path / "generator" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # the wrong import\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken
    assert names in broken

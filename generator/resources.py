"""Where the shipped data is: the clause libraries (`clauses/`) and the templates (`templates/`).

The one module that knows. In the repository both folders sit at the top level, beside
the package; a wheel (and so `pip install .`, `pipx install`, an install from the sdist)
carries them inside the package as `generator/clauses` and `generator/templates`
(`[tool.setuptools.package-dir]` in pyproject.toml maps them there). The installed copy
is found through `importlib.resources`; the checkout's when the package runs from the
repository (an editable install, or `python -m generator` in the checkout).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def shipped_folder(name: str) -> Path:
    """The folder `name` (`clauses` or `templates`): the installed one, else the checkout's.

    Returns an absolute `Path` (the writers hand it to Jinja2 and WeasyPrint as a
    file-system path, so the package must be installed as files, as pip does). Raises
    `FileNotFoundError` naming both places when neither holds it: a broken install.
    """
    package = Path(str(files(__package__)))
    for candidate in (package / name, package.parent / name):
        if candidate.is_dir():
            return candidate.resolve()
    raise FileNotFoundError(f"policygen's {name}/ folder is missing: looked in {package} and {package.parent}")


LIBRARIES_DIR = shipped_folder("clauses")
TEMPLATES_DIR = shipped_folder("templates")

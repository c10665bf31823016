"""The README's set-up: two commands, true as written after a fresh clone, and CI runs the second.

Running them is tests/test_install.py's work (with Debian's own python3); this checks that
the README, scripts/install.sh and .ci/run say the same thing.
"""

from __future__ import annotations

import os
import re

from tests.conftest import ROOT


def readme_setup_commands() -> list[str]:
    """The shell blocks of the README's "Set-up on a fresh machine" section, one command each."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)]


def test_the_readme_gives_two_setup_commands_that_use_the_venv_install_sh_makes() -> None:
    build, tests = readme_setup_commands()
    assert build == "scripts/install.sh && .venv/bin/policygen build examples/soendervang-skole.yaml"
    assert tests == "scripts/install.sh --test && .venv/bin/python -m pytest"
    assert (ROOT / "examples" / "soendervang-skole.yaml").is_file()
    assert os.access(ROOT / "scripts" / "install.sh", os.X_OK)
    install = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    assert 'venv=.venv\n' in install and '-m venv --clear "$venv"' in install


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))
    ]
    assert commands == [readme_setup_commands()[1]]

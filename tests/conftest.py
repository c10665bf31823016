from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from generator.frontends.cli import cli

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis: profile "ci" (the default) for every run; the tests marked slow set their own
# sizes. The example database has an absolute path: tests that change the working folder
# must not find a .hypothesis folder appearing there.
settings.register_profile(
    "ci",
    deadline=None,
    database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    print_blob=True,
)
settings.register_profile("slow", settings.get_profile("ci"))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
DEFAULTS_EXAMPLE = ROOT / "examples" / "soendervang-skole.yaml"


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No locale: the command line speaks the options file's language, else English (a test sets LANG itself)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def options_file(tmp_path: Path) -> Callable[..., Path]:
    """Write an options file from dedented YAML text (or bytes) and return its path."""

    def write(text: str | bytes, name: str = "skole.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run() -> Callable[..., object]:
    """Invoke the CLI in-process; stdout and stderr kept apart."""

    def invoke(*args: str | Path) -> object:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke

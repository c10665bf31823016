"""policygen installed as real Python software: a wheel and an sdist, in a fresh venv outside the checkout.

The clause library and the templates travel inside the package (generator/resources.py); these
tests build both distributions, install them in a new virtual environment in a temporary folder
and build the example school, DOCX and PDF, from another folder, as `pip install .`, `pipx
install` or an install from the sdist would. The index is asked once, for the dependencies'
wheels (pip's cache usually answers); both installs then run with `--no-index`.

Marked `install` (about a minute): CI runs them; `pytest -m "not slow and not install"` skips them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document as read_docx
from pypdf import PdfReader

from tests.conftest import DEFAULTS_EXAMPLE, ROOT

pytestmark = pytest.mark.install

SHIPPED = ("clauses", "templates")
WROTE = (  # the example is Danish, and so is what build says
    "Skrev out/soendervang-skole.docx\nSkrev out/soendervang-skole.pdf\n"
    "Skrev out/soendervang-skole.record.json "
    "(byggeoplysningerne: skabelon, bestemmelser og valg, til `policygen diff`)\n"
)


@dataclass(frozen=True)
class Dists:
    wheel: Path
    sdist: Path
    wheelhouse: Path  # the wheel, every dependency's and setuptools (to build the sdist offline)


def _run(command: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment less anything that could make the checkout importable."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return {**env, **extra}


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=out)  # the sdist, then the wheel from it
    (wheel,) = out.glob("policygen-*.whl")
    (sdist,) = out.glob("policygen-*.tar.gz")
    wheelhouse = out / "wheelhouse"
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", wheelhouse, wheel, "setuptools>=77"], cwd=out)
    return Dists(wheel, sdist, wheelhouse)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("venv") / "v"
    _run([sys.executable, "-m", "venv", folder], cwd=folder.parent)
    return folder


def _shipped_files() -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for name in SHIPPED
        for path in (ROOT / name).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_and_the_sdist_carry_every_file_of_the_library_and_the_templates(dists: Dists) -> None:
    shipped = _shipped_files()
    assert any(name.startswith("clauses/") and name.endswith(".yaml") for name in shipped)
    assert any(name.startswith("templates/fonts/") for name in shipped)
    in_wheel = {name.removeprefix("generator/") for name in zipfile.ZipFile(dists.wheel).namelist()}
    assert shipped - in_wheel == set()
    with tarfile.open(dists.sdist) as tar:
        in_sdist = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert shipped - in_sdist == set()


def _build_the_example_elsewhere(venv: Path, work: Path) -> Path:
    """Install nothing; build the example school with the venv's `policygen` from a folder of its own."""
    school = work / "school"
    school.mkdir()
    shutil.copy(DEFAULTS_EXAMPLE, school / "skole.yaml")
    imported = _run([venv / "bin" / "python", "-c", "import generator; print(generator.__file__)"], cwd=school,
                    env=_clean_env())
    assert Path(imported.strip()).is_relative_to(venv), imported  # the installed copy, not the checkout
    printed = _run([venv / "bin" / "policygen", "build", "skole.yaml", "-o", "out"], cwd=school, env=_clean_env())
    assert printed.endswith(WROTE), printed
    return school / "out"


def _check_outputs(out: Path) -> None:
    docx = read_docx(str(out / "soendervang-skole.docx"))
    assert "Søndervang Skole" in "\n".join(paragraph.text for paragraph in docx.paragraphs)
    pdf = PdfReader(out / "soendervang-skole.pdf")
    assert "Søndervang Skole" in pdf.pages[0].extract_text()
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in pdf.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any(font.startswith("Carlito") for font in fonts), fonts  # the shipped font, from the installed templates


def test_the_wheel_installed_in_a_fresh_venv_builds_the_example_from_another_folder(
    dists: Dists, venv: Path, tmp_path: Path
) -> None:
    _run([venv / "bin" / "pip", "install", "-q", "--no-index", "--find-links", dists.wheelhouse, dists.wheel],
         cwd=tmp_path, env=_clean_env())
    _check_outputs(_build_the_example_elsewhere(venv, tmp_path))


def test_pip_install_dot_in_the_unpacked_sdist_builds_the_example(dists: Dists, venv: Path, tmp_path: Path) -> None:
    with tarfile.open(dists.sdist) as tar:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Debian 12's 3.11.2 predates it
        tar.extractall(tmp_path / "src", **safe)  # type: ignore[arg-type]
    (source,) = (tmp_path / "src").iterdir()
    offline = _clean_env(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(dists.wheelhouse))
    _run([venv / "bin" / "pip", "uninstall", "-q", "-y", "policygen"], cwd=tmp_path, env=offline)
    _run([venv / "bin" / "pip", "install", "-q", "."], cwd=source, env=offline)
    _check_outputs(_build_the_example_elsewhere(venv, tmp_path))


# ---- scripts/install.sh and the README's set-up, with Debian's own python3 ----------------------

DEBIAN_PYTHON = Path("/usr/bin/python3")
PDF_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-crosextra-carlito")


def _debian_python_version() -> str:
    """'3.11' for Debian's /usr/bin/python3; skip where there is none of 3.11+ or install.sh would need apt-get."""
    if not DEBIAN_PYTHON.exists() or shutil.which("dpkg-query") is None:
        pytest.skip("needs Debian's /usr/bin/python3 and dpkg")
    version = _run([DEBIAN_PYTHON, "-c", "import sys; print(*sys.version_info[:2], sep='.')"], cwd=ROOT).strip()
    if tuple(map(int, version.split("."))) < (3, 11):
        pytest.skip(f"Debian's python3 is {version}; policygen needs 3.11")
    missing = [name for name in PDF_PACKAGES if not _installed(name)]
    if missing and os.geteuid() != 0:
        pytest.skip(f"install.sh would install {missing} with sudo apt-get")
    return version


def _installed(package: str) -> bool:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return "install ok installed" in done.stdout


def _fresh_copy(dest: Path) -> Path:
    """The checkout's files as a fresh clone has them (tracked, and new files not ignored): no .venv, no out/."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout")
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def _debian_env(wheelhouse: Path, path: str = "/usr/bin:/bin") -> dict[str, str]:
    """Debian's own interpreter first, as on a fresh machine; pip offline, from the wheels already built."""
    return _clean_env(PATH=path, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheelhouse))


def test_the_readmes_build_command_works_with_debians_python3_in_a_fresh_clone(dists: Dists, tmp_path: Path) -> None:
    _debian_python_version()
    from tests.test_setup_docs import readme_setup_commands

    clone = _fresh_copy(tmp_path / "policygen")
    command = readme_setup_commands()[0]
    done = subprocess.run(["bash", "-c", command], cwd=clone, env=_debian_env(dists.wheelhouse), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Run it as .venv/bin/policygen, or activate the environment first: . .venv/bin/activate\n" in done.stdout
    assert done.stdout.endswith(WROTE), done.stdout
    base = _run([clone / ".venv" / "bin" / "python", "-c", "import sys; print(sys.base_prefix)"], cwd=clone)
    assert base == "/usr\n"  # made by Debian's interpreter, not another one found first on PATH
    _check_outputs(clone / "out")


STUBS = {
    # Debian's python3 before python3.X-venv is installed: no ensurepip, so `-m venv` cannot make a pip
    "python3": """#!/bin/sh
if [ ! -e "$STUB_STATE/venv-installed" ]; then
  case "$*" in
    "-c import ensurepip") echo "ModuleNotFoundError: No module named 'ensurepip'" >&2; exit 1 ;;
    *"-m venv"*) echo "The virtual environment was not created successfully because ensurepip is not available." >&2
      exit 1 ;;
  esac
fi
exec /usr/bin/python3 "$@"
""",
    "dpkg-query": """#!/bin/sh
case "$*" in *-venv) [ -e "$STUB_STATE/venv-installed" ] || exit 1 ;; esac
exec /usr/bin/dpkg-query "$@"
""",
    "apt-get": """#!/bin/sh
echo "$*" >> "$STUB_STATE/apt-get.log"
case "$*" in *install*-venv*) touch "$STUB_STATE/venv-installed" ;; esac
""",
    "sudo": '#!/bin/sh\nexec "$@"\n',
}


def test_install_sh_installs_debians_venv_package_when_python3_cannot_make_a_venv(
    dists: Dists, tmp_path: Path
) -> None:
    version = _debian_python_version()
    stubs, state = tmp_path / "stubs", tmp_path / "state"
    stubs.mkdir()
    state.mkdir()
    for name, text in STUBS.items():
        (stubs / name).write_text(text, encoding="utf-8")
        (stubs / name).chmod(0o755)
    clone = _fresh_copy(tmp_path / "policygen")
    env = {**_debian_env(dists.wheelhouse, f"{stubs}:/usr/bin:/bin"), "STUB_STATE": str(state)}
    done = subprocess.run(["scripts/install.sh"], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"Installing Debian packages: python{version}-venv\n" in done.stdout
    assert (state / "apt-get.log").read_text().splitlines() == [
        "update -qq", f"install -y -qq --no-install-recommends python{version}-venv"
    ]
    assert _run([clone / ".venv" / "bin" / "policygen", "--version"], cwd=tmp_path) == "policygen, version 0.1.0\n"

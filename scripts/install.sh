#!/usr/bin/env bash
# Install policygen and what it needs on a Debian/Ubuntu machine, into a virtual environment .venv/
# in the checkout (Debian 12 and Ubuntu 24.04 refuse `pip install` into the system's Python: PEP 668).
#   scripts/install.sh          the tool (Pango and HarfBuzz for PDF output, fonts, Python packages)
#   scripts/install.sh --test   also the test extras (pytest, pypdf, hypothesis, ruff, pexpect, playwright,
#                               build, jsonschema), pandoc and poppler-utils (to read documents back),
#                               Debian's chromium and axe-core (npm) for the web page's browser and
#                               accessibility tests, LibreOffice (writer, no GUI) and its Python bridge
#                               to open the DOCX as a school would
# Then run .venv/bin/policygen, or activate the environment (. .venv/bin/activate) and run policygen.
# The environment is made with python3 (or $PYTHON), which must be 3.11 or newer; Debian's python3-venv
# (python3.X-venv) is installed when that Python is Debian's and cannot make one. Re-running reuses .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
venv=.venv
required=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-crosextra-carlito)
browser=()  # for the browser and LibreOffice tests only: they skip, saying why, when these could not be installed
extras=""
if [ "${1:-}" = "--test" ]; then
  required+=(pandoc poppler-utils)
  browser+=(chromium libreoffice-writer-nogui python3-uno)
  command -v npm >/dev/null 2>&1 || browser+=(nodejs npm)  # a Node.js that brings its own npm is fine
  extras="[test]"
fi

missing() {
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v "$python" >/dev/null 2>&1; then
  echo "Error: no $python found; install Python 3.11 or newer (Debian: apt-get install python3 python3-venv)" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Error: policygen needs Python 3.11 or newer; $python is $("$python" -V 2>&1)" >&2
  exit 1
fi

# The venv is made (again) when it has no working pip: a venv made before python3-venv was there has none.
# Debian splits venv's ensurepip into python3.X-venv: without it `python3 -m venv` makes a venv with no pip.
make_venv=""
"$venv/bin/python" -m pip --version >/dev/null 2>&1 || make_venv=yes
venv_package=()
if [ -n "$make_venv" ] && ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  if "$python" -c 'import sys; sys.exit(sys.base_prefix != "/usr")' && command -v apt-get >/dev/null 2>&1; then
    venv_package=("python$version-venv")
  else
    echo "Error: $python cannot make a virtual environment (it has no ensurepip); use a Python that can," \
      "e.g. PYTHON=/usr/bin/python3 $0" >&2
    exit 1
  fi
fi

mapfile -t need < <(missing "${required[@]}" "${venv_package[@]}" "${browser[@]}")
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install these system packages with your package manager: ${need[*]}" >&2
  else
    mapfile -t need_required < <(missing "${required[@]}" "${venv_package[@]}")
    [ ${#need_required[@]} -gt 0 ] && apt_install "${need_required[@]}"
    mapfile -t need_browser < <(missing "${browser[@]}")
    if [ ${#need_browser[@]} -gt 0 ]; then
      apt_install "${need_browser[@]}" || echo "Warning: could not install ${need_browser[*]}; the browser and LibreOffice tests will skip" >&2
    fi
  fi
fi

if [ -n "$make_venv" ]; then
  echo "Making a virtual environment in $venv/ with $("$python" -V 2>&1)"
  "$python" -m venv --clear "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".${extras}"

if [ "${1:-}" = "--test" ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/web --no-audit --no-fund --silent \
    || echo "Warning: could not install axe-core; the accessibility test will skip" >&2
fi

echo "policygen is installed in $venv/. Run it as $venv/bin/policygen, or activate the environment first:" \
  ". $venv/bin/activate"

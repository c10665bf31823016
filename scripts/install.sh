#!/usr/bin/env bash
# Install policygen and what it needs on a Debian/Ubuntu machine.
#   scripts/install.sh          the tool (Pango and HarfBuzz for PDF output, fonts, Python packages)
#   scripts/install.sh --test   also the test extras (pytest, pypdf, hypothesis, ruff, pexpect, playwright),
#                               pandoc and poppler-utils (to read documents back), Debian's chromium and
#                               axe-core (npm) for the web page's browser and accessibility tests
set -euo pipefail
cd "$(dirname "$0")/.."

required=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-crosextra-carlito)
browser=()  # for the browser tests only: they skip, saying why, when these could not be installed
extras=""
if [ "${1:-}" = "--test" ]; then
  required+=(pandoc poppler-utils)
  browser+=(chromium)
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

mapfile -t need < <(missing "${required[@]}" "${browser[@]}")
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Please install these system packages with your package manager: ${need[*]}" >&2
  else
    mapfile -t need_required < <(missing "${required[@]}")
    [ ${#need_required[@]} -gt 0 ] && apt_install "${need_required[@]}"
    mapfile -t need_browser < <(missing "${browser[@]}")
    if [ ${#need_browser[@]} -gt 0 ]; then
      apt_install "${need_browser[@]}" || echo "Warning: could not install ${need_browser[*]}; the browser tests will skip" >&2
    fi
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".${extras}"

if [ "${1:-}" = "--test" ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/web --no-audit --no-fund --silent \
    || echo "Warning: could not install axe-core; the accessibility test will skip" >&2
fi

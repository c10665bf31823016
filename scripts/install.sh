#!/usr/bin/env bash
# Install policygen and what it needs on a Debian/Ubuntu machine.
#   scripts/install.sh          the tool (Pango and HarfBuzz for PDF output, fonts, Python packages)
#   scripts/install.sh --test   also the test extras (pytest, pypdf, hypothesis, ruff, pexpect, playwright),
#                               pandoc and poppler-utils (to read documents back), Debian's chromium and
#                               axe-core (npm) for the web page's browser and accessibility tests
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-crosextra-carlito)
extras=""
if [ "${1:-}" = "--test" ]; then
  packages+=(pandoc poppler-utils chromium)
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)  # a Node.js that brings its own npm is fine
  extras="[test]"
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages with your package manager: ${missing[*]}" >&2
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".${extras}"

if [ "${1:-}" = "--test" ] && command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/web --no-audit --no-fund --silent
fi

#!/usr/bin/env bash
# Set up PropDesk on Debian/Ubuntu from a clean clone, then run it or test it.
#   bash packaging/dev.sh run [propdesk args...]   set up and start the GUI
#   bash packaging/dev.sh test                     set up and run every check (what CI runs)
# Installs the system libraries Qt needs, poppler-utils and xvfb (and for the tests LibreOffice
# Calc with a CJK font; apt, with sudo when not
# root), a virtualenv in .venv, and the project with its dev extras.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
shift || true

APT_PACKAGES=(
  python3-venv python3-pip binutils xvfb poppler-utils fontconfig
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-randr0 libxcb-xkb1 libxcb-xinerama0
)
# Only the tests need these: LibreOffice opens every exported ledger as a clerk's spreadsheet
# program would, and prints it to PDF (with a CJK font, so Chinese never shows as boxes).
TEST_APT_PACKAGES=(libreoffice-calc-nogui fonts-wqy-microhei)

install_system_packages() {
  command -v dpkg-query >/dev/null || { echo "(not Debian/Ubuntu: skipping apt packages)"; return; }
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup_venv() {
  local py=${PYTHON:-python3}
  "$py" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ required"'
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  local stamp=.venv/.propdesk-installed
  local want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev]"
    echo "$want" > "$stamp"
  fi
}

if [ "$mode" = test ]; then
  install_system_packages "${APT_PACKAGES[@]}" "${TEST_APT_PACKAGES[@]}"
else
  install_system_packages "${APT_PACKAGES[@]}"
fi
setup_venv

case "$mode" in
  run)
    exec .venv/bin/propdesk "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
    echo "== import-linter"; .venv/bin/lint-imports
    echo "== mypy"; .venv/bin/mypy
    echo "== pytest"; .venv/bin/pytest -q -p no:cacheprovider "$@"
    if [ "${PROPDESK_SKIP_FREEZE:-0}" != "1" ]; then
      echo "== frozen build + --self-check"; bash packaging/build.sh
    fi
    ;;
  *)
    echo "usage: bash packaging/dev.sh run|test" >&2
    exit 2
    ;;
esac

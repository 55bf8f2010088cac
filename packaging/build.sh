#!/usr/bin/env bash
# Build the one-folder bundle build/dist/propdesk/ and prove it works: --self-check, then the
# windowed program opens a new data folder, paints its main window and exits
# (gui --first-paint-exit, offscreen).
# Usage: packaging/build.sh            (from anywhere; PYTHON overrides the interpreter)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-.venv/bin/python}"
DIST="build/dist"
BUNDLE="$DIST/propdesk"

case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) EXE_SUFFIX=".exe" ;;
    *) EXE_SUFFIX="" ;;
esac

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean packaging/propdesk.spec \
    --distpath "$DIST" --workpath build/work
echo "Build took $(($(date +%s) - start)) s"

# The frozen self-check, with a throwaway home and data folder so nothing real is touched.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0
for exe in propdesk-cli propdesk; do
    echo "== $exe --self-check"
    env HOME="$scratch" USERPROFILE="$scratch" APPDATA="$scratch" LOCALAPPDATA="$scratch" \
        XDG_DATA_HOME="$scratch/data" PROPDESK_DATA_DIR="$scratch/data" \
        TMP="$scratch" TEMP="$scratch" TMPDIR="$scratch" QT_QPA_PLATFORM=offscreen \
        "$BUNDLE/$exe$EXE_SUFFIX" --self-check || status=$?
    if [ -n "$EXE_SUFFIX" ]; then
        break # on Windows the GUI exe has no console to print to; propdesk-cli is the test
    fi
done
if compgen -G "$scratch/propdesk-selfcheck-*" >/dev/null; then
    echo "The self-check left its temporary folder behind (files still open?)" >&2
    status=1
fi

# The windowed exe starts: a new data folder, the main window's first painted frame, exit 0
# (1 if the data cannot be opened or no frame comes within 60 s). On Windows it prints
# nothing (no console), but its exit code still counts.
echo "== propdesk gui --first-paint-exit"
gui_status=0
env HOME="$scratch" USERPROFILE="$scratch" APPDATA="$scratch" LOCALAPPDATA="$scratch" \
    XDG_DATA_HOME="$scratch/data" PROPDESK_DATA_DIR="$scratch/data" \
    TMP="$scratch" TEMP="$scratch" TMPDIR="$scratch" QT_QPA_PLATFORM=offscreen \
    "$BUNDLE/propdesk$EXE_SUFFIX" gui --first-paint-exit --data-dir "$scratch/gui-data" ||
    gui_status=$?
if [ "$gui_status" -eq 0 ] && [ ! -f "$scratch/gui-data/propdesk.db" ]; then
    echo "The windowed program exited 0 but created no database" >&2
    gui_status=1
fi

echo "Bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files)"
if [ "$status" -ne 0 ]; then
    echo "FROZEN SELF-CHECK FAILED (exit $status)" >&2
    exit "$status"
fi
if [ "$gui_status" -ne 0 ]; then
    echo "FROZEN WINDOWED START FAILED (gui --first-paint-exit, exit $gui_status)" >&2
    exit "$gui_status"
fi
echo "Frozen self-check and windowed start passed."

#!/usr/bin/env bash
# Regenerate the ILLUSTRATIVE planning layers (dữ liệu minh họa) in maps/ and their
# palette / service-type files in assets/ from the shipped basemap layers.
# Usage (from anywhere):  bash maps/build_planning_layers.sh
# Creates/reuses the virtual environment .tools/planvenv (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="$ROOT/.tools/planvenv"
PY="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  shapely==2.2.0 \
  numpy==2.4.6 \
  pyproj==3.7.2

"$VENV/bin/python" "$HERE/build_planning_layers.py" --maps "$HERE" --assets "$ROOT/assets"

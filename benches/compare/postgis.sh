#!/usr/bin/env bash
# Side-by-side PostGIS benchmark (issue 11, "Measure"): 1 M generated parcels in a local PostGIS table, opened by
# the atlas, by geopandas (read_postgis + sindex) and by GDAL (ogr2ogr to GeoPackage, ogrinfo -so).
#
# Usage (as root, from anywhere):
#   bash benches/compare/postgis.sh [--runs N] [--shape quad|file] [--columns C] [--count N] [--out DIR]
#
#   --runs N     measured runs per tool, interleaved atlas / geopandas / ogr2ogr / ogrinfo / psql COPY
#                (default 3)
#   --shape S    the table's parcels (default quad):
#                  quad  public.parcels, generated server-side with SQL: 5-vertex jittered quadrilaterals
#                  file  public.parcels_file, the file benchmark's parcels (hpatlas-bench-data parcels --seed 1,
#                        21-vertex concave polygons in WGS 84, as in benches/compare/run.sh) loaded with
#                        ogr2ogr into EPSG:9210, with the file's attributes (parcel_id, class, dan_so)
#   --columns C  quad: grid columns of 40 m parcels (default 1250: 1250 x 800 = 1,000,000 parcels; smaller for a
#                quick check of the script)
#   --count N    file: how many parcels (default 1000000; smaller for a quick check of the script)
#   --out DIR    where the results go (default target/bench-data/postgis, or postgis-file for --shape file)
#   HPATLAS=PATH the atlas binary to measure (default target/release/hpatlas). Copy it somewhere private first
#                if other builds may overwrite it while this runs.
#   HPATLAS_BENCH_DATA=PATH  file: the generator (default target/release/hpatlas-bench-data). It runs only when
#                target/bench-data/parcels_<N>.geojson (the file run.sh uses) does not exist yet.
#
# It starts its own throwaway PostgreSQL 15 + PostGIS 3.3 cluster (initdb as the postgres user into a temporary
# folder, listening only on a Unix socket in that folder), generates or loads the table (timed), runs the tools,
# and stops and removes the cluster on exit, also on failure. Nothing generated is kept except the results:
# RESULTS.tsv (tool, metric, value), the generation times, and table.md (medians); and, for --shape file, the
# GeoJSON in target/bench-data/, which run.sh reuses.
#
# Peers: a virtual environment benches/compare/.venv (git-ignored) with pinned geopandas, shapely, pyogrio,
# pyproj, pandas, numpy, psycopg[binary] and SQLAlchemy from the package registry; Debian's gdal-bin (its GDAL has
# the PostgreSQL driver) and postgresql-15-postgis-3 from apt when missing.
#
# When `hpatlas query` does not take a PG: source yet (the reader is being written), the atlas column is
# reported as pending and the peers are measured alone.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUNS=3
SHAPE=quad
COLUMNS=1250
ROWS=800
COUNT=1000000
OUT=
usage="usage: bash benches/compare/postgis.sh [--runs N] [--shape quad|file] [--columns C] [--count N] [--out DIR]"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --shape) SHAPE="$2"; shift 2 ;;
    --columns) COLUMNS="$2"; shift 2 ;;
    --count) COUNT="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
case "$SHAPE" in
  quad) LAYER=parcels; OUT="${OUT:-$ROOT/target/bench-data/postgis}" ;;
  file) LAYER=parcels_file; OUT="${OUT:-$ROOT/target/bench-data/postgis-file}" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
HPATLAS="${HPATLAS:-$ROOT/target/release/hpatlas}"
BENCH_DATA="${HPATLAS_BENCH_DATA:-$ROOT/target/release/hpatlas-bench-data}"
PARCELS_GEOJSON="$ROOT/target/bench-data/parcels_$COUNT.geojson"
PGBIN=/usr/lib/postgresql/15/bin
PORT=55439
DB=bench
TABLE="public.$LAYER"
mkdir -p "$OUT"

# --- tools -------------------------------------------------------------------------------------------------
need_apt=()
[ -x "$PGBIN/initdb" ] || need_apt+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need_apt+=(postgresql-15-postgis-3)
command -v ogr2ogr > /dev/null || need_apt+=(gdal-bin)
command -v projinfo > /dev/null || need_apt+=(proj-bin)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "postgis.sh: missing ${need_apt[*]}; install them (as root)" >&2
    exit 1
  fi
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_apt[@]}"
fi
VENV="$HERE/.venv"
PY="$VENV/bin/python"
[ -x "$PY" ] || "${PYTHON:-python3}" -m venv "$VENV"
"$PY" -m pip install -q --disable-pip-version-check \
  geopandas==1.2.0 shapely==2.2.0 pyogrio==0.13.0 pyproj==3.7.2 pandas==3.1.1 numpy==2.4.6 \
  "psycopg[binary]==3.3.9" SQLAlchemy==2.1.9

# --- the cluster -------------------------------------------------------------------------------------------
CLUSTER="$(mktemp -d /tmp/hpatlas-pgbench.XXXXXX)"
chown postgres:postgres "$CLUSTER"
as_postgres() { runuser -u postgres -- "$@"; }
cleanup() {
  if [ -f "$CLUSTER/data/postmaster.pid" ]; then
    as_postgres "$PGBIN/pg_ctl" -D "$CLUSTER/data" -m fast -w stop > /dev/null 2>&1 || true
  fi
  rm -rf "$CLUSTER"
}
trap cleanup EXIT
as_postgres "$PGBIN/initdb" -D "$CLUSTER/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
# Defaults of PostgreSQL 15 except where it listens; maintenance_work_mem for the GiST build, as a DBA would.
as_postgres "$PGBIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/log" -w start \
  -o "-c listen_addresses='' -c unix_socket_directories=$CLUSTER -p $PORT -c maintenance_work_mem=256MB" > /dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h "$CLUSTER" -p "$PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION postgis"
# PostGIS 3.3's spatial_ref_sys predates EPSG:9210 (VN-2000 / TM-3 105-45): add it from the system's PROJ, as a
# planning office's DBA does, so GDAL and geopandas see the CRS.
if [ "$("${PSQL[@]}" -d "$DB" -tA -c "SELECT count(*) FROM spatial_ref_sys WHERE srid = 9210")" = 0 ]; then
  srtext="$(projinfo -q -o WKT1_GDAL --single-line EPSG:9210)"
  proj4="$(projinfo -q -o PROJ EPSG:9210)"
  "${PSQL[@]}" -d "$DB" -v srtext="$srtext" -v proj4="$proj4" <<'SQL'
INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text) VALUES (9210, 'EPSG', 9210, :'srtext', :'proj4');
SQL
fi

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l; }
# PG connection strings: GDAL's, and the atlas's (GDAL's plus the table).
GDAL_PG="PG:host=$CLUSTER port=$PORT dbname=$DB user=postgres"
ATLAS_PG="$GDAL_PG table=$TABLE"

# --- the parcels -------------------------------------------------------------------------------------------
GEN="$OUT/generation.tsv"
: > "$GEN"
printf 'shape\t%s\ntable\t%s\n' "$SHAPE" "$TABLE" >> "$GEN"
if [ "$SHAPE" = quad ]; then
# A grid of COLUMNS x 800 cells of 40 m from (590000, 2290000) in EPSG:9210 (1250 x 800: 50 x 32 km over
# Hai Phong); each parcel a 36 m quadrilateral whose corners are jittered by up to 2 m; a land-use class code,
# its area, and an approval date (5 % NULL). Seeded: the same table every run.
start=$(now)
"${PSQL[@]}" -d "$DB" -v cols="$COLUMNS" -v rows="$ROWS" <<'SQL'
SELECT setseed(0.11) \gset
CREATE TABLE parcels (
  id integer PRIMARY KEY,
  class_code text NOT NULL,
  area_m2 numeric(10, 2) NOT NULL,
  approved_on date,
  geom geometry(Polygon, 9210) NOT NULL
);
INSERT INTO parcels (id, class_code, area_m2, approved_on, geom)
SELECT id, code, round(ST_Area(g)::numeric, 2), day, g
FROM (
  SELECT i * :rows + j + 1 AS id,
         (ARRAY['ONT','ODT','CXK','DGT','LUC','CLN','NTS','SKC','TMD','DGD'])[1 + floor(random() * 10)::int] AS code,
         CASE WHEN random() < 0.05 THEN NULL ELSE date '2010-01-01' + floor(random() * 5800)::int END AS day,
         ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY[
           ST_MakePoint(cx - 18 + jx1, cy - 18 + jy1),
           ST_MakePoint(cx + 18 + jx2, cy - 18 + jy2),
           ST_MakePoint(cx + 18 + jx3, cy + 18 + jy3),
           ST_MakePoint(cx - 18 + jx4, cy + 18 + jy4),
           ST_MakePoint(cx - 18 + jx1, cy - 18 + jy1)])), 9210) AS g
  FROM (
    SELECT i, j, 590000 + 40 * i + 20 AS cx, 2290000 + 40 * j + 20 AS cy,
           4 * random() - 2 AS jx1, 4 * random() - 2 AS jy1, 4 * random() - 2 AS jx2, 4 * random() - 2 AS jy2,
           4 * random() - 2 AS jx3, 4 * random() - 2 AS jy3, 4 * random() - 2 AS jx4, 4 * random() - 2 AS jy4
    FROM generate_series(0, :cols - 1) AS i, generate_series(0, :rows - 1) AS j
  ) AS cell
) AS parcel;
SQL
printf 'create+insert\t%s\n' "$(since "$start")" >> "$GEN"
else
# The file benchmark's parcels: the GeoJSON run.sh generates and reuses (generated here only when missing, timed
# apart), loaded with GDAL as a planning office would load a delivered file: reprojected to EPSG:9210 (the
# transformation PROJ picks for WGS 84 -> VN-2000), COPY into a new table, GDAL's GiST index.
if [ ! -s "$PARCELS_GEOJSON" ]; then
  if [ ! -x "$BENCH_DATA" ]; then
    echo "postgis.sh: $PARCELS_GEOJSON is missing and $BENCH_DATA does not exist (cargo build --release --bins," \
      "or set HPATLAS_BENCH_DATA)" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$PARCELS_GEOJSON")"
  start=$(now)
  "$BENCH_DATA" parcels --count "$COUNT" --seed 1 --out "$PARCELS_GEOJSON.tmp"
  mv "$PARCELS_GEOJSON.tmp" "$PARCELS_GEOJSON"
  printf 'geojson (hpatlas-bench-data)\t%s\n' "$(since "$start")" >> "$GEN"
fi
start=$(now)
PG_USE_COPY=YES ogr2ogr -f PostgreSQL "$GDAL_PG" "$PARCELS_GEOJSON" -t_srs EPSG:9210 -nln "$LAYER" \
  -nlt POLYGON -lco GEOMETRY_NAME=geom -lco FID=id -lco SPATIAL_INDEX=GIST
printf 'ogr2ogr load (with its GiST index)\t%s\n' "$(since "$start")" >> "$GEN"
fi
if [ "$("${PSQL[@]}" -d "$DB" -tA -c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'
      AND tablename = '$LAYER' AND indexdef ILIKE '%USING gist%'")" = 0 ]; then
  start=$(now)
  "${PSQL[@]}" -d "$DB" -c "CREATE INDEX ${LAYER}_geom_idx ON $TABLE USING gist (geom)"
  printf 'gist index\t%s\n' "$(since "$start")" >> "$GEN"
fi
start=$(now)
"${PSQL[@]}" -d "$DB" -c "ANALYZE $TABLE"
printf 'analyze\t%s\n' "$(since "$start")" >> "$GEN"
"${PSQL[@]}" -d "$DB" -tA -F $'\t' -c "SELECT 'rows', count(*) FROM $TABLE" >> "$GEN"
"${PSQL[@]}" -d "$DB" -tA -F $'\t' -c "SELECT 'vertices', sum(ST_NPoints(geom)) FROM $TABLE" >> "$GEN"
"${PSQL[@]}" -d "$DB" -tA -F $'\t' -c "SELECT 'table bytes', pg_table_size('$TABLE')" >> "$GEN"
"${PSQL[@]}" -d "$DB" -tA -F $'\t' -c "SELECT 'index bytes', pg_indexes_size('$TABLE')" >> "$GEN"
"${PSQL[@]}" -d "$DB" -tA -F $'\t' -c "SELECT 'extent', ST_Extent(geom)::text FROM $TABLE" >> "$GEN"
"${PSQL[@]}" -d "$DB" -c "CHECKPOINT"
echo "generated:" >&2
sed 's/^/  /' "$GEN" >&2
# Every tool reads the same columns: the table's, in order (the quad table's id, class_code, area_m2,
# approved_on, geom; the file table's id, parcel_id, class, dan_so, geom).
COLS="$("${PSQL[@]}" -d "$DB" -tA -c "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
  FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$LAYER'")"
printf 'columns\t%s\n' "$COLS" >> "$GEN"
echo "columns: $COLS" >&2

# --- measuring ---------------------------------------------------------------------------------------------
RESULTS="$OUT/results.tsv"
: > "$RESULTS"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$RESULTS"; echo "  $1 $2: $3" >&2; }
# measure TOOL STDOUT-FILE CMD...: runs CMD under /usr/bin/time -v; records wall_s and rss_kib; fails if CMD does.
measure() {
  local tool="$1" stdout="$2" start wall rss
  shift 2
  start=$(now)
  if ! /usr/bin/time -v -o "$OUT/time-$tool.txt" "$@" > "$stdout" 2> "$OUT/stderr-$tool.txt"; then
    return 1
  fi
  wall=$(since "$start")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time-$tool.txt")
  record "$tool" wall_s "$wall"
  record "$tool" rss_kib "$rss"
}

ATLAS_STATE=pending
if [ -x "$HPATLAS" ]; then ATLAS_STATE=try; fi
GPKG="$CLUSTER/parcels.gpkg"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf 'load average at start\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$GEN"
for run in $(seq "$RUNS"); do
  echo "run $run of $RUNS" >&2
  if [ "$ATLAS_STATE" != pending ]; then
    if measure atlas "$OUT/atlas.json" "$HPATLAS" query "$ATLAS_PG"; then
      ATLAS_STATE=measured
      if ! fields="$("$PY" "$HERE/postgis_peers.py" atlas-json "$OUT/atlas.json")"; then
        echo "postgis.sh: hpatlas query printed no open_and_index_s; see $OUT/atlas.json" >&2
        exit 1
      fi
      IFS=$'\t' read -r seconds first features peak <<< "$fields"
      record atlas seconds "$seconds"
      [ "$first" = - ] || record atlas first_s "$first"
      record atlas features "$features"
      [ "$peak" = - ] || record atlas peak_rss_mib_self "$peak"
    else
      ATLAS_STATE=pending
      echo "  atlas: hpatlas query does not open a PG: source yet (pending): $(head -n 3 "$OUT/stderr-atlas.txt")" >&2
    fi
  fi
  measure geopandas "$OUT/geopandas.json" "$PY" "$HERE/postgis_peers.py" read "$CLUSTER" "$PORT" "$DB" "$TABLE" "$COLS"
  record geopandas seconds "$("$PY" -c 'import json,sys; print(json.load(sys.stdin)["seconds"])' < "$OUT/geopandas.json")"
  read_s="$("$PY" -c 'import json,sys; print(json.load(sys.stdin)["read_s"])' < "$OUT/geopandas.json")"
  record geopandas read_s "$read_s"
  record geopandas first_s "$read_s" # a GeoDataFrame exists only once read_postgis has read every row
  record geopandas features "$("$PY" -c 'import json,sys; print(json.load(sys.stdin)["features"])' < "$OUT/geopandas.json")"
  rm -f "$GPKG"
  measure ogr2ogr /dev/null ogr2ogr -f GPKG "$GPKG" "$GDAL_PG" "$LAYER" -nln parcels
  record ogr2ogr seconds "$(tail -n 2 "$RESULTS" | awk -F'\t' '$2 == "wall_s" {print $3}')"
  record ogr2ogr features "$(ogrinfo -ro -so "$GPKG" parcels | awk -F': ' '/Feature Count/ {print $2}')"
  rm -f "$GPKG"
  measure ogrinfo "$OUT/ogrinfo.txt" ogrinfo -ro -so "$GDAL_PG" "$LAYER"
  record ogrinfo seconds "$(tail -n 2 "$RESULTS" | awk -F'\t' '$2 == "wall_s" {print $3}')"
  # The floor: what the server and the socket take to hand over the same rows in binary, nothing decoded.
  measure copy /dev/null "${PSQL[@]}" -d "$DB" \
    -c "COPY (SELECT $COLS FROM $TABLE) TO STDOUT (FORMAT binary)"
  record copy seconds "$(tail -n 2 "$RESULTS" | awk -F'\t' '$2 == "wall_s" {print $3}')"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf 'load average at end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$GEN"

"$PY" "$HERE/postgis_peers.py" table "$RESULTS" "$GEN" | tee "$OUT/table.md"

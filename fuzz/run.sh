#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 90 s each; FUZZ_SECONDS overrides; FUZZ_TARGETS picks
# targets, default all) with cargo-fuzz on the stable toolchain (RUSTC_BOOTSTRAP=1 lets it pass the sanitizer
# flags), one libFuzzer process at a time. Seeds come from tests/fixtures and hand-made samples
# (make_seeds.py). Each run's output is kept in fuzz/logs/<target>.log (its last lines give executions and
# coverage for RESULTS.md); crashes are left in fuzz/artifacts/<target>/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
export PATH="$PWD/../.tools/cmake/cmake/data/bin:$PATH"
seconds="${FUZZ_SECONDS:-90}"
all_targets="geojson shapefile shp_records dbf text_encoding gpkg_wkb gpkg_file csv_points gpx kml project_file review_file"
targets="${FUZZ_TARGETS:-$all_targets}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

python3 make_seeds.py
mkdir -p logs

status=0
for target in $targets; do
    extra=()
    [ -f "dicts/$target.dict" ] && extra+=("-dict=dicts/$target.dict")
    echo "== fuzzing $target for ${seconds}s"
    if ! cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 "${extra[@]}" 2>&1 | tee "logs/$target.log"; then
        echo "!! $target found a crash (see fuzz/artifacts/$target)" >&2
        status=1
    fi
done
exit "$status"

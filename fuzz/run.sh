#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 90 s each; FUZZ_SECONDS overrides) with cargo-fuzz on the
# stable toolchain (RUSTC_BOOTSTRAP=1 lets it pass the sanitizer flags). Seeds come from tests/fixtures.
# Crashes are left in fuzz/artifacts/<target>/ and make the script fail.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
export PATH="$PWD/../.tools/cmake/cmake/data/bin:$PATH"
seconds="${FUZZ_SECONDS:-90}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

mkdir -p corpus/geojson corpus/shapefile corpus/text_encoding
cp ../tests/fixtures/*.geojson ../tests/fixtures/bad/*.geojson corpus/geojson/ 2>/dev/null || true
for shp in ../tests/fixtures/formats/*.shp ../tests/fixtures/bad/*.shp; do
    base="${shp%.shp}"
    [ -f "$base.shx" ] && [ -f "$base.dbf" ] || continue
    python3 - "$base" corpus/shapefile/"$(basename "$base")" <<'PY'
import struct, sys
base, out = sys.argv[1], sys.argv[2]
shp, shx, dbf = (open(f"{base}.{e}", "rb").read() for e in ("shp", "shx", "dbf"))
if len(shp) < 65536 and len(shx) < 65536:
    open(out, "wb").write(struct.pack("<HH", len(shp), len(shx)) + shp + shx + dbf)
PY
done
cp ../tests/fixtures/formats/*.csv corpus/text_encoding/ 2>/dev/null || true
cp ../tests/fixtures/formats/*.dbf corpus/text_encoding/ 2>/dev/null || true

status=0
for target in geojson shapefile text_encoding; do
    echo "== fuzzing $target for ${seconds}s"
    if ! cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536; then
        echo "!! $target found a crash (see fuzz/artifacts/$target)" >&2
        status=1
    fi
done
exit "$status"

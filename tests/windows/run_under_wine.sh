#!/usr/bin/env bash
# The Windows package checked under Wine (Debian's wine64, Xvfb for the window), as .ci/run does after the
# Linux part: builds dist/hpatlas-<version>-windows-x64.zip with `make windows`, unzips it into a folder
# whose path has Vietnamese letters and spaces (…/Tài liệu/Atlas quy hoạch/), and from another working
# directory runs:
#   --version (both executables); transform, equal to the Linux build's output; info of a TCVN3 Shapefile
#   whose file name has Vietnamese letters, equal to Linux's; convert to GeoPackage and GeoJSON, read back
#   by GDAL's ogrinfo and equal to Linux's conversions; coverage on the shipped layers, equal to Linux's JSON;
#   a project saved and reopened; an error's exit code; a closed output pipe ending quietly; the window
#   starting on the shipped map (the start-up probe) and a screenshot that is not blank.
# The Linux executable compared against is $LINUX_HPATLAS, else $CARGO_TARGET_DIR/release/hpatlas (built
# when missing). Prints the seconds each part took.
#
# Debian's Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Rust's standard library imports and real
# Windows 10/11 have: a shim DLL (tests/windows/process_prng_shim.c) is built and put beside the executables
# in the scratch copy only — never in the zip (checked).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
started=$(date +%s)
step_started=$started
step() {
    local now
    now=$(date +%s)
    echo "   ($((now - step_started)) s)"
    step_started=$now
    echo "== windows: $*"
}
fail() {
    echo "FAILED (windows under Wine): $*" >&2
    exit 1
}

step "tools"
need=()
command -v x86_64-w64-mingw32-gcc-posix >/dev/null 2>&1 || need+=(gcc-mingw-w64-x86-64-posix)
command -v x86_64-w64-mingw32-g++-posix >/dev/null 2>&1 || need+=(g++-mingw-w64-x86-64-posix)
command -v wine >/dev/null 2>&1 || need+=(wine wine64)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v import >/dev/null 2>&1 || need+=(imagemagick)
command -v xwininfo >/dev/null 2>&1 || need+=(x11-utils)
command -v zip >/dev/null 2>&1 || need+=(zip)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
if [ "${#need[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
command -v cmake >/dev/null 2>&1 || make cmake
export PATH="$repo/.tools/cmake/cmake/data/bin:$PATH"

target_dir="${CARGO_TARGET_DIR:-$repo/target}"
linux_hpatlas="${LINUX_HPATLAS:-$target_dir/release/hpatlas}"
if [ ! -x "$linux_hpatlas" ]; then
    step "the Linux build to compare with"
    cargo build --release --locked --bin hpatlas
fi

step "make windows"
make windows
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
name="hpatlas-$version-windows-x64"
zip_path="$repo/dist/$name.zip"
[ -f "$zip_path" ] || fail "make windows did not produce $zip_path"
echo "$zip_path: $(stat -c %s "$zip_path") bytes"
listing="$(unzip -Z1 "$zip_path")"
for member in hpatlas.exe hpatlas-cli.exe maps/haiphong.hpatlas.json assets/zoning_palette.json \
    DOC-GIOI-THIEU.txt licences/CREDITS.txt licences/RUST-CRATES.txt; do
    grep -qx "$name/$member" <<<"$listing" || fail "the zip lacks $member"
done
if grep -qi bcryptprimitives <<<"$listing"; then fail "the Wine-only shim is in the zip"; fi

step "unpack into a Vietnamese path with spaces, build the Wine-only shim"
work="$(mktemp -d /tmp/hpatlas-wine.XXXXXX)"
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
    WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
install="$work/Tài liệu/Atlas quy hoạch"
mkdir -p "$install" "$work/unzipped" "$work/elsewhere" "$work/Dữ liệu thử" "$work/linux"
unzip -q "$zip_path" -d "$work/unzipped"
cp -r "$work/unzipped/$name/." "$install/"
x86_64-w64-mingw32-gcc-posix -O2 -shared -o "$install/bcryptprimitives.dll" \
    tests/windows/process_prng_shim.c tests/windows/process_prng_shim.def -ladvapi32

export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all
# The shim is preferred to any built-in bcryptprimitives; no Mono or Gecko installer prompts.
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree=;mshtml="
step "wine prefix"
wineboot -i >/dev/null 2>&1 || true
wineserver -w

# A Unix path as Windows sees it (Wine maps / to Z:).
win() { printf 'Z:%s' "${1//\//\\}"; }
# The command line of the package, run from a folder that is not the package's.
cli() { (cd "$work/elsewhere" && wine "$install/hpatlas-cli.exe" "$@") | tr -d '\r'; }
same_json() { python3 -c 'import json,sys; a,b=(json.load(open(p,encoding="utf-8")) for p in sys.argv[1:3]); sys.exit(0 if a==b else 1)' "$1" "$2"; }

step "--version"
expected="hpatlas $version"
[ "$(cli --version)" = "$expected" ] || fail "hpatlas-cli.exe --version: $(cli --version)"
gui_version="$(cd "$work/elsewhere" && wine "$install/hpatlas.exe" --version | tr -d '\r')"
[ "$gui_version" = "$expected" ] || fail "hpatlas.exe --version: $gui_version"

step "transform equal to Linux"
win_xy="$(cli transform --from EPSG:4326 --to EPSG:9210 106.6881 20.8449)"
linux_xy="$("$linux_hpatlas" transform --from EPSG:4326 --to EPSG:9210 106.6881 20.8449)"
echo "windows: $win_xy / linux: $linux_xy"
[ "$win_xy" = "$linux_xy" ] || fail "transform: $win_xy (Linux: $linux_xy)"

step "info of a TCVN3 Shapefile with a Vietnamese file name"
shp_stem="$work/Dữ liệu thử/Điểm quy hoạch TCVN3"
for ext in shp shx dbf prj; do cp "tests/fixtures/formats/points_tcvn3.$ext" "$shp_stem.$ext"; done
cli info "$(win "$shp_stem.shp")" --encoding TCVN3 >"$work/info.windows.json"
"$linux_hpatlas" info "$shp_stem.shp" --encoding TCVN3 >"$work/info.linux.json"
same_json "$work/info.windows.json" "$work/info.linux.json" || {
    diff "$work/info.windows.json" "$work/info.linux.json" || true
    fail "info differs from Linux"
}
grep -q '"name": "TCVN3"' "$work/info.windows.json" || fail "info did not read the file as TCVN3"

step "convert to GeoPackage and GeoJSON, read back by ogrinfo"
for ext in gpkg geojson; do
    cli convert "$(win "$shp_stem.shp")" "$(win "$work/Dữ liệu thử/Kết quả.$ext")" --encoding TCVN3
    "$linux_hpatlas" convert "$shp_stem.shp" "$work/linux/Kết quả.$ext" --encoding TCVN3 2>/dev/null
    ogrinfo -ro -al -q "$work/Dữ liệu thử/Kết quả.$ext" >"$work/ogr.windows.$ext.txt" ||
        fail "ogrinfo cannot read the $ext written on Windows"
    ogrinfo -ro -al -q "$work/linux/Kết quả.$ext" >"$work/ogr.linux.$ext.txt"
    grep -q 'OGRFeature' "$work/ogr.windows.$ext.txt" || fail "no feature in the $ext written on Windows"
    diff "$work/ogr.windows.$ext.txt" "$work/ogr.linux.$ext.txt" || fail "the $ext differs from Linux's"
done
grep -q 'Trụ sở Ủy ban nhân dân thành phố Hải Phòng' "$work/ogr.windows.gpkg.txt" ||
    fail "the TCVN3 text did not come through as Unicode"

step "coverage on the shipped layers equal to Linux's JSON"
cli coverage --units "$(win "$install/maps/zoning_illustrative.geojson")" \
    --sites "$(win "$install/maps/digital_sites_illustrative.geojson")" --radius-field radius_m \
    --unit-field zone_id --population-field dan_so >"$work/coverage.windows.json"
"$linux_hpatlas" coverage --units maps/zoning_illustrative.geojson --sites maps/digital_sites_illustrative.geojson \
    --radius-field radius_m --unit-field zone_id --population-field dan_so >"$work/coverage.linux.json"
# Same units, counts and structure; areas agree to 1e-9 relative. They are not bit-identical: PROJ's
# trigonometry comes from msvcrt on Windows and glibc on Linux, which differ in the last bits (measured: at
# most 6e-13 relative on the shipped layers).
python3 - "$work/coverage.windows.json" "$work/coverage.linux.json" <<'PY' || fail "coverage differs from Linux"
import json, sys
windows, linux = (json.load(open(path, encoding="utf-8")) for path in sys.argv[1:3])
worst = 0.0
def compare(a, b, where):
    global worst
    if isinstance(a, float) and isinstance(b, float):
        relative = abs(a - b) / max(abs(a), abs(b), 1e-300)
        worst = max(worst, relative)
        assert relative <= 1e-9, (where, a, b)
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), (where, list(a), b)
        for key in a:
            compare(a[key], b[key], f"{where}/{key}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), (where, len(a), b)
        for index, (x, y) in enumerate(zip(a, b)):
            compare(x, y, f"{where}[{index}]")
    else:
        assert a == b, (where, a, b)
compare(windows, linux, "")
print(f"coverage: equal to Linux's (largest relative difference of an area {worst:.1e})")
PY

step "a project saved and reopened"
saved="$work/Dữ liệu thử/Dự án thử.hpatlas.json"
cli project "$(win "$install/maps/haiphong.hpatlas.json")" --title "Dự án thử Hải Phòng" \
    --save-as "$(win "$saved")" >"$work/project.saved.json"
[ -f "$saved" ] || fail "the project was not saved"
cli project "$(win "$saved")" >"$work/project.reopened.json" || fail "the saved project does not reopen cleanly"
python3 - "$work/project.saved.json" "$work/project.reopened.json" <<'PY' || fail "the reopened project differs"
import json, sys
saved, reopened = (json.load(open(path, encoding="utf-8")) for path in sys.argv[1:3])
assert reopened["title"] == "Dự án thử Hải Phòng", reopened["title"]
for key in ("layers", "loaded_layers", "features", "views", "slides", "pins"):
    assert saved[key] == reopened[key], (key, saved[key], reopened[key])
assert reopened["loaded_layers"] > 0 and not reopened["missing"] and not reopened["problems"], reopened
PY

step "exit codes, errors on stderr, a closed output pipe"
set +e
(cd "$work/elsewhere" && wine "$install/hpatlas-cli.exe" info "$(win "$work/Dữ liệu thử/không có.shp")" \
    >/dev/null 2>"$work/missing.err")
status=$?
set -e
[ "$status" -ne 0 ] || fail "info of a missing file exited with 0"
grep -q '^hpatlas: ' "$work/missing.err" || fail "no one-line error: $(cat "$work/missing.err")"
# `true` exits without reading: by the time Wine has started the program, the pipe has no reader.
set +e
(cd "$work/elsewhere" && wine "$install/hpatlas-cli.exe" info "$(win "$shp_stem.shp")" --encoding TCVN3 \
    2>"$work/pipe.err" | true)
status=$?
set -e
if grep -qi 'panick\|failed printing' "$work/pipe.err"; then fail "a closed pipe: $(cat "$work/pipe.err")"; fi
[ "$status" -eq 0 ] || fail "a closed pipe ended with exit code $status: $(cat "$work/pipe.err")"

step "the window on the shipped map (Xvfb), and a screenshot"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1600x960x24 >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1
probe="$(cd "$work/elsewhere" && HPATLAS_EXIT_AFTER_FIRST_FRAME=1 timeout 300 wine "$install/hpatlas.exe" 2>&1 | tr -d '\r')" ||
    fail "the window did not start: $probe"
grep 'hpatlas startup:' <<<"$probe" || fail "no start-up probe line (the map never finished): $probe"
(cd "$work/elsewhere" && exec wine "$install/hpatlas.exe") >/dev/null 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
    xwininfo -root -tree 2>/dev/null | grep -q 'Atlas Quy' && break
    sleep 1
done
xwininfo -root -tree | grep -q 'Atlas Quy' || fail "no atlas window appeared"
sleep "${WINE_SCREENSHOT_WAIT_S:-15}"
shot="${WINE_SCREENSHOT:-$repo/dist/windows-wine-screenshot.png}"
import -window root "$shot"
kill "$app_pid" 2>/dev/null || true
colours="$(convert "$shot" -format '%k' info:)"
echo "screenshot $shot: $colours colours"
[ "$colours" -gt 200 ] || fail "the screenshot looks blank ($colours colours)"

now=$(date +%s)
echo "   ($((now - step_started)) s)"
echo "== windows under Wine: all checks passed in $((now - started)) s"

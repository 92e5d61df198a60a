#!/usr/bin/env bash
# `make linux`: the Linux release for distribution, dist/hpatlas-<version>-linux-x64.tar.gz:
#   hpatlas           the window and the command line (stripped)
#   hpatlas-cli       the same command line (stripped; kept for scripts shared with the Windows package)
#   maps/ assets/     the shipped Hai Phong project, palettes and fonts (found beside the executables)
#   DOC-GIOI-THIEU.txt, licences/   a short introduction in Vietnamese; credits and licences
# Built with `cargo build --release --locked` (the profile `make run` uses, so the PROJ and GDAL builds are
# shared), then stripped: no debug information, and no test-only crate (egui_kittest and criterion are
# dev-dependencies; the script fails if one of them reaches the executables). Honours CARGO_TARGET_DIR.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
name="hpatlas-$version-linux-x64"
stage="$repo/dist/$name"

cargo build --release --locked --bins
if cargo tree -e normal --prefix none | grep -E '^(egui_kittest|kittest|criterion)[ -]'; then
    echo "a test-only crate (listed above) is a normal dependency of the shipped build" >&2
    exit 1
fi

rm -rf "$stage" "$repo/dist/$name.tar.gz"
mkdir -p "$stage/licences" "$stage/maps" "$stage/assets"
for exe in hpatlas hpatlas-cli; do
    strip -o "$stage/$exe" "$target_dir/release/$exe"
done
cp -r assets/. "$stage/assets/"
find maps -maxdepth 1 -type f \( -name '*.geojson' -o -name '*.json' -o -name '*.md' \) -exec cp {} "$stage/maps/" \;
cp -r maps/licenses "$stage/maps/licenses"
cp packaging/linux/DOC-GIOI-THIEU.txt "$stage/DOC-GIOI-THIEU.txt"
cp packaging/linux/CREDITS.txt "$stage/licences/CREDITS.txt"
python3 packaging/windows/crate_licences.py x86_64-unknown-linux-gnu "hpatlas and hpatlas-cli" \
    >"$stage/licences/RUST-CRATES.txt"

(cd "$repo/dist" && tar -czf "$name.tar.gz" "$name")
for exe in hpatlas hpatlas-cli; do
    echo "$exe: $(stat -c %s "$target_dir/release/$exe") bytes unstripped, $(stat -c %s "$stage/$exe") stripped"
done
echo "dist/$name.tar.gz: $(stat -c %s "$repo/dist/$name.tar.gz") bytes"

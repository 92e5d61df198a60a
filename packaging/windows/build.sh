#!/usr/bin/env bash
# `make windows`: cross-compiles the atlas for 64-bit Windows with Debian's mingw-w64 (posix threads; the
# C++ runtime linked statically) and packs dist/hpatlas-<version>-windows-x64.zip:
#   hpatlas.exe       the window (GUI subsystem: no console window when double-clicked)
#   hpatlas-cli.exe   the same command line as a console program, for cmd.exe, PowerShell and scripts
#   maps/ assets/     the shipped Hai Phong project, palettes and fonts (found beside the executables)
#   DOC-GIOI-THIEU.txt, licences/   a short introduction in Vietnamese; credits and licences
# Needs: rustup target x86_64-pc-windows-gnu, gcc-mingw-w64-x86-64-posix, g++-mingw-w64-x86-64-posix,
# cmake, zip. Honours CARGO_TARGET_DIR.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
# shellcheck source=packaging/windows/env.sh
source packaging/windows/env.sh
target=x86_64-pc-windows-gnu
target_dir="${CARGO_TARGET_DIR:-$repo/target}"

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
name="hpatlas-$version-windows-x64"
stage="$repo/dist/$name"

started=$(date +%s)
# The final link of each executable goes through static-cxx-linker.sh, which links the C++ runtime and
# winpthreads statically (see there). Given to the two binaries only, so the dependencies built with the
# plain linker of env.sh are reused as they are.
for exe in hpatlas hpatlas-cli; do
    cargo rustc --release --locked --target "$target" --bin "$exe" -- \
        -C linker="$repo/packaging/windows/static-cxx-linker.sh"
done
echo "windows build: $(($(date +%s) - started)) s"

rm -rf "$stage" "$repo/dist/$name.zip"
mkdir -p "$stage/licences"
for exe in hpatlas hpatlas-cli; do
    x86_64-w64-mingw32-strip -o "$stage/$exe.exe" "$target_dir/$target/release/$exe.exe"
done
# The executables must need no mingw runtime DLL (libstdc++-6, libgcc_s_seh-1, libwinpthread-1): only
# Windows' own libraries.
imports="$(x86_64-w64-mingw32-objdump -p "$stage/hpatlas.exe" "$stage/hpatlas-cli.exe" | sed -n 's/^\tDLL Name: //p' | sort -u)"
if grep -Ei '^(libstdc|libgcc|libwinpthread)' <<<"$imports"; then
    echo "the Windows executables need mingw runtime DLLs (listed above); they should be linked statically" >&2
    exit 1
fi

# Shipped files, without the scripts that rebuild the maps.
mkdir -p "$stage/maps" "$stage/assets"
cp -r assets/. "$stage/assets/"
find maps -maxdepth 1 -type f \( -name '*.geojson' -o -name '*.json' -o -name '*.md' \) -exec cp {} "$stage/maps/" \;
cp -r maps/licenses "$stage/maps/licenses"
cp packaging/windows/DOC-GIOI-THIEU.txt "$stage/DOC-GIOI-THIEU.txt"
cp packaging/windows/CREDITS.txt "$stage/licences/CREDITS.txt"
python3 packaging/windows/crate_licences.py "$target" >"$stage/licences/RUST-CRATES.txt"

# Windows line endings for the text files a planner opens in Notepad.
for text in "$stage/DOC-GIOI-THIEU.txt" "$stage/licences/"*.txt; do
    sed -i 's/\r*$/\r/' "$text"
done

(cd "$repo/dist" && rm -f "$name.zip" && zip -q -r -9 "$name.zip" "$name")
size=$(stat -c %s "$repo/dist/$name.zip")
echo "dist/$name.zip: $((size / 1024 / 1024)) MiB ($size bytes)"

#!/usr/bin/env bash
# The final link of the Windows executables (packaging/windows/build.sh passes it as `-C linker` to the two
# binaries only): mingw's gcc with the C++ runtime taken from the static archives. The `cc` crate (through
# link-cplusplus, which PROJ and GDAL use) asks for `-lstdc++`, which finds libstdc++-6.dll's import library
# first; naming the archives here puts libstdc++ and winpthreads into the .exe, so no mingw DLL is needed.
# Arguments in a response file (`@file`, used for long command lines) are rewritten the same way.
set -euo pipefail
rewrite() {
    case "$1" in
        -lstdc++) printf '%s\n' -l:libstdc++.a -l:libwinpthread.a ;;
        -lgcc_s) printf '%s\n' -l:libgcc_eh.a ;;
        *) printf '%s\n' "$1" ;;
    esac
}
args=(-static-libgcc -static-libstdc++)
for arg in "$@"; do
    if [[ "$arg" == @* && -f "${arg#@}" ]]; then
        rewritten="${arg#@}.static-cxx"
        while IFS= read -r line || [ -n "$line" ]; do
            rewrite "$line"
        done <"${arg#@}" >"$rewritten"
        args+=("@$rewritten")
    else
        while IFS= read -r piece; do args+=("$piece"); done < <(rewrite "$arg")
    fi
done
exec x86_64-w64-mingw32-gcc-posix "${args[@]}"

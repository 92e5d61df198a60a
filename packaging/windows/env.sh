# Environment for cross-compiling the atlas to x86_64 Windows with Debian's mingw-w64 (posix threads).
# Sourced by packaging/windows/build.sh; `source packaging/windows/env.sh` by hand for a plain
# `cargo build --release --target x86_64-pc-windows-gnu`.
_hpatlas_win_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc-posix
export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++-posix
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc-ar-posix
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc-posix
export CMAKE_TOOLCHAIN_FILE_x86_64_pc_windows_gnu="$_hpatlas_win_dir/mingw-w64-x86_64.cmake"
# The C++ runtime (libstdc++, libgcc, winpthreads) linked statically: the executable needs no mingw DLL.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C target-feature=+crt-static"
unset _hpatlas_win_dir

# CMake toolchain for cross-compiling the bundled C/C++ libraries (PROJ through proj-sys, GDAL through
# gdal-src) to x86_64 Windows with Debian's mingw-w64 (posix thread model, which C++'s std::mutex and
# std::thread need). packaging/windows/env.sh points the cmake crate at this file through
# CMAKE_TOOLCHAIN_FILE_x86_64_pc_windows_gnu, so it applies only to the Windows target, never to the host
# build scripts.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_AR x86_64-w64-mingw32-gcc-ar-posix CACHE FILEPATH "archiver")
set(CMAKE_RANLIB x86_64-w64-mingw32-gcc-ranlib-posix CACHE FILEPATH "ranlib")

# Look for headers and libraries of the target only in the mingw sysroot (and in paths given explicitly),
# never in the Linux host's /usr; programs are the host's.
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# gdal-src 0.3 names the bundled PROJ library `proj.lib` whenever the target family is Windows (the MSVC
# name); proj-sys built with mingw leaves `libproj.a` beside it. Point GDAL at the file that exists.
if(PROJ_LIBRARY MATCHES "/proj\\.lib$" AND NOT EXISTS "${PROJ_LIBRARY}")
    string(REGEX REPLACE "/proj\\.lib$" "/libproj.a" _hpatlas_mingw_proj "${PROJ_LIBRARY}")
    set(PROJ_LIBRARY "${_hpatlas_mingw_proj}" CACHE FILEPATH "PROJ library (mingw name)" FORCE)
endif()

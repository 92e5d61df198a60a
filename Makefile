# The commands of the README. Both bring cmake (needed once, to build PROJ from source through the
# `proj` crate) into .tools/ from PyPI when the machine has none, then call cargo. Tests run in the release
# profile so `make run` and `make test` share one PROJ build. The tests run inside tests/with_postgis.sh,
# which starts throwaway PostgreSQL + PostGIS clusters for them (installing the packages first when run as
# root on a machine without them) and removes them afterwards.

TOOLS_CMAKE := $(CURDIR)/.tools/cmake
ifeq ($(shell command -v cmake 2>/dev/null),)
export PATH := $(TOOLS_CMAKE)/cmake/data/bin:$(PATH)
endif

.PHONY: run test cmake windows linux

run: cmake
	cargo run --release

test: cmake
	tests/with_postgis.sh cargo test --release

# The Windows package dist/hpatlas-<version>-windows-x64.zip, cross-compiled with mingw-w64 (see
# packaging/windows/build.sh for what it needs and holds).
windows: cmake
	packaging/windows/build.sh

# The Linux release for distribution, dist/hpatlas-<version>-linux-x64.tar.gz: stripped executables without
# test-only crates (see packaging/linux/build.sh).
linux: cmake
	packaging/linux/build.sh

cmake:
	@command -v cmake >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check --target "$(TOOLS_CMAKE)" "cmake>=3.28,<5"
	@cmake --version | head -n 1

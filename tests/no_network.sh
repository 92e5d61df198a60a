#!/usr/bin/env bash
# Proves the atlas needs no network: runs the command line (info on every shipped map and on a GPX file,
# coverage on the shipped planning layers, transform, and a headless open of the default project) inside a
# network namespace with no usable interface (`unshare -n`: only a loopback that is down). With --ui it also
# runs the built UI harness tests (tests/ui) in the same kind of namespace.
#
# Usage: tests/no_network.sh [--ui] [PATH/TO/hpatlas]
#   Needs root (or unprivileged user namespaces) and Linux; exits 77 ("skipped") when `unshare -n` is not
#   permitted. The binaries must already be built (`cargo build --release`, `cargo test --release --no-run`).
set -euo pipefail
cd "$(dirname "$0")/.."

run_ui=0
if [ "${1:-}" = "--ui" ]; then
    run_ui=1
    shift
fi
hpatlas="${1:-target/release/hpatlas}"

if ! unshare -n true 2>/dev/null; then
    echo "no_network.sh: skipped: unshare -n is not permitted here (run as root on Linux)" >&2
    exit 77
fi
if [ ! -x "$hpatlas" ]; then
    echo "no_network.sh: $hpatlas: not built (cargo build --release)" >&2
    exit 1
fi

offline() {
    unshare -n -- "$@"
}

echo "== the namespace has no network"
# Every interface but a downed loopback is absent, so no connection can be made.
interfaces=$(offline cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' ' | sort | tr '\n' ' ')
if [ "$interfaces" != "lo " ]; then
    echo "no_network.sh: unexpected interfaces in the namespace: $interfaces" >&2
    exit 1
fi
if offline bash -c 'exec 3<>/dev/tcp/1.1.1.1/53' 2>/dev/null; then
    echo "no_network.sh: a TCP connection succeeded inside the namespace" >&2
    exit 1
fi

echo "== hpatlas info on every shipped map"
for map in maps/*.geojson tests/fixtures/gpx/*.gpx; do
    offline "$hpatlas" info "$map" >/dev/null
    echo "ok  info $map"
done

echo "== hpatlas coverage on the shipped planning layers"
gaps=$(mktemp --suffix=.geojson)
trap 'rm -f "$gaps"' EXIT
offline "$hpatlas" coverage --units maps/zoning_illustrative.geojson \
    --sites maps/digital_sites_illustrative.geojson --radius-field radius_m --unit-field zone_id \
    --population-field dan_so --format csv --gaps "$gaps" | tail -n 1
test -s "$gaps"

echo "== hpatlas transform"
offline "$hpatlas" transform --from EPSG:4326 --to EPSG:9210 106.6881 20.8449

echo "== hpatlas project (headless open of the default project, every layer loaded)"
offline "$hpatlas" project maps/haiphong.hpatlas.json >/dev/null
echo "ok  maps/haiphong.hpatlas.json"

if [ "$run_ui" = 1 ]; then
    echo "== UI harness tests (tests/ui)"
    # Locate the already-built test binary without building or touching the network.
    ui_binary=$(cargo test --release --offline --test ui --no-run --message-format=json 2>/dev/null \
        | python3 -c 'import json,sys
for line in sys.stdin:
    try: message = json.loads(line)
    except ValueError: continue
    if message.get("reason") == "compiler-artifact" and message.get("target", {}).get("name") == "ui" and message.get("executable"):
        print(message["executable"])')
    if [ -z "$ui_binary" ]; then
        echo "no_network.sh: the UI test binary is not built (cargo test --release --no-run)" >&2
        exit 1
    fi
    # The Unix-socket test cluster stays reachable; the TLS cluster is TCP, which the namespace has not
    # (its tests ran in `make test`).
    offline env HPATLAS_TEST_NO_TCP="tests/no_network.sh runs without a network" "$ui_binary" --test-threads=1
fi

echo "== everything works without a network"

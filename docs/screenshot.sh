#!/usr/bin/env bash
# Takes docs/screenshot.png: the release build of the atlas on the shipped Hai Phong map, in a virtual X
# display (Debian packages xvfb and imagemagick). Extra arguments are passed to hpatlas.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${SCREENSHOT:-docs/screenshot.png}"
display=":${SCREENSHOT_DISPLAY:-77}"
Xvfb "$display" -screen 0 1600x960x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 target/release/hpatlas "$@" &
app=$!
sleep "${SCREENSHOT_WAIT:-6}"
DISPLAY="$display" import -window root "$out"
echo "wrote $out"

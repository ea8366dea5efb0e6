#!/usr/bin/env bash
# Install what is missing, build, and start the wall on an embedded broker fed by the simulator.
# Extra arguments go to citybrain, e.g. ./run.sh --snapshot wall.png
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    export QT_QPA_PLATFORM=offscreen
fi
exec "$citybrain_build/bin/citybrain" "$@"

#!/usr/bin/env bash
# Install what is missing, build, and run every test. The exit status is the verdict.
set -euo pipefail
source "$(dirname "$0")/scripts/setup.sh"
export QT_QPA_PLATFORM=offscreen
cd "$citybrain_root"
ctest --preset "$citybrain_preset" -j "$(nproc)" "$@"

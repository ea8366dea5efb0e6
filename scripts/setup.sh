#!/usr/bin/env bash
# Shared by run.sh and test.sh: install the Debian packages that are missing, then configure and
# build incrementally. Sourced, not executed.
set -euo pipefail

citybrain_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
citybrain_preset="${CITYBRAIN_PRESET:-dev}"
citybrain_build="$citybrain_root/build/$citybrain_preset"

citybrain_install_packages() {
    local wanted missing=()
    wanted=$(grep -Ev '^\s*(#|$)' "$citybrain_root/scripts/debian-packages.txt")
    for pkg in $wanted; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "citybrain: installing missing Debian packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "citybrain: run as root or install sudo" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

citybrain_build() {
    cd "$citybrain_root"
    if [ ! -f "$citybrain_build/build.ninja" ]; then
        cmake --preset "$citybrain_preset" >/dev/null
    fi
    cmake --build --preset "$citybrain_preset"
}

citybrain_install_packages
citybrain_build

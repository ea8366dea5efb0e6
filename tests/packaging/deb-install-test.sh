#!/bin/bash
# deb-install-test.sh BUILD_DIR VERSION SOURCE_DIR [CMAKE]
# Builds the Debian package of BUILD_DIR, checks its control data and contents, then installs it with apt-get,
# runs the installed programs from the installed files, and removes it. Installing needs root (CI runs as root
# on a fresh Debian 12); not root fails, unless CITYBRAIN_SKIP_INSTALL_TEST=1 (exit 77: skipped).
set -u -o pipefail
bin=$1 version=$2 src=$3 cmake=${4:-cmake}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

echo "== building the package target of $bin"
"$cmake" --build "$bin" --target package || fail "the package target did not build"
arch=$(dpkg --print-architecture)
deb="$bin/citybrain_${version}_${arch}.deb"
[ -f "$deb" ] || fail "$deb was not written"
echo "package: $deb ($(stat -c %s "$deb") bytes)"

echo "== control data"
info=$(dpkg-deb -I "$deb") || fail "dpkg-deb -I $deb"
echo "$info"
[ "$(dpkg-deb -f "$deb" Package)" = citybrain ] || fail "Package is not citybrain"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
# Every Qt module the QML imports needs its qml6-module-* package (QtQuick.Layouts -> qml6-module-qtquick-layouts),
# and the ones those modules import in turn; dpkg-shlibdeps cannot see any of them.
imports=$(grep -rhoE '^[[:space:]]*import[[:space:]]+Qt[A-Za-z.]*' "$src/qml" | awk '{ print $2 }' | sort -u)
needed="qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript qt6-qpa-plugins libqt6sql6-sqlite"
needed+=" libqt6multimedia6 mosquitto fonts-noto-cjk"
for module in $imports; do
    needed+=" qml6-module-$(tr 'A-Z.' 'a-z-' <<<"$module")"
done
# A library dpkg-shlibdeps must have found: proof that it ran.
needed+=" libqt6quick6 libpaho-mqttpp3-1"
missing=""
for package in $needed; do
    grep -qE "(^|, )$package( |,|$)" <<<"$depends" || missing+=" $package"
done
[ -z "$missing" ] || fail "Depends lacks:$missing (Depends: $depends)"
echo "ok: Depends has $needed"

echo "== contents"
contents=$(dpkg-deb -c "$deb" | awk '{ print $NF }') || fail "dpkg-deb -c $deb"
expected="/usr/bin/citybrain /usr/bin/citybrain-sim /usr/bin/citybrain-mbtiles
/usr/share/applications/cn.gov.xianyang.CityBrain.desktop /usr/share/metainfo/cn.gov.xianyang.CityBrain.metainfo.xml
/usr/share/icons/hicolor/scalable/apps/cn.gov.xianyang.CityBrain.svg
/usr/share/man/man1/citybrain.1 /usr/share/man/man1/citybrain-sim.1 /usr/share/man/man1/citybrain-mbtiles.1
/usr/share/citybrain/citybrain.ini.sample /usr/share/citybrain/checklists/response-checklists.json
/usr/share/citybrain/rules/default-rules.json /usr/share/doc/citybrain/README.md"
for layout in "$src"/resources/layouts/*.json; do expected+=" /usr/share/citybrain/layouts/$(basename "$layout")"; done
for doc in "$src"/docs/*.md; do expected+=" /usr/share/doc/citybrain/$(basename "$doc")"; done
missing=""
for file in $expected; do
    grep -qxF ".$file" <<<"$contents" || missing+=" $file"
done
[ -z "$missing" ] || fail "the package lacks:$missing"
echo "ok: the package holds all $(wc -w <<<"$expected") expected files"

echo "== install, run, remove"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    reason="installing the package needs root and apt-get (uid $(id -u))"
    if [ "${CITYBRAIN_SKIP_INSTALL_TEST:-}" = 1 ]; then
        echo "SKIP: $reason; CITYBRAIN_SKIP_INSTALL_TEST=1"
        exit 77
    fi
    fail "$reason. Run the test as root (as CI does), or set CITYBRAIN_SKIP_INSTALL_TEST=1 to skip this part."
fi

work=$(mktemp -d /tmp/citybrain-deb-test.XXXXXX)
cleanup() {
    if dpkg -s citybrain >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get remove -y citybrain >/dev/null 2>&1
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --reinstall: a run that was killed may have left this version installed.
DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall --no-install-recommends "$deb" \
    || fail "apt-get install $deb"

# Away from the source and build trees, with a fresh home: only the installed files are used.
cd "$work" || fail "cd $work"
export HOME=$work/home XDG_RUNTIME_DIR=$work/run QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" && mkdir -m 0700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY

printed=$(/usr/bin/citybrain --version) || fail "/usr/bin/citybrain --version exited non-zero"
[ "$printed" = "citybrain $version" ] || fail "/usr/bin/citybrain --version printed '$printed', not 'citybrain $version'"
echo "ok: --version prints '$printed'"

timeout 300 /usr/bin/citybrain --self-test || fail "/usr/bin/citybrain --self-test failed (exit $?)"
echo "ok: --self-test"

png=$work/x.png
timeout 300 /usr/bin/citybrain --snapshot "$png" --snapshot-after 6 --size 1280x720 --db "$work/citybrain.sqlite" \
    || fail "/usr/bin/citybrain --snapshot failed (exit $?)"
[ -f "$png" ] || fail "no snapshot at $png"
size=$(stat -c %s "$png")
[ "$size" -gt 20480 ] || fail "the snapshot is only $size bytes (an empty wall?)"
echo "ok: snapshot of $size bytes from the installed files"

cd / || fail "cd /"
DEBIAN_FRONTEND=noninteractive apt-get remove -y citybrain || fail "apt-get remove citybrain"
for program in citybrain citybrain-sim citybrain-mbtiles; do
    [ ! -e /usr/bin/$program ] || fail "/usr/bin/$program is still there after apt-get remove"
done
echo "ok: removed"

#!/bin/bash
# check-man-pages.sh MAN PROGRAM [MAN PROGRAM ...]
# Each man page renders without a groff warning and names every long option of the program's --help.
set -u
status=0
while [ $# -ge 2 ]; do
    page=$1 program=$2
    shift 2
    name=$(basename "$page")
    warnings=$(LC_ALL=C.UTF-8 groff -ww -b -man -z "$page" 2>&1)
    if [ -n "$warnings" ]; then
        echo "FAIL: $name renders with warnings:" >&2
        echo "$warnings" >&2
        status=1
    fi
    if ! help=$("$program" --help 2>&1); then
        echo "FAIL: $program --help exited non-zero" >&2
        status=1
        continue
    fi
    # Plain text without hyphenation, so an option is never split across lines.
    text=$(LC_ALL=C.UTF-8 groff -man -Tascii -rHY=0 -P-cbou "$page" 2>/dev/null)
    documented=$(grep -oE -- '--[a-z][a-z0-9-]*[a-z0-9]' <<<"$text" | sort -u)
    offered=$(grep -oE -- '--[a-z][a-z0-9-]*[a-z0-9]' <<<"$help" | sort -u)
    if [ -z "$offered" ]; then
        echo "FAIL: no long option found in $program --help" >&2
        status=1
        continue
    fi
    missing=$(comm -23 <(echo "$offered") <(echo "$documented"))
    if [ -n "$missing" ]; then
        echo "FAIL: $name does not mention these options of $(basename "$program") --help:" >&2
        echo "$missing" >&2
        status=1
    else
        echo "ok: $name mentions all $(wc -l <<<"$offered") long options of $(basename "$program") --help"
    fi
done
exit $status

#!/bin/bash
# check-ini-sample.sh APPCONFIG_CPP SAMPLE_INI
# Every key the config reader accepts ("section/key" literals, and sla/p1..p4_<milestone>_seconds) appears in
# the sample, commented out as ";key = ..." below its [section] header.
set -u
source=$1 sample=$2
keys=$(grep -oE 'QStringLiteral\("[a-z_]+/[a-z0-9_]+"\)' "$source" | sed -E 's/.*"(.*)".*/\1/' | sort -u)
for milestone in $(grep -oE '\{ "[a-z_]+", &config->sla' "$source" | sed -E 's/\{ "([a-z_]+)".*/\1/'); do
    for p in 1 2 3 4; do keys+=$'\n'"sla/p${p}_${milestone}_seconds"; done
done
if [ "$(wc -l <<<"$keys")" -lt 30 ]; then
    echo "FAIL: found only $(wc -l <<<"$keys") keys in $source; has the reader changed shape?" >&2
    exit 1
fi
present=$(awk '/^\[[a-z_]+\]/ { section = substr($0, 2, length($0) - 2); next }
               /^;[a-z0-9_]+ *=/ { key = $0; sub(/^;/, "", key); sub(/ *=.*/, "", key); print section "/" key }' \
          "$sample" | sort -u)
missing=$(comm -23 <(sort -u <<<"$keys") <(echo "$present"))
unknown=$(comm -13 <(sort -u <<<"$keys") <(echo "$present"))
status=0
if [ -n "$missing" ]; then
    echo "FAIL: keys missing from $(basename "$sample"):" >&2; echo "$missing" >&2; status=1
fi
if [ -n "$unknown" ]; then
    echo "FAIL: keys in $(basename "$sample") that the reader does not know:" >&2; echo "$unknown" >&2; status=1
fi
[ $status -eq 0 ] && echo "ok: $(wc -l <<<"$present") keys documented"
exit $status

#!/usr/bin/env bash
# Outcomes at a million responses: generator, outcomes page time, export time and peak memory.
# Usage: scripts/bench-outcomes.sh [COUNT]   (default 1000000; needs a release build:
#        cargo build --release --bin inspraak). Figures go to stdout; docs/benchmarks.md records a
#        run. SQLite in a fresh temporary data directory.
#        BASELINE_BIN=/path/to/older/inspraak also runs every export with that binary, on the same
#        database, right after ours, and says whether the two files are byte-identical.
set -euo pipefail
COUNT=${1:-1000000}
BIN=${BIN:-target/release/inspraak}
DIR=$(mktemp -d)
PORT=${PORT:-18931}
export INSPRAAK_DATA_DIR="$DIR" INSPRAAK_LISTEN="127.0.0.1:$PORT" RUST_LOG=warn
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
SERVER=

"$BIN" demo >/dev/null
# Consultation 1: the demo's 2020 consultation, outcome published. 2: the 2026 one, empty.
echo "== generate $COUNT responses into consultation 1"
/usr/bin/time -f "generate: %e s, max RSS %M KiB" "$BIN" generate-responses --consultation 1 --count "$COUNT" --seed 42

echo "== outcomes page (public, 1 + $COUNT responses)"
"$BIN" serve >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT/processen/actieplan-open-overheid-2020-2022/uitkomsten/1"
curl -sf "$URL" | grep -o '<dd class="responses-count">[0-9]*</dd>'
for _ in $(seq 1 30); do curl -s -o /dev/null -w '%{time_total}\n' "$URL"; done | sort -n | awk '{a[NR]=$1} END {printf "page: median %.1f ms, max %.1f ms over %d requests\n", a[int((NR+1)/2)]*1000, a[NR]*1000, NR}'
echo "server RSS after page views: $(grep VmRSS /proc/$SERVER/status)"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=

for format in csv ods xlsx json; do
  for bin in "$BIN" ${BASELINE_BIN:+"$BASELINE_BIN"}; do
    label=$([ "$bin" = "$BIN" ] && echo "$format" || echo "$format baseline binary")
    /usr/bin/time -f "$label, empty consultation: %e s, max RSS %M KiB" "$bin" export --consultation 2 --format "$format" -o "$DIR/empty.$format" >/dev/null
    /usr/bin/time -f "$label export: %e s (user %U s, sys %S s), max RSS %M KiB" "$bin" export --consultation 1 --format "$format" -o "$DIR/all-$([ "$bin" = "$BIN" ] && echo new || echo old).$format" >/dev/null
  done
  echo "$format size: $(du -h "$DIR/all-new.$format" | cut -f1)"
  if [ -n "${BASELINE_BIN:-}" ]; then
    cmp -s "$DIR/all-new.$format" "$DIR/all-old.$format" && echo "$format: identical to the baseline's" || echo "$format: DIFFERS from the baseline's"
  fi
  rm -f "$DIR/all-new.$format" "$DIR/all-old.$format"
done

#!/usr/bin/env bash
# Measures what a newcomer feels: a cold build, the binary's size, the time
# from `tajrobe demo` to its first served page, and the idle memory after.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18089}
cache=$(mktemp -d)
bin=$(mktemp -d)/tajrobe
trap 'rm -rf "$cache" "$(dirname "$bin")"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT

start=$(date +%s.%N)
GOCACHE="$cache" go build -o "$bin" ./cmd/tajrobe
build=$(echo "$(date +%s.%N) - $start" | bc)
size=$(stat -c %s "$bin")

start=$(date +%s.%N)
"$bin" demo --addr "127.0.0.1:$port" --log-level warn >/dev/null 2>&1 &
pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.02; done
first=$(echo "$(date +%s.%N) - $start" | bc)
sleep 5
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")

printf 'cold go build:          %.1f s\n' "$build"
printf 'binary size:            %.1f MB\n' "$(echo "$size / 1000000" | bc -l)"
printf 'demo to first page:     %.2f s\n' "$first"
printf 'idle RSS after demo:    %.1f MB\n' "$(echo "$rss / 1024" | bc -l)"

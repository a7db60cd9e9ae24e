#!/usr/bin/env bash
# The real-SDK test: build tajrobe, start it on a fresh database with
# "tajrobe init --json" and "tajrobe serve", send every Segment call with the
# unmodified @segment/analytics-node from npm (version pinned in
# package.json and package-lock.json), and verify through the API that the
# events were stored. Runs on SQLite, and on PostgreSQL too when
# TAJROBE_TEST_POSTGRES is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "${schema:-}" ]; then psql "$TAJROBE_TEST_POSTGRES" -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "building tajrobe"
(cd "$root" && go build -o "$work/tajrobe" ./cmd/tajrobe)
echo "installing the SDK from npm"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# sdk_test DB runs the SDK against a fresh server on database DB.
sdk_test() {
  local db="$1" port keys url
  keys="$("$work/tajrobe" init --db "$db" --json --language en)"
  port="$(free_port)"
  url="http://127.0.0.1:$port"
  "$work/tajrobe" serve --db "$db" --addr "127.0.0.1:$port" --log-level warn &
  pids+=($!)
  for _ in $(seq 1 100); do curl -fs "$url/healthz" >/dev/null && break; sleep 0.1; done
  TAJROBE_URL="$url" \
  TAJROBE_WRITE_KEY="$(node -e 'console.log(JSON.parse(process.argv[1]).write_key)' "$keys")" \
  TAJROBE_SECRET_KEY="$(node -e 'console.log(JSON.parse(process.argv[1]).secret_key)' "$keys")" \
    node "$here/sdk-test.mjs"
}

echo "== SDK against SQLite"
sdk_test "$work/sqlite/tajrobe.db"

if [ -n "${TAJROBE_TEST_POSTGRES:-}" ]; then
  echo "== SDK against PostgreSQL"
  schema="sdk_$(date +%s)_$$"
  psql "$TAJROBE_TEST_POSTGRES" -qc "CREATE SCHEMA $schema"
  sep='?'; case "$TAJROBE_TEST_POSTGRES" in *\?*) sep='&';; esac
  sdk_test "${TAJROBE_TEST_POSTGRES}${sep}search_path=$schema"
fi

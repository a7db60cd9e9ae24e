#!/usr/bin/env bash
# End-to-end tests of the console: the real binary, started with
# `tajrobe demo`, driven in headless Chromium. Installs Debian's chromium
# when it is missing; TAJROBE_E2E=1 makes a missing browser a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium"
  apt-get update
  apt-get install -y chromium
fi

TAJROBE_E2E=1 go test -count=1 ./internal/web/e2e/...

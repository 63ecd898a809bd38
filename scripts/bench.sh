#!/usr/bin/env bash
# The weight benchmark (not a test): builds the release, serves the demo on a scratch
# database and measures the respondent pages in Chromium. Figures go to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
./scripts/release.sh
data=$(mktemp -d)
trap 'kill "$server" 2>/dev/null; rm -rf "$data"' EXIT
DATABASE_URL="sqlite:$data/bench.db" SAMENSPRAAK_ADDR=127.0.0.1:3322 RUST_LOG=warn \
  ./target/release/samenspraak serve --demo >/dev/null &
server=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:3322/healthz >/dev/null && break; sleep 0.2; done
(cd end2end && node bench/weight.mjs http://127.0.0.1:3322 verzm26j)

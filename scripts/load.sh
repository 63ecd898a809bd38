#!/usr/bin/env bash
# The load benchmark (not a test): the release binary on a scratch SQLite database (or the
# PostgreSQL database in LOAD_DATABASE_URL, which it fills), the real no-JS respondent flow
# at concurrency 1, 8, 64 and 500 (LOAD_SECONDS each, default 10), then a check that every
# acknowledged flow's marker is stored exactly once. Figures go to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
./scripts/release.sh
cargo bench --features ssr --bench load --no-run 2>/dev/null
load=$(ls -t target/release/deps/load-* | grep -v '\.d$' | head -1)
data=$(mktemp -d)
url="${LOAD_DATABASE_URL:-sqlite:$data/load.db}"
trap 'kill "$server" 2>/dev/null; rm -rf "$data"' EXIT
# The load generator starts thousands of flows a minute on one link: no start limit here.
DATABASE_URL="$url" SAMENSPRAAK_ADDR=127.0.0.1:3333 SAMENSPRAAK_STARTS_PER_LINK_PER_MINUTE=0 RUST_LOG=warn \
  ./target/release/samenspraak serve --demo >/dev/null 2>"$data/server.log" &
server=$!
for _ in $(seq 100); do curl -sf http://127.0.0.1:3333/healthz >/dev/null && break; sleep 0.2; done
markers="$data/markers.txt"
: >"$markers"
for c in 1 8 64 500; do
  "$load" http://127.0.0.1:3333 verzm26j "$c" "${LOAD_SECONDS:-10}" "$server"
  cat target/load-markers.txt >>"$markers"; echo >>"$markers"
done
acknowledged=$(grep -c . "$markers" || true)
# A flow writes its marker into every open answer: one marker per response counts once.
per_response() {
  DATABASE_URL="$url" ./target/release/samenspraak responses verzm26j \
    | perl -ne 'my %m; $m{$1} = 1 while /(lastmeting \d+ \d+ \d+)/g; print "$_\n" for keys %m'
}
stored=$(per_response | sort | uniq -c | awk '$1 == 1' | wc -l)
twice=$(per_response | sort | uniq -d | wc -l)
echo "acknowledged flows: $acknowledged; markers stored once: $stored; stored twice: $twice"

#!/usr/bin/env bash
# The release build every command uses: the site and server with cargo-leptos, then the
# site's files bundled into the binary (one file and the database are an installation).
# Expects scripts/setup.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build --release --precompress
./target/release/samenspraak bundle --out target/release/samenspraak

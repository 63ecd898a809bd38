#!/usr/bin/env bash
# Installs what is missing, builds the release and serves Samenspraak with the demo project.
# The demo links are printed before the server starts. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build --release --precompress
# The site's files go into the binary itself: one file (and the database) is an installation.
./target/release/samenspraak bundle --out target/release/samenspraak
exec ./target/release/samenspraak serve --demo "$@"

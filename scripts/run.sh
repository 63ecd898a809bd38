#!/usr/bin/env bash
# Installs what is missing, builds the release and serves Samenspraak with the demo project.
# The demo links are printed before the server starts. Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
./scripts/release.sh
exec ./target/release/samenspraak serve --demo "$@"

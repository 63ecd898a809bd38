#!/usr/bin/env bash
# Every check and test: formatting, clippy (server and browser), unit, storage and HTTP tests
# (SQLite always, PostgreSQL too when TEST_DATABASE_URL is set), then the release build in
# Debian's Chromium with Playwright and axe-core, with and without JavaScript.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check

step "clippy: server"
cargo clippy --features ssr --all-targets -- -D warnings

step "clippy: browser (wasm)"
cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

step "unit, storage and HTTP tests${TEST_DATABASE_URL:+ (with PostgreSQL)}"
cargo test --features ssr

step "release build"
./scripts/release.sh

step "end to end: Chromium at phone size, with and without JavaScript"
(cd end2end && npx playwright test)
